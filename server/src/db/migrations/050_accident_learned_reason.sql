-- Why the unit's principal learned of an accident an hour or more after it happened (issue 25
-- follow-up): the unit's one-hour deadline runs from learned_at, so a late learned_at without a
-- reason would quietly excuse a late report.
ALTER TABLE accidents ADD COLUMN learned_reason text;
