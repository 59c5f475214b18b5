// Inspections' SQL and their mapping: the rows (with their enterprise, checklist and inspector),
// the list's filters and total (shared with the workbench), and the writes the commands in
// inspection-service.ts make.
import { type Actor, type Inspection, type InspectionDetail, type InspectionTier, mayExecuteInspection } from '@taishan/domain';
import { z } from 'zod';
import type { Scoped } from '../../db/scope.ts';
import { pageFields, Where } from '../../db/where.ts';
import { enterpriseScope } from '../enterprises/scope.ts';
import { dateOnly } from './store.ts';

export type InspectionResult = { itemCode: string; result: 'pass' | 'fail' | 'na'; note: string | null; photos: string[] };
export type InspectionRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  tier: InspectionTier;
  checklist_id: string;
  checklist_name: string;
  checklist_version: number;
  planned_date: string | Date;
  inspector_id: string | null;
  inspector_name: string | null;
  unannounced: boolean;
  status: 'planned' | 'submitted';
  results: InspectionResult[];
  /** Photos uploaded to this inspection (migration 018): the only ones its results may hold. */
  uploaded_photos: string[];
  location: string | null;
  submitted_at: string | Date | null;
  submitted_by: string | null;
  planned_by: string;
  version: number;
};

const SELECT = `SELECT i.*, e.name AS enterprise_name, e.region_code, c.name AS checklist_name, c.version AS checklist_version,
    u.display_name AS inspector_name
  FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id JOIN checklist_templates c ON c.id = i.checklist_id
  LEFT JOIN users u ON u.id = i.inspector_id`;

export const toInspection = (r: InspectionRow, actor: Actor): Inspection => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  tier: r.tier,
  checklistId: r.checklist_id,
  checklistName: r.checklist_name,
  checklistVersion: r.checklist_version,
  plannedDate: dateOnly(r.planned_date),
  inspectorId: r.inspector_id,
  inspectorName: r.inspector_name,
  unannounced: r.unannounced,
  status: r.status,
  results: r.results,
  location: r.location,
  submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
  submittedBy: r.submitted_by,
  plannedBy: r.planned_by,
  version: r.version,
  canExecute: mayExecuteInspection(actor, { status: r.status, inspectorId: r.inspector_id, tier: r.tier, enterpriseId: r.enterprise_id }),
});

export async function findInspection(tx: Scoped, id: string, forUpdate = false): Promise<InspectionRow | undefined> {
  const params: unknown[] = [id];
  return (
    await tx.query<InspectionRow>(
      `${SELECT} WHERE i.id = $1 AND ${enterpriseScope(tx, params)}${forUpdate ? ' FOR UPDATE OF i' : ''}`,
      params,
    )
  )[0];
}

const day = z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD');
export const inspectionListQuery = z.object({
  enterpriseId: z.uuid().optional(),
  tier: z.enum(['self', 'patrol', 'county', 'city']).optional(),
  status: z.enum(['planned', 'submitted']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  /** Planned on or after / on or before this day. */
  from: day.optional(),
  to: day.optional(),
  ...pageFields(),
});

/** WHERE of the inspection list (joined to `enterprises e`), shared with the workbench's counts. */
export function inspectionWhere(tx: Scoped, actor: Actor, query: Omit<z.infer<typeof inspectionListQuery>, 'page' | 'pageSize'>): Where {
  const w = new Where();
  w.add(enterpriseScope(tx, w.params)).eq('i.enterprise_id', query.enterpriseId).eq('i.tier', query.tier).eq('i.status', query.status);
  if (query.mine === 'true') w.eq('i.inspector_id', actor.id);
  if (query.from) w.add(`i.planned_date >= ${w.param(query.from)}::date`);
  if (query.to) w.add(`i.planned_date <= ${w.param(query.to)}::date`);
  return w;
}

/** The list's total. */
export async function countInspections(tx: Scoped, w: Where): Promise<number> {
  const [c] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id WHERE ${w.sql}`,
    w.params,
  );
  return c?.n ?? 0;
}

/** A page of the list, newest planned first. */
export async function listInspections(tx: Scoped, w: Where, page: number, pageSize: number): Promise<InspectionRow[]> {
  const p = w.page(page, pageSize);
  return tx.query<InspectionRow>(`${SELECT} WHERE ${w.sql} ORDER BY i.planned_date DESC, i.id ${p.limit}`, p.params);
}

/** The hazards an inspection's failed items became, in the order they were created. */
export async function hazardsOfInspection(tx: Scoped, id: string): Promise<InspectionDetail['hazards']> {
  return tx.query<InspectionDetail['hazards'][number]>(
    'SELECT id, number, description, level, status FROM hazards WHERE inspection_id = $1 ORDER BY created_at',
    [id],
  );
}

export async function insertInspection(
  tx: Scoped,
  i: {
    enterpriseId: string;
    tier: InspectionTier;
    checklistId: string;
    plannedDate: string;
    inspectorId: string | null;
    unannounced: boolean;
  },
  plannedBy: string,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO inspections (enterprise_id, tier, checklist_id, planned_date, inspector_id, unannounced, planned_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [i.enterpriseId, i.tier, i.checklistId, i.plannedDate, i.inspectorId, i.unannounced, plannedBy],
  );
  return row?.id as string;
}

export async function updateResults(tx: Scoped, id: string, results: InspectionResult[], location: string | null) {
  await tx.query('UPDATE inspections SET results = $2::jsonb, location = $3, version = version + 1 WHERE id = $1', [
    id,
    JSON.stringify(results),
    location,
  ]);
}

/** Recorded on the inspection (not its version: results being edited stay current), so that its results may reference the photo. */
export async function addUploadedPhoto(tx: Scoped, id: string, key: string) {
  await tx.query('UPDATE inspections SET uploaded_photos = uploaded_photos || $2::jsonb WHERE id = $1', [id, JSON.stringify([key])]);
}

export async function markSubmitted(tx: Scoped, id: string, by: string) {
  await tx.query(
    `UPDATE inspections SET status = 'submitted', submitted_at = now(), submitted_by = $2, version = version + 1 WHERE id = $1`,
    [id, by],
  );
}
