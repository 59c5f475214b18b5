// Commands of the risk module (thresholds, risk points, major hazard installations): each runs in
// one transaction under the caller's scope, opens with lockForCommand on an existing record (lock,
// 404 out of scope, authorise by domain policy, check the version) and appends its audit entry.
// Who-may rules come from domain/src/risks/policy.ts; SQL from the store files. The risk map's
// commands are in risk-map-service.ts, the risk reports' in risk-reports-service.ts.
import {
  type Actor,
  type AssessmentInput,
  allowedInstallationActions,
  allowedRiskPointActions,
  canEditEnterpriseRisk,
  type Gb18218Input,
  gb18218,
  mayAdministerProvince,
  type ProvinceThresholds,
  type RiskPointInput,
  type riskPointPatchSchema,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { withScope } from '../../db/scope.ts';
import { forbidden } from '../../http/errors.ts';
import { recomputeClass } from '../enforcement/classes.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import {
  deleteInstallation,
  findInstallation,
  type InstallationRow,
  insertInstallation,
  toInstallation,
  updateInstallation,
} from './installations-store.ts';
import {
  assess,
  checkArea,
  deleteRiskPoint,
  findRiskPoint,
  insertRiskPoint,
  type RiskPointRow,
  toRiskPoint,
  updateRiskPoint,
} from './risk-points-store.ts';
import { thresholdsFor, upsertThresholds } from './store.ts';

/** Set a province's level thresholds: the admin or that province's supervisor (mayAdministerProvince). */
export async function setThresholds(db: Db, actor: Actor, province: string, body: ProvinceThresholds) {
  if (!mayAdministerProvince(actor, province)) throw forbidden();
  return db.transaction(async (tx) => {
    const before = await thresholdsFor(tx, `${province}0000000000`);
    await upsertThresholds(tx, province, body);
    await appendAudit(tx, actor, {
      action: 'riskThresholds.set',
      entityType: 'riskThresholds',
      entityId: province,
      regionCode: `${province}0000000000`,
      before: { lec: before.lec, ls: before.ls },
      after: body,
    });
    return { province, custom: true, ...body };
  });
}

// --- Risk points ---

const lockRiskPoint = (actor: Actor, action: 'update' | 'assess' | 'delete', version?: number) => ({
  find: findRiskPoint,
  may: (r: RiskPointRow) => allowedRiskPointActions(actor, { enterpriseId: r.enterprise_id }).includes(action),
  version,
  versionOf: (r: RiskPointRow) => r.version,
});

/** A new risk point of the caller's enterprise, assessed at once when an assessment is given. */
export async function createRiskPoint(db: Db, actor: Actor, body: RiskPointInput) {
  return withScope(db, actor.scope, async (tx) => {
    const e = await visibleEnterprise(tx, body.enterpriseId);
    if (!canEditEnterpriseRisk(actor, e.id)) throw forbidden();
    await checkArea(tx, e.id, body.areaId);
    const id = await insertRiskPoint(tx, e.id, body);
    if (body.assessment) await assess(tx, actor, { id, enterprise_id: e.id, region_code: e.region_code }, body.assessment);
    const row = (await findRiskPoint(tx, id)) as RiskPointRow;
    await appendAudit(tx, actor, {
      action: 'riskPoint.create',
      entityType: 'riskPoint',
      entityId: id,
      regionCode: e.region_code,
      after: toRiskPoint(row, actor),
    });
    return toRiskPoint(row, actor);
  });
}

export async function patchRiskPoint(db: Db, actor: Actor, id: string, body: z.infer<typeof riskPointPatchSchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, lockRiskPoint(actor, 'update', body.version));
    await checkArea(tx, before.enterprise_id, body.areaId);
    await updateRiskPoint(tx, id, body);
    const after = (await findRiskPoint(tx, id)) as RiskPointRow;
    await appendAudit(tx, actor, {
      action: 'riskPoint.update',
      entityType: 'riskPoint',
      entityId: id,
      regionCode: after.region_code,
      before: toRiskPoint(before, actor),
      after: toRiskPoint(after, actor),
    });
    return toRiskPoint(after, actor);
  });
}

