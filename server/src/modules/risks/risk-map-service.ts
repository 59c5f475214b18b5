// Commands of the four-colour risk map: upload the site plan, draw, change and delete areas.
// Each runs in one transaction and appends its audit entry; who may edit is domain's mayEditRiskMap.
import { type Actor, mayEditRiskMap } from '@taishan/domain';
import type { FastifyRequest } from 'fastify';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { forbidden } from '../../http/errors.ts';
import type { FileStore } from '../../storage/files.ts';
import { readImageUpload } from '../../storage/uploads.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import { type AreaRow, deleteArea, findArea, insertArea, sitePlanOf, toArea, updateArea, upsertSitePlan } from './risk-map-store.ts';

export const SITE_PLAN_MAX_BYTES = 5 * 1024 * 1024;

/** Replace the enterprise's site plan; the old image goes only once the new row has landed. */
export async function uploadSitePlan(db: Db, files: FileStore, actor: Actor, enterpriseId: string, req: FastifyRequest) {
  // Check visibility and permission before reading the upload.
  await readScoped(db, actor.scope, async (tx) => {
    const e = await visibleEnterprise(tx, enterpriseId);
    if (!mayEditRiskMap(actor, e.id)) throw forbidden();
  });
  const { data, ...image } = await readImageUpload(req, SITE_PLAN_MAX_BYTES);
  const key = await files.put('site-plans', data);
  try {
    return await withScope(db, actor.scope, async (tx) => {
      const e = await visibleEnterprise(tx, enterpriseId);
      const old = await sitePlanOf(tx, e.id, true);
      await upsertSitePlan(tx, e.id, { key, type: image.type, width: image.width, height: image.height, bytes: data.length });
      await appendAudit(tx, actor, {
        action: 'sitePlan.upload',
        entityType: 'enterprise',
        entityId: e.id,
        regionCode: e.region_code,
        after: { ...image, bytes: data.length },
      });
      if (old) await files.delete(old.file_key);
      return { width: image.width, height: image.height, contentType: image.type, bytes: data.length };
    });
  } catch (err) {
    await files.delete(key); // nothing half-saved: the file goes if the row does not land
    throw err;
  }
}

const lockArea = (actor: Actor) => ({ find: findArea, may: (a: AreaRow) => mayEditRiskMap(actor, a.enterprise_id) });

export async function createArea(db: Db, actor: Actor, body: { enterpriseId: string; name: string; polygon: [number, number][] }) {
  return withScope(db, actor.scope, async (tx) => {
    const e = await visibleEnterprise(tx, body.enterpriseId);
    if (!mayEditRiskMap(actor, e.id)) throw forbidden();
    const id = await insertArea(tx, e.id, body.name, body.polygon);
    const area = toArea((await findArea(tx, id)) as AreaRow);
    await appendAudit(tx, actor, {
      action: 'riskArea.create',
      entityType: 'riskArea',
      entityId: id,
      regionCode: e.region_code,
      after: area,
    });
    return area;
  });
}

export async function patchArea(
  db: Db,
  actor: Actor,
  id: string,
  body: { name?: string | undefined; polygon?: [number, number][] | undefined },
) {
  return withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, lockArea(actor));
    await updateArea(tx, id, body);
    const after = toArea((await findArea(tx, id)) as AreaRow);
    await appendAudit(tx, actor, {
      action: 'riskArea.update',
      entityType: 'riskArea',
      entityId: id,
      regionCode: before.region_code,
      before: toArea(before),
      after,
    });
    return after;
  });
}

export async function removeArea(db: Db, actor: Actor, id: string): Promise<void> {
  await withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, lockArea(actor));
    await deleteArea(tx, id);
    await appendAudit(tx, actor, {
      action: 'riskArea.delete',
      entityType: 'riskArea',
      entityId: id,
      regionCode: before.region_code,
      before: toArea(before),
    });
  });
}
