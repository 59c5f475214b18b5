// 企业监管要素变更申请 (issue 22, item 6): an enterprise admin asks for a change of the fields that
// decide its supervision; the confirming county (for a move, the receiving one) approves or
// rejects; the enterprise may withdraw while it waits. Every step is audited in its transaction;
// the county that confirms learns of a request, the county an enterprise leaves learns of the
// move, and the enterprise of the decision (notices, after the commit). SQL in change-requests-store.ts.
import {
  type Actor,
  type ChangeRequestAction,
  type ChangeRequestInput,
  changeRequestActions,
  confirmingCounty,
  type HighRiskFlag,
  lacksSafetyDirector,
  mayRequestChange,
  nextChangeRequestStatus,
  type SupervisionField,
  supervisionFieldsChanged,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { recomputeClass } from '../enforcement/classes.ts';
import {
  applyChange,
  type ChangeRequestQuery,
  enterpriseOfRequest,
  facts,
  findChangeRequest,
  insertChangeRequest,
  markDecided,
  noticeDecided,
  noticeMovedOut,
  noticeRequested,
  pendingRequestExists,
  searchChangeRequests,
  toChangeRequest,
} from './change-requests-store.ts';
import { type EnterpriseRow, findEnterprise, regionExists } from './store.ts';

export async function listChangeRequests(db: Db, actor: Actor, q: ChangeRequestQuery) {
  const { rows, total } = await readScoped(db, actor.scope, (tx) => searchChangeRequests(tx, actor, q));
  return { items: rows.map((r) => toChangeRequest(r, actor)), total };
}

/** The supervision fields of an enterprise row, as the request stores them. */
const supervisionOf = (e: Pick<EnterpriseRow, 'region_code' | 'industry_code' | 'high_risk' | 'employees' | 'revenue_wan'>) => ({
  regionCode: e.region_code,
  industryCode: e.industry_code,
  highRisk: e.high_risk,
  employees: e.employees,
  revenueWan: e.revenue_wan,
});

const NOTHING_CHANGED = { zh: '申请的值与现值相同', en: 'The requested values are the current ones' };
const ONE_AT_A_TIME = {
  zh: '已有待确认的变更申请，请等待县级确认或先撤回',
  en: 'A change request is already waiting; wait for it or withdraw it first',
};
const ONLY_ENTERPRISE_ADMIN = { zh: '仅本企业管理员可提交变更申请', en: 'Only the enterprise’s own admin may request a change' };

export async function createChangeRequest(db: Db, actor: Actor, enterpriseId: string, input: ChangeRequestInput) {
  const created = await withScope(db, actor.scope, async (tx) => {
    // The enterprise is locked so that two requests at once cannot both pass the one-at-a-time check.
    const e = await lockForCommand(tx, enterpriseId, {
      find: findEnterprise,
      may: (row) => mayRequestChange(actor, row.id),
      refuse: () => forbidden(ONLY_ENTERPRISE_ADMIN),
    });
    const current = supervisionOf(e);
    const changed = supervisionFieldsChanged(current, input.changes);
    if (!changed.length) throw invalid({ changes: NOTHING_CHANGED }, NOTHING_CHANGED);
    const changes = Object.fromEntries(changed.map((f) => [f, input.changes[f]])) as Partial<Record<SupervisionField, unknown>>;
    if (typeof changes.regionCode === 'string' && !(await regionExists(tx, changes.regionCode)))
      throw invalid({ regionCode: { zh: '行政区划代码不存在', en: 'No such region code' } });
    if (await pendingRequestExists(tx, e.id)) throw conflict(ONE_AT_A_TIME);
    const confirm = confirmingCounty(e.region_code, changes.regionCode as string | undefined);
    const before = Object.fromEntries(changed.map((f) => [f, current[f]]));
    const id = await insertChangeRequest(tx, actor, { enterprise: e, confirmRegionCode: confirm, before, changes, reason: input.reason });
    const r = await findChangeRequest(tx, id);
    if (!r) throw notFound();
    await appendAudit(tx, actor, {
      action: 'enterpriseChange.request',
      entityType: 'enterprise',
      entityId: e.id,
      regionCode: e.region_code,
      before,
      after: { request: r.id, changes, reason: input.reason, confirmRegionCode: confirm },
    });
    return r;
  });
  await noticeRequested(db, created);
  return toChangeRequest(created, actor);
}

const DECIDED = { zh: '该申请已处理，不能再变更', en: 'This request has already been decided' };
const NOT_YOURS: Record<ChangeRequestAction, { zh: string; en: string }> = {
  approve: {
    zh: '仅确认县（迁入地县级）或其上级监管部门可批准',
    en: 'Only the confirming county (for a move, the receiving one) or above may approve',
  },
  reject: {
    zh: '仅确认县（迁入地县级）或其上级监管部门可驳回',
    en: 'Only the confirming county (for a move, the receiving one) or above may reject',
  },
  withdraw: { zh: '仅提出申请的企业可撤回', en: 'Only the enterprise that asked may withdraw' },
};

export async function decideChangeRequest(db: Db, actor: Actor, id: string, action: ChangeRequestAction, note: string | null) {
  if (action === 'reject' && !note) throw invalid({ note: { zh: '请填写驳回理由', en: 'Give the reason for rejecting' } });
  const { row: decided, moved } = await withScope(db, actor.scope, async (tx) => {
    // A decided request is a conflict whoever asks; only a pending one asks who may act.
    const r = await lockForCommand(tx, id, {
      find: findChangeRequest,
      may: (row) => row.status !== 'pending' || changeRequestActions(actor, facts(row)).includes(action),
      refuse: () => forbidden(NOT_YOURS[action]),
    });
    const next = nextChangeRequestStatus(r.status, action);
    if (!next) throw conflict(DECIDED);
    let enterpriseBefore: EnterpriseRow | null = null;
    if (action === 'approve') {
      // The enterprise as it is now (the receiving county of a move does not see it yet).
      enterpriseBefore = await enterpriseOfRequest(tx, id);
      if (!enterpriseBefore) throw notFound();
    }
    await markDecided(tx, actor, id, next, note);
    let moved: { from: string; to: string } | null = null;
    let after: Record<string, unknown> = { status: next, note };
    let regionCode = r.region_code;
    if (enterpriseBefore) {
      const b = enterpriseBefore;
      const values = { ...supervisionOf(b), ...(r.changes as Partial<ReturnType<typeof supervisionOf>>) };
      const lacks = lacksSafetyDirector({
        employees: values.employees,
        revenueWan: values.revenueWan,
        highRisk: values.highRisk as HighRiskFlag[],
        safetyDirector: b.safety_director,
      });
      await applyChange(tx, id, lacks);
      // Industry, high-risk fields and size feed the supervision class (分类分级): recompute it now,
      // in the approver's scope (a move's approver is the receiving county, where it now is).
      await recomputeClass(tx, r.enterprise_id);
      after = { ...after, ...values, lacksSafetyDirector: lacks };
      regionCode = values.regionCode;
      if (confirmingCounty(b.region_code) !== confirmingCounty(values.regionCode)) moved = { from: b.region_code, to: values.regionCode };
    }
    await appendAudit(tx, actor, {
      action: `enterpriseChange.${action}`,
      entityType: 'enterprise',
      entityId: r.enterprise_id,
      regionCode,
      before: enterpriseBefore
        ? { request: id, status: r.status, ...supervisionOf(enterpriseBefore), lacksSafetyDirector: enterpriseBefore.lacks_safety_director }
        : { request: id, status: r.status },
      after: { request: id, ...after },
    });
    const out = await findChangeRequest(tx, id);
    if (!out) throw notFound();
    return { row: out, moved };
  });
  const status = { approve: '已批准', reject: '已驳回', withdraw: '已撤回' }[action];
  if (action !== 'withdraw' && decided.requested_by) await noticeDecided(db, decided, status);
  if (moved) await noticeMovedOut(db, decided, moved);
  return toChangeRequest(decided, actor);
}
