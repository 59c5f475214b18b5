// Plans' and campaigns' SQL (migration 031): plans with their items' totals, items with their
// inspections, monthly done counts, certified officers of a county, campaigns with progress.
// Every function takes a Scoped handle and writes the scope into its WHERE clause (first wall);
// row-level security checks again underneath.
import type { PlanItemKind, PlanStatus, SupervisionClass } from '@taishan/domain';
import { regionRange, type Scoped, scopeFilter } from '../../db/scope.ts';

export type PlanRow = {
  id: string;
  region_code: string;
  county_name: string | null;
  year: number;
  status: PlanStatus;
  officers: number;
  working_days: number;
  inspection_share: number;
  days_per_inspection: number;
  general_draw_percent: number;
  submitted_by: string | null;
  submitted_by_name: string | null;
  submitted_at: Date | string | null;
  approved_by_name: string | null;
  approved_at: Date | string | null;
  published_at: Date | string | null;
  created_at: Date | string;
  version: number;
  key_enterprises: number;
  general_enterprises: number;
  key_inspections: number;
  general_inspections: number;
};

/**
 * The display name of the user `column` holds, whatever their home region: a county reads the
 * name of the city supervisor who approved its plan, although that user is outside its view of
 * `users` (names only, through migration 033's definer function).
 */
export const nameOf = (column: string) => `(SELECT n.name FROM enforcement_officer_cards(ARRAY[${column}], current_date) n)`;

const PLAN_SELECT = `SELECT p.id, p.region_code, r.name AS county_name, p.year, p.status, p.officers, p.working_days, p.inspection_share,
  p.days_per_inspection, p.general_draw_percent, p.submitted_by, ${nameOf('p.submitted_by')} AS submitted_by_name, p.submitted_at,
  ${nameOf('p.approved_by')} AS approved_by_name, p.approved_at, p.published_at, p.created_at, p.version,
  coalesce(t.key_enterprises, 0) AS key_enterprises, coalesce(t.general_enterprises, 0) AS general_enterprises,
  coalesce(t.key_inspections, 0) AS key_inspections, coalesce(t.general_inspections, 0) AS general_inspections
  FROM enforcement_plans p
  LEFT JOIN regions r ON r.code = p.region_code
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE i.kind = 'key')::int AS key_enterprises, count(*) FILTER (WHERE i.kind = 'general')::int AS general_enterprises,
      coalesce(sum(i.planned_count) FILTER (WHERE i.kind = 'key'), 0)::int AS key_inspections,
      coalesce(sum(i.planned_count) FILTER (WHERE i.kind = 'general'), 0)::int AS general_inspections
    FROM enforcement_plan_items i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.plan_id = p.id
  ) t ON true`;

/** Plans are read by region only, never by an enterprise account. */
const planScope = (tx: Scoped, params: unknown[]) =>
  tx.scope.enterpriseId !== null ? 'false' : regionRange('p.region_code', tx.scope.regionPrefix, params);

export async function findPlan(tx: Scoped, id: string, forUpdate = false): Promise<PlanRow | undefined> {
  if (forUpdate) {
    const params: unknown[] = [id];
    const locked = await tx.query(`SELECT 1 FROM enforcement_plans p WHERE p.id = $1 AND ${planScope(tx, params)} FOR UPDATE`, params);
    if (!locked.length) return undefined;
  }
  const params: unknown[] = [id];
  const [r] = await tx.query<PlanRow>(`${PLAN_SELECT} WHERE p.id = $1 AND ${planScope(tx, params)}`, params);
  return r;
}

export async function findPlanOf(tx: Scoped, countyCode12: string, year: number): Promise<PlanRow | undefined> {
  const params: unknown[] = [countyCode12, year];
  const [r] = await tx.query<PlanRow>(`${PLAN_SELECT} WHERE p.region_code = $1 AND p.year = $2 AND ${planScope(tx, params)}`, params);
  return r;
}

