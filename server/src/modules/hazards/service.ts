// Hazards' commands: createHazard, what other capabilities call to record a hazard (inspections,
// whistleblowing reports today; enforcement and accidents next), and the commands of the hazard
// routes — report, the five fixes, a lifecycle step, listing, a photo, the dossier's number. Each
// runs in the caller's transaction; who may is asked of domain's policy and lifecycle; SQL is in
// store.ts.
import {
  ACTIONS_NEEDING_REASON,
  type Actor,
  allowedHazardActions,
  checkHazardPhoto,
  checkListing,
  findingTier,
  type fiveFixesSchema,
  type HazardAction,
  type HazardDetail,
  type HazardRecord,
  type hazardInputSchema,
  hazardTransition,
  type hazardTransitionSchema,
  type InspectionTier,
  type listingSchema,
  mayEditFixes,
  mayIssueDossierNumber,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { dossierNumber, newDocumentNumber } from '../../documents/numbers.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import type { FileStore } from '../../storage/files.ts';
import { recomputeClass } from '../enforcement/classes.ts';
import { enterpriseScope, visibleEnterprise } from '../enterprises/scope.ts';
import { hazardDossier } from './dossier.ts';
import {
  actorNames,
  appendPhoto,
  dossierInspection,
  factsOf,
  findHazard,
  type HazardRow,
  hazardNumberPattern,
  inspectionPhotoKeys,
  recordTransition,
  toHazard,
  transitionsOf,
  updateFixes,
  updateListing,
  updateStatus,
} from './store.ts';

/**
 * What a new hazard is made of: the fields of a direct report (hazardInputSchema: enterprise,
 * description, location, level, and the five fixes as far as known, null otherwise) and where it
 * was found.
 * - `foundTier`: the tier that found it — 'self' (the enterprise's self-inspection or own report),
 *   'patrol' | 'county' | 'city' (a government inspection, a substantiated whistleblowing report,
 *   and next enforcement and accidents). Use domain `findingTier(actor, enterpriseId)` for a
 *   hazard an actor reports directly; an inspection's hazards take the inspection's tier.
 * - `inspectionId`, `checklistItem`: the inspection and the failed checklist item it came from.
 * - `evidence`: keys of photos already stored (an inspection's uploaded photos).
 */
export type NewHazard = z.infer<typeof hazardInputSchema> & {
  foundTier: InspectionTier;
  inspectionId?: string | null;
  checklistItem?: string | null;
  evidence?: string[];
};

/**
 * Create a hazard inside an open transaction, with its number: the next of its county this year
 * (taken in this transaction; see newDocumentNumber). The enterprise must be in the actor's scope
 * (404 otherwise). Records the 'report' transition and the audit entry 'hazard.report'.
 */
export async function createHazard(tx: Scoped, actor: Actor, h: NewHazard): Promise<HazardRow> {
  const params: unknown[] = [h.enterpriseId];
  const [e] = await tx.query<{ region_code: string }>(
    `SELECT e.region_code FROM enterprises e WHERE e.id = $1 AND ${enterpriseScope(tx, params)}`,
    params,
  );
  if (!e) throw notFound();
  const { number } = await newDocumentNumber(tx, 'hazard', e.region_code, hazardNumberPattern());
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO hazards (enterprise_id, inspection_id, checklist_item, description, location, evidence, level, found_tier, found_by,
       owner, measures, funds, deadline, contingency, number)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [
      h.enterpriseId,
      h.inspectionId ?? null,
      h.checklistItem ?? null,
      h.description,
      h.location,
      JSON.stringify(h.evidence ?? []),
      h.level,
      h.foundTier,
      actor.username,
      h.owner,
      h.measures,
      h.funds ?? null,
      h.deadline ?? null,
      h.contingency,
      number,
    ],
  );
  const id = row?.id as string;
  await recordTransition(tx, id, 'report', null, 'reported', actor.username, null);
  // An open major hazard moves the enterprise's supervision class (分类分级).
  if (h.level === 'major') await recomputeClass(tx, h.enterpriseId);
  const created = (await findHazard(tx, id)) as HazardRow;
  await appendAudit(tx, actor, {
    action: 'hazard.report',
    entityType: 'hazard',
    entityId: id,
    regionCode: created.region_code,
    after: toHazard(created, actor),
  });
  return created;
}

/** A hazard reported directly (POST /hazards), at the reporter's finding tier (403 when it has none). */
export async function reportHazard(tx: Scoped, actor: Actor, body: z.infer<typeof hazardInputSchema>): Promise<HazardRecord> {
  const e = await visibleEnterprise(tx, body.enterpriseId);
  // The finding tier is the reporter's: enterprises self-inspect; government users report at their tier.
  const foundTier = findingTier(actor, e.id);
  if (foundTier === null) throw forbidden();
  return toHazard(await createHazard(tx, actor, { ...body, foundTier }), actor);
}

