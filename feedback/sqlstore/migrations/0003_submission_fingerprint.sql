-- submission_fingerprint holds feedback.Submission.Fingerprint of the
-- submission that made the case. When an idempotency key comes again, the
-- store compares it: the same fingerprint is a retry and gets the stored
-- case; another is feedback.ErrKeyReused, so that a key alone never gives
-- out someone else's receipt token. Cases stored before this column have
-- the empty fingerprint, which no submission has: a key of theirs sent
-- again is refused as reused.
ALTER TABLE cases ADD COLUMN submission_fingerprint TEXT NOT NULL DEFAULT '';
