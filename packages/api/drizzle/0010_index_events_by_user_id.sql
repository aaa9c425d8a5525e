-- GET /users/me/export finds the streams of a user's events by the user id their data names (`data->>'userId'`, never
-- encrypted: it says whose key encrypts the rest); without this index each export would scan the whole log. Mails stored
-- before mails named their user (EmailMessageWasSent at schema version 1) name only their recipient, in plaintext: the
-- partial index finds them by address. Indexes on the event store's table, built by the app because only the app knows
-- what its events hold (ADR 0020).
-- The event store's tables exist wherever the app runs (it migrates them first); a database holding read models only has none.
DO $$
BEGIN
  IF to_regclass('es_events') IS NOT NULL THEN
    CREATE INDEX IF NOT EXISTS es_events_data_user_id_idx ON es_events ((data->>'userId'));
    CREATE INDEX IF NOT EXISTS es_events_unattributed_mail_recipient_idx ON es_events (lower(data->>'to'))
      WHERE type = 'EmailMessageWasSent' AND schema_version = 1;
  END IF;
END
$$;
