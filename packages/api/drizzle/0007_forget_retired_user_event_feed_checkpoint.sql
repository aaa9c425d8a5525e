-- The user event feed's subscription is now UserEventFeedReadModel_v1 (ADR 0013), which rebuilds the feed from the
-- log start. The checkpoint and parked events of the id it replaces would otherwise be listed forever as "no longer defined".
-- The event store's tables exist wherever the app runs (it migrates them first); a database holding read models only has none to clean.
DO $$
BEGIN
  IF to_regclass('es_subscriptions') IS NOT NULL THEN
    DELETE FROM es_parked_events WHERE subscription_id = 'UserEventFeed_ReadModel_v1';
    DELETE FROM es_subscriptions WHERE subscription_id = 'UserEventFeed_ReadModel_v1';
  END IF;
END
$$;
