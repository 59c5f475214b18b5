// The command board's collection (收集, issue 28; owner: board): every open item of the platform's
// source tables becomes one row of command_signals (unique source_type + source_id), with its region,
// a title without personal data (never a whistleblower's identity or a caller's contact), a severity
// and a point where the source has one. The loop wraps the source: nothing here writes a source table.
// runCmBoardJobs runs the sync and the escalation of overdue stages (the lead wires it into main.ts).
import { parentRegionCode, type StageHours } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { effectiveSetting } from '../settings/service.ts';

/** The stage hours in force (national values; the board's rows carry their due times). */
export async function stageHours(q: Queryable, regionCode = ''): Promise<StageHours> {
  return {
    analyseHours: await effectiveSetting(q, 'cmBoard.analyseHours', regionCode),
    judgeHours: await effectiveSetting(q, 'cmBoard.judgeHours', regionCode),
    feedbackHours: await effectiveSetting(q, 'cmBoard.feedbackHours', regionCode),
    verifyHours: await effectiveSetting(q, 'cmBoard.verifyHours', regionCode),
    closeHours: await effectiveSetting(q, 'cmBoard.closeHours', regionCode),
  };
}

/** One SELECT per source: source_id, region_code, title, severity, lat, lng, occurred_at. */
export const SOURCE_QUERIES: Record<string, string> = {
  accident: `SELECT a.id::text AS source_id, a.region_code, a.unit_name || ' 生产安全事故' AS title,
      CASE WHEN coalesce(a.deaths, 0) > 0 THEN 'critical' ELSE 'high' END AS severity,
      a.latitude AS lat, a.longitude AS lng, a.occurred_at
    FROM accidents a WHERE a.status <> 'closed'`,
  majorHazard: `SELECT h.id::text, e.region_code, e.name || ' 重大事故隐患', 'high', NULL::double precision, NULL::double precision, h.created_at
    FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
    WHERE h.level = 'major' AND h.status NOT IN ('closed', 'cancelled')`,
  alarm: `SELECT al.id::text, al.region_code, coalesce(e.name, '') || ' 监测报警',
      CASE al.severity WHEN 'critical' THEN 'critical' WHEN 'major' THEN 'high' ELSE 'normal' END,
      NULL::double precision, NULL::double precision, al.raised_at
    FROM alarms al LEFT JOIN enterprises e ON e.id = al.enterprise_id
    WHERE al.status IN ('raised', 'acknowledged')`,
  publicReport: `SELECT r.id::text, r.region_code,
      '群众举报：' || CASE r.category WHEN 'hazard' THEN '事故隐患' WHEN 'illegalProduction' THEN '非法违法生产经营'
        WHEN 'concealedAccident' THEN '瞒报谎报事故' ELSE '其他安全生产问题' END,
      'normal', NULL::double precision, NULL::double precision, r.received_on::timestamptz
    FROM reports r WHERE r.status IN ('received', 'accepted', 'verifying')`,
  healthEvent: `SELECT ev.id::text, ev.region_code, ev.title,
      CASE ev.grade WHEN 'I' THEN 'critical' WHEN 'II' THEN 'critical' WHEN 'III' THEN 'high' ELSE 'normal' END,
      ev.lat, ev.lng, ev.occurred_at
    FROM ph_events ev WHERE ev.status NOT IN ('closed', 'dismissed')`,
  supplyRequest: `SELECT d.id::text, d.region_code, '物资需求：' || d.purpose,
      CASE d.priority WHEN 'urgent' THEN 'critical' WHEN 'high' THEN 'high' ELSE 'normal' END,
      d.deliver_lat, d.deliver_lng, coalesce(d.submitted_at, d.created_at)
    FROM dispatch_requests d
    WHERE d.status IN ('submitted', 'approved', 'partlyApproved', 'dispatched', 'inTransit', 'partlyReceived')`,
};

