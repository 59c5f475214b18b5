// The commands on departments: create and update (the platform admin: domain mayManageDepartments).
import { type Actor, type Department, type DepartmentInput, type DepartmentPatchInput, mayManageDepartments } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { withScope } from '../../db/scope.ts';
import { forbidden, invalid, notFound } from '../../http/errors.ts';
import { findDepartment, insertDepartment, regionExists, updateDepartment } from './store.ts';

const NO_REGION = { regionCode: { zh: '行政区划代码不存在', en: 'No such region code' } };

export async function createDepartment(db: Db, actor: Actor, body: DepartmentInput): Promise<Department> {
  if (!mayManageDepartments(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    if (!(await regionExists(tx, body.regionCode))) throw invalid(NO_REGION);
    const row = await findDepartment(tx, (await insertDepartment(tx, body)) ?? '');
    if (!row) throw notFound();
    await appendAudit(tx, actor, {
      action: 'department.create',
      entityType: 'department',
      entityId: row.id,
      regionCode: row.regionCode,
      after: row,
    });
    return row;
  });
}

export async function patchDepartment(db: Db, actor: Actor, id: string, body: DepartmentPatchInput): Promise<Department> {
  if (!mayManageDepartments(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, { find: findDepartment });
    if (body.regionCode && !(await regionExists(tx, body.regionCode))) throw invalid(NO_REGION);
    await updateDepartment(tx, id, body);
    const after = await findDepartment(tx, id);
    if (!after) throw notFound();
    await appendAudit(tx, actor, {
      action: 'department.update',
      entityType: 'department',
      entityId: id,
      regionCode: after.regionCode,
      before,
      after,
    });
    return after;
  });
}
