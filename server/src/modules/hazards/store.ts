// Hazard rows and their mapping. A hazard carries its enterprise's region, industry (copied by a
// trigger, migration 004) and name (migration 015), so scope is checked on the hazard's own
// columns and a row of the list is one row of hazards.
import {
  type Actor,
  allowedHazardActions,
  DEFAULT_HAZARD_NUMBER_PATTERN,
  documentNumberPatternError,
  type HazardFacts,
  type HazardStep,
  mayList,
} from '@taishan/domain';
import { regionRange, type Scoped, scopeFilter } from '../../db/scope.ts';
import { dateOnly, iso } from '../../time.ts';

export { dateOnly };

export type HazardRow = {
  id: string;
  /** 宿城区〔2026〕隐患第 0123 号 (migration 018); null only for rows written around the API (the benchmark's). */
  number: string | null;
  /** The dossier's official number (migration 026), issued when the dossier is first generated. */
  dossier_number: string | null;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  industry_code: string;
  inspection_id: string | null;
  checklist_item: string | null;
  description: string;
  location: string | null;
  evidence: string[];
  level: HazardFacts['level'];
  found_tier: HazardFacts['foundTier'];
  found_by: string;
  status: HazardFacts['status'];
  owner: string | null;
  measures: string | null;
  funds: number | null;
  deadline: string | Date | null;
  contingency: string | null;
  rectification_note: string | null;
  rectification_evidence: string[];
  listed_tier: 'county' | 'city' | null;
  listing_deadline: string | Date | null;
  listing_officer: string | null;
  listed_at: string | Date | null;
  escalated_tier: string | null;
  overdue: boolean;
  closed_at: string | Date | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
};

export const HAZARD_SELECT = 'SELECT h.* FROM hazards h';

/**
 * How hazards' numbers are written: HAZARD_NUMBER_PATTERN, or 宿城区〔2026〕隐患第 0123 号. A
 * pattern that cannot number (no serial, an unknown placeholder) stops the server at start.
 */
export function hazardNumberPattern(env: Record<string, string | undefined> = process.env): string {
  const pattern = env.HAZARD_NUMBER_PATTERN || DEFAULT_HAZARD_NUMBER_PATTERN;
  const error = documentNumberPatternError(pattern);
  if (error) throw new Error(`HAZARD_NUMBER_PATTERN: ${error.zh} ${error.en}`);
  return pattern;
}

/**
 * What a row of the hazard list shows. The record's other half (evidence, the five fixes' texts,
 * the rectification, the listing officer, the allowed actions) is on its detail: shipped for every
 * row, it made the county's page of 20 17 KB of JSON, all of it read from the database, parsed and
 * serialized again on each page turn.
 */
const LIST_FIELDS = [
  'id',
  'number',
  'enterprise_id',
  'enterprise_name',
  'region_code',
  'description',
  'location',
  'level',
  'found_tier',
  'status',
  'owner',
  'deadline',
  'overdue',
  'listed_tier',
  'listing_deadline',
  'escalated_tier',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof HazardRow)[];
export const HAZARD_LIST_COLUMNS = LIST_FIELDS.map((c) => `h.${c}`).join(', ');
export type HazardListRow = Pick<HazardRow, (typeof LIST_FIELDS)[number]>;

export function toHazardListItem(r: HazardListRow) {
  return {
    id: r.id,
    number: r.number,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    description: r.description,
    location: r.location,
    level: r.level,
    foundTier: r.found_tier,
    status: r.status,
    owner: r.owner,
    deadline: dateOnly(r.deadline),
    overdue: r.overdue,
    listedTier: r.listed_tier,
    listingDeadline: dateOnly(r.listing_deadline),
    escalatedTier: r.escalated_tier,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/**
 * `hazards h` within a region prefix, through county_code (see migration 004): a range of
 * counties above county level, the county itself at county level, and the county plus the
 * region range below it.
 */
export function hazardRegion(prefix: string, params: unknown[]): string {
  if (!prefix) return 'true';
  if (prefix.length < 6) return regionRange('h.county_code', prefix, params);
  params.push(prefix.slice(0, 6));
  const county = `h.county_code = $${params.length}`;
  return prefix.length === 6 ? county : `${county} AND ${regionRange('h.region_code', prefix, params)}`;
}

/**
 * Whether every prefix is a whole county or more (six digits or fewer): hazardRegion then reads
 * county_code alone, so the counts kept per county (migration 017) can answer.
 */
export const wholeCounties = (...prefixes: string[]) => prefixes.every((p) => p.length <= 6);

/** WHERE fragment restricting `hazards h` to the caller's scope (the data layer's wall). */
export function hazardScope(tx: Pick<Scoped, 'scope'>, params: unknown[]): string {
  const { regionPrefix, ...rest } = tx.scope;
  const others = scopeFilter({ regionPrefix: '', ...rest }, params, {
    region: 'h.region_code',
    industry: 'h.industry_code',
    enterpriseId: 'h.enterprise_id',
  });
  return `${hazardRegion(regionPrefix, params)} AND ${others}`;
}

/** A stored moment as ISO 8601 (UTC), null kept; a string is PostgreSQL's text (rawTimes) or ISO already. */

export function factsOf(r: HazardRow): HazardFacts {
  return {
    enterpriseId: r.enterprise_id,
    status: r.status,
    level: r.level,
    foundTier: r.found_tier,
    listedTier: r.listed_tier,
    owner: r.owner,
    measures: r.measures,
    funds: r.funds,
    deadline: dateOnly(r.deadline),
    contingency: r.contingency,
    rectificationNote: r.rectification_note,
  };
}

/** The whole record: the list's summary and the rest, with what this actor may do with it. */
export function toHazard(r: HazardRow, actor: Actor) {
  const facts = factsOf(r);
  const open = !['closed', 'cancelled'].includes(r.status);
  return {
    ...toHazardListItem(r),
    inspectionId: r.inspection_id,
    checklistItem: r.checklist_item,
    evidence: r.evidence,
    foundBy: r.found_by,
    measures: r.measures,
    funds: r.funds,
    contingency: r.contingency,
    rectificationNote: r.rectification_note,
    rectificationEvidence: r.rectification_evidence,
    listingOfficer: r.listing_officer,
    listedAt: iso(r.listed_at),
    closedAt: iso(r.closed_at),
    allowedActions: allowedHazardActions(actor, facts),
    canEditFixes:
      open && r.status !== 'pendingAcceptance' && (actor.scope.enterpriseId === r.enterprise_id || actor.role === 'platformAdmin'),
    canList: open && !r.listed_tier && mayList(actor, r.level) !== null,
  };
}

export async function findHazard(tx: Scoped, id: string, forUpdate = false): Promise<HazardRow | undefined> {
  const params: unknown[] = [id];
  return (
    await tx.query<HazardRow>(
      `${HAZARD_SELECT} WHERE h.id = $1 AND ${hazardScope(tx, params)}${forUpdate ? ' FOR UPDATE OF h' : ''}`,
      params,
    )
  )[0];
}

export async function recordTransition(
  tx: Scoped,
  hazardId: string,
  action: HazardStep,
  from: string | null,
  to: string,
  actor: string,
  reason: string | null,
) {
  await tx.query(
    'INSERT INTO hazard_transitions (hazard_id, action, from_status, to_status, actor, reason) VALUES ($1, $2, $3, $4, $5, $6)',
    [hazardId, action, from, to, actor, reason],
  );
}
