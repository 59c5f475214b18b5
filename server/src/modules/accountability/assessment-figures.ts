// The figures behind an assessment's computed items and a quarterly bulletin, counted in SQL from
// the records of the jurisdiction (its region range, under the caller's scope: both walls).
// Definitions are the domain's (assessment.ts ASSESSMENT_FORMULAS; hazards/rates.ts for 整改率):
// Beijing days; a period's instants run from 00:00 UTC+8 of its first day to 00:00 of the day after
// its last; a deadline's day ends at 16:00 UTC.
import { type AssessmentInputs, type BulletinRow, regionPrefix } from '@taishan/domain';
import { regionRange, type Scoped } from '../../db/scope.ts';
import { beijingDayStart } from '../../time.ts';

/** The inputs of the computed items for the jurisdiction `prefix` (its significant region prefix) and year. */
export async function assessmentInputs(tx: Scoped, prefix: string, year: number, alarmMinutes: number): Promise<AssessmentInputs> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const start = beijingDayStart(from);
  const end = beijingDayStart(to, 1);
  const prevStart = beijingDayStart(`${year - 1}-01-01`);

  let p: unknown[] = [];
  const hz = regionRange('region_code', prefix, p);
  const [h] = await tx.query<{ found: number; closed: number; due: number; closed_on_time: number }>(
    `SELECT count(*) FILTER (WHERE created_at >= $${p.length + 1} AND created_at < $${p.length + 2})::int AS found,
            count(*) FILTER (WHERE created_at >= $${p.length + 1} AND created_at < $${p.length + 2}
                              AND status = 'closed' AND closed_at < $${p.length + 2})::int AS closed,
            count(*) FILTER (WHERE deadline >= $${p.length + 3}::date AND deadline <= $${p.length + 4}::date)::int AS due,
            count(*) FILTER (WHERE deadline >= $${p.length + 3}::date AND deadline <= $${p.length + 4}::date AND status = 'closed'
                              AND closed_at < (deadline::timestamp AT TIME ZONE 'UTC') + interval '16 hours')::int AS closed_on_time
       FROM hazards
      WHERE ${hz} AND status <> 'cancelled'
        AND ((created_at >= $${p.length + 1} AND created_at < $${p.length + 2}) OR (deadline >= $${p.length + 3}::date AND deadline <= $${p.length + 4}::date))`,
    [...p, start, end, from, to],
  );

  p = [];
  const ac = regionRange('region_code', prefix, p);
  const [a] = await tx.query<{ cur: number; cur_deaths: number; prev: number; prev_deaths: number }>(
    `SELECT count(*) FILTER (WHERE occurred_at >= $${p.length + 2})::int AS cur,
            coalesce(sum(deaths) FILTER (WHERE occurred_at >= $${p.length + 2}), 0)::int AS cur_deaths,
            count(*) FILTER (WHERE occurred_at < $${p.length + 2})::int AS prev,
            coalesce(sum(deaths) FILTER (WHERE occurred_at < $${p.length + 2}), 0)::int AS prev_deaths
       FROM accidents
      WHERE ${ac} AND NOT near_miss AND occurred_at >= $${p.length + 1} AND occurred_at < $${p.length + 3}`,
    [...p, prevStart, start, end],
  );

  p = [];
  const pl = regionRange('p.region_code', prefix, p);
  const [i] = await tx.query<{ planned: number; done: number }>(
    `WITH items AS (
       SELECT pi.id, pi.planned_count FROM enforcement_plan_items pi JOIN enforcement_plans p ON p.id = pi.plan_id
        WHERE ${pl} AND p.year = $${p.length + 1} AND p.status <> 'draft')
     SELECT (SELECT coalesce(sum(planned_count), 0)::int FROM items) AS planned,
            (SELECT count(*)::int FROM enforcement_inspections x
              WHERE x.plan_item_id IN (SELECT id FROM items) AND x.status IN ('recorded', 'closed')) AS done`,
    [...p, year],
  );

  p = [];
  const rp = regionRange('region_code', prefix, p);
  const [r] = await tx.query<{ due: number; on_time: number }>(
    `SELECT count(*)::int AS due,
            count(*) FILTER (WHERE concluded_on IS NOT NULL AND concluded_on <= conclude_due)::int AS on_time
       FROM reports
      WHERE ${rp} AND conclude_due >= $${p.length + 1}::date AND conclude_due <= $${p.length + 2}::date
        AND outcome IS DISTINCT FROM 'merged'`,
    [...p, from, to],
  );

  p = [];
  const al = regionRange('region_code', prefix, p);
  const [m] = await tx.query<{ raised: number; on_time: number }>(
    `SELECT count(*)::int AS raised,
            count(*) FILTER (WHERE acknowledged_at IS NOT NULL
                              AND acknowledged_at <= raised_at + $${p.length + 3}::int * interval '1 minute')::int AS on_time
       FROM alarms
      WHERE ${al} AND raised_at >= $${p.length + 1} AND raised_at < $${p.length + 2}`,
    [...p, start, end, alarmMinutes],
  );

  return {
    hazards: { found: h?.found ?? 0, closed: h?.closed ?? 0, due: h?.due ?? 0, closedOnTime: h?.closed_on_time ?? 0 },
    accidents: { current: a?.cur ?? 0, previous: a?.prev ?? 0 },
    deaths: { current: a?.cur_deaths ?? 0, previous: a?.prev_deaths ?? 0 },
    inspections: { planned: i?.planned ?? 0, done: i?.done ?? 0 },
    reports: { due: r?.due ?? 0, onTime: r?.on_time ?? 0 },
    alarms: { raised: m?.raised ?? 0, onTime: m?.on_time ?? 0 },
  };
}

