// SQL of 突发公共卫生事件 (issue 28): events, chain steps, reports, linked cases, contacts, tasks, and
// the cluster query. Every read runs under the caller's scope (the WHERE below is the first wall,
// RLS of migrations 051/054 the second). Owner: events.
//
// The cluster query (clusterRowsSql): per disease (its threshold from the settings) × township of the
// region, the cases diagnosed in (now − days, now], merged/revoked excluded, grouped and kept when
// they reach the threshold. Driving it from regions × diseases makes each probe a range scan of
// ph_cases_cluster_idx (disease_code, region_code, diagnosed_at) — one small range per pair.
import { CHAIN_STEP_REPORTER_PREFIX, NATIONAL_ONE_HOUR_KINDS, PH_CHAIN_STEPS } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { regionRange } from '../../db/scope.ts';
import { todayInShanghai } from '../../time.ts';

export type ClusterSqlRow = {
  disease_code: string;
  region_code: string;
  cases: number;
  first_at: Date | string;
  last_at: Date | string;
  case_ids: string[];
};

export const CLUSTER_SQL = `
WITH t AS (
  SELECT d.code, coalesce(o.cases, $2::int) AS n, coalesce(o.days, $3::int) AS days
  FROM ph_diseases d
  LEFT JOIN unnest($4::text[], $5::int[], $6::int[]) AS o (code, cases, days) ON o.code = d.code
)
SELECT c.disease_code, c.region_code, count(*)::int AS cases, min(c.diagnosed_at) AS first_at,
       max(c.diagnosed_at) AS last_at, array_agg(c.id ORDER BY c.diagnosed_at) AS case_ids
FROM t
CROSS JOIN regions r
JOIN ph_cases c ON c.disease_code = t.code AND c.region_code = r.code
  AND c.diagnosed_at > $1::timestamptz - make_interval(days => t.days) AND c.diagnosed_at <= $1::timestamptz
WHERE r.level = 'township' AND r.code >= $7::text AND r.code < $7::text || '~'
  AND c.status NOT IN ('merged', 'revoked')
GROUP BY c.disease_code, c.region_code, t.n
HAVING count(*) >= t.n
ORDER BY c.disease_code, c.region_code`;

export async function clusterRows(
  tx: Queryable,
  now: Date,
  fallback: { cases: number; days: number },
  overrides: Record<string, { cases: number; days: number }>,
  prefix = '',
): Promise<ClusterSqlRow[]> {
  const codes = Object.keys(overrides);
  return tx.query<ClusterSqlRow>(CLUSTER_SQL, [
    now.toISOString(),
    fallback.cases,
    fallback.days,
    codes,
    codes.map((c) => overrides[c]?.cases ?? fallback.cases),
    codes.map((c) => overrides[c]?.days ?? fallback.days),
    prefix,
  ]);
}

export type EventRow = {
  id: string;
  number: string;
  title: string;
  kind: string;
  disease_code: string | null;
  disease_name: string | null;
  region_code: string;
  region_name: string | null;
  origin: 'cluster' | 'manual';
  grade: string | null;
  grade_criterion: string | null;
  status: string;
  occurred_at: Date | string;
  discovered_at: Date | string | null;
  cluster_key: string | null;
  cluster_cases: number | null;
  summary: string | null;
  affected: number;
  deaths: number;
  lat: number | null;
  lng: number | null;
  confirmed_at: Date | string | null;
  closed_at: Date | string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  has_initial: boolean;
  steps_done: number;
};

const EVENT_COLUMNS = `e.id, e.number, e.title, e.kind, e.disease_code, d.name_zh AS disease_name, e.region_code, r.name AS region_name,
  e.origin, e.grade, e.grade_criterion, e.status, e.occurred_at, e.discovered_at, e.cluster_key, e.cluster_cases, e.summary,
  e.affected, e.deaths, e.lat, e.lng, e.confirmed_at, e.closed_at, e.version, e.created_at, e.updated_at,
  EXISTS (SELECT 1 FROM ph_event_reports x WHERE x.event_id = e.id AND x.kind = 'initial') AS has_initial,
  (SELECT count(*)::int FROM ph_event_chain_steps s WHERE s.event_id = e.id) AS steps_done`;
const EVENT_FROM = `FROM ph_events e JOIN regions r ON r.code = e.region_code LEFT JOIN ph_diseases d ON d.code = e.disease_code`;

export type EventFilter = { prefix: string; status?: string; kind?: string; q?: string; chainDue?: boolean };
export type Paging = { limit: number; offset: number };

/**
 * An event whose reporting chain still has a step to report that this level records: confirmed or
 * responding, with fewer done steps than its kind needs (chainStepsFor: the national step only for
 * the 1-hour kinds) and than this level may record (steps go in order; a county records the first
 * three, a city four, a province all: CHAIN_STEP_REPORTER_PREFIX, with `prefix` the user's scope).
 */
