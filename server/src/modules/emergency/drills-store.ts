// The SQL of 应急演练 (issue 27, migration 045). Owner: drills. Every query runs on a Scoped handle:
// the scope filter is the first wall, row-level security the second.
import { type DrillProblem, regionPrefix } from '@taishan/domain';
import { regionRange, type Scoped, scopeFilter } from '../../db/scope.ts';

export type DrillRow = {
  id: string;
  owner_kind: 'enterprise' | 'government';
  enterprise_id: string | null;
  enterprise_name: string | null;
  department_id: string | null;
  department_name: string | null;
  region_code: string;
  region_name: string | null;
  industry_code: string | null;
  title: string;
  content_type: 'comprehensive' | 'single';
  form: 'live' | 'tabletop';
  plan_id: string | null;
  plan_title: string | null;
  external_plan_name: string | null;
  plan_type: 'comprehensive' | 'special' | 'onSite' | null;
  status: 'planned' | 'done' | 'reported' | 'checkedQualified' | 'checkedUnqualified' | 'corrected' | 'cancelled';
  planned_on: string | Date;
  held_on: string | Date | null;
  place: string | null;
  scenario: string | null;
  participant_count: number | null;
  participants: { name: string; unit?: string | null }[];
  photos: string[];
  evaluation_summary: string | null;
  evaluation_result: 'achieved' | 'partlyAchieved' | 'notAchieved' | null;
  problems: DrillProblem[];
  evaluated_at: string | Date | null;
  evaluated_by_name: string | null;
  cancel_reason: string | null;
  reported_at: string | Date | null;
  reported_by_name: string | null;
  report_note: string | null;
  checked_at: string | Date | null;
  checked_by_name: string | null;
  check_note: string | null;
  correct_by: string | Date | null;
  corrected_at: string | Date | null;
  correction_note: string | null;
  created_by_name: string | null;
  version: number;
  created_at: string | Date;
};

const SELECT = `SELECT d.*, e.name AS enterprise_name, dep.name AS department_name, r.name AS region_name, p.title AS plan_title
  FROM emergency_drills d
  LEFT JOIN enterprises e ON e.id = d.enterprise_id
  LEFT JOIN departments dep ON dep.id = d.department_id
  LEFT JOIN regions r ON r.code = d.region_code
  LEFT JOIN emergency_plans p ON p.id = d.plan_id`;

const DRILL_SCOPE = { region: 'd.region_code', enterpriseId: 'd.enterprise_id' };

/** The scope condition on `d` (industries: an enterprise drill of the department's industries, or any government drill). */
function drillScope(tx: Scoped, params: unknown[]): string {
  const base = scopeFilter({ ...tx.scope, industries: null }, params, DRILL_SCOPE);
  if (tx.scope.industries === null) return base;
  params.push(tx.scope.industries);
  return `${base} AND (d.industry_code IS NULL OR left(d.industry_code, 2) = ANY ($${params.length}::text[]))`;
}

export async function findDrill(tx: Scoped, id: string, forUpdate = false): Promise<DrillRow | undefined> {
  const params: unknown[] = [id];
  const [row] = await tx.query<DrillRow>(
    `${SELECT} WHERE d.id = $1 AND ${drillScope(tx, params)}${forUpdate ? ' FOR UPDATE OF d' : ''}`,
    params,
  );
  return row;
}

export type DrillFilters = {
  status?: string;
  statuses?: string[];
  ownerKind?: string;
  enterpriseId?: string;
  regionCode?: string;
  from?: string;
  to?: string;
  notEvaluated?: boolean;
  q?: string;
};

/** The WHERE of the list (and of the 工作台's counts, so each count equals the list's total). */
export function drillWhere(tx: Scoped, f: DrillFilters, params: unknown[]): string {
  const parts = [drillScope(tx, params)];
  const add = (sql: (n: number) => string, v: unknown) => {
    params.push(v);
    parts.push(sql(params.length));
  };
  if (f.status) add((n) => `d.status = $${n}`, f.status);
  if (f.statuses?.length) add((n) => `d.status = ANY ($${n}::text[])`, f.statuses);
  if (f.ownerKind) add((n) => `d.owner_kind = $${n}`, f.ownerKind);
  if (f.enterpriseId) add((n) => `d.enterprise_id = $${n}`, f.enterpriseId);
  if (f.regionCode) parts.push(regionRange('d.region_code', regionPrefix(f.regionCode), params));
  // A drill's day: when it was held, else when it is planned.
  if (f.from) add((n) => `coalesce(d.held_on, d.planned_on) >= $${n}::date`, f.from);
  if (f.to) add((n) => `coalesce(d.held_on, d.planned_on) <= $${n}::date`, f.to);
  if (f.notEvaluated) parts.push(`d.status = 'done' AND d.evaluated_at IS NULL`);
  if (f.q) add((n) => `(d.title ILIKE $${n} OR e.name ILIKE $${n})`, `%${f.q}%`);
  return parts.join(' AND ');
}

