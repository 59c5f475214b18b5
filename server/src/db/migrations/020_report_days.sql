-- A public report's submission is kept to the day (issue 22, item 4): the reporter page promises
-- "only the day", yet the receive transition and the audit events kept the millisecond. Events the
-- reporter causes are now written at midnight Beijing time of their day and marked day_only, so
-- pages show the day alone. Existing receive transitions are cut to their day here; existing audit
-- events cannot be (the hash chain covers their time), see the README.
ALTER TABLE report_transitions ADD COLUMN day_only boolean NOT NULL DEFAULT false;
ALTER TABLE audit_events ADD COLUMN day_only boolean NOT NULL DEFAULT false;
UPDATE report_transitions
  SET at = (date_trunc('day', at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'), day_only = true
  WHERE action = 'receive' AND actor = 'public';
