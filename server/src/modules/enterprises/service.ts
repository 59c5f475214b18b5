// Enterprise directory commands: create, update, delete, each authorised, scoped and audited in
// the same transaction as the change.
import {
  type Actor,
  canCreateEnterprise,
  checkCreditCode,
  type EnterpriseInput,
  type EnterprisePatch,
  enterpriseActions,
  type HighRiskFlag,
  inScope,
  lacksSafetyDirector,
  standardizationProblem,
  supervisionFieldsChanged,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { type Scoped, withScope } from '../../db/scope.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { recomputeClass } from '../enforcement/classes.ts';
import {
  creditCodeTaken,
  deleteEnterprise,
  type EnterpriseRow,
  findEnterprise,
  insertEnterprise,
  regionExists,
  updateEnterprise,
} from './store.ts';

export function toEnterprise(r: EnterpriseRow, actor: Actor) {
  return {
    id: r.id,
    creditCode: r.credit_code,
    creditCodeWarning: r.credit_code_warning,
    name: r.name,
    address: r.address,
    regionCode: r.region_code,
    regionName: r.region_name,
    industryCode: r.industry_code,
    employees: r.employees,
    revenueWan: r.revenue_wan,
    highRisk: r.high_risk,
    legalRepresentative: r.legal_representative,
    safetyDirector: r.safety_director,
    contactPhone: r.contact_phone,
    standardizationGrade: r.standardization_grade,
    standardizationValidUntil: r.standardization_valid_until,
    lacksSafetyDirector: r.lacks_safety_director,
    listed: r.listed ?? false,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    allowedActions: enterpriseActions(actor),
  };
}

function inputOf(r: EnterpriseRow): EnterpriseInput {
  return {
    creditCode: r.credit_code,
    name: r.name,
    address: r.address,
    regionCode: r.region_code,
    industryCode: r.industry_code,
    employees: r.employees,
    revenueWan: r.revenue_wan,
    highRisk: r.high_risk as HighRiskFlag[],
    legalRepresentative: r.legal_representative,
    safetyDirector: r.safety_director,
    contactPhone: r.contact_phone,
    standardizationGrade: r.standardization_grade,
    standardizationValidUntil: r.standardization_valid_until,
  };
}

/** Flags derived from the input: a bad check character warns; the safety-director rule flags. */
const derive = (e: EnterpriseInput) => ({
  ...e,
  creditCodeWarning: !checkCreditCode(e.creditCode).checkCharacterOk,
  lacksSafetyDirector: lacksSafetyDirector(e),
});

const SUPERVISION_BY_REQUEST = {
  zh: '所属区划、行业、高危行业领域、从业人员数和营业收入决定监管归属，企业不能直接修改，请提交变更申请由县级监管部门确认',
  en: 'Region, industry, high-risk fields, employees and revenue decide who supervises the enterprise: request a change for the county to confirm',
};
const SUPERVISION_REFUSED = {
  zh: '无权修改决定监管归属的字段（所属区划、行业、高危行业领域、从业人员数、营业收入）',
  en: 'You may not change the fields that decide supervision (region, industry, high-risk fields, employees, revenue)',
};
const REGION_MISSING = { zh: '行政区划代码不存在', en: 'No such region code' };
const REGION_OUT_OF_SCOPE = { zh: '该区划不在您的辖区内', en: 'This region is outside your jurisdiction' };
const CODE_TAKEN = { zh: '统一社会信用代码已存在', en: 'This credit code is already registered' };

const STANDARDIZATION_REFUSED = {
  zh: '安全生产标准化等级及有效期由监管部门核定录入，企业不能直接修改',
  en: 'The standardisation grade and its validity are entered by the regulator',
};
const STANDARDIZATION_FIELDS = ['standardizationGrade', 'standardizationValidUntil'] as const;

/** Checks shared by create, update and import: the place exists and is ours, the code is free. */
async function checkPlacement(tx: Scoped, e: EnterpriseInput, exceptId?: string) {
  const problem = standardizationProblem(e);
  if (problem) throw invalid(problem);
  if (!(await regionExists(tx, e.regionCode))) throw invalid({ regionCode: REGION_MISSING });
  if (!inScope(tx.scope, { regionCode: e.regionCode, industryCode: e.industryCode, enterpriseId: exceptId ?? null })) {
    throw new AppError('forbidden', REGION_OUT_OF_SCOPE, { regionCode: REGION_OUT_OF_SCOPE });
  }
  if (await creditCodeTaken(tx, e.creditCode, exceptId)) throw new AppError('conflict', CODE_TAKEN, { creditCode: CODE_TAKEN });
}

/** Create inside an open scoped transaction (used by the route and by import, row by row). */
export async function createIn(tx: Scoped, actor: Actor, input: EnterpriseInput) {
  if (!canCreateEnterprise(actor)) throw forbidden();
  await checkPlacement(tx, input);
  const id = await insertEnterprise(tx, derive(input));
  // Its supervision class (分类分级) from the start: plans and draws read it.
  await recomputeClass(tx, id);
  const row = await findEnterprise(tx, id);
  if (!row) throw notFound();
  await appendAudit(tx, actor, {
    action: 'enterprise.create',
    entityType: 'enterprise',
    entityId: id,
    regionCode: row.region_code,
    after: toEnterprise(row, actor),
  });
  return row;
}

export function createEnterprise(db: Db, actor: Actor, input: EnterpriseInput) {
  return withScope(db, actor.scope, async (tx) => toEnterprise(await createIn(tx, actor, input), actor));
}

export function patchEnterprise(db: Db, actor: Actor, id: string, patch: EnterprisePatch) {
  return withScope(db, actor.scope, async (tx) => {
    const current = await findEnterprise(tx, id, true);
    if (!current) throw notFound();
    const actions = enterpriseActions(actor);
    if (!actions.includes('update')) throw forbidden();
    if (patch.version !== undefined && patch.version !== current.version) throw conflict();
    const { version: _v, ...changes } = patch;
    const next = { ...inputOf(current), ...stripUndefined(changes) };
    // Nothing changed: no new version and no audit event for a save without edits.
    if (JSON.stringify(next) === JSON.stringify(inputOf(current))) return toEnterprise(current, actor);
    // The fields that decide supervision are the regulators' (issue 22, item 6): an enterprise asks.
    const supervision = supervisionFieldsChanged(inputOf(current), next);
    if (supervision.length && !actions.includes('changeSupervision')) {
      const m = actions.includes('requestChange') ? SUPERVISION_BY_REQUEST : SUPERVISION_REFUSED;
      throw new AppError('forbidden', m, Object.fromEntries(supervision.map((f) => [f, m])));
    }
    // The standardisation grade moves the supervision class (分类分级): the regulator's to enter.
    const standardization = STANDARDIZATION_FIELDS.filter((f) => (next[f] ?? null) !== (inputOf(current)[f] ?? null));
    if (standardization.length && !actions.includes('changeSupervision')) {
      throw new AppError(
        'forbidden',
        STANDARDIZATION_REFUSED,
        Object.fromEntries(standardization.map((f) => [f, STANDARDIZATION_REFUSED])),
      );
    }
    if (next.regionCode !== current.region_code && !actions.includes('changeRegion')) {
      throw forbidden({ zh: '无权变更所属区划', en: 'You may not move this enterprise' });
    }
    if (next.creditCode !== current.credit_code && !actions.includes('changeCreditCode')) {
      throw forbidden({ zh: '无权变更统一社会信用代码', en: 'You may not change the credit code' });
    }
    await checkPlacement(tx, next, id);
    await updateEnterprise(tx, id, derive(next));
    await recomputeClass(tx, id);
    const after = await findEnterprise(tx, id);
    if (!after) throw notFound();
    await appendAudit(tx, actor, {
      action: 'enterprise.update',
      entityType: 'enterprise',
      entityId: id,
      regionCode: after.region_code,
      before: toEnterprise(current, actor),
      after: toEnterprise(after, actor),
    });
    return toEnterprise(after, actor);
  });
}

export function removeEnterprise(db: Db, actor: Actor, id: string) {
  return withScope(db, actor.scope, async (tx) => {
    const current = await findEnterprise(tx, id, true);
    if (!current) throw notFound();
    if (!enterpriseActions(actor).includes('delete')) throw forbidden();
    await deleteEnterprise(tx, id);
    await appendAudit(tx, actor, {
      action: 'enterprise.delete',
      entityType: 'enterprise',
      entityId: id,
      regionCode: current.region_code,
      before: toEnterprise(current, actor),
    });
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