/**
 * A bulletin's rows: for each child region of `regionCode12` (whose significant prefixes all have
 * the same length), the quarter's accidents and deaths (near-misses aside), hazards found and how
 * many of them were closed by the quarter's end, inspections recorded and public reports received.
 */
export async function bulletinRows(tx: Scoped, regionCode12: string, period: { from: string; to: string }): Promise<BulletinRow[]> {
  const children = await tx.query<{ code: string; name: string; prefix: string }>(
    'SELECT code, name, prefix FROM regions WHERE parent_code = $1 ORDER BY code',
    [regionCode12],
  );
  if (!children.length) return [];
  const len = children[0]?.prefix.length ?? 6;
  const base = regionPrefix(regionCode12);
  const start = beijingDayStart(period.from);
  const end = beijingDayStart(period.to, 1);
  const count = async (sql: (range: string, n: number) => string, extra: unknown[]) => {
    const p: unknown[] = [];
    const range = regionRange('region_code', base, p);
    const rows = await tx.query<{ k: string; a: number; b: number }>(sql(range, p.length), [...p, ...extra]);
    return new Map(rows.map((r) => [r.k, r]));
  };
  const acc = await count(
    (range, n) => `SELECT left(region_code, ${len}) AS k, count(*)::int AS a, coalesce(sum(deaths), 0)::int AS b FROM accidents
      WHERE ${range} AND NOT near_miss AND occurred_at >= $${n + 1} AND occurred_at < $${n + 2} GROUP BY 1`,
    [start, end],
  );
  const hz = await count(
    (range, n) => `SELECT left(region_code, ${len}) AS k, count(*)::int AS a,
        count(*) FILTER (WHERE status = 'closed' AND closed_at < $${n + 2})::int AS b FROM hazards
      WHERE ${range} AND status <> 'cancelled' AND created_at >= $${n + 1} AND created_at < $${n + 2} GROUP BY 1`,
    [start, end],
  );
  const ins = await count(
    (range, n) => `SELECT left(region_code, ${len}) AS k, count(*)::int AS a, 0 AS b FROM enforcement_inspections
      WHERE ${range} AND status IN ('recorded', 'closed') AND ended_at >= $${n + 1} AND ended_at < $${n + 2} GROUP BY 1`,
    [start, end],
  );
  const rep = await count(
    (range, n) => `SELECT left(region_code, ${len}) AS k, count(*)::int AS a, 0 AS b FROM reports
      WHERE ${range} AND received_on >= $${n + 1}::date AND received_on <= $${n + 2}::date GROUP BY 1`,
    [period.from, period.to],
  );
  return children.map((c) => ({
    regionCode: c.code,
    regionName: c.name,
    accidents: acc.get(c.prefix)?.a ?? 0,
    deaths: acc.get(c.prefix)?.b ?? 0,
    hazardsFound: hz.get(c.prefix)?.a ?? 0,
    hazardsClosed: hz.get(c.prefix)?.b ?? 0,
    inspections: ins.get(c.prefix)?.a ?? 0,
    reports: rep.get(c.prefix)?.a ?? 0,
  }));
}
