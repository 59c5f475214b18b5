// Accidents' SQL: the accident row with its chain and faults, the list's WHERE (shared with the
// 工作台 counts, so a count is the list's total), and the writes the commands make. Every query runs
// on a Scoped handle: row-level security (migration 035) is the second wall, scopeFilter the first.
import type { AccidentGrade, AccidentStatus, ChainLevel, Pause, ReportSection } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { type Scoped, scopeFilter } from '../../db/scope.ts';

export type ChainDbRow = {
  level: ChainLevel;
  regionCode: string;
  regionName: string | null;
  receivedAt: string | null;
  forwardedAt: string | null;
  forwardedTo: ChainLevel | null;
  forwardedByName: string | null;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  parallel: Record<string, string>;
};

export type AccidentRow = {
  id: string;
  number: string;
  region_code: string;
  region_name: string | null;
  enterprise_id: string | null;
  unit_name: string;
  industry_code: string | null;
  stat_industry: string | null;
  type: string | null;
  near_miss: boolean;
  occurred_at: Date | string;
  learned_at: Date | string;
  learned_reason: string | null;
  reported_at: Date | string;
  late_minutes: number;
  reporter_kind: 'enterprise' | 'official';
  reporter_name: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  measures: string | null;
  other: string | null;
  deaths: number | null;
  serious_injuries: number | null;
  minor_injuries: number | null;
  missing: number | null;
  direct_loss_wan_yuan: number | null;
  grade: AccidentGrade;
  grade_by: string[];
  first_grade: AccidentGrade;
  grades: { grade: AccidentGrade; at: string }[];
  status: AccidentStatus;
  reporting_ended_at: Date | string | null;
  investigating_level: ChainLevel;
  /** The level that took the investigation over (提级), which keeps it. */
  taken_over_by: ChainLevel | null;
  /** Scene photos' keys (photos/<uuid>). */
  attachments: string[];
  investigation_started_at: Date | string | null;
  members: { name: string; org: string; role: string | null }[];
  pauses: Pause[];
  extension_days: number;
  extension_reason: string | null;
  report: Record<ReportSection, string> | null;
  submitted_at: Date | string | null;
  submitted_by: string | null;
  approved_at: Date | string | null;
  published_at: Date | string | null;
  evaluated_at: Date | string | null;
  evaluation: string | null;
  inspection_id: string | null;
  version: number;
  chain: ChainDbRow[];
  faults: string[];
};

const SELECT = `SELECT a.id, a.number, a.region_code, r.name AS region_name, a.enterprise_id, a.unit_name, a.industry_code, a.stat_industry,
  a.type, a.near_miss, a.occurred_at, a.learned_at, a.learned_reason, a.reported_at, a.late_minutes, a.reporter_kind, a.reporter_name, a.place,
  a.latitude, a.longitude, a.description, a.measures, a.other, a.deaths, a.serious_injuries, a.minor_injuries, a.missing,
  a.direct_loss_wan_yuan::float8 AS direct_loss_wan_yuan, a.grade, a.grade_by, a.first_grade, a.grades, a.status, a.reporting_ended_at,
  a.investigating_level, a.taken_over_by, a.investigation_started_at, a.members, a.pauses, a.extension_days, a.extension_reason, a.report,
  a.submitted_at, a.submitted_by, a.approved_at, a.published_at, a.evaluated_at, a.evaluation, a.inspection_id, a.version,
  a.attachments::text[] AS attachments,
  coalesce((SELECT json_agg(json_build_object('level', c.level, 'regionCode', c.region_code, 'regionName', cr.name,
      'receivedAt', c.received_at, 'forwardedAt', c.forwarded_at, 'forwardedTo', c.forwarded_to, 'forwardedByName', c.forwarded_by_name,
      'acknowledgedAt', c.acknowledged_at, 'acknowledgedByName', c.acknowledged_by_name, 'parallel', c.parallel))
    FROM accident_chain c LEFT JOIN regions cr ON cr.code = c.region_code WHERE c.accident_id = a.id), '[]') AS chain,
  coalesce((SELECT array_agg(DISTINCT f.fault) FROM accident_faults f WHERE f.accident_id = a.id), '{}') AS faults
  FROM accidents a LEFT JOIN regions r ON r.code = a.region_code`;

