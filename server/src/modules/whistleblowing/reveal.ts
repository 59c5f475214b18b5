// Revealing a named reporter's identity takes two people (custodian approval): a handler asks,
// with a reason; another authorised person — an admin, or a supervisor of the same or a higher
// tier whose jurisdiction holds the report, never the one asking — approves or refuses; only
// then may the asker open the identity. The request, the decision and every opening are audit
// events; the identity itself is never written to the audit trail or the logs. The rules are
// domain's (mayDecideReveal, allowedRevealRequestActions); the SQL is in store.ts.
import { type Actor, allowedRevealRequestActions, mayHandleWhistleblowerReports, type RevealRequest } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import type { Keyring } from './keyring.ts';
import {
  decideRevealRow,
  findReport,
  findReveal,
  hasWaitingReveal,
  insertReveal,
  markRevealed,
  notifyCustodians,
  type RevealRow,
  revealRowsOf,
  waitingReveals,
} from './store.ts';

/** A 403 for anyone who may not handle reports, before any read (service.ts's mustHandle; not imported, service.ts imports this file). */
function mustHandle(actor: Actor) {
  if (!mayHandleWhistleblowerReports(actor)) throw forbidden();
}

const actionsOn = (actor: Actor, v: RevealRow) =>
  allowedRevealRequestActions(actor, { requestedBy: v.requested_by, requesterRegion: v.requester_region, status: v.status });

const toReveal = (v: RevealRow, actor: Actor): RevealRequest => ({
  id: v.id,
  reportId: v.report_id,
  requester: v.requester,
  reason: v.reason,
  status: v.status,
  decidedBy: v.decided_by,
  decisionNote: v.decision_note,
  requestedAt: new Date(v.requested_at).toISOString(),
  decidedAt: v.decided_at && new Date(v.decided_at).toISOString(),
  allowedActions: actionsOn(actor, v),
});

export async function revealsOf(q: Queryable, reportId: string, actor: Actor) {
  return (await revealRowsOf(q, reportId)).map((v) => toReveal(v, actor));
}

/** Ask to see a named report's reporter; the custodians of its region are told. */
export async function requestReveal(db: Db, actor: Actor, reportId: string, reason: string) {
  mustHandle(actor);
  const created = await withScope(db, actor.scope, async (tx) => {
    const r = await lockForCommand(tx, reportId, { find: findReport });
    if (!r.sealed_identity) throw new AppError('conflict', { zh: '匿名举报，无身份可查看', en: 'Anonymous report: there is no identity' });
    if (await hasWaitingReveal(tx, r.id, actor.id))
      throw new AppError('conflict', { zh: '已有待审批的申请', en: 'A request is already waiting' });
    const id = await insertReveal(tx, { reportId: r.id, userId: actor.id, username: actor.username, reason });
    await appendAudit(tx, actor, {
      action: 'report.revealRequest',
      entityType: 'report',
      entityId: r.id,
      regionCode: r.region_code,
      after: { request: id, reason },
    });
    return { id, region: r.region_code };
  });
  // Outside the caller's scope: the custodians' scope may lie above the asker's.
  await notifyCustodians(db, {
    regionCode: created.region,
    title: `${actor.username} 申请查看实名举报人身份，请审批`,
    link: `/reports/${reportId}`,
    except: actor.id,
  });
  return { id: created.id };
}

/** The requests waiting for this user's decision. */
export function revealsToDecide(db: Db, actor: Actor) {
  mustHandle(actor);
  return readScoped(db, actor.scope, async (tx) => ({
    items: (await waitingReveals(tx)).map((v) => toReveal(v, actor)).filter((v) => v.allowedActions.includes('decide')),
  }));
}

export function decideReveal(db: Db, actor: Actor, id: string, d: { approve: boolean; note?: string }) {
  mustHandle(actor);
  return withScope(db, actor.scope, async (tx) => {
    const v = await lockForCommand(tx, id, {
      find: findReveal,
      // Deciding is for someone other than the asker, of the same or a higher tier (domain's
      // mayDecideReveal); a decided request is a 409 below, not a 403.
      may: (v) => actionsOn(actor, { ...v, status: 'requested' }).includes('decide'),
      refuse: () =>
        forbidden({
          zh: '须由申请人以外的同级或上级授权人员审批',
          en: 'Another authorised person of the same or a higher tier must decide',
        }),
    });
    if (v.status !== 'requested') throw new AppError('conflict', { zh: '该申请已审批', en: 'Already decided' });
    if (!d.approve && !d.note) throw invalid({ note: { zh: '拒绝时请说明理由', en: 'Say why it is refused' } });
    const status = d.approve ? 'approved' : 'refused';
    await decideRevealRow(tx, v.id, { status, by: actor.username, note: d.note ?? null });
    const r = await findReport(tx, v.report_id);
    await appendAudit(tx, actor, {
      action: d.approve ? 'report.revealApprove' : 'report.revealRefuse',
      entityType: 'report',
      entityId: v.report_id,
      regionCode: r?.region_code ?? null,
      after: { request: v.id, requester: v.requester, note: d.note ?? null },
    });
    return toReveal({ ...v, status, decided_by: actor.username, decision_note: d.note ?? null, decided_at: new Date() }, actor);
  });
}

/** The identity, for the asker once approved; every opening is an audit event (the identity never is). */
export function revealIdentity(db: Db, keys: Keyring, actor: Actor, id: string) {
  mustHandle(actor);
  return withScope(db, actor.scope, async (tx) => {
    const v = await lockForCommand(tx, id, {
      find: findReveal,
      may: (v) => actionsOn(actor, v).includes('reveal'),
      refuse: () => forbidden({ zh: '仅申请人在获批后可查看', en: 'Only the asker, after approval' }),
    });
    const r = await findReport(tx, v.report_id);
    if (!r?.sealed_identity) throw notFound();
    await markRevealed(tx, v.id);
    await appendAudit(tx, actor, {
      action: 'report.reveal',
      entityType: 'report',
      entityId: r.id,
      regionCode: r.region_code,
      after: { request: v.id },
    });
    return JSON.parse(keys.open(r.sealed_identity, r.id)) as { name: string | null; phone: string | null };
  });
}
