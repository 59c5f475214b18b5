-- 传染病报告 (issue 28, cases part), review fixes: at most one open 流调 task per case. Cards that
-- already hold more than one (reclassified back and forth before this fix) keep the earliest open
-- task; the others are cancelled. Owner: cases.

UPDATE ph_tasks t SET status = 'cancelled', note = coalesce(t.note, '重复的流调任务（系统取消）'), updated_at = now()
 WHERE t.kind = 'investigation' AND t.status = 'open' AND t.case_id IS NOT NULL
   AND EXISTS (
     SELECT 1 FROM ph_tasks o
      WHERE o.case_id = t.case_id AND o.kind = 'investigation' AND o.status = 'open'
        AND (o.created_at, o.id) < (t.created_at, t.id));

CREATE UNIQUE INDEX ph_tasks_open_investigation_uq ON ph_tasks (case_id) WHERE kind = 'investigation' AND status = 'open';