export async function findAccident(tx: Queryable, id: string, forUpdate = false): Promise<AccidentRow | undefined> {
  const [row] = await tx.query<AccidentRow>(`${SELECT} WHERE a.id = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`, [id]);
  return row;
}

// ---- the list's WHERE -------------------------------------------------------------------------

export type AccidentListQuery = {
  status?: AccidentStatus | undefined;
  grade?: AccidentGrade | undefined;
  nearMiss?: 'true' | 'false' | undefined;
  overdue?: 'true' | undefined;
  waitingMine?: 'true' | undefined;
  unacknowledged?: 'true' | undefined;
  awaitingApproval?: 'true' | undefined;
  needsInspection?: 'true' | undefined;
  investigationDue?: number | undefined;
  enterpriseId?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

const LEVEL_RANK = (col: string) => `(CASE ${col} WHEN 'county' THEN 0 WHEN 'city' THEN 1 WHEN 'province' THEN 2 ELSE 3 END)`;
/** The rank of the level a grade must reach (REPORT_UP_TO): city 1, province 2, national 3. */
const TOP_RANK = (grade: string) => `(CASE ${grade} WHEN 'ordinary' THEN 1 WHEN 'major' THEN 2 ELSE 3 END)`;
/** Chain row `c` must forward and has not (chainStatus's forwardBy set, forwardedAt null). */
const WAITING = `c.received_at IS NOT NULL AND c.forwarded_at IS NULL AND ${LEVEL_RANK('c.level')} < ${TOP_RANK('a.grade')}`;
/** When row `c`'s two hours end (chain.ts forwardSince + LEVEL_FORWARD_MINUTES). */
const FORWARD_BY = `(greatest(c.received_at, (SELECT min((g->>'at')::timestamptz) FROM jsonb_array_elements(a.grades) g
    WHERE ${TOP_RANK("g->>'grade'")} > ${LEVEL_RANK('c.level')})) + interval '120 minutes')`;
/** The investigation's deadline (investigation.ts investigationClock). */
const INVESTIGATION_DUE = `(a.occurred_at + (60 + a.extension_days) * interval '1 day'
  + coalesce((SELECT sum(greatest(interval '0', coalesce((p->>'to')::timestamptz, now()) - (p->>'from')::timestamptz))
      FROM jsonb_array_elements(a.pauses) p), interval '0'))`;
const PAUSED = `EXISTS (SELECT 1 FROM jsonb_array_elements(a.pauses) p WHERE p->>'to' IS NULL)`;

export type AccidentWhere = { sql: string; params: unknown[] };

/** The WHERE of the list and of the workbench's counts. `level` is the actor's chain level. */
export function accidentWhere(tx: Scoped, q: AccidentListQuery, me: { id: string; level: ChainLevel | null }): AccidentWhere {
  const params: unknown[] = [];
  const where = [scopeFilter(tx.scope, params, { region: 'a.region_code', industry: 'a.industry_code', enterpriseId: 'a.enterprise_id' })];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.status) where.push(`a.status = ${p(q.status)}`);
  if (q.grade) where.push(`a.grade = ${p(q.grade)}`);
  if (q.nearMiss) where.push(`a.near_miss = ${p(q.nearMiss === 'true')}`);
  if (q.enterpriseId) where.push(`a.enterprise_id = ${p(q.enterpriseId)}`);
  if (q.q) where.push(`(a.number ILIKE ${p(`%${q.q}%`)} OR a.unit_name ILIKE $${params.length} OR a.place ILIKE $${params.length})`);
  if (q.from) where.push(`a.occurred_at >= ${p(`${q.from}T00:00:00+08:00`)}::timestamptz`);
  if (q.to) where.push(`a.occurred_at < ${p(`${q.to}T00:00:00+08:00`)}::timestamptz + interval '1 day'`);
  if (q.overdue === 'true')
    where.push(`EXISTS (SELECT 1 FROM accident_chain c WHERE c.accident_id = a.id AND ${WAITING} AND ${FORWARD_BY} < now())`);
  const mine = (cond: () => string) => where.push(me.level ? cond() : 'false');
  // The investigations this level runs; the province also records the State Council's (特别重大,
  // policy.ts), so a national investigation is in the province's approval and due lists too.
  const runsHere = () =>
    me.level === 'province' ? `a.investigating_level IN ('province', 'national')` : `a.investigating_level = ${p(me.level)}`;
  if (q.waitingMine === 'true')
    mine(() => `EXISTS (SELECT 1 FROM accident_chain c WHERE c.accident_id = a.id AND c.level = ${p(me.level)} AND ${WAITING})`);
  if (q.unacknowledged === 'true')
    mine(
      () =>
        `EXISTS (SELECT 1 FROM accident_chain c WHERE c.accident_id = a.id AND c.level = ${p(me.level)} AND c.received_at IS NOT NULL AND c.acknowledged_at IS NULL)`,
    );
  if (q.awaitingApproval === 'true')
    mine(() => `a.status = 'submitted' AND ${runsHere()} AND a.submitted_by IS DISTINCT FROM ${p(me.id)}::uuid`);
  // 事故后检查: an accident of the last 90 days at a directory enterprise that no enforcement inspection follows yet.
  if (q.needsInspection === 'true')
    where.push(
      `a.enterprise_id IS NOT NULL AND NOT a.near_miss AND a.inspection_id IS NULL AND a.occurred_at > now() - interval '90 days'`,
    );
  if (q.investigationDue !== undefined)
    mine(
      () => `a.status = 'investigating' AND ${runsHere()} AND NOT ${PAUSED}
       AND ${INVESTIGATION_DUE} < now() + ${p(q.investigationDue)}::int * interval '1 day'`,
    );
  return { sql: where.join(' AND '), params };
}

