-- Rate-limit counters are now keyed by the SHA-256 of their subject (shared/rate-limits/rate-limits.ts): the subjects of the
-- resend, password-reset and login limits hold an email address, which an erasure must not leave behind in a key. The
-- counters keyed by plain subjects would never be read again; they are dropped (every window is at most an hour, so the
-- limits start afresh once, at this deployment).
DELETE FROM rate_limits;
