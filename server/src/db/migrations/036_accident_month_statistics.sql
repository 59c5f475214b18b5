-- The planner's view of accidents by Beijing month (issue 25 benchmark): without statistics on the
-- expression the statistics query (server/src/modules/accidents/stats.ts, BEIJING_MONTH) takes a
-- month's groups for as many as the rows; under row-level security it then sorted a province's
-- ten years on disk and JIT-compiled the plan (by-month view 0.61 of bare SQL, 0.74 with these).
-- The expression must stay the query's own text.
CREATE STATISTICS accidents_month ON (date_trunc('month', (occurred_at AT TIME ZONE 'UTC') + interval '8 hours')) FROM accidents;