/** Assess or reassess: the history keeps every assessment, the point takes the newest level. */
export async function assessRiskPoint(db: Db, actor: Actor, id: string, body: AssessmentInput) {
  return withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, lockRiskPoint(actor, 'assess'));
    const result = await assess(tx, actor, before, body);
    const after = (await findRiskPoint(tx, id)) as RiskPointRow;
    await appendAudit(tx, actor, {
      action: 'riskPoint.assess',
      entityType: 'riskPoint',
      entityId: id,
      regionCode: after.region_code,
      before: { method: before.method, score: before.score, level: before.level },
      after: { method: body.method, inputs: body.inputs, result },
    });
    return toRiskPoint(after, actor);
  });
}

export async function removeRiskPoint(db: Db, actor: Actor, id: string): Promise<void> {
  await withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, lockRiskPoint(actor, 'delete'));
    await deleteRiskPoint(tx, id);
    await appendAudit(tx, actor, {
      action: 'riskPoint.delete',
      entityType: 'riskPoint',
      entityId: id,
      regionCode: before.region_code,
      before: toRiskPoint(before, actor),
    });
  });
}

// --- Major hazard installations: the GB 18218 evaluation is redone on every change of inputs ---

const lockInstallation = (actor: Actor, action: 'update' | 'delete', version?: number) => ({
  find: findInstallation,
  may: (r: InstallationRow) => allowedInstallationActions(actor, { enterpriseId: r.enterprise_id }).includes(action),
  version,
  versionOf: (r: InstallationRow) => r.version,
});

export async function createInstallation(db: Db, actor: Actor, body: Gb18218Input & { enterpriseId: string; name: string }) {
  return withScope(db, actor.scope, async (tx) => {
    const e = await visibleEnterprise(tx, body.enterpriseId);
    if (!canEditEnterpriseRisk(actor, e.id)) throw forbidden();
    const id = await insertInstallation(tx, e.id, { ...body, result: gb18218(body) });
    // A major hazard installation and its grade move the enterprise's supervision class.
    await recomputeClass(tx, e.id);
    const row = (await findInstallation(tx, id)) as InstallationRow;
    await appendAudit(tx, actor, {
      action: 'installation.create',
      entityType: 'installation',
      entityId: row.id,
      regionCode: e.region_code,
      after: toInstallation(row, actor),
    });
    return toInstallation(row, actor);
  });
}

export type InstallationPatch = {
  name?: string | undefined;
  substances?: Gb18218Input['substances'] | undefined;
  peopleWithin500m?: number | undefined;
  version?: number | undefined;
};

/** Change the name, inventory or people count; the unit is evaluated again with the new inputs. */
export async function patchInstallation(db: Db, actor: Actor, id: string, body: InstallationPatch) {
  return withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, lockInstallation(actor, 'update', body.version));
    const substances = body.substances ?? before.inventory;
    const peopleWithin500m = body.peopleWithin500m ?? before.people_within_500m;
    await updateInstallation(tx, id, {
      name: body.name ?? before.name,
      substances,
      peopleWithin500m,
      result: gb18218({ substances, peopleWithin500m }),
    });
    const after = (await findInstallation(tx, id)) as InstallationRow;
    await recomputeClass(tx, after.enterprise_id);
    await appendAudit(tx, actor, {
      action: 'installation.update',
      entityType: 'installation',
      entityId: id,
      regionCode: after.region_code,
      before: toInstallation(before, actor),
      after: toInstallation(after, actor),
    });
    return toInstallation(after, actor);
  });
}

export async function removeInstallation(db: Db, actor: Actor, id: string): Promise<void> {
  await withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, lockInstallation(actor, 'delete'));
    await deleteInstallation(tx, id);
    await recomputeClass(tx, before.enterprise_id);
    await appendAudit(tx, actor, {
      action: 'installation.delete',
      entityType: 'installation',
      entityId: id,
      regionCode: before.region_code,
      before: toInstallation(before, actor),
    });
  });
}
