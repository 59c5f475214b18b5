// 企业监管要素变更申请 (issue 22, item 6): an enterprise admin asks for a change of the fields that
// decide its supervision; the confirming county (for a move, the receiving one) approves or
// rejects; the enterprise may withdraw while it waits. Every step is audited in its transaction;
// the county that confirms learns of a request, the county an enterprise leaves learns of the
// move, and the enterprise of the decision (notices, after the commit).
import {
  type Actor,
  type ChangeRequestAction,
  type ChangeRequestInput,
  type ChangeRequestStatus,
  changeRequestActions,
  confirmingCounty,
  type HighRiskFlag,
  lacksSafetyDirector,
  mayRequestChange,
  nextChangeRequestStatus,
  type Scope,
  type SupervisionField,
  supervisionFieldsChanged,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { homeRegionHolds, readScoped, regionRange, type Scoped, withScope } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { type EnterpriseRow, findEnterprise, regionExists } from './store.ts';

export type ChangeRequestRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  region_name: string | null;
  industry_code: string;
  confirm_region_code: string;
  confirm_region_name: string | null;
  before: Record<string, unknown>;
  changes: Record<string, unknown>;
  reason: string;
  status: ChangeRequestStatus;
  requested_by: string | null;
  requester: string;
  requested_at: Date | string;
  decider: string | null;
  decided_at: Date | string | null;
  decision_note: string | null;
};

const SELECT = `SELECT c.*, r.name AS region_name, cr.name AS confirm_region_name FROM enterprise_change_requests c
  LEFT JOIN regions r ON r.code = c.region_code LEFT JOIN regions cr ON cr.code = c.confirm_region_code`;

/** The first wall, as the row-level policy: the enterprise's own, or where it is, or the confirming county. */
export function changeRequestScope(scope: Scope, params: unknown[]): string {
  const parts: string[] = [];
  if (scope.enterpriseId !== null) {
    params.push(scope.enterpriseId);
    parts.push(`c.enterprise_id = $${params.length}`);
  }
  if (scope.industries !== null) {
    params.push(scope.industries);
    parts.push(`left(c.industry_code, 2) = ANY($${params.length}::text[])`);
  }
  if (scope.regionPrefix)
    parts.push(
      `(${regionRange('c.region_code', scope.regionPrefix, params)} OR ${regionRange('c.confirm_region_code', scope.regionPrefix, params)})`,
    );
  return parts.length ? parts.join(' AND ') : 'true';
}

export type ChangeRequestQuery = { status?: ChangeRequestStatus; enterpriseId?: string; toConfirm?: 'true' };

/** WHERE of the list (and of the workbench's count). toConfirm: pending ones the caller may decide. */
export function changeRequestWhere(actor: Actor, q: ChangeRequestQuery, params: unknown[]): string {
  const where = [changeRequestScope(actor.scope, params)];
  if (q.status) {
    params.push(q.status);
    where.push(`c.status = $${params.length}`);
  }
  if (q.enterpriseId) {
    params.push(q.enterpriseId);
    where.push(`c.enterprise_id = $${params.length}`);
  }
  if (q.toConfirm) {
    // As mayConfirm: the admin, or a county, city or province supervisor over the confirming county.
    if (actor.role === 'platformAdmin') where.push(`c.status = 'pending'`);
    else if (['countySupervisor', 'citySupervisor', 'provinceSupervisor'].includes(actor.role))
      where.push(`c.status = 'pending' AND ${regionRange('c.confirm_region_code', actor.scope.regionPrefix, params)}`);
    else where.push('false');
  }
  return where.join(' AND ');
}

export const facts = (r: ChangeRequestRow) => ({
  status: r.status,
  enterpriseId: r.enterprise_id,
  confirmRegionCode: r.confirm_region_code,
});

export function toChangeRequest(r: ChangeRequestRow, actor: Actor) {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    confirmRegionCode: r.confirm_region_code,
    confirmRegionName: r.confirm_region_name,
    before: r.before,
    changes: r.changes,
    reason: r.reason,
    status: r.status,
    requester: r.requester,
    requestedAt: new Date(r.requested_at).toISOString(),
    decider: r.decider,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decisionNote: r.decision_note,
    allowedActions: changeRequestActions(actor, facts(r)),
  };
}

export const CHANGE_LIST_LIMIT = 200;

