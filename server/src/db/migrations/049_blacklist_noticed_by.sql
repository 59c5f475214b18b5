-- Four eyes on the serious-discredit list (issue 26 follow-up): an entry proposed by the rules
-- has no proposer, so the one who sent the 告知 is recorded and may not also decide. Existing
-- entries take the notifier from their trail.
ALTER TABLE credit_blacklist_entries ADD COLUMN noticed_by uuid REFERENCES users (id);
UPDATE credit_blacklist_entries e SET noticed_by = (
  SELECT ev.actor_id FROM credit_blacklist_events ev
  WHERE ev.entry_id = e.id AND ev.action = 'notify' ORDER BY ev.at DESC LIMIT 1
);
