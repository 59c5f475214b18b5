-- Recurring self-inspection schedules. A job turns each due occurrence into a planned
-- inspection; (schedule_id, planned_date) is unique so two processes running the job at once,
-- or a retry after a crash, never plan the same occurrence twice.

CREATE TABLE inspection_schedules (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id  uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  name           text NOT NULL,
  checklist_code text NOT NULL,
  frequency      text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly')),
  start_date     date NOT NULL,
  next_index     integer NOT NULL DEFAULT 0,
  next_date      date NOT NULL,
  inspector_id   uuid REFERENCES users (id) ON DELETE SET NULL,
  active         boolean NOT NULL DEFAULT true,
  created_by     text NOT NULL,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_schedules_enterprise_idx ON inspection_schedules (enterprise_id);
CREATE INDEX inspection_schedules_due_idx ON inspection_schedules (next_date) WHERE active;

ALTER TABLE inspections ADD COLUMN schedule_id uuid REFERENCES inspection_schedules (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX inspections_schedule_occurrence_idx ON inspections (schedule_id, planned_date) WHERE schedule_id IS NOT NULL;

GRANT SELECT, INSERT, UPDATE ON inspection_schedules TO taishan_app;
ALTER TABLE inspection_schedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY inspection_schedules_scope ON inspection_schedules TO taishan_app
  USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_id));
