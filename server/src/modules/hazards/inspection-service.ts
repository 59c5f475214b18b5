// Inspections' commands: plan (for one or many enterprises), save results while inspecting, file
// an uploaded photo, submit — after which the record is immutable and every failed item has
// become a hazard (createHazard; a failed major-hazard criterion proposes a major one). Who may is
// domain's (mayInspect, mayExecuteInspection); SQL is in inspection-store.ts.
import {
  type Actor,
  type ChecklistItem,
  type Inspection,
  type inspectionPlanSchema,
  type inspectionResultsSchema,
  type inspectionSubmittedSchema,
  mayExecuteInspection,
  mayInspect,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import { lockForCommand } from '../../db/lock.ts';
import type { Scoped } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import { findChecklist } from './checklists.ts';
import {
  addUploadedPhoto,
  findInspection,
  type InspectionRow,
  insertInspection,
  markSubmitted,
  toInspection,
  updateResults,
} from './inspection-store.ts';
import { createHazard } from './service.ts';
import { toHazard } from './store.ts';

const SUBMITTED = { zh: '检查记录已提交，不能修改', en: 'A submitted inspection cannot change' };

const mayExecute = (actor: Actor, r: InspectionRow) =>
  mayExecuteInspection(actor, { status: r.status, inspectorId: r.inspector_id, tier: r.tier, enterpriseId: r.enterprise_id });

/**
 * The inspection, locked, while it may still change: 404 out of scope, 409 once submitted (before
 * 403: a submitted inspection is no one's to execute), 403 for whoever may not execute it, 409 at
 * another version.
 */
async function lockPlanned(tx: Scoped, actor: Actor, id: string, version: number | undefined, submitted = SUBMITTED) {
  const r = await lockForCommand(tx, id, { find: findInspection });
  if (r.status === 'submitted') throw new AppError('conflict', submitted);
  if (!mayExecute(actor, r)) throw forbidden();
  if (version !== undefined && version !== r.version) throw new AppError('conflict');
  return r;
}

/** Plan an inspection of this tier with this checklist for each enterprise, audited one by one. */
export async function planInspections(tx: Scoped, actor: Actor, body: z.infer<typeof inspectionPlanSchema>): Promise<Inspection[]> {
  const checklist = await findChecklist(tx, body.checklistId);
  if (!checklist) throw invalid({ checklistId: { zh: '检查表不存在', en: 'No such checklist' } });
  if (!checklist.tiers.includes(body.tier))
    throw invalid({ tier: { zh: '该检查表不适用于此层级', en: 'The checklist is not for this tier' } });
  const created: string[] = [];
  for (const enterpriseId of body.enterpriseIds) {
    const e = await visibleEnterprise(tx, enterpriseId);
    if (!mayInspect(actor, body.tier, e.id))
      throw forbidden({ zh: '无权安排该层级的检查', en: 'You may not plan inspections of this tier' });
    const id = await insertInspection(
      tx,
      { ...body, enterpriseId: e.id, checklistId: checklist.id, inspectorId: body.inspectorId ?? null },
      actor.username,
    );
    created.push(id);
    await appendAudit(tx, actor, {
      action: 'inspection.plan',
      entityType: 'inspection',
      entityId: id,
      regionCode: e.region_code,
      after: { ...body, enterpriseIds: undefined, enterpriseId: e.id },
    });
  }
  const rows = await Promise.all(created.map((id) => findInspection(tx, id)));
  return rows.map((r) => toInspection(r as InspectionRow, actor));
}

/** Results saved while inspecting (any number of times before submitting). */
export async function saveInspectionResults(
  tx: Scoped,
  actor: Actor,
  id: string,
  body: z.infer<typeof inspectionResultsSchema>,
): Promise<Inspection> {
  const r = await lockPlanned(tx, actor, id, body.version);
  const checklist = await findChecklist(tx, r.checklist_id);
  const codes = new Set((checklist?.items ?? []).map((i) => i.code));
  const unknown = body.results.filter((x) => !codes.has(x.itemCode));
  if (unknown.length)
    throw invalid({
      results: {
        zh: `检查项不存在：${unknown.map((x) => x.itemCode).join('、')}`,
        en: `Unknown items: ${unknown.map((x) => x.itemCode).join(', ')}`,
      },
    });
  // A photo is one uploaded to this inspection: another inspection's (or hazard's) key would
  // otherwise be served, and filed into a dossier, as this one's.
  const uploaded = new Set(r.uploaded_photos);
  const foreign = body.results.flatMap((x) => x.photos.filter((p) => !uploaded.has(p)).map(() => x.itemCode));
  if (foreign.length)
    throw invalid({
      results: {
        zh: `照片不属于本次检查，请重新上传：${[...new Set(foreign)].join('、')}`,
        en: `Photos not uploaded to this inspection; upload them again: ${[...new Set(foreign)].join(', ')}`,
      },
    });
  await updateResults(tx, id, body.results, body.location);
  return toInspection((await findInspection(tx, id)) as InspectionRow, actor);
}

/** Whether the actor may upload a photo to this inspection: asked before the upload is read. */
export async function refuseInspectionPhoto(tx: Scoped, actor: Actor, id: string): Promise<void> {
  const r = await findInspection(tx, id);
  if (!r) throw notFound();
  if (!mayExecute(actor, r)) throw forbidden();
}

/** File an uploaded photo with the inspection, under the row lock (it may have been submitted meanwhile). */
export async function addInspectionPhoto(tx: Scoped, id: string, key: string): Promise<void> {
  const r = await lockForCommand(tx, id, { find: findInspection });
  if (r.status === 'submitted') throw new AppError('conflict', SUBMITTED);
  await addUploadedPhoto(tx, id, key);
}

/** Submit: immutable afterwards; every failed item becomes a hazard at the inspection's tier. */
export async function submitInspection(
  tx: Scoped,
  actor: Actor,
  id: string,
  version: number | undefined,
): Promise<z.infer<typeof inspectionSubmittedSchema>> {
  const r = await lockPlanned(tx, actor, id, version, { zh: '检查记录已提交', en: 'Already submitted' });
  const checklist = await findChecklist(tx, r.checklist_id);
  const items = (checklist?.items ?? []) as ChecklistItem[];
  const answered = new Map(r.results.map((x) => [x.itemCode, x]));
  const missing = items.filter((i) => !answered.has(i.code));
  if (missing.length) {
    throw invalid({ results: { zh: `还有 ${missing.length} 项未检查`, en: `${missing.length} items not checked yet` } });
  }
  await markSubmitted(tx, id, actor.username);
  const hazards = [];
  for (const item of items) {
    const res = answered.get(item.code);
    if (res?.result !== 'fail') continue;
    const h = await createHazard(tx, actor, {
      enterpriseId: r.enterprise_id,
      description: `${item.text}${res.note ? `（${res.note}）` : ''}`,
      location: r.location,
      level: item.majorCriterion ? 'major' : 'general',
      foundTier: r.tier,
      inspectionId: r.id,
      checklistItem: item.code,
      evidence: res.photos,
      owner: null,
      measures: null,
      funds: null,
      deadline: null,
      contingency: null,
    });
    hazards.push(toHazard(h, actor));
  }
  const after = (await findInspection(tx, id)) as InspectionRow;
  await appendAudit(tx, actor, {
    action: 'inspection.submit',
    entityType: 'inspection',
    entityId: id,
    regionCode: after.region_code,
    after: { results: after.results, unannounced: after.unannounced, hazards: hazards.map((h) => h.id) },
  });
  return { ...toInspection(after, actor), hazards };
}