export async function listAccidentRows(tx: Scoped, w: AccidentWhere, limit: number, offset: number) {
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM accidents a WHERE ${w.sql}`, w.params);
  const params = [...w.params, limit, offset];
  const rows = await tx.query<AccidentRow>(
    `${SELECT} WHERE ${w.sql} ORDER BY a.occurred_at DESC, a.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: n?.n ?? 0 };
}

export async function countAccidents(tx: Scoped, w: AccidentWhere): Promise<number> {
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM accidents a WHERE ${w.sql}`, w.params);
  return n?.n ?? 0;
}

// ---- children ---------------------------------------------------------------------------------

export type ReportDbRow = {
  id: string;
  kind: 'first' | 'followUp' | 'final';
  at: Date | string;
  deaths: number | null;
  serious_injuries: number | null;
  minor_injuries: number | null;
  missing: number | null;
  direct_loss_wan_yuan: number | null;
  text: string;
  reason: string | null;
  within_window: boolean;
  grade_before: AccidentGrade | null;
  grade_after: AccidentGrade | null;
  author_name: string | null;
  created_at: Date | string;
};

export const reportsOf = (tx: Queryable, id: string) =>
  tx.query<ReportDbRow>(
    `SELECT id, kind, at, deaths, serious_injuries, minor_injuries, missing, direct_loss_wan_yuan::float8 AS direct_loss_wan_yuan, text,
       reason, within_window, grade_before, grade_after, author_name, created_at
     FROM accident_reports WHERE accident_id = $1 ORDER BY created_at, at`,
    [id],
  );

export type FaultDbRow = {
  fault: string;
  minutes: number | null;
  evidence: string;
  recorded_by_name: string | null;
  recorded_at: Date | string;
};
export const faultsOf = (tx: Queryable, id: string) =>
  tx.query<FaultDbRow>(
    'SELECT fault, minutes, evidence, recorded_by_name, recorded_at FROM accident_faults WHERE accident_id = $1 ORDER BY recorded_at',
    [id],
  );

export type LessonSummaryRow = {
  id: string;
  accident_id: string;
  text: string;
  sent_at: Date | string;
  sent_by_name: string | null;
  targets: number;
  acknowledged: number;
};
const LESSON_SELECT = `SELECT l.id, l.accident_id, l.text, l.sent_at, l.sent_by_name,
  (SELECT count(*)::int FROM accident_lesson_targets t WHERE t.lesson_id = l.id) AS targets,
  (SELECT count(*)::int FROM accident_lesson_targets t WHERE t.lesson_id = l.id AND t.acknowledged_at IS NOT NULL) AS acknowledged
  FROM accident_lessons l`;
export const lessonsOfAccident = (tx: Queryable, id: string) =>
  tx.query<LessonSummaryRow>(`${LESSON_SELECT} WHERE l.accident_id = $1 ORDER BY l.sent_at`, [id]);

// ---- writes -----------------------------------------------------------------------------------

export type NewAccident = {
  number: string;
  regionCode: string;
  enterpriseId: string | null;
  unitName: string;
  industryCode: string | null;
  statIndustry: string | null;
  type: string | null;
  nearMiss: boolean;
  occurredAt: string;
  learnedAt: string;
  learnedReason: string | null;
  reportedAt: string;
  lateMinutes: number;
  reportedBy: string;
  reporterName: string;
  reporterKind: 'enterprise' | 'official';
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  measures: string | null;
  other: string | null;
  deaths: number | null;
  seriousInjuries: number | null;
  minorInjuries: number | null;
  missing: number | null;
  directLossWanYuan: number | null;
  grade: AccidentGrade;
  gradeBy: string[];
  investigatingLevel: ChainLevel;
  attachments: string[];
};

export async function insertAccident(tx: Scoped, a: NewAccident): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO accidents (number, region_code, enterprise_id, unit_name, industry_code, stat_industry, type, near_miss, occurred_at,
       learned_at, reported_at, late_minutes, reported_by, reporter_name, reporter_kind, place, latitude, longitude, description, measures,
       other, deaths, serious_injuries, minor_injuries, missing, direct_loss_wan_yuan, grade, grade_by, first_grade, grades,
       investigating_level, attachments, learned_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26,
       $27, $28::text[], $27, $29::jsonb, $30, $31::uuid[], $32)
     RETURNING id`,
    [
      a.number,
      a.regionCode,
      a.enterpriseId,
      a.unitName,
      a.industryCode,
      a.statIndustry,
      a.type,
      a.nearMiss,
      a.occurredAt,
      a.learnedAt,
      a.reportedAt,
      a.lateMinutes,
      a.reportedBy,
      a.reporterName,
      a.reporterKind,
      a.place,
      a.latitude,
      a.longitude,
      a.description,
      a.measures,
      a.other,
      a.deaths,
      a.seriousInjuries,
      a.minorInjuries,
      a.missing,
      a.directLossWanYuan,
      a.grade,
      a.gradeBy,
      JSON.stringify([{ grade: a.grade, at: a.reportedAt }]),
      a.investigatingLevel,
      a.attachments,
      a.learnedReason,
    ],
  );
  return row?.id as string;
}

