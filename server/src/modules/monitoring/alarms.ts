// Alarms for the people on duty: each step of the lifecycle (acknowledge → handle with a disposal
// note → clear once the condition is gone) as an audit event, and the escalation job: not
// acknowledged within N minutes (ALARM_ESCALATE_MINUTES, default 10) → the county supervisors
// are notified, once per alarm and step (its severity then; again only if it grows worse while
// still unacknowledged), the notices of a day one group in their inbox.
// The commands here (main.ts runs escalateAlarms); SQL in alarms-store.ts; routes in alarms-routes.ts.
import {
  type Actor,
  type Alarm,
  type AlarmAction,
  alarmActionsFor,
  alarmTransition,
  allowedAlarmActions,
  escalationNoticeGroup,
  escalationNoticeKey,
  escalationNoticeTitle,
  escalationStep,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import type { Scoped } from '../../db/scope.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { iso, todayInShanghai } from '../../time.ts';
import {
  type AlarmRow,
  escalationCandidates,
  findAlarm,
  lockForEscalation,
  markEscalated,
  notifyCountySupervisors,
  stampAlarm,
} from './alarms-store.ts';

export const DEFAULT_ESCALATE_MINUTES = 10;

type Time = Date | string | null;

/** The alarm as this user gets it, with the actions the domain policy allows them. */
export const toAlarm = (r: AlarmRow, actor: Actor): Alarm => ({
  id: r.id,
  sensorId: r.sensor_id as string,
  sensorCode: r.sensor_code as string,
  sensorName: r.sensor_name as string,
  sensorType: r.sensor_type as Alarm['sensorType'],
  unit: r.unit as string,
  installationId: r.installation_id as string,
  installationName: r.installation_name as string,
  enterpriseId: r.enterprise_id as string,
  enterpriseName: r.enterprise_name as string,
  regionCode: r.region_code,
  kind: r.kind as Alarm['kind'],
  severity: r.severity as Alarm['severity'],
  level: (r.level as Alarm['level']) ?? null,
  peakLevel: (r.peak_level as Alarm['peakLevel']) ?? null,
  status: r.status,
  conditionActive: r.condition_active,
  firstValue: r.first_value === null ? null : Number(r.first_value),
  lastValue: r.last_value === null ? null : Number(r.last_value),
  peakValue: r.peak_value === null ? null : Number(r.peak_value),
  raisedAt: iso(r.raised_at as Time) as string,
  updatedAt: iso(r.updated_at as Time) as string,
  conditionClearedAt: iso(r.condition_cleared_at as Time),
  acknowledgedBy: r.acknowledged_by as string | null,
  acknowledgedAt: iso(r.acknowledged_at as Time),
  handledBy: r.handled_by as string | null,
  handledAt: iso(r.handled_at as Time),
  disposal: r.disposal as string | null,
  clearedBy: r.cleared_by as string | null,
  clearedAt: iso(r.cleared_at as Time),
  escalatedAt: iso(r.escalated_at as Time),
  escalatedSeverity: (r.escalated_severity as Alarm['escalatedSeverity']) ?? null,
  version: r.version,
  allowedActions: alarmActionsFor(actor, r.status, r.condition_active),
});

/** One step of the lifecycle; refused (409 with the allowed actions) when the status or the condition forbids it. */
export async function transitionAlarm(
  tx: Scoped,
  actor: Actor,
  id: string,
  body: { action: AlarmAction; disposal?: string; version?: number },
): Promise<AlarmRow> {
  const a = await lockForCommand(tx, id, {
    find: findAlarm,
    version: body.version,
    versionOf: (r) => r.version,
    // The 409 alarms always said (errors.ts's default for 'conflict').
    conflict: { zh: '记录已被他人修改或已存在', en: 'The record changed or already exists' },
  });
  const to = alarmTransition(a.status, body.action, a.condition_active);
  if (to === 'refused')
    throw new AppError('conflict', undefined, {}, { allowedActions: allowedAlarmActions(a.status, a.condition_active) });
  if (to === 'conditionActive')
    throw new AppError(
      'conflict',
      { zh: '报警条件仍然存在，不能消除', en: 'The alarm condition is still present' },
      {},
      { allowedActions: [] },
    );
  if (body.action === 'handle' && !body.disposal) throw invalid({ disposal: { zh: '请填写处置情况', en: 'Describe what was done' } });
  await stampAlarm(tx, a.id, { action: body.action, to, username: actor.username, disposal: body.disposal ?? null });
  const after = (await findAlarm(tx, a.id)) as AlarmRow;
  await appendAudit(tx, actor, {
    action: `alarm.${body.action}`,
    entityType: 'alarm',
    entityId: a.id,
    regionCode: a.region_code,
    before: { status: a.status },
    after: { status: to, disposal: body.disposal ?? null },
  });
  return after;
}

/**
 * Alarms still unacknowledged after `minutes` are escalated: the county supervisors get a notice
 * per alarm and step (escalationStep: the alarm's severity; again if it grows worse while still
 * unacknowledged), never two for one step — the notice's dedupe key holds that even against a
 * second run at the same moment — and the notices of a day are one group in the inbox.
 */
export async function escalateAlarms(db: Db, minutes = DEFAULT_ESCALATE_MINUTES, now = Date.now()): Promise<number> {
  let n = 0;
  for (const id of await escalationCandidates(db, minutes, now))
    if (
      await db.transaction(async (tx) => {
        const a = await lockForEscalation(tx, id);
        if (!a) return false;
        const step = escalationStep(
          { status: a.status, raisedAt: new Date(a.raised_at).getTime(), severity: a.severity, escalatedSeverity: a.escalated_severity },
          now,
          minutes,
        );
        if (!step) return false;
        await markEscalated(tx, id, step, now);
        const title = escalationNoticeTitle({
          step,
          previous: a.escalated_severity,
          minutes,
          enterpriseName: a.enterprise_name,
          sensorName: a.sensor_name,
        });
        await notifyCountySupervisors(tx, {
          regionCode: a.region_code,
          title,
          groupKey: escalationNoticeGroup(todayInShanghai(new Date(now))),
          dedupeKey: escalationNoticeKey(id, step),
        });
        await appendAudit(
          tx,
          { id: null, username: 'system' },
          {
            action: 'alarm.escalate',
            entityType: 'alarm',
            entityId: id,
            regionCode: a.region_code,
            before: { escalatedSeverity: a.escalated_severity },
            after: { minutes, escalatedSeverity: step },
          },
        );
        return true;
      })
    )
      n++;
  return n;
}
