-- Email-address reservation streams were named by the address itself (`EmailAddressReservation_<address>`), which put the
-- address in es_events.stream_name, out of reach of any erasure. They are now named by the SHA-256 (hex) of the normalized
-- address (emailAddressDigest in module/shared/email-address.ts); this renames the streams already stored, the one structural
-- change to the log the app makes (ADR 0020). Stream ids were stored normalized, so the digest of the id is the new id.
-- A name that is already a digest (64 hex digits; an address always holds an `@`) is left alone.
-- The event store's tables exist wherever the app runs (it migrates them first); a database holding read models only has none.
DO $$
BEGIN
  IF to_regclass('es_events') IS NOT NULL THEN
    UPDATE es_events
    SET stream_name = 'EmailAddressReservation_' || encode(sha256(convert_to(substr(stream_name, length('EmailAddressReservation_') + 1), 'UTF8')), 'hex')
    WHERE category = 'EmailAddressReservation' AND stream_name !~ '^EmailAddressReservation_[0-9a-f]{64}$';
  END IF;
END
$$;
