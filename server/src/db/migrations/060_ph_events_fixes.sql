-- 突发公共卫生事件 (issue 28, events part), review fixes: event numbers (PHE-<year>-<serial>) come
-- from a counter per Beijing year that does not depend on what the caller's scope can see (the
-- number is unique across the database). Seeded from the numbers already given. Owner: events.

CREATE TABLE ph_event_serials (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

INSERT INTO ph_event_serials (year, last)
SELECT substring(number FROM 5 FOR 4)::int, max(substring(number FROM 10)::int)
  FROM ph_events
 WHERE number ~ '^PHE-[0-9]{4}-[0-9]+$'
 GROUP BY 1;

GRANT SELECT, INSERT, UPDATE ON ph_event_serials TO taishan_app;