function chainDueWhere(params: unknown[], prefix: string): string {
  params.push([...NATIONAL_ONE_HOUR_KINDS]);
  const kinds = params.length;
  const recordable = PH_CHAIN_STEPS.filter((s) => CHAIN_STEP_REPORTER_PREFIX[s] >= prefix.length).length;
  return `e.status IN ('confirmed', 'responding')
    AND (SELECT count(*) FROM ph_event_chain_steps s WHERE s.event_id = e.id)
      < LEAST(${recordable}, CASE WHEN e.kind = ANY($${kinds}::text[]) THEN ${PH_CHAIN_STEPS.length} ELSE ${PH_CHAIN_STEPS.length - 1} END)`;
}

function eventWhere(f: EventFilter, params: unknown[]): string {
  const where = [regionRange('e.region_code', f.prefix, params)];
  if (f.status) {
    params.push(f.status);
    where.push(`e.status = $${params.length}`);
  }
  if (f.kind) {
    params.push(f.kind);
    where.push(`e.kind = $${params.length}`);
  }
  if (f.q) {
    params.push(`%${f.q}%`);
    where.push(`(e.title ILIKE $${params.length} OR e.number ILIKE $${params.length})`);
  }
  if (f.chainDue) where.push(chainDueWhere(params, f.prefix));
  return where.join(' AND ');
}

export async function eventRows(tx: Queryable, f: EventFilter, page: Paging = { limit: 2000, offset: 0 }): Promise<EventRow[]> {
  const params: unknown[] = [];
  const w = eventWhere(f, params);
  params.push(page.limit, page.offset);
  return tx.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} ${EVENT_FROM} WHERE ${w} ORDER BY e.occurred_at DESC, e.number LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

/** How many events `eventRows` would give without a limit. */
export async function countEvents(tx: Queryable, f: EventFilter): Promise<number> {
  const params: unknown[] = [];
  const w = eventWhere(f, params);
  const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ph_events e WHERE ${w}`, params);
  return r?.n ?? 0;
}

export async function findEvent(tx: Queryable, id: string, forUpdate = false): Promise<EventRow | null> {
  if (forUpdate) await tx.query('SELECT id FROM ph_events WHERE id = $1 FOR UPDATE', [id]);
  const [r] = await tx.query<EventRow>(`SELECT ${EVENT_COLUMNS} ${EVENT_FROM} WHERE e.id = $1`, [id]);
  return r ?? null;
}

/**
 * The next event number of the Beijing year of `at`: a counter per year (migration 060) that does
 * not depend on the caller's scope; its row stays locked until the transaction ends, so concurrent
 * creations get distinct numbers.
 */
export async function nextEventNumber(tx: Queryable, at: Date): Promise<string> {
  const year = Number(todayInShanghai(at).slice(0, 4));
  const [r] = await tx.query<{ n: number }>(
    `INSERT INTO ph_event_serials (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = ph_event_serials.last + 1 RETURNING last AS n`,
    [year],
  );
  if (!r) throw new Error('no event number');
  return `PHE-${year}-${String(r.n).padStart(4, '0')}`;
}

export type EventInsert = {
  number: string;
  title: string;
  kind: string;
  diseaseCode: string | null;
  regionCode: string;
  origin: 'cluster' | 'manual';
  status: string;
  occurredAt: Date;
  discoveredAt: Date;
  clusterKey: string | null;
  clusterCases: number | null;
  summary: string | null;
  affected: number;
  deaths: number;
  lat: number | null;
  lng: number | null;
  createdBy: string | null;
};

/** Inserts an event; a cluster event whose key exists already inserts nothing and returns null. */
export async function insertEvent(tx: Queryable, v: EventInsert): Promise<string | null> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO ph_events (number, title, kind, disease_code, region_code, origin, status, occurred_at, discovered_at,
       cluster_key, cluster_cases, summary, affected, deaths, lat, lng, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (cluster_key) WHERE cluster_key IS NOT NULL DO NOTHING RETURNING id`,
    [
      v.number,
      v.title,
      v.kind,
      v.diseaseCode,
      v.regionCode,
      v.origin,
      v.status,
      v.occurredAt.toISOString(),
      v.discoveredAt.toISOString(),
      v.clusterKey,
      v.clusterCases,
      v.summary,
      v.affected,
      v.deaths,
      v.lat,
      v.lng,
      v.createdBy,
    ],
  );
  return r?.id ?? null;
}

