// The alarm engine's signals recorded in the database: a raise or update raises or updates the
// one open alarm of its kind (its severity and peak only rise while it is open), a clear marks its
// condition gone. Called inside the pipeline's write transaction and by the offline check; the
// events it returns are pushed (SSE, the cluster's alarm bus) only after that commit.
import { type AlarmSignal, type OpenAlarm, openAlarmAfter, type Severity, type ThresholdLevel } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Queryable } from '../../db/db.ts';

/** An alarm change as it is pushed to the live stream and to other server processes. */
export type AlarmEvent = {
  id: string;
  sensorId: string;
  enterpriseId: string;
  regionCode: string;
  industryCode: string;
  kind: string;
  severity: string;
  level: string | null;
  status: string;
  conditionActive: boolean;
  lastValue: number | null;
  raisedAt: string;
  updatedAt: string;
};

/** The sensor an alarm belongs to, as much as recording one needs. */
export type AlarmedSensor = { id: string; enterpriseId: string; regionCode: string; industryCode: string };

const ALARM_RETURNING = `RETURNING id, sensor_id, enterprise_id, region_code, industry_code, kind, severity, level, status, condition_active,
  last_value, raised_at, updated_at`;

export function toAlarmEvent(r: Record<string, unknown>): AlarmEvent {
  return {
    id: r.id as string,
    sensorId: r.sensor_id as string,
    enterpriseId: r.enterprise_id as string,
    regionCode: r.region_code as string,
    industryCode: r.industry_code as string,
    kind: r.kind as string,
    severity: r.severity as string,
    level: (r.level as string | null) ?? null,
    status: r.status as string,
    conditionActive: r.condition_active as boolean,
    lastValue: r.last_value === null ? null : Number(r.last_value),
    raisedAt: new Date(r.raised_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

/** Records one engine signal: a raise or update raises or updates the one open alarm of its kind; a clear marks its condition gone. */
export async function applySignal(tx: Queryable, sensor: AlarmedSensor, s: AlarmSignal): Promise<AlarmEvent[]> {
  const at = new Date(s.ts).toISOString();
  if (s.change === 'conditionCleared') {
    const rows = await tx.query<Record<string, unknown>>(
      `UPDATE alarms SET condition_active = false, condition_cleared_at = $3, last_value = $4, updated_at = $3, version = version + 1
       WHERE sensor_id = $1 AND kind = $2 AND status <> 'cleared' AND condition_active ${ALARM_RETURNING}`,
      [sensor.id, s.kind, at, s.value],
    );
    return rows.map(toAlarmEvent);
  }
  // A decommissioned sensor raises nothing. SHARE: a decommissioning under way (it locks the
  // sensor) is waited for and then seen.
  const [inService] = await tx.query<{ yes: boolean }>('SELECT decommissioned_at IS NULL AS yes FROM sensors WHERE id = $1 FOR SHARE', [
    sensor.id,
  ]);
  if (!inService?.yes) return [];
  // The open alarm of this kind is updated (openAlarmAfter: its severity and peak only rise while it is open), else one is raised.
  for (let attempt = 0; ; attempt++) {
    const [row] = await tx.query<Record<string, unknown>>(
      `SELECT id, severity, level, peak_level, peak_value FROM alarms WHERE sensor_id = $1 AND kind = $2 AND status <> 'cleared' FOR UPDATE`,
      [sensor.id, s.kind],
    );
    const open: OpenAlarm | null = row
      ? {
          severity: row.severity as Severity,
          level: (row.level as ThresholdLevel | null) ?? null,
          peakLevel: (row.peak_level as ThresholdLevel | null) ?? null,
          peakValue: row.peak_value === null ? null : Number(row.peak_value),
        }
      : null;
    const next = openAlarmAfter(open, s);
    if (row && open) {
      const rows = await tx.query<Record<string, unknown>>(
        `UPDATE alarms SET severity = $2, level = $3, peak_level = $4, peak_value = $5, last_value = $6, condition_active = true,
           condition_cleared_at = NULL, updated_at = $7, version = version + 1
         WHERE id = $1 ${ALARM_RETURNING}`,
        [row.id, next.severity, next.level, next.peakLevel, next.peakValue, s.value, at],
      );
      if (next.rose)
        await appendAudit(
          tx,
          { id: null, username: 'system' },
          {
            action: 'alarm.severityRise',
            entityType: 'alarm',
            entityId: row.id as string,
            regionCode: sensor.regionCode,
            before: { severity: open.severity, peakLevel: open.peakLevel },
            after: { severity: next.severity, peakLevel: next.peakLevel, value: s.value },
          },
        );
      return rows.map(toAlarmEvent);
    }
    const rows = await tx.query<Record<string, unknown>>(
      `INSERT INTO alarms (sensor_id, enterprise_id, region_code, industry_code, kind, severity, level, peak_level, first_value, last_value,
         peak_value, raised_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $8, $8, $9, $9)
       ON CONFLICT (sensor_id, kind) WHERE status <> 'cleared' DO NOTHING
       ${ALARM_RETURNING}`,
      [sensor.id, sensor.enterpriseId, sensor.regionCode, sensor.industryCode, s.kind, next.severity, next.level, s.value, at],
    );
    const raised = rows[0];
    // Raised by someone else between the two statements (the offline check): update that one.
    if (!raised && attempt === 0) continue;
    if (raised)
      await appendAudit(
        tx,
        { id: null, username: 'system' },
        {
          action: 'alarm.raise',
          entityType: 'alarm',
          entityId: raised.id as string,
          regionCode: sensor.regionCode,
          after: { kind: s.kind, severity: s.severity, level: s.level, value: s.value },
        },
      );
    return rows.map(toAlarmEvent);
  }
}