/** The five fixes and the rectification note (domain mayEditFixes), audited before and after. */
export async function fillFiveFixes(tx: Scoped, actor: Actor, id: string, body: z.infer<typeof fiveFixesSchema>): Promise<HazardRecord> {
  const before = await lockForCommand(tx, id, {
    find: findHazard,
    may: (h) => mayEditFixes(actor, factsOf(h)),
    version: body.version,
    versionOf: (h) => h.version,
  });
  await updateFixes(tx, id, body);
  const after = (await findHazard(tx, id)) as HazardRow;
  await appendAudit(tx, actor, {
    action: 'hazard.fixes',
    entityType: 'hazard',
    entityId: id,
    regionCode: after.region_code,
    before: toHazard(before, actor),
    after: toHazard(after, actor),
  });
  return toHazard(after, actor);
}

/**
 * A lifecycle step (domain hazardTransition). The row lock makes two users acting at once take
 * turns: the second sees the new state and is refused. A refusal (403, 409) carries the steps this
 * user may take now; missing five fixes are a 400 naming them.
 */
export async function takeHazardStep(
  tx: Scoped,
  actor: Actor,
  id: string,
  body: z.infer<typeof hazardTransitionSchema>,
): Promise<HazardDetail> {
  // No `may` and no version here: both refusals must carry the allowed actions, asked below.
  const before = await lockForCommand(tx, id, { find: findHazard });
  const facts = factsOf(before);
  const allowed = allowedHazardActions(actor, facts);
  if (body.version !== undefined && body.version !== before.version) {
    throw refusal('conflict', { zh: '隐患已被他人处理，请刷新', en: 'The hazard changed; reload' }, allowed);
  }
  const t = hazardTransition(actor, facts, body.action);
  if (!t.ok) {
    if (t.reason === 'forbidden') throw refusal('forbidden', { zh: '无权执行此操作', en: 'You may not take this step' }, allowed);
    if (t.reason === 'incomplete') {
      throw new AppError(
        'validation_error',
        { zh: '请先补全必填内容', en: 'Complete the required fields first' },
        Object.fromEntries(t.missing.map((m) => [m, { zh: '必填', en: 'Required' }])),
      );
    }
    throw refusal('conflict', { zh: `当前状态不能执行该操作`, en: `Not possible from status ${before.status}` }, allowed);
  }
  if (ACTIONS_NEEDING_REASON.includes(body.action) && !body.reason)
    throw invalid({ reason: { zh: '请填写原因', en: 'A reason is required' } });
  await updateStatus(tx, id, t.to);
  await recordTransition(tx, id, body.action, before.status, t.to, actor.username, body.reason ?? null);
  const after = (await findHazard(tx, id)) as HazardRow;
  if (after.level === 'major' && (t.to === 'closed' || t.to === 'cancelled')) await recomputeClass(tx, after.enterprise_id);
  await appendAudit(tx, actor, {
    action: `hazard.${body.action}`,
    entityType: 'hazard',
    entityId: id,
    regionCode: after.region_code,
    before: { status: before.status },
    after: { status: after.status, reason: body.reason ?? null },
  });
  return { ...toHazard(after, actor), transitions: await transitionsOf(tx, id) };
}

/** Listing a major hazard for supervision at the supervisor's tier (domain checkListing: 403, then 409). */
export async function listHazardForSupervision(
  tx: Scoped,
  actor: Actor,
  id: string,
  body: z.infer<typeof listingSchema>,
): Promise<HazardRecord> {
  const listing = (h: HazardRow) => checkListing(actor, factsOf(h));
  const before = await lockForCommand(tx, id, {
    find: findHazard,
    may: (h) => {
      const c = listing(h);
      return c.ok || c.reason !== 'forbidden';
    },
    refuse: () => forbidden({ zh: '仅县级、市级监管人员可对重大隐患挂牌督办', en: 'Only county or city supervisors list major hazards' }),
  });
  const check = listing(before);
  if (!check.ok) throw new AppError('conflict');
  await updateListing(tx, id, check.tier, body.deadline, body.officer);
  await recordTransition(tx, id, 'list', before.status, before.status, actor.username, body.note ?? null);
  const after = (await findHazard(tx, id)) as HazardRow;
  await appendAudit(tx, actor, {
    action: 'hazard.list',
    entityType: 'hazard',
    entityId: id,
    regionCode: after.region_code,
    after: { tier: check.tier, ...body },
  });
  return toHazard(after, actor);
}

/**
 * Whether this actor may add a photo to the hazard now, and of which kind (domain
 * checkHazardPhoto): asked before the upload is read, and again under the row lock by addHazardPhoto.
 */
