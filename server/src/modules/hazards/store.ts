// Hazards' SQL and their mapping: the rows, the list (its filters, its total, the statement the
// benchmark runs), the history, the reads a dossier needs, and the updates the commands in
// service.ts make. A hazard carries its enterprise's region, industry (copied by a trigger,
// migration 004) and name (migration 015), so scope is checked on the hazard's own columns and a
// row of the list is one row of hazards.
import {
  type Actor,
  allowedHazardActions,
  checkHazardPhoto,
  DEFAULT_HAZARD_NUMBER_PATTERN,
  documentNumberPatternError,
  type FiveFixes,
  type HazardFacts,
  type HazardListItem,
  type HazardRecord,
  type HazardStep,
  type HazardTransitionRecord,
  type InspectionTier,
  mayEditFixes,
  mayListNow,
  ROLE_LABELS,
  type Role,
} from '@taishan/domain';
import type { Db } from '../../db/db.ts';
import { regionRange, type Scoped, scopeFilter } from '../../db/scope.ts';
import { dateOnly, iso } from '../../time.ts';
import { enterpriseScope } from '../enterprises/scope.ts';

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

export function toHazardListItem(r: HazardListRow): HazardListItem {
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
    // NOT NULL columns: iso() keeps a null only for nullable ones.
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
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
export function toHazard(r: HazardRow, actor: Actor): HazardRecord {
  const facts = factsOf(r);
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
    canEditFixes: mayEditFixes(actor, facts),
    canList: mayListNow(actor, facts),
    canAddPhoto: checkHazardPhoto(actor, facts).ok,
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

/** A hazard's history, oldest first. */
export async function transitionsOf(tx: Scoped, id: string): Promise<HazardTransitionRecord[]> {
  const rows = await tx.query<{
    action: HazardStep;
    from_status: string | null;
    to_status: string;
    actor: string;
    reason: string | null;
    at: Date | string;
  }>('SELECT action, from_status, to_status, actor, reason, at FROM hazard_transitions WHERE hazard_id = $1 ORDER BY id', [id]);
  return rows.map((r) => ({
    action: r.action,
    from: r.from_status,
    to: r.to_status,
    actor: r.actor,
    reason: r.reason,
    at: new Date(r.at).toISOString(),
  }));
}

/** The five fixes as filled in: a field not sent keeps its value. */
export async function updateFixes(tx: Scoped, id: string, f: Partial<FiveFixes> & { rectificationNote?: string | null }) {
  const set = (v: unknown) => (v === undefined ? null : v);
  await tx.query(
    `UPDATE hazards SET owner = coalesce($2, owner), measures = coalesce($3, measures), funds = coalesce($4, funds),
       deadline = coalesce($5::date, deadline), contingency = coalesce($6, contingency),
       rectification_note = coalesce($7, rectification_note), version = version + 1, updated_at = now() WHERE id = $1`,
    [id, set(f.owner), set(f.measures), set(f.funds), set(f.deadline), set(f.contingency), set(f.rectificationNote)],
  );
}

/** A lifecycle step's new status: closing stamps closed_at and ends the overdue flag. */
export async function updateStatus(tx: Scoped, id: string, to: HazardRow['status']) {
  await tx.query(
    `UPDATE hazards SET status = $2, version = version + 1, updated_at = now(),
       closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END,
       overdue = CASE WHEN $2 IN ('closed', 'cancelled') THEN false ELSE overdue END WHERE id = $1`,
    [id, to],
  );
}

export async function updateListing(tx: Scoped, id: string, tier: 'county' | 'city', deadline: string, officer: string) {
  await tx.query(
    `UPDATE hazards SET listed_tier = $2, listing_deadline = $3, listing_officer = $4, listed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
    [id, tier, deadline, officer],
  );
}

/** Where a hazard's photos are kept: evidence (government) or proof of rectification (the enterprise). */
export const PHOTO_COLUMNS = { evidence: 'evidence', rectification: 'rectification_evidence' } as const;

export async function appendPhoto(tx: Scoped, id: string, kind: keyof typeof PHOTO_COLUMNS, key: string) {
  const column = PHOTO_COLUMNS[kind];
  await tx.query(`UPDATE hazards SET ${column} = ${column} || $2::jsonb, updated_at = now() WHERE id = $1`, [id, JSON.stringify([key])]);
}

/** The photos of the checklist items of an inspection, in the caller's scope (a hazard serves its inspection's). */
export async function inspectionPhotoKeys(tx: Scoped, inspectionId: string): Promise<string[]> {
  const params: unknown[] = [inspectionId];
  const [r] = await tx.query<{ results: { photos?: string[] }[] }>(
    `SELECT i.results FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.id = $1 AND ${enterpriseScope(tx, params)}`,
    params,
  );
  return (r?.results ?? []).flatMap((x) => x.photos ?? []);
}

/** The inspection a hazard came from, as its dossier prints it. */
export type DossierInspection = {
  tier: InspectionTier;
  checklistName: string;
  checklistVersion: number;
  plannedDate: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  unannounced: boolean;
  location: string | null;
  /** The checklist item the hazard came from, as the inspector recorded it. */
  item: { code: string; result: string; note: string | null } | null;
};

/** The inspection a hazard was found in, as its dossier shows it, and the photos of its item. */
export async function dossierInspection(tx: Scoped, h: HazardRow): Promise<{ dossier: DossierInspection; photos: string[] } | null> {
  const params: unknown[] = [h.inspection_id];
  const [r] = await tx.query<{
    tier: InspectionTier;
    checklist_name: string;
    checklist_version: number;
    planned_date: string | Date | null;
    submitted_at: string | Date | null;
    submitted_by: string | null;
    unannounced: boolean;
    location: string | null;
    results: { itemCode: string; result: string; note: string | null; photos?: string[] }[];
  }>(
    `SELECT i.tier, c.name AS checklist_name, c.version AS checklist_version, i.planned_date, i.submitted_at, i.submitted_by,
            i.unannounced, i.location, i.results
     FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id JOIN checklist_templates c ON c.id = i.checklist_id
     WHERE i.id = $1 AND ${enterpriseScope(tx, params)}`,
    params,
  );
  if (!r) return null;
  const item = r.results.find((x) => x.itemCode === h.checklist_item) ?? null;
  return {
    dossier: {
      tier: r.tier,
      checklistName: r.checklist_name,
      checklistVersion: r.checklist_version,
      plannedDate: dateOnly(r.planned_date),
      submittedAt: iso(r.submitted_at),
      submittedBy: r.submitted_by,
      unannounced: r.unannounced,
      location: r.location,
      item: item && { code: item.itemCode, result: item.result, note: item.note },
    },
    photos: item?.photos ?? [],
  };
}

/**
 * The people who acted on a hazard, as its dossier names them: 王五（县级监管人员）. Read past the
 * reader's scope — the county supervisor who accepted is outside an enterprise's, and the dossier is
 * the same document whoever downloads it — but only for the usernames of a hazard the reader may
 * see, and only their names and roles.
 */
export async function actorNames(db: Db, usernames: (string | null | undefined)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(usernames.filter((u): u is string => !!u))];
  const rows = await db.query<{ username: string; display_name: string; role: Role }>(
    'SELECT username, display_name, role FROM users WHERE username = ANY($1::text[])',
    [wanted],
  );
  return Object.fromEntries(rows.map((r) => [r.username, `${r.display_name}（${ROLE_LABELS[r.role]?.zh ?? '用户'}）`]));
}
