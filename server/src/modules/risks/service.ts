// Commands of the risk module: each changes rows in one transaction and appends its audit entry.
// Who-may rules come from domain/src/risks/policy.ts (and auth/policy.ts); SQL from the store files.
import type { Actor, ProvinceThresholds } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { thresholdsFor, upsertThresholds } from './store.ts';

/** Set a province's level thresholds (the caller has checked mayAdministerProvince). */
export async function setThresholds(db: Db, actor: Actor, province: string, body: ProvinceThresholds) {
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
