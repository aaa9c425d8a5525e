-- GET /users/me/export finds the streams of a user's events by the user id their data names (`data->>'userId'`, never
-- encrypted: it says whose key encrypts the rest); without this index each export would scan the whole log. An index on
-- the event store's table, built by the app because only the app knows its events name their user this way (ADR 0020).
-- The event store's tables exist wherever the app runs (it migrates them first); a database holding read models only has none.
DO $$
BEGIN
  IF to_regclass('es_events') IS NOT NULL THEN
    CREATE INDEX IF NOT EXISTS es_events_data_user_id_idx ON es_events ((data->>'userId'));
  END IF;
END
$$;
