// Revealing a named reporter's identity takes two people (custodian approval): a handler asks,
// with a reason; another authorised person — an admin, or a supervisor of the same or a higher
// tier whose jurisdiction holds the report, never the one asking — approves or refuses; only
// then may the asker open the identity. The request, the decision and every opening are audit
// events; the identity itself is never written to the audit trail or the logs.
import { type Actor, mayDecideReveal } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { homeRegionHolds, readScoped, regionRange, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { Keyring } from './keyring.ts';
import { findReport, mayHandle } from './store.ts';

type RevealRow = {
  id: string;
  report_id: string;
  requested_by: string;
  requester: string;
  requester_region: string | null;
  reason: string;
  status: 'requested' | 'approved' | 'refused';
  decided_by: string | null;
  decision_note: string | null;
  requested_at: Date;
  decided_at: Date | null;
  revealed_at: Date | null;
};

const REVEAL_SELECT = `SELECT v.*, (SELECT u.region_code FROM users u WHERE u.id = v.requested_by) AS requester_region FROM report_reveals v`;

/** Whether the actor may decide on someone else's request (domain's mayDecideReveal: a handler of the same or a higher tier). */
export const mayDecide = (actor: Actor, v: Pick<RevealRow, 'requested_by' | 'requester_region'>) =>
  mayDecideReveal(actor, { requestedBy: v.requested_by, requesterRegion: v.requester_region });

const view = (v: RevealRow, actor: Actor) => ({
  id: v.id,
  reportId: v.report_id,
  requester: v.requester,
  reason: v.reason,
  status: v.status,
  decidedBy: v.decided_by,
  decisionNote: v.decision_note,
  requestedAt: new Date(v.requested_at).toISOString(),
  decidedAt: v.decided_at && new Date(v.decided_at).toISOString(),
  mine: v.requested_by === actor.id,
  mayDecide: v.status === 'requested' && mayDecide(actor, v),
  mayReveal: v.status === 'approved' && v.requested_by === actor.id,
});

export async function revealsOf(q: Queryable, reportId: string, actor: Actor) {
  return (await q.query<RevealRow>(`${REVEAL_SELECT} WHERE v.report_id = $1 ORDER BY v.requested_at`, [reportId])).map((v) =>
    view(v, actor),
  );
}

async function findReveal(tx: Scoped, id: string) {
  const [v] = await tx.query<RevealRow>(`${REVEAL_SELECT} WHERE v.id = $1 FOR UPDATE OF v`, [id]);
  return v;
}

export function revealRoutes(app: FastifyInstance, db: Db, keys: Keyring) {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/reveal-requests',
    access: 'user',
    summary: '申请查看实名举报人身份（需另一名授权人员批准）Ask to see a named reporter’s identity',
    tags: ['reports'],
    params: idParams,
    body: z.strictObject({ reason: z.string().trim().min(5).max(500) }),
    status: 201,
    handler: async ({ params, body, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      const created = await withScope(db, actor.scope, async (tx) => {
        const r = await findReport(tx, params.id);
        if (!r) throw notFound();
        if (!r.sealed_identity)
          throw new AppError('conflict', { zh: '匿名举报，无身份可查看', en: 'Anonymous report: there is no identity' });
        const [open] = await tx.query('SELECT 1 FROM report_reveals WHERE report_id = $1 AND requested_by = $2 AND status = $3', [
          r.id,
          actor.id,
          'requested',
        ]);
        if (open) throw new AppError('conflict', { zh: '已有待审批的申请', en: 'A request is already waiting' });
        const [v] = await tx.query<{ id: string }>(
          'INSERT INTO report_reveals (report_id, requested_by, requester, reason) VALUES ($1, $2, $3, $4) RETURNING id',
          [r.id, actor.id, actor.username, body.reason],
        );
        await appendAudit(tx, actor, {
          action: 'report.revealRequest',
          entityType: 'report',
          entityId: r.id,
          regionCode: r.region_code,
          after: { request: v?.id, reason: body.reason },
        });
        return { id: v?.id as string, region: r.region_code };
      });
      // Custodians of the report's jurisdiction (their scope may lie above the asker's) learn of it.
      await db.query(
        `INSERT INTO notifications (user_id, kind, title, link)
         SELECT u.id, 'revealRequest', $2, $3 FROM users u
         WHERE NOT u.disabled AND u.id <> $4 AND (u.role = 'platformAdmin'
           OR (u.role IN ('provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor') AND u.region_code IS NOT NULL
               AND u.department_id IS NULL AND ${homeRegionHolds('u', '$1')}))`,
        [created.region, `${actor.username} 申请查看实名举报人身份，请审批`, `/reports/${params.id}`, actor.id],
      );
      return { id: created.id };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reveal-requests',
    access: 'user',
    summary: '待我审批的身份查看申请 Identity requests waiting for my decision',
    tags: ['reports'],
    handler: async ({ actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return readScoped(db, actor.scope, async (tx) => {
        const p: unknown[] = [];
        const rows = await tx.query<RevealRow>(
          `${REVEAL_SELECT} JOIN reports r ON r.id = v.report_id WHERE v.status = 'requested' AND ${regionRange('r.region_code', actor.scope.regionPrefix, p)}
           ORDER BY v.requested_at LIMIT 200`,
          p,
        );
        return { items: rows.filter((v) => mayDecide(actor, v)).map((v) => view(v, actor)) };
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reveal-requests/:id/decision',
    access: 'user',
    summary: '批准或拒绝身份查看申请（不能审批本人的申请）Approve or refuse',
    tags: ['reports'],
    params: idParams,
    body: z.strictObject({ approve: z.boolean(), note: z.string().trim().max(500).optional() }),
    handler: async ({ params, body, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        const v = await findReveal(tx, params.id);
        if (!v) throw notFound();
        if (!mayDecide(actor, v))
          throw forbidden({
            zh: '须由申请人以外的同级或上级授权人员审批',
            en: 'Another authorised person of the same or a higher tier must decide',
          });
        if (v.status !== 'requested') throw new AppError('conflict', { zh: '该申请已审批', en: 'Already decided' });
        if (!body.approve && !body.note) throw invalid({ note: { zh: '拒绝时请说明理由', en: 'Say why it is refused' } });
        const status = body.approve ? 'approved' : 'refused';
        await tx.query('UPDATE report_reveals SET status = $2, decided_by = $3, decision_note = $4, decided_at = now() WHERE id = $1', [
          v.id,
          status,
          actor.username,
          body.note ?? null,
        ]);
        const r = await findReport(tx, v.report_id);
        await appendAudit(tx, actor, {
          action: body.approve ? 'report.revealApprove' : 'report.revealRefuse',
          entityType: 'report',
          entityId: v.report_id,
          regionCode: r?.region_code ?? null,
          after: { request: v.id, requester: v.requester, note: body.note ?? null },
        });
        return view({ ...v, status, decided_by: actor.username, decision_note: body.note ?? null, decided_at: new Date() }, actor);
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reveal-requests/:id/reveal',
    access: 'user',
    summary: '查看已获批准的举报人身份（每次查看均记入审计）Open the identity after approval',
    tags: ['reports'],
    params: idParams,
    handler: async ({ params, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        const v = await findReveal(tx, params.id);
        if (!v) throw notFound();
        if (v.requested_by !== actor.id || v.status !== 'approved')
          throw forbidden({ zh: '仅申请人在获批后可查看', en: 'Only the asker, after approval' });
        const r = await findReport(tx, v.report_id);
        if (!r?.sealed_identity) throw notFound();
        await tx.query('UPDATE report_reveals SET revealed_at = coalesce(revealed_at, now()) WHERE id = $1', [v.id]);
        await appendAudit(tx, actor, {
          action: 'report.reveal',
          entityType: 'report',
          entityId: r.id,
          regionCode: r.region_code,
          after: { request: v.id },
        });
        return JSON.parse(keys.open(r.sealed_identity, r.id)) as { name: string | null; phone: string | null };
      });
    },
  });
}
