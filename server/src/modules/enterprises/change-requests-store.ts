// SQL of enterprise change requests (企业监管要素变更申请): the row and its presentation with
// allowedActions, the scope and list WHERE (shared with the workbench), the writes and the notices.
// The commands are in change-requests-service.ts.
import {
  type Actor,
  type ChangeRequest,
  type ChangeRequestStatus,
  changeRequestActions,
  confirmingPrefix,
  type Scope,
} from '@taishan/domain';
import type { Db } from '../../db/db.ts';
import { homeRegionHolds, regionRange, type Scoped } from '../../db/scope.ts';
import type { EnterpriseRow } from './store.ts';

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
    // Domain's mayConfirm as SQL: pending, in the region the actor confirms for.
    const prefix = confirmingPrefix(actor);
    if (prefix === null) where.push('false');
    else if (prefix === '') where.push(`c.status = 'pending'`);
    else where.push(`c.status = 'pending' AND ${regionRange('c.confirm_region_code', prefix, params)}`);
  }
  return where.join(' AND ');
}

export const facts = (r: ChangeRequestRow) => ({
  status: r.status,
  enterpriseId: r.enterprise_id,
  confirmRegionCode: r.confirm_region_code,
});

export function toChangeRequest(r: ChangeRequestRow, actor: Actor): ChangeRequest {
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

/** The newest requests (up to CHANGE_LIST_LIMIT) and how many match in all. */
export async function searchChangeRequests(tx: Scoped, actor: Actor, q: ChangeRequestQuery) {
  const params: unknown[] = [];
  const where = changeRequestWhere(actor, q, params);
  const rows = await tx.query<ChangeRequestRow>(
    `${SELECT} WHERE ${where} ORDER BY c.requested_at DESC, c.id LIMIT ${CHANGE_LIST_LIMIT}`,
    params,
  );
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_change_requests c WHERE ${where}`, params);
  return { rows, total: n?.n ?? 0 };
}

/** The request if the caller's scope shows it; FOR UPDATE locks it for a decision. */
export async function findChangeRequest(tx: Scoped, id: string, forUpdate = false): Promise<ChangeRequestRow | undefined> {
  const params: unknown[] = [id];
  const where = changeRequestScope(tx.scope, params);
  const [row] = await tx.query<ChangeRequestRow>(`${SELECT} WHERE c.id = $1 AND ${where}${forUpdate ? ' FOR UPDATE OF c' : ''}`, params);
  return row;
}

/** Users to tell: county supervisors whose county holds `code` (not a department's inspectors). */
const COUNTY_SUPERVISORS_OF = (code: string) =>
  `SELECT u.id FROM users u WHERE NOT u.disabled AND u.role = 'countySupervisor' AND u.department_id IS NULL AND ${homeRegionHolds('u', code)}`;

/** Whether the enterprise already has a request waiting (one at a time). */
export async function pendingRequestExists(tx: Scoped, enterpriseId: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM enterprise_change_requests WHERE enterprise_id = $1 AND status = $2', [
    enterpriseId,
    'pending',
  ]);
  return rows.length > 0;
}

export async function insertChangeRequest(
  tx: Scoped,
  actor: Actor,
  r: {
    enterprise: Pick<EnterpriseRow, 'id' | 'name' | 'region_code' | 'industry_code'>;
    confirmRegionCode: string;
    before: Record<string, unknown>;
    changes: Record<string, unknown>;
    reason: string;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO enterprise_change_requests (enterprise_id, enterprise_name, region_code, industry_code, confirm_region_code, before, changes,
       reason, requested_by, requester)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      r.enterprise.id,
      r.enterprise.name,
      r.enterprise.region_code,
      r.enterprise.industry_code,
      r.confirmRegionCode,
      JSON.stringify(r.before),
      JSON.stringify(r.changes),
      r.reason,
      actor.id,
      actor.username,
    ],
  );
  return row?.id as string;
}

/** The enterprise as it is now, read past the caller's scope (the receiving county of a move does not see it yet). */
export async function enterpriseOfRequest(tx: Scoped, id: string): Promise<EnterpriseRow | null> {
  const [e] = await tx.query<{ e: EnterpriseRow | null }>('SELECT change_request_enterprise($1) AS e', [id]);
  return e?.e ?? null;
}

export async function markDecided(tx: Scoped, actor: Actor, id: string, status: ChangeRequestStatus, note: string | null): Promise<void> {
  await tx.query(
    `UPDATE enterprise_change_requests SET status = $2, decided_by = $3, decider = $4, decided_at = now(), decision_note = $5 WHERE id = $1`,
    [id, status, actor.id, actor.username, note],
  );
}

/** Write the approved values into the enterprise (a security-definer function: a move leaves the caller's scope). */
export async function applyChange(tx: Scoped, id: string, lacksSafetyDirector: boolean): Promise<void> {
  await tx.query('SELECT apply_enterprise_change($1, $2)', [id, lacksSafetyDirector]);
}

// Notices, sent after the commit.

export async function noticeRequested(db: Db, r: ChangeRequestRow): Promise<void> {
  await db.query(
    `INSERT INTO notifications (user_id, kind, title, link) SELECT id, 'enterpriseChangeRequested', $2, $3 FROM (${COUNTY_SUPERVISORS_OF('$1')}) s`,
    [r.confirm_region_code, `${r.enterprise_name} 申请变更监管要素，请确认`, `/enterprises/changes?toConfirm=true`],
  );
}

export async function noticeDecided(db: Db, r: ChangeRequestRow, statusZh: string): Promise<void> {
  await db.query(
    `INSERT INTO notifications (user_id, kind, title, link) SELECT id, 'enterpriseChangeDecided', $2, $3 FROM users WHERE id = $1`,
    [r.requested_by, `您提交的企业监管要素变更申请${statusZh}`, `/enterprises/${r.enterprise_id}`],
  );
}

/** The county an enterprise leaves no longer sees it: the notice says where it went, with no link. */
export async function noticeMovedOut(db: Db, r: ChangeRequestRow, m: { from: string; to: string }): Promise<void> {
  const [to] = await db.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [m.to]);
  await db.query(
    `INSERT INTO notifications (user_id, kind, title, link) SELECT id, 'enterpriseMovedOut', $3, NULL FROM (${COUNTY_SUPERVISORS_OF('$1')}) s
     WHERE id NOT IN (${COUNTY_SUPERVISORS_OF('$2')})`,
    [m.from, m.to, `${r.enterprise_name} 已迁出至${to?.name ?? m.to}（迁入地县级已确认）`],
  );
}