/** Whether a cluster signal for this disease and township is still open, or was handled within the window. */
export async function clusterEventExists(tx: Queryable, diseaseCode: string, regionCode: string, since: Date): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM ph_events WHERE origin = 'cluster' AND disease_code = $1 AND region_code = $2
       AND (status IN ('signal', 'confirmed', 'responding') OR updated_at > $3) LIMIT 1`,
    [diseaseCode, regionCode, since.toISOString()],
  );
  return rows.length > 0;
}

export type ChainStepRow = {
  step: string;
  done_at: Date | string;
  done_by: string | null;
  done_by_name: string | null;
  deadline_at: Date | string;
  late: boolean;
  note: string | null;
};
export function chainStepRows(tx: Queryable, eventId: string) {
  return tx.query<ChainStepRow>(
    `SELECT s.step, s.done_at, s.done_by, u.display_name AS done_by_name, s.deadline_at, s.late, s.note
     FROM ph_event_chain_steps s LEFT JOIN users u ON u.id = s.done_by WHERE s.event_id = $1 ORDER BY s.done_at`,
    [eventId],
  );
}

export type ReportRow = {
  id: string;
  kind: string;
  doc_number: string | null;
  content: string;
  affected: number;
  deaths: number;
  reported_at: Date | string;
  reported_by_name: string | null;
};
export function reportRows(tx: Queryable, eventId: string) {
  return tx.query<ReportRow>(
    `SELECT x.id, x.kind, x.doc_number, x.content, x.affected, x.deaths, x.reported_at, u.display_name AS reported_by_name
     FROM ph_event_reports x LEFT JOIN users u ON u.id = x.reported_by WHERE x.event_id = $1 ORDER BY x.reported_at`,
    [eventId],
  );
}

export type LinkedCaseRow = {
  id: string;
  number: string;
  disease_code: string;
  classification: string;
  status: string;
  diagnosed_at: Date | string;
  region_code: string;
  region_name: string | null;
  person_masked: unknown;
};
export function linkedCaseRows(tx: Queryable, eventId: string) {
  return tx.query<LinkedCaseRow>(
    `SELECT c.id, c.number, c.disease_code, c.classification, c.status, c.diagnosed_at, c.region_code, r.name AS region_name, c.person_masked
     FROM ph_event_cases l JOIN ph_cases c ON c.id = l.case_id LEFT JOIN regions r ON r.code = c.region_code
     WHERE l.event_id = $1 ORDER BY c.diagnosed_at`,
    [eventId],
  );
}

export type ContactRow = {
  id: string;
  sealed: string;
  masked: { name: string; phone: string };
  relation: string | null;
  last_contact_at: Date | string | null;
  follow_up_until: Date | string | null;
};
export function contactRows(tx: Queryable, eventId: string) {
  return tx.query<ContactRow>(
    `SELECT id, sealed, masked, relation, last_contact_at, follow_up_until FROM ph_event_contacts WHERE event_id = $1 ORDER BY created_at, id`,
    [eventId],
  );
}

export type TaskRow = {
  id: string;
  kind: string;
  case_id: string | null;
  case_number: string | null;
  event_id: string | null;
  event_number: string | null;
  region_code: string;
  region_name: string | null;
  title: string;
  assignee_id: string | null;
  assignee_name: string | null;
  due_at: Date | string;
  status: string;
  done_at: Date | string | null;
  note: string | null;
  created_at: Date | string;
};
const TASK_COLUMNS = `t.id, t.kind, t.case_id, c.number AS case_number, t.event_id, e.number AS event_number, t.region_code, r.name AS region_name,
  t.title, t.assignee_id, u.display_name AS assignee_name, t.due_at, t.status, t.done_at, t.note, t.created_at`;
const TASK_FROM = `FROM ph_tasks t LEFT JOIN ph_cases c ON c.id = t.case_id LEFT JOIN ph_events e ON e.id = t.event_id
  LEFT JOIN regions r ON r.code = t.region_code LEFT JOIN users u ON u.id = t.assignee_id`;

export type TaskFilter = { prefix: string; status?: string; kind?: string; eventId?: string; assigneeId?: string; overdueAt?: Date };
function taskWhere(f: TaskFilter, params: unknown[]): string {
  const where = [regionRange('t.region_code', f.prefix, params)];
  const eq = (col: string, v: unknown) => {
    params.push(v);
    where.push(`${col} = $${params.length}`);
  };
  if (f.status) eq('t.status', f.status);
  if (f.kind) eq('t.kind', f.kind);
  if (f.eventId) eq('t.event_id', f.eventId);
  if (f.assigneeId) eq('t.assignee_id', f.assigneeId);
  if (f.overdueAt) {
    params.push(f.overdueAt.toISOString());
    where.push(`t.status = 'open' AND t.due_at < $${params.length}`);
  }
  return where.join(' AND ');
}

export async function taskRows(tx: Queryable, f: TaskFilter, page: Paging = { limit: 2000, offset: 0 }): Promise<TaskRow[]> {
  const params: unknown[] = [];
  const w = taskWhere(f, params);
  params.push(page.limit, page.offset);
  return tx.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} ${TASK_FROM} WHERE ${w} ORDER BY t.status, t.due_at, t.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

/** How many tasks `taskRows` would give without a limit. */
export async function countTasks(tx: Queryable, f: TaskFilter): Promise<number> {
  const params: unknown[] = [];
  const w = taskWhere(f, params);
  const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ph_tasks t WHERE ${w}`, params);
  return r?.n ?? 0;
}
export async function findTask(tx: Queryable, id: string, forUpdate = false): Promise<TaskRow | null> {
  if (forUpdate) await tx.query('SELECT id FROM ph_tasks WHERE id = $1 FOR UPDATE', [id]);
  const [r] = await tx.query<TaskRow>(`SELECT ${TASK_COLUMNS} ${TASK_FROM} WHERE t.id = $1`, [id]);
  return r ?? null;
}