export async function photoKindFor(tx: Scoped, actor: Actor, id: string, forUpdate = false) {
  const h = await findHazard(tx, id, forUpdate);
  if (!h) throw notFound();
  const c = checkHazardPhoto(actor, factsOf(h));
  if (c.ok) return { hazard: h, kind: c.kind };
  if (c.reason === 'forbidden') throw forbidden();
  throw new AppError(
    'conflict',
    c.reason === 'closed'
      ? { zh: '隐患已销号或撤销，不能再添加照片', en: 'The hazard is closed; no photos may be added' }
      : { zh: '已提交验收，不能再添加整改照片', en: 'Submitted for acceptance; no more proof may be added' },
  );
}

/** File a stored photo with the hazard, checked again under the row lock (it may have closed meanwhile). */
export async function addHazardPhoto(tx: Scoped, actor: Actor, id: string, key: string): Promise<{ key: string }> {
  const { hazard, kind } = await photoKindFor(tx, actor, id, true);
  await appendPhoto(tx, id, kind, key);
  await appendAudit(tx, actor, {
    action: 'hazard.photo',
    entityType: 'hazard',
    entityId: id,
    regionCode: hazard.region_code,
    after: { key, column: kind === 'evidence' ? 'evidence' : 'rectification_evidence' },
  });
  return { key };
}

/**
 * The dossier's official number: issued the first time the dossier is generated — in this
 * transaction, with the audit event 'hazard.dossierNumberIssued' — and the same afterwards. The
 * row lock makes two first downloads at once issue one number.
 */
export async function issueDossierNumber(tx: Scoped, actor: Actor, id: string): Promise<string> {
  const h = await lockForCommand(tx, id, { find: findHazard });
  if (h.dossier_number) return h.dossier_number;
  const number = await dossierNumber(tx, id);
  await appendAudit(tx, actor, {
    action: 'hazard.dossierNumberIssued',
    entityType: 'hazard',
    entityId: id,
    regionCode: h.region_code,
    after: { dossierNumber: number },
  });
  return number;
}

/** A refused step answers with the steps this user may take now. */
const refusal = (code: 'conflict' | 'forbidden', messages: { zh: string; en: string }, allowed: HazardAction[]) =>
  new AppError(code, messages, {}, { allowedActions: allowed });

/**
 * The hazard's dossier (一患一档) as a PDF stream, with its official number (issued on the first
 * download) — or null when the hazard is not in the caller's scope. `onError`: the renderer
 * failed after the answer started.
 */
export async function hazardDossierPdf(db: Db, files: FileStore, actor: Actor, id: string, onError: (err: unknown) => void) {
  const found = await readScoped(db, actor.scope, async (tx) => {
    const h = await findHazard(tx, id);
    if (!h) return null;
    return { h, transitions: await transitionsOf(tx, h.id), inspection: h.inspection_id ? await dossierInspection(tx, h) : null };
  });
  if (!found) return null;
  const { h, transitions, inspection } = found;
  // Issued (a write) only the first time, and only by an official; the same number afterwards, read
  // with the hazard. An enterprise's download before that shows no number (mayIssueDossierNumber).
  const number =
    h.dossier_number ??
    (mayIssueDossierNumber(actor) ? await withScope(db, actor.scope, (tx) => issueDossierNumber(tx, actor, h.id)) : null);
  const actors = await actorNames(db, [h.found_by, ...transitions.map((t) => t.actor), inspection?.dossier.submittedBy]);
  // Each photo once, in the order it was taken: the inspection's, evidence, proof of rectification.
  const captions = new Map<string, string>();
  const add = (keys: string[], caption: string) =>
    keys.forEach((k, n) => {
      if (!captions.has(k)) captions.set(k, `${caption} ${n + 1}`);
    });
  add(inspection?.photos ?? [], '检查照片');
  add(h.evidence, '隐患照片');
  add(h.rectification_evidence, '整改照片');
  const pdf = await hazardDossier(
    {
      hazard: h,
      transitions,
      inspection: inspection?.dossier ?? null,
      photos: [...captions].map(([key, caption]) => ({ key, caption })),
      readPhoto: (key) => files.get(key),
      generatedAt: new Date(),
      actors,
      dossierNumber: number,
    },
    onError,
  );
  return { pdf, number, hazard: h };
}

/** The photo keys a hazard serves: its own and those of its inspection's items. */
export async function hazardPhotoKeys(tx: Scoped, id: string): Promise<string[] | null> {
  const h = await findHazard(tx, id);
  if (!h) return null;
  const inspectionPhotos = h.inspection_id ? await inspectionPhotoKeys(tx, h.inspection_id) : [];
  return [...h.evidence, ...h.rectification_evidence, ...inspectionPhotos];
}