export async function listDrillRows(tx: Scoped, f: DrillFilters, limit: number, offset: number) {
  const params: unknown[] = [];
  const where = drillWhere(tx, f, params);
  const [{ total } = { total: 0 }] = await tx.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM emergency_drills d LEFT JOIN enterprises e ON e.id = d.enterprise_id WHERE ${where}`,
    params,
  );
  const rows = await tx.query<DrillRow>(
    `${SELECT} WHERE ${where} ORDER BY coalesce(d.held_on, d.planned_on) DESC, d.created_at DESC LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    params,
  );
  return { rows, total: Number(total) };
}

export async function countDrillRows(tx: Scoped, f: DrillFilters): Promise<number> {
  const params: unknown[] = [];
  const where = drillWhere(tx, f, params);
  const [r] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM emergency_drills d LEFT JOIN enterprises e ON e.id = d.enterprise_id WHERE ${where}`,
    params,
  );
  return Number(r?.n ?? 0);
}

export type NewDrill = {
  ownerKind: 'enterprise' | 'government';
  enterpriseId: string | null;
  departmentId: string | null;
  regionCode: string;
  industryCode: string | null;
  title: string;
  contentType: string;
  form: string;
  planId: string | null;
  externalPlanName: string | null;
  planType: string | null;
  plannedOn: string;
  place: string | null;
  scenario: string | null;
  createdBy: string;
  createdByName: string;
};

export async function insertDrill(tx: Scoped, d: NewDrill): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO emergency_drills (owner_kind, enterprise_id, department_id, region_code, industry_code, title, content_type, form,
       plan_id, external_plan_name, plan_type, planned_on, place, scenario, created_by, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      d.ownerKind,
      d.enterpriseId,
      d.departmentId,
      d.regionCode,
      d.industryCode,
      d.title,
      d.contentType,
      d.form,
      d.planId,
      d.externalPlanName,
      d.planType,
      d.plannedOn,
      d.place,
      d.scenario,
      d.createdBy,
      d.createdByName,
    ],
  );
  return (row as { id: string }).id;
}

const JSON_COLUMNS = new Set(['participants', 'photos', 'problems']);

/** Sets the given columns (names from the service, never from input), bumping the version. */
export async function updateDrill(tx: Scoped, id: string, set: Record<string, unknown>, now: Date): Promise<void> {
  const cols = Object.keys(set);
  const params: unknown[] = [id, now.toISOString()];
  const assigns = cols.map((c) => {
    params.push(JSON_COLUMNS.has(c) ? JSON.stringify(set[c]) : set[c]);
    return `${c} = $${params.length}${JSON_COLUMNS.has(c) ? '::jsonb' : ''}`;
  });
  await tx.query(
    `UPDATE emergency_drills SET ${[...assigns, 'version = version + 1', 'updated_at = $2'].join(', ')} WHERE id = $1`,
    params,
  );
}

export type DrillEvent = {
  drillId: string;
  action: string;
  from: string | null;
  to: string;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
  at: Date;
};
export async function insertDrillEvent(tx: Scoped, e: DrillEvent): Promise<void> {
  await tx.query(
    `INSERT INTO emergency_drill_events (drill_id, action, from_status, to_status, actor_id, actor_name, note, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [e.drillId, e.action, e.from, e.to, e.actorId, e.actorName, e.note, e.at.toISOString()],
  );
}
export const drillEventsOf = (tx: Scoped, id: string) =>
  tx.query<{
    action: string;
    from_status: string | null;
    to_status: string;
    actor_name: string | null;
    note: string | null;
    at: string | Date;
  }>('SELECT action, from_status, to_status, actor_name, note, at FROM emergency_drill_events WHERE drill_id = $1 ORDER BY at, id', [id]);

// ---- what the frequency check reads -------------------------------------------------------------------

