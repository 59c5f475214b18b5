// Alarms' SQL: the list in scope (with sensor, installation and enterprise), one alarm locked for
// a step of its lifecycle, statistics, and the escalation job's reads and writes.
import type { AlarmKind, AlarmStatus, Severity } from '@taishan/domain';
import { ALARM_STATUSES } from '@taishan/domain';
import { z } from 'zod';
import type { Queryable } from '../../db/db.ts';
import { type Scoped, scopeFilter } from '../../db/scope.ts';

export const ALARM_SCOPE = { region: 'a.region_code', industry: 'a.industry_code', enterpriseId: 'a.enterprise_id' };

export type AlarmRow = Record<string, unknown> & {
  id: string;
  status: AlarmStatus;
  condition_active: boolean;
  region_code: string;
  version: number;
};

const SELECT = `SELECT a.*, s.code AS sensor_code, s.name AS sensor_name, s.unit, s.type AS sensor_type, m.name AS installation_name,
    m.id AS installation_id, e.name AS enterprise_name
  FROM alarms a JOIN sensors s ON s.id = a.sensor_id JOIN major_hazard_installations m ON m.id = s.installation_id
  JOIN enterprises e ON e.id = a.enterprise_id`;

export async function findAlarm(tx: Scoped, id: string, forUpdate = false) {
  return (await tx.query<AlarmRow>(`${SELECT} WHERE a.id = $1 ${forUpdate ? 'FOR UPDATE OF a' : ''}`, [id]))[0];
}

export const alarmListQuery = z.object({
  status: z.enum([...ALARM_STATUSES, 'open']).default('open'),
  sensorId: z.uuid().optional(),
  installationId: z.uuid().optional(),
});
/** The list shows at most this many alarms. */
export const ALARM_LIST_LIMIT = 500;

/** WHERE of the alarm list (`alarms a` joined to `sensors s`), shared with the workbench's counts. */
export function alarmWhere(tx: Scoped, query: z.infer<typeof alarmListQuery>): { where: string; params: unknown[] } {
  const p: unknown[] = [];
  const where = [scopeFilter(tx.scope, p, ALARM_SCOPE)];
  if (query.status === 'open') where.push(`a.status <> 'cleared'`);
  else where.push(`a.status = $${p.push(query.status)}`);
  if (query.sensorId) where.push(`a.sensor_id = $${p.push(query.sensorId)}`);
  if (query.installationId) where.push(`s.installation_id = $${p.push(query.installationId)}`);
  return { where: where.join(' AND '), params: p };
}

/** Open first, most severe first. */
export async function listAlarms(tx: Scoped, query: z.infer<typeof alarmListQuery>): Promise<AlarmRow[]> {
  const { where, params } = alarmWhere(tx, query);
  return tx.query<AlarmRow>(
    `${SELECT} WHERE ${where}
     ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END, a.raised_at DESC LIMIT ${ALARM_LIST_LIMIT}`,
    params,
  );
}

const STAMP: Record<string, string> = { acknowledge: 'acknowledged', handle: 'handled', clear: 'cleared' };

/** A lifecycle step: the new status, who and when (acknowledged_by/at …), the disposal note if given. */
export async function stampAlarm(
  tx: Scoped,
  id: string,
  step: { action: 'acknowledge' | 'handle' | 'clear'; to: AlarmStatus; username: string; disposal: string | null },
) {
  const stamp = STAMP[step.action] as string;
  await tx.query(
    `UPDATE alarms SET status = $2, ${stamp}_by = $3, ${stamp}_at = now(), disposal = coalesce($4, disposal), version = version + 1, updated_at = now()
     WHERE id = $1`,
    [id, step.to, step.username, step.disposal],
  );
}

export type AlarmStatsGroup = {
  severity: Severity;
  kind: AlarmKind;
  status: AlarmStatus;
  n: number;
  unacknowledged_minutes: number | null;
};

/** Alarms raised in the last `days`, counted by severity, kind and status, with the mean time to acknowledge. */
export async function alarmStats(tx: Scoped, days: number): Promise<AlarmStatsGroup[]> {
  const p: unknown[] = [days];
  return tx.query<AlarmStatsGroup>(
    `SELECT a.severity, a.kind, a.status, count(*)::int AS n,
       avg(extract(epoch FROM coalesce(a.acknowledged_at, now()) - a.raised_at) / 60)::float8 AS unacknowledged_minutes
     FROM alarms a WHERE a.raised_at > now() - make_interval(days => $1) AND ${scopeFilter(tx.scope, p, ALARM_SCOPE)}
     GROUP BY 1, 2, 3`,
    p,
  );
}

/** Candidates for escalation (escalationStep decides, on the row locked). */
export async function escalationCandidates(db: Queryable, minutes: number, now: number): Promise<string[]> {
  const due = await db.query<{ id: string }>(
    `SELECT a.id FROM alarms a
     WHERE a.status = 'raised' AND a.raised_at < $2::timestamptz - make_interval(mins => $1)
       AND (a.escalated_severity IS NULL
            OR CASE a.severity WHEN 'critical' THEN 3 WHEN 'major' THEN 2 ELSE 1 END
             > CASE a.escalated_severity WHEN 'critical' THEN 3 WHEN 'major' THEN 2 ELSE 1 END)
     LIMIT 1000`,
    [minutes, new Date(now).toISOString()],
  );
  return due.map((d) => d.id);
}

export type EscalationRow = {
  status: AlarmStatus;
  raised_at: string;
  severity: Severity;
  escalated_severity: Severity | null;
  region_code: string;
  sensor_name: string;
  enterprise_name: string;
};

export async function lockForEscalation(tx: Queryable, id: string): Promise<EscalationRow | undefined> {
  const [a] = await tx.query<EscalationRow>(
    `SELECT a.status, a.raised_at, a.severity, a.escalated_severity, a.region_code, s.name AS sensor_name, e.name AS enterprise_name
     FROM alarms a JOIN sensors s ON s.id = a.sensor_id JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = $1 FOR UPDATE OF a`,
    [id],
  );
  return a;
}

export async function markEscalated(tx: Queryable, id: string, step: Severity, now: number) {
  await tx.query(
    'UPDATE alarms SET escalated_at = coalesce(escalated_at, $3), escalated_severity = $2, version = version + 1 WHERE id = $1',
    [id, step, new Date(now).toISOString()],
  );
}

/** The notice to the county supervisors of the alarm's county (never two for one dedupe key). */
export async function notifyCountySupervisors(
  tx: Queryable,
  n: { regionCode: string; title: string; groupKey: string; dedupeKey: string },
) {
  await tx.query(
    `INSERT INTO notifications (user_id, kind, title, link, group_key, dedupe_key)
     SELECT u.id, 'alarmEscalated', $2, '/monitoring', $3, $4 FROM users u
     WHERE NOT u.disabled AND u.role = 'countySupervisor' AND u.department_id IS NULL AND left(u.region_code, 6) = left($1, 6)
     ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
    [n.regionCode, n.title, n.groupKey, n.dedupeKey],
  );
}