export async function listChangeRequests(db: Db, actor: Actor, q: ChangeRequestQuery) {
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = changeRequestWhere(actor, q, params);
    const rows = await tx.query<ChangeRequestRow>(
      `${SELECT} WHERE ${where} ORDER BY c.requested_at DESC, c.id LIMIT ${CHANGE_LIST_LIMIT}`,
      params,
    );
    const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_change_requests c WHERE ${where}`, params);
    return { items: rows.map((r) => toChangeRequest(r, actor)), total: n?.n ?? 0 };
  });
}

async function findChangeRequest(tx: Scoped, id: string, forUpdate = false) {
  const params: unknown[] = [id];
  const where = changeRequestScope(tx.scope, params);
  const [row] = await tx.query<ChangeRequestRow>(`${SELECT} WHERE c.id = $1 AND ${where}${forUpdate ? ' FOR UPDATE OF c' : ''}`, params);
  return row;
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

/** Users to tell: county supervisors whose county holds `code` (not a department's inspectors). */
const COUNTY_SUPERVISORS_OF = (code: string) =>
  `SELECT u.id FROM users u WHERE NOT u.disabled AND u.role = 'countySupervisor' AND u.department_id IS NULL AND ${homeRegionHolds('u', code)}`;

export async function createChangeRequest(db: Db, actor: Actor, enterpriseId: string, input: ChangeRequestInput) {
  const created = await withScope(db, actor.scope, async (tx) => {
    const e = await findEnterprise(tx, enterpriseId, true);
    if (!e) throw notFound();
    if (!mayRequestChange(actor, e.id)) throw forbidden(ONLY_ENTERPRISE_ADMIN);
    const current = supervisionOf(e);
    const changed = supervisionFieldsChanged(current, input.changes);
    if (!changed.length) throw invalid({ changes: NOTHING_CHANGED }, NOTHING_CHANGED);
    const changes = Object.fromEntries(changed.map((f) => [f, input.changes[f]])) as Partial<Record<SupervisionField, unknown>>;
    if (typeof changes.regionCode === 'string' && !(await regionExists(tx, changes.regionCode)))
      throw invalid({ regionCode: { zh: '行政区划代码不存在', en: 'No such region code' } });
    const [waiting] = await tx.query('SELECT 1 FROM enterprise_change_requests WHERE enterprise_id = $1 AND status = $2', [
      e.id,
      'pending',
    ]);
    if (waiting) throw conflict(ONE_AT_A_TIME);
    const confirm = confirmingCounty(e.region_code, changes.regionCode as string | undefined);
    const before = Object.fromEntries(changed.map((f) => [f, current[f]]));
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO enterprise_change_requests (enterprise_id, enterprise_name, region_code, industry_code, confirm_region_code, before, changes,
         reason, requested_by, requester)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        e.id,
        e.name,
        e.region_code,
        e.industry_code,
        confirm,
        JSON.stringify(before),
        JSON.stringify(changes),
        input.reason,
        actor.id,
        actor.username,
      ],
    );
    const r = await findChangeRequest(tx, row?.id as string);
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
  await db.query(
    `INSERT INTO notifications (user_id, kind, title, link) SELECT id, 'enterpriseChangeRequested', $2, $3 FROM (${COUNTY_SUPERVISORS_OF('$1')}) s`,
    [created.confirm_region_code, `${created.enterprise_name} 申请变更监管要素，请确认`, `/enterprises/changes?toConfirm=true`],
  );
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
    const r = await findChangeRequest(tx, id, true);
    if (!r) throw notFound();
    const next = nextChangeRequestStatus(r.status, action);
    if (!next) throw conflict(DECIDED);
    if (!changeRequestActions(actor, facts(r)).includes(action)) throw forbidden(NOT_YOURS[action]);
    let enterpriseBefore: EnterpriseRow | null = null;
    if (action === 'approve') {
      // The enterprise as it is now (the receiving county of a move does not see it yet).
      const [e] = await tx.query<{ e: EnterpriseRow | null }>('SELECT change_request_enterprise($1) AS e', [id]);
      if (!e?.e) throw notFound();
      enterpriseBefore = e.e;
    }
    await tx.query(
      `UPDATE enterprise_change_requests SET status = $2, decided_by = $3, decider = $4, decided_at = now(), decision_note = $5 WHERE id = $1`,
      [id, next, actor.id, actor.username, note],
    );
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
      await tx.query('SELECT apply_enterprise_change($1, $2)', [id, lacks]);
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
  if (action !== 'withdraw' && decided.requested_by)
    await db.query(
      `INSERT INTO notifications (user_id, kind, title, link) SELECT id, 'enterpriseChangeDecided', $2, $3 FROM users WHERE id = $1`,
      [decided.requested_by, `您提交的企业监管要素变更申请${status}`, `/enterprises/${decided.enterprise_id}`],
    );
  if (moved) {
    const m = moved;
    const [to] = await db.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [m.to]);
    // The county it leaves no longer sees the enterprise: the notice says where it went, with no link.
    await db.query(
      `INSERT INTO notifications (user_id, kind, title, link) SELECT id, 'enterpriseMovedOut', $3, NULL FROM (${COUNTY_SUPERVISORS_OF('$1')}) s
       WHERE id NOT IN (${COUNTY_SUPERVISORS_OF('$2')})`,
      [m.from, m.to, `${decided.enterprise_name} 已迁出至${to?.name ?? m.to}（迁入地县级已确认）`],
    );
  }
  return toChangeRequest(decided, actor);
}
