-- Search and filters at regulator scale (issue 22, item 17).

-- Hazards of a county by the moment they were found: the list filtered by a date range or sorted
-- newest first, and the dashboard's 整改率 (hazards found in a period). INCLUDE: every column the
-- row-level policy and the rate read, so the period's counts stay index-only scans.
CREATE INDEX hazards_county_created_idx ON hazards (county_code, created_at, id)
  INCLUDE (region_code, enterprise_id, industry_code, status, closed_at, deadline);

-- Hazards of a county by deadline, closed ones too (the open ones have their own partial indexes):
-- the dashboard's 按期整改率 (hazards whose deadline fell in a period).
CREATE INDEX hazards_county_deadline_idx ON hazards (county_code, deadline)
  INCLUDE (region_code, enterprise_id, industry_code, status, closed_at);

-- The audit log filtered by who, what and when, newest first.
CREATE INDEX audit_events_actor_idx ON audit_events (actor_name, seq);
CREATE INDEX audit_events_action_idx ON audit_events (action, seq);
CREATE INDEX audit_events_at_idx ON audit_events (at);