/**
 * Upsert every open source item into command_signals. New rows start at collected with the analyse
 * deadline and a 'collect' step; existing rows get the source's current title and severity and
 * keep their loop. A source item no longer open is marked source_closed_at (its loop stays).
 * Returns the number of new signals. Idempotent.
 */
export async function syncSignals(q: Queryable, now: Date): Promise<number> {
  const h = await stageHours(q);
  let added = 0;
  for (const [type, select] of Object.entries(SOURCE_QUERIES)) {
    const domain = type === 'healthEvent' ? 'health' : 'safety';
    const rows = await q.query<{ id: string; inserted: boolean }>(
      `INSERT INTO command_signals (source_type, source_id, domain, region_code, title, severity, lat, lng,
                                    occurred_at, stage, stage_since, stage_due_at, created_at, updated_at)
       SELECT $1, src.source_id, $2, src.region_code, left(src.title, 200), src.severity, src.lat, src.lng,
              src.occurred_at, 'collected', $3::timestamptz, $3::timestamptz + make_interval(hours => $4::int), $3, $3
         FROM (${select}) AS src (source_id, region_code, title, severity, lat, lng, occurred_at)
       ON CONFLICT (source_type, source_id) DO UPDATE
         SET title = EXCLUDED.title, severity = EXCLUDED.severity, source_closed_at = NULL
         WHERE command_signals.title IS DISTINCT FROM EXCLUDED.title
            OR command_signals.severity IS DISTINCT FROM EXCLUDED.severity
            OR command_signals.source_closed_at IS NOT NULL
       RETURNING id, (xmax = 0) AS inserted`,
      [type, domain, now.toISOString(), h.analyseHours],
    );
    const ids = rows.filter((r) => r.inserted).map((r) => r.id);
    if (ids.length) {
      await q.query(
        `INSERT INTO command_signal_steps (signal_id, action, from_stage, to_stage, actor_id, at)
         SELECT id, 'collect', 'collected', 'collected', NULL, $2 FROM unnest($1::uuid[]) AS id`,
        [ids, now.toISOString()],
      );
      added += ids.length;
    }
    await q.query(
      `UPDATE command_signals s SET source_closed_at = $2
        WHERE s.source_type = $1 AND s.source_closed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM (${select}) AS src (source_id) WHERE src.source_id = s.source_id)`,
      [type, now.toISOString()],
    );
  }
  return added;
}

/** Overdue stages escalate once to the parent region's board (escalated_at, escalated_to, a step, an audit event). */
export async function escalateOverdue(q: Queryable, now: Date): Promise<number> {
  const rows = await q.query<{ id: string; region_code: string; stage: string }>(
    `SELECT id, region_code, stage FROM command_signals
      WHERE stage <> 'closed' AND escalated_at IS NULL AND stage_due_at < $1 ORDER BY stage_due_at LIMIT 5000`,
    [now.toISOString()],
  );
  for (const r of rows) {
    const to = parentRegionCode(r.region_code);
    await q.query(`UPDATE command_signals SET escalated_at = $2, escalated_to = $3, updated_at = $2 WHERE id = $1`, [
      r.id,
      now.toISOString(),
      to,
    ]);
    await q.query(
      `INSERT INTO command_signal_steps (signal_id, action, from_stage, to_stage, actor_id, target, at)
       VALUES ($1, 'escalate', $2, $2, NULL, $3, $4)`,
      [r.id, r.stage, to, now.toISOString()],
    );
    await appendAudit(
      q,
      { id: null, username: 'system' },
      {
        action: 'cmBoard.signal.escalate',
        entityType: 'commandSignal',
        entityId: r.id,
        regionCode: r.region_code,
        after: { stage: r.stage, escalatedTo: to },
      },
    );
  }
  return rows.length;
}

/** The board's scheduled job: collect, then escalate what is overdue. */
export async function runCmBoardJobs(db: Db, now = new Date()): Promise<{ added: number; escalated: number }> {
  return db.transaction(async (tx) => {
    const added = await syncSignals(tx, now);
    const escalated = await escalateOverdue(tx, now);
    return { added, escalated };
  });
}