export async function insertReport(
  tx: Scoped,
  r: {
    accidentId: string;
    kind: 'first' | 'followUp' | 'final';
    at: string;
    figures: {
      deaths: number | null;
      seriousInjuries: number | null;
      minorInjuries: number | null;
      missing: number | null;
      directLossWanYuan: number | null;
    };
    text: string;
    reason: string | null;
    withinWindow: boolean;
    gradeBefore: AccidentGrade | null;
    gradeAfter: AccidentGrade | null;
    authorId: string;
    authorName: string;
  },
) {
  const f = r.figures;
  await tx.query(
    `INSERT INTO accident_reports (accident_id, kind, at, deaths, serious_injuries, minor_injuries, missing, direct_loss_wan_yuan, text,
       reason, within_window, grade_before, grade_after, author_id, author_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      r.accidentId,
      r.kind,
      r.at,
      f.deaths,
      f.seriousInjuries,
      f.minorInjuries,
      f.missing,
      f.directLossWanYuan,
      r.text,
      r.reason,
      r.withinWindow,
      r.gradeBefore,
      r.gradeAfter,
      r.authorId,
      r.authorName,
    ],
  );
}

export async function insertFault(
  tx: Scoped,
  f: { accidentId: string; fault: string; minutes: number | null; evidence: string; by: string | null; byName: string },
) {
  await tx.query(
    `INSERT INTO accident_faults (accident_id, fault, minutes, evidence, recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5, $6)`,
    [f.accidentId, f.fault, f.minutes, f.evidence, f.by, f.byName],
  );
}

/** A level receives the report (a row that exists keeps its first receipt). */
export async function receiveAt(tx: Scoped, accidentId: string, level: ChainLevel, regionCode: string, at: string) {
  await tx.query(
    `INSERT INTO accident_chain (accident_id, level, region_code, received_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (accident_id, level) DO UPDATE SET received_at = coalesce(accident_chain.received_at, EXCLUDED.received_at)`,
    [accidentId, level, regionCode, at],
  );
}

/** Columns of the accident a command may set (names are fixed here, values are parameters). */
const UPDATABLE = [
  'deaths',
  'serious_injuries',
  'minor_injuries',
  'missing',
  'direct_loss_wan_yuan',
  'grade',
  'grade_by',
  'near_miss',
  'grades',
  'status',
  'reporting_ended_at',
  'investigating_level',
  'taken_over_by',
  'investigation_started_at',
  'members',
  'pauses',
  'extension_days',
  'extension_reason',
  'report',
  'submitted_at',
  'submitted_by',
  'approved_at',
  'approved_by',
  'published_at',
  'evaluated_at',
  'evaluation',
  'inspection_id',
] as const;
type Updatable = (typeof UPDATABLE)[number];
const JSON_COLUMNS: readonly Updatable[] = ['grades', 'members', 'pauses', 'report'];

/** Set columns and bump the version. */
export async function updateAccident(tx: Scoped, id: string, set: Partial<Record<Updatable, unknown>>) {
  const params: unknown[] = [id];
  const parts: string[] = [];
  for (const [k, v] of Object.entries(set) as [Updatable, unknown][]) {
    if (!UPDATABLE.includes(k)) throw new Error(`accidents: ${k} is not updatable`);
    params.push(JSON_COLUMNS.includes(k) && v !== null ? JSON.stringify(v) : v);
    parts.push(`${k} = $${params.length}${JSON_COLUMNS.includes(k) ? '::jsonb' : k === 'grade_by' ? '::text[]' : ''}`);
  }
  await tx.query(`UPDATE accidents SET ${[...parts, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`, params);
}

export async function updateChain(
  tx: Scoped,
  accidentId: string,
  level: ChainLevel,
  set: Partial<
    Record<
      | 'forwarded_at'
      | 'forwarded_to'
      | 'forwarded_by'
      | 'forwarded_by_name'
      | 'acknowledged_at'
      | 'acknowledged_by'
      | 'acknowledged_by_name',
      unknown
    >
  >,
) {
  const params: unknown[] = [accidentId, level];
  const parts = Object.entries(set).map(([k, v]) => {
    params.push(v);
    return `${k} = $${params.length}`;
  });
  await tx.query(`UPDATE accident_chain SET ${parts.join(', ')} WHERE accident_id = $1 AND level = $2`, params);
}

export async function notifyBodies(tx: Scoped, accidentId: string, level: ChainLevel, bodies: string[], at: string) {
  await tx.query(
    `UPDATE accident_chain SET parallel = (SELECT jsonb_object_agg(b, $4::text) FROM unnest($3::text[]) b) || parallel
     WHERE accident_id = $1 AND level = $2`,
    [accidentId, level, bodies, at],
  );
}