export async function listPlans(tx: Scoped, year?: number): Promise<PlanRow[]> {
  const params: unknown[] = [];
  const where = [planScope(tx, params)];
  if (year) {
    params.push(year);
    where.push(`p.year = $${params.length}`);
  }
  return tx.query<PlanRow>(`${PLAN_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.year DESC, p.region_code`, params);
}

export type PlanSnapshot = {
  officers: number;
  workingDays: number;
  inspectionShare: number;
  daysPerInspection: number;
  generalDrawPercent: number;
  settings: unknown;
};

export async function insertPlan(tx: Scoped, countyCode12: string, year: number, s: PlanSnapshot, by: string): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO enforcement_plans (region_code, year, officers, working_days, inspection_share, days_per_inspection, general_draw_percent, settings, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) RETURNING id`,
    [
      countyCode12,
      year,
      s.officers,
      s.workingDays,
      s.inspectionShare,
      s.daysPerInspection,
      s.generalDrawPercent,
      JSON.stringify(s.settings),
      by,
    ],
  );
  if (!r) throw new Error('plan not inserted');
  return r.id;
}

export async function refreshPlan(tx: Scoped, id: string, s: PlanSnapshot): Promise<void> {
  await tx.query(
    `UPDATE enforcement_plans SET officers = $2, working_days = $3, inspection_share = $4, days_per_inspection = $5, general_draw_percent = $6,
       settings = $7::jsonb, updated_at = now(), version = version + 1 WHERE id = $1`,
    [id, s.officers, s.workingDays, s.inspectionShare, s.daysPerInspection, s.generalDrawPercent, JSON.stringify(s.settings)],
  );
  await tx.query('DELETE FROM enforcement_plan_items WHERE plan_id = $1', [id]);
}

export async function insertItems(
  tx: Scoped,
  planId: string,
  items: { enterpriseId: string; class: SupervisionClass; kind: PlanItemKind; plannedCount: number; months: number[] }[],
): Promise<void> {
  // Batches keep each statement's parameters small (a province has tens of thousands).
  for (let i = 0; i < items.length; i += 2000) {
    const batch = items.slice(i, i + 2000);
    await tx.query(
      `INSERT INTO enforcement_plan_items (plan_id, enterprise_id, class, kind, planned_count, months)
       SELECT $1, e, c, k, n, CASE WHEN m = '' THEN '{}'::int[] ELSE string_to_array(m, ',')::int[] END
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[]) AS t (e, c, k, n, m)`,
      [
        planId,
        batch.map((x) => x.enterpriseId),
        batch.map((x) => x.class),
        batch.map((x) => x.kind),
        batch.map((x) => x.plannedCount),
        batch.map((x) => x.months.join(',')),
      ],
    );
  }
}

export async function setPlanStatus(
  tx: Scoped,
  id: string,
  status: PlanStatus,
  who: { submittedBy?: string | null; approvedBy?: string | null; published?: boolean },
): Promise<void> {
  const sets = ['status = $2', 'updated_at = now()', 'version = version + 1'];
  const params: unknown[] = [id, status];
  if (who.submittedBy !== undefined) {
    params.push(who.submittedBy);
    sets.push(`submitted_by = $${params.length}`, `submitted_at = ${who.submittedBy ? 'now()' : 'NULL'}`);
  }
  if (who.approvedBy !== undefined) {
    params.push(who.approvedBy);
    sets.push(`approved_by = $${params.length}`, `approved_at = ${who.approvedBy ? 'now()' : 'NULL'}`);
  }
  if (who.published) sets.push('published_at = now()');
  await tx.query(`UPDATE enforcement_plans SET ${sets.join(', ')} WHERE id = $1`, params);
}

export const bumpPlan = (tx: Scoped, id: string) =>
  tx.query('UPDATE enforcement_plans SET version = version + 1, updated_at = now() WHERE id = $1', [id]);

// ---- items ------------------------------------------------------------------------------------

export type ItemRow = {
  id: string;
  plan_id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  industry_code: string;
  class: SupervisionClass;
  kind: PlanItemKind;
  planned_count: number;
  months: number[];
  scheduled: number;
  done: number;
};

const ENT_SCOPE = { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' };
const DONE = "('recorded', 'closed')";

/** Inspections of an item: scheduled (any but cancelled) through it; done through it or, for any item, a draw that year. */
const ITEM_SELECT = (
  year: string,
) => `SELECT i.id, i.plan_id, i.enterprise_id, e.name AS enterprise_name, e.region_code, e.industry_code, i.class, i.kind,
  i.planned_count, i.months,
  (SELECT count(*)::int FROM enforcement_inspections x WHERE x.plan_item_id = i.id AND x.status <> 'cancelled') AS scheduled,
  (SELECT count(*)::int FROM enforcement_inspections x WHERE x.enterprise_id = i.enterprise_id AND x.status IN ${DONE}
     AND (x.plan_item_id = i.id OR x.source = 'draw')
     AND extract(year FROM coalesce(x.started_at AT TIME ZONE 'Asia/Shanghai', x.planned_on::timestamp)) = ${year}) AS done
  FROM enforcement_plan_items i JOIN enterprises e ON e.id = i.enterprise_id`;

export async function listItems(
  tx: Scoped,
  plan: { id: string; year: number },
  q: { kind?: PlanItemKind | undefined; class?: SupervisionClass | undefined; q?: string | undefined; page: number; pageSize: number },
): Promise<{ items: ItemRow[]; total: number }> {
  const params: unknown[] = [plan.id];
  const where = ['i.plan_id = $1', scopeFilter(tx.scope, params, ENT_SCOPE)];
  if (q.kind) {
    params.push(q.kind);
    where.push(`i.kind = $${params.length}`);
  }
  if (q.class) {
    params.push(q.class);
    where.push(`i.class = $${params.length}`);
  }
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`e.name ILIKE $${params.length}`);
  }
  const [total] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM enforcement_plan_items i JOIN enterprises e ON e.id = i.enterprise_id WHERE ${where.join(' AND ')}`,
    params,
  );
  const pageParams = [...params, q.pageSize, (q.page - 1) * q.pageSize];
  const items = await tx.query<ItemRow>(
    `${ITEM_SELECT(String(plan.year))} WHERE ${where.join(' AND ')}
     ORDER BY i.kind DESC, i.class DESC, e.name, i.id LIMIT $${pageParams.length - 1} OFFSET $${pageParams.length}`,
    pageParams,
  );
  return { items, total: total?.n ?? 0 };
}