export type PlanRow = {
  id: string;
  owner_kind: string;
  enterprise_id: string | null;
  department_id: string | null;
  region_code: string;
  plan_type: 'comprehensive' | 'special' | 'onSite';
  title: string;
  published_on: string | Date | null;
};
export async function planFor(tx: Scoped, id: string): Promise<PlanRow | undefined> {
  const [row] = await tx.query<PlanRow>(
    `SELECT id, owner_kind, enterprise_id, department_id, region_code, plan_type, title, published_on
     FROM emergency_plans WHERE id = $1 AND status <> 'abolished'`,
    [id],
  );
  return row;
}

/** The plans in force (published) of the scope, for the frequency check. */
export async function plansInForce(tx: Scoped, regionPrefix: string, enterpriseId: string | null) {
  const params: unknown[] = [];
  const parts = [
    `p.status = 'published'`,
    scopeFilter({ ...tx.scope, industries: null }, params, { region: 'p.region_code', enterpriseId: 'p.enterprise_id' }),
  ];
  if (regionPrefix) parts.push(regionRange('p.region_code', regionPrefix, params));
  if (enterpriseId) {
    params.push(enterpriseId);
    parts.push(`p.enterprise_id = $${params.length}`);
  }
  return tx.query<PlanRow>(
    `SELECT p.id, p.owner_kind, p.enterprise_id, p.department_id, p.region_code, p.plan_type, p.title, p.published_on
     FROM emergency_plans p WHERE ${parts.join(' AND ')}`,
    params,
  );
}

export type UnitEnterprise = {
  id: string;
  name: string;
  region_code: string;
  region_name: string | null;
  industry_code: string;
  high_risk: string[];
  employees: number | null;
  revenue_wan: number | null;
};
export async function enterprisesOf(tx: Scoped, regionPrefix: string, enterpriseId: string | null) {
  const params: unknown[] = [];
  const parts = [scopeFilter(tx.scope, params, { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' })];
  if (regionPrefix) parts.push(regionRange('e.region_code', regionPrefix, params));
  if (enterpriseId) {
    params.push(enterpriseId);
    parts.push(`e.id = $${params.length}`);
  }
  return tx.query<UnitEnterprise>(
    `SELECT e.id, e.name, e.region_code, r.name AS region_name, e.industry_code, e.high_risk, e.employees, e.revenue_wan
     FROM enterprises e LEFT JOIN regions r ON r.code = e.region_code WHERE ${parts.join(' AND ')} ORDER BY e.region_code, e.name`,
    params,
  );
}

/** The governments (county, township … of the scope) and the departments, as units that owe drills. */
export async function governmentsOf(tx: Scoped, regionPrefix: string) {
  const prefix = regionPrefix || tx.scope.regionPrefix;
  const params: unknown[] = [];
  const regionsWhere = prefix ? regionRange('code', prefix, params) : 'true';
  const regions = await tx.query<{ code: string; name: string; level: string }>(
    `SELECT code, name, level FROM regions WHERE ${regionsWhere} AND level IN ('county', 'township', 'city') ORDER BY code`,
    params,
  );
  const p2: unknown[] = [];
  const depsWhere = prefix ? regionRange('d.region_code', prefix, p2) : 'true';
  const departments = await tx.query<{ id: string; name: string; region_code: string; region_name: string | null }>(
    `SELECT d.id, d.name, d.region_code, r.name AS region_name FROM departments d LEFT JOIN regions r ON r.code = d.region_code
     WHERE ${depsWhere} ORDER BY d.region_code, d.name`,
    p2,
  );
  return { regions, departments };
}

/** The drills of the scope held or planned since `from` (for the frequency check). */
export async function drillsSince(tx: Scoped, regionPrefix: string, enterpriseId: string | null, from: string) {
  const params: unknown[] = [from];
  const parts = [drillScope(tx, params), `coalesce(d.held_on, d.planned_on) >= $1::date`];
  if (regionPrefix) parts.push(regionRange('d.region_code', regionPrefix, params));
  if (enterpriseId) {
    params.push(enterpriseId);
    parts.push(`d.enterprise_id = $${params.length}`);
  }
  return tx.query<
    Pick<
      DrillRow,
      | 'id'
      | 'owner_kind'
      | 'enterprise_id'
      | 'department_id'
      | 'region_code'
      | 'plan_id'
      | 'plan_type'
      | 'status'
      | 'content_type'
      | 'held_on'
    >
  >(
    `SELECT d.id, d.owner_kind, d.enterprise_id, d.department_id, d.region_code, d.plan_id, d.plan_type, d.status, d.content_type, d.held_on
     FROM emergency_drills d WHERE ${parts.join(' AND ')}`,
    params,
  );
}
