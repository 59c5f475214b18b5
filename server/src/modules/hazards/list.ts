// The hazard list's SQL: its filters (shared by the API, the Excel export, the workbench's counts
// and the benchmark), its total (from the maintained counts where they can answer, else counted up
// to a cap), and the one statement that reads a page with its total.
import { HAZARD_LEVELS, HAZARD_STATUSES, type HazardListItem, INSPECTION_TIERS, type Scope } from '@taishan/domain';
import { z } from 'zod';
import type { Scoped } from '../../db/scope.ts';
import { pageConst, pageFields, Where } from '../../db/where.ts';
import { beijingDayStart } from '../../time.ts';
import {
  HAZARD_LIST_COLUMNS,
  HAZARD_SELECT,
  type HazardListRow,
  type HazardRow,
  hazardRegion,
  hazardScope,
  toHazardListItem,
  wholeCounties,
} from './store.ts';

export const hazardListQuery = z.object({
  enterpriseId: z.uuid().optional(),
  region: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为数字||Region code is digits')
    .optional(),
  industry: z
    .string()
    .regex(/^\d{2}$/, '行业为两位大类代码||Industry is a 2-digit division')
    .optional(),
  level: z.enum(HAZARD_LEVELS).optional(),
  status: z.enum([...HAZARD_STATUSES, 'open']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  tier: z.enum(INSPECTION_TIERS).optional(),
  listed: z.enum(['true', 'false', 'county', 'city']).optional(),
  /** Words in the description, the number, the enterprise's name or the location (ILIKE, within the caller's scope). */
  q: z.string().trim().max(100, '关键词最多 100 字||A keyword is at most 100 characters').optional(),
  /** Found (registered) on or after / on or before this Beijing day. */
  from: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
  to: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
  sort: z.enum(['deadline', '-createdAt']).default('deadline'),
  ...pageFields(200, 20),
});
type ListQuery = z.infer<typeof hazardListQuery>;

/** WHERE of the hazard list, shared by the API, the export and the benchmark (columns of `hazards h` only). */
export function hazardWhere(tx: Pick<Scoped, 'scope'>, q: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>): Where {
  const w = new Where();
  // Enumerated filters go into the text (eqConst): the level=major list needs its partial index,
  // and the prepared list statement is planned once with them (see hazardListSql).
  w.add(hazardScope(tx, w.params)).eq('h.enterprise_id', q.enterpriseId).eqConst('h.found_tier', q.tier);
  if (q.industry) w.add(`left(h.industry_code, 2) = ${w.param(q.industry)}`);
  placeAndState(w, q);
  if (q.listed === 'true') w.add('h.listed_tier IS NOT NULL');
  else if (q.listed === 'false') w.add('h.listed_tier IS NULL');
  else w.eqConst('h.listed_tier', q.listed);
  if (q.q) {
    // Infix search with no trigram index (PGlite has no pg_trgm): the scope and the other filters
    // narrow the rows through the county indexes first, and ILIKE reads what is left.
    const like = w.param(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    w.add(`(h.description ILIKE ${like} OR h.number ILIKE ${like} OR h.enterprise_name ILIKE ${like} OR h.location ILIKE ${like})`);
  }
  if (q.from) w.add(`h.created_at >= ${w.param(beijingDayStart(q.from))}::timestamptz`);
  if (q.to) w.add(`h.created_at < ${w.param(beijingDayStart(q.to, 1))}::timestamptz`);
  return w;
}
/** The region filter as the prefix hazardRegion takes (its trailing groups of zeros dropped). */
const regionFilter = (q: Pick<ListQuery, 'region'>) => q.region?.replace(/(000)+$/, '');

/**
 * The filters on a hazard's place and state — region, level, status, overdue — which `hazards h`
 * and `hazard_area_counts h` both have as columns of the same names.
 */
function placeAndState(w: Where, q: Pick<ListQuery, 'region' | 'level' | 'status' | 'overdue'>): Where {
  w.eqConst('h.level', q.level);
  const region = regionFilter(q);
  if (region) w.add(hazardRegion(region, w.params));
  if (q.status === 'open') w.add(OPEN);
  else w.eqConst('h.status', q.status);
  if (q.overdue) w.add(q.overdue === 'true' ? 'h.overdue' : 'NOT h.overdue');
  return w;
}
/** Written exactly as in the partial indexes' predicate, so the planner can use them. */
const OPEN = `h.status NOT IN ('closed', 'cancelled')`;
/**
 * Totals not read from the maintained counts are counted up to this many; beyond it the list says
 * "1,000+". Counting a county's whole backlog on every page turn would cost more than the page.
 */
export const HAZARD_COUNT_CAP = 1000;

/**
 * The list's total from the maintained counts without the industry division: exact, and a sum of
 * a few rows instead of counting up to 1,001 hazards. Of whole counties (migration 017, ~30 rows
 * a county) where the caller's area and the region filter are whole counties or more — the county
 * supervisor's list; otherwise of townships (migration 014, ~450 rows a county on the benchmark).
 * Only where the caller may read them (an area not limited to industries or to one enterprise) and
 * every filter is one of their columns; otherwise null, and the list counts its hazards up to the
 * cap.
 */
function areaCountSql(scope: Scope, q: ListQuery, params: unknown[]): string | null {
  if (scope.industries !== null || scope.enterpriseId !== null) return null;
  if (q.enterpriseId || q.industry || q.tier || q.listed === 'county' || q.listed === 'city') return null;
  if (q.q || q.from || q.to) return null;
  const counties = wholeCounties(scope.regionPrefix, regionFilter(q) ?? '');
  const w = placeAndState(new Where(params).add(hazardRegion(scope.regionPrefix, params)), q);
  if (q.listed) w.add(q.listed === 'true' ? 'h.listed' : 'NOT h.listed');
  return `SELECT coalesce(sum(h.n), 0)::int AS capped_total FROM ${counties ? 'hazard_county_counts' : 'hazard_area_counts'} h WHERE ${w.sql}`;
}

/**
 * The page and the total of the hazard list: the statement the API runs (and the benchmark runs
 * bare). `exact`: the total is exact; otherwise it was counted up to HAZARD_COUNT_CAP + 1.
 */
export function hazardListSql(scope: Scope, q: ListQuery) {
  const w = hazardWhere({ scope }, q);
  const area = areaCountSql(scope, q, w.params);
  const total =
    area ?? `SELECT count(*)::int AS capped_total FROM (SELECT 1 FROM hazards h WHERE ${w.sql} LIMIT ${HAZARD_COUNT_CAP + 1}) capped`;
  // One statement, one round trip: the total joined to the page (an empty page still yields the
  // total, on a row whose hazard columns are all null). The filters' values and the page are in
  // the text and only the region (and enterprise, industry) are parameters, so PostgreSQL plans
  // each prepared text once: replanning every page cost more than running it.
  return {
    sql: `SELECT c.capped_total, h.*
      FROM (${total}) c
      LEFT JOIN (SELECT ${HAZARD_LIST_COLUMNS} FROM hazards h WHERE ${w.sql} ORDER BY ${HAZARD_ORDER[q.sort]} ${pageConst(q.page, q.pageSize)}) h ON true
      ORDER BY ${HAZARD_ORDER[q.sort]}`,
    params: w.params,
    exact: area !== null,
  };
}

export const HAZARD_ORDER = { deadline: 'h.deadline NULLS LAST, h.id', '-createdAt': 'h.created_at DESC, h.id' } as const;

/** A page of the hazard list with its total (capped: more than `total`). */
export async function listHazards(tx: Scoped, query: ListQuery): Promise<{ items: HazardListItem[]; total: number; totalCapped: boolean }> {
  const list = hazardListSql(tx.scope, query);
  // Prepared: the county's list page is the busiest read; the texts vary only by which filters are set.
  // Its dates and moments are passed on as text, not made into Dates and back (db/times.ts).
  const rows = await tx.query<HazardListRow & { capped_total: number }>(list.sql, list.params, { prepare: true, rawTimes: true });
  const n = rows[0]?.capped_total ?? 0;
  const capped = !list.exact && n > HAZARD_COUNT_CAP;
  return { items: rows.filter((r) => r.id !== null).map(toHazardListItem), total: capped ? HAZARD_COUNT_CAP : n, totalCapped: capped };
}

/** The whole rows the Excel export writes (at most 50,000), in the list's order. */
export async function hazardsToExport(tx: Scoped, query: Omit<ListQuery, 'page' | 'pageSize'>): Promise<HazardRow[]> {
  const w = hazardWhere(tx, query);
  return tx.query<HazardRow>(`${HAZARD_SELECT} WHERE ${w.sql} ORDER BY ${HAZARD_ORDER[query.sort]} LIMIT 50000`, w.params);
}
