// The officers' registry (执法人员名录库, 双随机's second list): who holds an enforcement certificate
// (行政执法证) and until when, who is active, and the conflicts of interest recorded against an
// enterprise (利害关系, 行政处罚法 Art. 43) — such an officer is never drawn for it. Kept by admins
// and supervisors within their scope; every change audited.
import {
  type Actor,
  type conflictInputSchema,
  isEnforcer,
  mayManageOfficers,
  mayViewOfficers,
  type Officer,
  type OfficerList,
  officerActions,
  type officerInputSchema,
  type officerPatchSchema,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { todayInShanghai } from '../../time.ts';
import {
  type ConflictRow,
  certificateTaken,
  conflictsOf,
  findOfficer,
  insertConflict,
  insertOfficer,
  listOfficers as listOfficerRows,
  type OfficerRow,
  officerCandidates,
  updateOfficer,
  userForOfficer,
} from './officers-store.ts';

function toOfficer(r: OfficerRow, conflicts: ConflictRow[], actor: Actor): Officer {
  return {
    userId: r.user_id,
    name: r.name,
    username: r.username,
    role: r.role,
    regionCode: r.region_code,
    departmentName: r.department_name,
    certificateNo: r.certificate_no,
    validUntil: r.valid_until,
    valid: r.valid,
    active: r.active,
    conflicts: conflicts
      .filter((c) => c.user_id === r.user_id)
      .map((c) => ({
        id: c.id,
        enterpriseId: c.enterprise_id,
        enterpriseName: c.enterprise_name,
        reason: c.reason,
        recordedAt: new Date(c.recorded_at).toISOString(),
      })),
    allowedActions: officerActions(actor, r),
  };
}

async function officerView(tx: Scoped, actor: Actor, userId: string): Promise<Officer> {
  const r = await findOfficer(tx, userId, todayInShanghai());
  if (!r) throw notFound();
  return toOfficer(r, await conflictsOf(tx, [userId]), actor);
}

export async function listOfficers(db: Db, actor: Actor): Promise<OfficerList> {
  if (!mayViewOfficers(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const rows = await listOfficerRows(tx, todayInShanghai());
    const conflicts = await conflictsOf(
      tx,
      rows.map((r) => r.user_id),
    );
    return { items: rows.map((r) => toOfficer(r, conflicts, actor)), allowedActions: mayManageOfficers(actor) ? ['add'] : [] };
  });
}

export async function listOfficerCandidates(db: Db, actor: Actor) {
  if (!mayManageOfficers(actor)) throw forbidden();
  return readScoped(db, actor.scope, officerCandidates);
}

const certificateClash = () =>
  invalid({ certificateNo: { zh: '该执法证号已登记给他人', en: 'This certificate number is registered to someone else' } });

export async function addOfficer(db: Db, actor: Actor, input: z.infer<typeof officerInputSchema>): Promise<Officer> {
  if (!mayManageOfficers(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const user = await userForOfficer(tx, input.userId);
    if (!user) throw invalid({ userId: { zh: '辖区内没有该用户', en: 'No such user in your jurisdiction' } });
    if (!isEnforcer({ id: user.id, username: '', role: user.role as Actor['role'], scope: actor.scope }))
      throw invalid({
        userId: {
          zh: '只有县级以上监管人员和行业部门执法人员可登记为执法人员',
          en: 'Only county-level and higher supervisors and department inspectors enforce',
        },
      });
    if (user.officer) throw conflict({ zh: '该人员已登记为执法人员', en: 'This person is already registered' });
    if (await certificateTaken(tx, input.certificateNo)) throw certificateClash();
    await insertOfficer(tx, { userId: input.userId, certificateNo: input.certificateNo, validUntil: input.validUntil ?? null });
    await appendAudit(tx, actor, {
      action: 'enforcementOfficer.add',
      entityType: 'enforcementOfficer',
      entityId: input.userId,
      regionCode: user.region_code,
      after: { certificateNo: input.certificateNo, validUntil: input.validUntil ?? null },
    });
    return officerView(tx, actor, input.userId);
  });
}

export async function patchOfficer(db: Db, actor: Actor, userId: string, patch: z.infer<typeof officerPatchSchema>): Promise<Officer> {
  return withScope(db, actor.scope, async (tx) => {
    const row = await findOfficer(tx, userId, todayInShanghai(), true);
    if (!row) throw notFound();
    if (!mayManageOfficers(actor)) throw forbidden();
    const next = {
      certificateNo: patch.certificateNo ?? row.certificate_no,
      validUntil: patch.validUntil === undefined ? row.valid_until : patch.validUntil,
      active: patch.active ?? row.active,
    };
    if (next.certificateNo !== row.certificate_no && (await certificateTaken(tx, next.certificateNo, userId))) throw certificateClash();
    await updateOfficer(tx, userId, next);
    await appendAudit(tx, actor, {
      action: 'enforcementOfficer.update',
      entityType: 'enforcementOfficer',
      entityId: userId,
      regionCode: row.region_code,
      before: { certificateNo: row.certificate_no, validUntil: row.valid_until, active: row.active },
      after: next,
    });
    return officerView(tx, actor, userId);
  });
}

export async function recordConflict(db: Db, actor: Actor, userId: string, input: z.infer<typeof conflictInputSchema>): Promise<Officer> {
  return withScope(db, actor.scope, async (tx) => {
    const row = await findOfficer(tx, userId, todayInShanghai(), true);
    if (!row) throw notFound();
    if (!officerActions(actor, row).includes('recordConflict')) throw forbidden();
    const [e] = await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [input.enterpriseId]);
    if (!e) throw invalid({ enterpriseId: { zh: '辖区内没有该企业', en: 'No such enterprise in your jurisdiction' } });
    const id = await insertConflict(tx, { userId, enterpriseId: input.enterpriseId, reason: input.reason, recordedBy: actor.id });
    if (!id) throw new AppError('conflict', { zh: '该回避事项已登记', en: 'This conflict is already recorded' });
    await appendAudit(tx, actor, {
      action: 'enforcementOfficer.conflict',
      entityType: 'enforcementOfficer',
      entityId: userId,
      regionCode: e.region_code,
      after: { enterpriseId: input.enterpriseId, reason: input.reason },
    });
    return officerView(tx, actor, userId);
  });
}