export async function findItem(tx: Scoped, plan: { id: string; year: number }, itemId: string): Promise<ItemRow | undefined> {
  const params: unknown[] = [plan.id, itemId];
  const [r] = await tx.query<ItemRow>(
    `${ITEM_SELECT(String(plan.year))} WHERE i.plan_id = $1 AND i.id = $2 AND ${scopeFilter(tx.scope, params, ENT_SCOPE)}`,
    params,
  );
  return r;
}

export async function updateItem(tx: Scoped, itemId: string, v: { kind: PlanItemKind; plannedCount: number; months: number[] }) {
  await tx.query('UPDATE enforcement_plan_items SET kind = $2, planned_count = $3, months = $4::int[] WHERE id = $1', [
    itemId,
    v.kind,
    v.plannedCount,
    v.months,
  ]);
}

/** Every visible item's kind and months (for the monthly plan). */
export async function itemMonths(tx: Scoped, planId: string): Promise<{ kind: PlanItemKind; months: number[] }[]> {
  const params: unknown[] = [planId];
  return tx.query(
    `SELECT i.kind, i.months FROM enforcement_plan_items i JOIN enterprises e ON e.id = i.enterprise_id
     WHERE i.plan_id = $1 AND ${scopeFilter(tx.scope, params, ENT_SCOPE)}`,
    params,
  );
}

