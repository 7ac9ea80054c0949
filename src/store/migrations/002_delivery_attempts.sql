-- When a delivery of a ledger row was started. A row still `pending` with an attempt recorded was
-- interrupted mid-delivery: channels that cannot safely resend (Sailthru, SMTP) mark it unknown.
ALTER TABLE messages ADD COLUMN attempted_at INTEGER;