/** Inspections done per month of the plan's year in its county: through the plan's items, or drawn (一般检查). */
export async function doneByMonth(tx: Scoped, plan: { id: string; region_code: string; year: number }): Promise<number[]> {
  const params: unknown[] = [plan.id, plan.year];
  const where = [
    regionRange('x.region_code', plan.region_code.slice(0, 6), params),
    scopeFilter(tx.scope, params, { region: 'x.region_code', industry: 'x.industry_code', enterpriseId: 'x.enterprise_id' }),
  ];
  const rows = await tx.query<{ m: number; n: number }>(
    `SELECT extract(month FROM d)::int AS m, count(*)::int AS n FROM (
       SELECT coalesce(x.started_at AT TIME ZONE 'Asia/Shanghai', x.planned_on::timestamp) AS d FROM enforcement_inspections x
       WHERE x.status IN ${DONE} AND ${where.join(' AND ')}
         AND (x.plan_item_id IN (SELECT id FROM enforcement_plan_items WHERE plan_id = $1) OR x.source = 'draw')
     ) t WHERE extract(year FROM d) = $2 GROUP BY 1`,
    params,
  );
  const out = new Array<number>(12).fill(0);
  for (const r of rows) out[r.m - 1] = r.n;
  return out;
}

// ---- officers ---------------------------------------------------------------------------------

export type OfficerRow = { user_id: string; name: string; certificate_no: string; valid_until: string | null; conflict: boolean };

/**
 * Certified officers (行政执法证, active, valid on `on`) whose home region is in the county; with
 * `enterpriseId`, whether they have a recorded conflict of interest with it.
 */
export async function countyOfficers(tx: Scoped, county6: string, on: string, enterpriseId?: string): Promise<OfficerRow[]> {
  const params: unknown[] = [on, enterpriseId ?? null];
  const range = regionRange('u.region_code', county6, params);
  return tx.query<OfficerRow>(
    `SELECT o.user_id, u.display_name AS name, o.certificate_no, to_char(o.valid_until, 'YYYY-MM-DD') AS valid_until,
       EXISTS (SELECT 1 FROM officer_conflicts c WHERE c.user_id = o.user_id AND c.enterprise_id = $2) AS conflict
     FROM enforcement_officers o JOIN users u ON u.id = o.user_id
     WHERE o.active AND (o.valid_until IS NULL OR o.valid_until >= $1::date) AND ${range}
     ORDER BY u.display_name, o.user_id`,
    params,
  );
}

export async function insertPlannedInspection(
  tx: Scoped,
  v: { enterpriseId: string; planItemId: string; officerIds: string[]; plannedOn: string; createdBy: string },
): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO enforcement_inspections (enterprise_id, source, plan_item_id, officer_ids, planned_on, status, created_by)
     VALUES ($1, 'plan', $2, $3::uuid[], $4, 'planned', $5) RETURNING id`,
    [v.enterpriseId, v.planItemId, v.officerIds, v.plannedOn, v.createdBy],
  );
  if (!r) throw new Error('inspection not inserted');
  return r.id;
}

/** The classed enterprises of a county in the caller's scope, for a plan. */
export async function classedEnterprises(tx: Scoped, county6: string): Promise<{ enterpriseId: string; class: SupervisionClass }[]> {
  const params: unknown[] = [];
  const where = [regionRange('e.region_code', county6, params), scopeFilter(tx.scope, params, ENT_SCOPE)];
  return tx.query(
    `SELECT e.id AS "enterpriseId", c.class FROM enterprises e JOIN enterprise_classes c ON c.enterprise_id = e.id
     WHERE ${where.join(' AND ')} ORDER BY e.region_code, e.name, e.id`,
    params,
  );
}
