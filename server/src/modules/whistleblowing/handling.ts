// Handling public reports (/api/v1/reports): the inbox by status and deadline, the detail with
// the conversation and files, and each step of the workflow with what it needs — the verifier
// assigned, the hazard created or linked, the reward computed by the province's rule, the
// payment recorded, a duplicate merged. Area supervisors of the report's region handle it; an
// enterprise account never sees reports (it could be the reported party), nor does an inspector
// limited to industries or a grid worker.
import {
  type Actor,
  allowedPublicReportActions,
  findingTier,
  PUBLIC_REPORT_ACTIONS_NEEDING_REASON,
  PUBLIC_REPORT_OPEN_STATUSES,
  PUBLIC_REPORT_OUTCOMES,
  PUBLIC_REPORT_STATUSES,
  publicReportMessageSchema,
  publicReportTransition,
  publicReportTransitionSchema,
  regionPrefix,
  roleTier,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, regionRange, type Scoped, withScope } from '../../db/scope.ts';
import { Where } from '../../db/where.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { todayInShanghai } from '../../time.ts';
import { createHazard } from '../hazards/service.ts';
import { findHazard } from '../hazards/store.ts';
import { listAttachments, openAttachment, readAttachment, saveAttachment } from './attachments.ts';
import type { Keyring } from './keyring.ts';
import { revealsOf } from './reveal.ts';
import { decideReward } from './rewards.ts';
import { contentOf, findReport, mayHandle, messagesOf, REPORT_SELECT, type ReportRow, reportSummary } from './store.ts';

type Body = z.infer<typeof publicReportTransitionSchema>;

/** What a step changes beyond the status, or a 400 when the step lacks what it needs. */
async function stepEffects(tx: Scoped, actor: Actor, r: ReportRow, body: Body): Promise<Record<string, unknown>> {
  switch (body.action) {
    case 'verify': {
      const assignee = body.assignee ?? actor.username;
      const [u] = await tx.query<{ id: string; role: string; region_code: string | null }>(
        'SELECT id, role, region_code FROM users WHERE username = $1 AND NOT disabled',
        [assignee],
      );
      // The verifier must be a government user whose jurisdiction holds the report.
      const ok = u && roleTier(u.role as Actor['role']) !== null && r.region_code.startsWith(regionPrefix(u.region_code ?? ''));
      if (!ok)
        throw invalid({ assignee: { zh: '核查人须为本辖区监管人员', en: 'The verifier must be a supervisor of this jurisdiction' } });
      if (u.id !== actor.id)
        await tx.query(`INSERT INTO notifications (user_id, kind, title, link) VALUES ($1, 'reportAssigned', $2, $3)`, [
          u.id,
          '交办举报核查',
          `/reports/${r.id}`,
        ]);
      return { assignee };
    }
    case 'substantiate': {
      if (body.hazardId) {
        const h = await findHazard(tx, body.hazardId);
        if (!h || (r.enterprise_id && h.enterprise_id !== r.enterprise_id))
          throw invalid({ hazardId: { zh: '隐患不存在或不属于被举报企业', en: 'No such hazard of the reported enterprise' } });
        return { hazard_id: h.id };
      }
      if (body.hazard) {
        const enterpriseId = body.hazard.enterpriseId ?? r.enterprise_id;
        if (!enterpriseId)
          throw invalid({ 'hazard.enterpriseId': { zh: '请选择隐患所属企业', en: 'Pick the enterprise the hazard belongs to' } });
        const h = await createHazard(tx, actor, {
          enterpriseId,
          description: body.hazard.description,
          location: body.hazard.location,
          level: body.hazard.level,
          owner: null,
          measures: null,
          funds: null,
          deadline: null,
          contingency: null,
          // A report becomes a hazard found at the handler's tier (hazards' rule).
          foundTier: findingTier(actor) ?? 'city',
        });
        return { hazard_id: h.id };
      }
      if (r.category === 'hazard')
        throw invalid({ hazard: { zh: '隐患举报属实须登记或关联隐患', en: 'A substantiated hazard report must create or link a hazard' } });
      return {};
    }
    case 'decideReward': {
      const d = await decideReward(tx, r, body.reward ?? {});
      return {
        reward_amount: d.amount,
        reward_basis: d.basis,
        reward_computation: JSON.stringify({ steps: d.steps, rule: d.rule, facts: body.reward ?? {} }),
      };
    }
    case 'payReward':
      if (!body.payment) throw invalid({ payment: { zh: '请填写发放日期和凭证号', en: 'Give the payment date and reference' } });
      return { reward_paid_on: body.payment.paidOn, reward_reference: body.payment.reference };
    case 'merge': {
      const into = body.into ? await findReport(tx, body.into, true) : undefined;
      const ok =
        into &&
        into.id !== r.id &&
        r.enterprise_id !== null &&
        into.enterprise_id === r.enterprise_id &&
        !['merged', 'rejected', 'closed'].includes(into.status);
      if (!ok)
        throw invalid({
          into: { zh: '只能并入同一企业的、仍在办理的另一件举报', en: 'Merge only into another open report on the same enterprise' },
        });
      return { merged_into: into.id };
    }
    default:
      return {};
  }
}

export const reportListQuery = z.object({
  status: z.enum([...PUBLIC_REPORT_STATUSES, 'open']).optional(),
  overdue: z.enum(['true']).optional(),
  enterpriseId: z.uuid().optional(),
  /** To be concluded on or before this day. */
  concludeBy: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
});
/** The inbox shows at most this many reports. */
export const REPORT_LIST_LIMIT = 500;

/** WHERE of the report inbox (`reports r` in the caller's area), shared with the workbench's counts. */
export function reportWhere(tx: Scoped, query: z.infer<typeof reportListQuery>): Where {
  const w = new Where();
  w.add(regionRange('r.region_code', tx.scope.regionPrefix, w.params)).eq('r.enterprise_id', query.enterpriseId);
  if (query.status === 'open') w.add(`r.status = ANY($${w.params.push(PUBLIC_REPORT_OPEN_STATUSES)})`);
  else w.eq('r.status', query.status);
  if (query.overdue) w.add(`r.overdue IS NOT NULL AND r.status = ANY($${w.params.push(PUBLIC_REPORT_OPEN_STATUSES)})`);
  if (query.concludeBy) w.add(`r.conclude_due <= ${w.param(query.concludeBy)}::date`);
  return w;
}

export function reportHandlingRoutes(app: FastifyInstance, db: Db, keys: Keyring, files: FileStore) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reports',
    access: 'user',
    summary: '举报受理箱（按状态、期限）Report inbox',
    tags: ['reports'],
    query: reportListQuery,
    handler: async ({ query, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return readScoped(db, actor.scope, async (tx) => {
        const w = reportWhere(tx, query);
        // The nearest deadline first: acceptance while received, conclusion after.
        const rows = await tx.query<ReportRow>(
          `${REPORT_SELECT} WHERE ${w.sql}
           ORDER BY CASE WHEN r.status = ANY($${w.params.push(PUBLIC_REPORT_OPEN_STATUSES)}) THEN 0 ELSE 1 END,
                    CASE WHEN r.status = 'received' THEN r.accept_due ELSE r.conclude_due END, r.id LIMIT ${REPORT_LIST_LIMIT}`,
          w.params,
        );
        const cp: unknown[] = [];
        const counts = await tx.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM reports r WHERE ${regionRange('r.region_code', actor.scope.regionPrefix, cp)} GROUP BY status`,
          cp,
        );
        return { items: rows.map(reportSummary), counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) };
      });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reports/:id',
    access: 'user',
    summary: '举报详情（内容、对话、附件、办理记录；举报人身份另经审批）Report detail',
    tags: ['reports'],
    params: idParams,
    handler: async ({ params, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return readScoped(db, actor.scope, async (tx) => {
        const r = await findReport(tx, params.id);
        if (!r) throw notFound();
        const transitions = await tx.query<{
          action: string;
          from_status: string | null;
          to_status: string;
          actor: string;
          reason: string | null;
          at: Date;
          day_only: boolean;
        }>('SELECT action, from_status, to_status, actor, reason, at, day_only FROM report_transitions WHERE report_id = $1 ORDER BY id', [
          r.id,
        ]);
        const merged = await tx.query<{ id: string }>('SELECT id FROM reports WHERE merged_into = $1 ORDER BY received_on, id', [r.id]);
        return {
          ...reportSummary(r),
          ...contentOf(keys, r),
          reason: r.status_reason,
          rewardBasis: r.reward_basis,
          identitySealed: r.sealed_identity !== null,
          messages: await messagesOf(tx, keys, r.id),
          files: await listAttachments(tx, keys, r.id),
          transitions: transitions.map((t) => ({
            action: t.action,
            from: t.from_status,
            to: t.to_status,
            actor: t.actor,
            reason: t.reason,
            at: new Date(t.at).toISOString(),
            dayOnly: t.day_only,
          })),
          mergedReports: merged.map((m) => m.id),
          reveals: await revealsOf(tx, r.id, actor),
        };
      });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/reports/:id/files/:fileId',
    access: 'user',
    summary: '查看举报附件（解密后发送）Open a report attachment',
    tags: ['reports'],
    params: z.object({ id: z.uuid(), fileId: z.uuid() }),
    handler: async ({ params, actor, reply }) => {
      if (!mayHandle(actor)) throw forbidden();
      const file = await readScoped(db, actor.scope, async (tx) => {
        if (!(await findReport(tx, params.id))) throw notFound();
        return openAttachment(tx, files, keys, params.id, params.fileId);
      });
      if (!file) throw notFound();
      // The name may be Chinese: RFC 5987 encoding; inline so photos show in the page.
      reply
        .header('Content-Type', file.type)
        .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(file.data);
      return undefined;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/files',
    access: 'user',
    summary: '办理人上传附件（核查材料）Add a file to a report',
    tags: ['reports'],
    params: idParams,
    status: 201,
    handler: async ({ params, actor, req }) => {
      if (!mayHandle(actor)) throw forbidden();
      const file = await readAttachment(req);
      return withScope(db, actor.scope, async (tx) => {
        const r = await findReport(tx, params.id, true);
        if (!r) throw notFound();
        const id = await saveAttachment(tx, files, keys, r.id, 'handler', file, todayInShanghai());
        await appendAudit(tx, actor, {
          action: 'report.file',
          entityType: 'report',
          entityId: r.id,
          regionCode: r.region_code,
          after: { file: id },
        });
        return { id };
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/transitions',
    access: 'user',
    summary: '办理举报（受理、不予受理、核查、属实、不属实、奖励、发放、办结、合并）Handle a report',
    tags: ['reports'],
    params: idParams,
    body: publicReportTransitionSchema,
    handler: async ({ params, body, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        const r = await findReport(tx, params.id, true);
        if (!r) throw notFound();
        if (body.version !== undefined && body.version !== r.version) throw new AppError('conflict');
        const to = publicReportTransition(r.status, body.action);
        if (!to) throw new AppError('conflict', undefined, {}, { allowedActions: allowedPublicReportActions(r.status) });
        if (PUBLIC_REPORT_ACTIONS_NEEDING_REASON.includes(body.action) && !body.reason)
          throw invalid({ reason: { zh: '请填写理由（举报人可见）', en: 'Give a reason (the reporter sees it)' } });
        const set: Record<string, unknown> = { ...(await stepEffects(tx, actor, r, body)), status: to };
        const outcome = PUBLIC_REPORT_OUTCOMES[body.action];
        if (outcome) Object.assign(set, { outcome, concluded_on: todayInShanghai() });
        if (body.reason) set.status_reason = body.reason;
        const cols = Object.keys(set);
        await tx.query(`UPDATE reports SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, version = version + 1 WHERE id = $1`, [
          r.id,
          ...cols.map((c) => set[c]),
        ]);
        await tx.query(
          'INSERT INTO report_transitions (report_id, action, from_status, to_status, actor, reason) VALUES ($1, $2, $3, $4, $5, $6)',
          [r.id, body.action, r.status, to, actor.username, body.reason ?? null],
        );
        const { reward_computation, reward_basis, ...facts } = set;
        await appendAudit(tx, actor, {
          action: `report.${body.action}`,
          entityType: 'report',
          entityId: r.id,
          regionCode: r.region_code,
          before: { status: r.status },
          after: facts,
        });
        return reportSummary((await findReport(tx, r.id)) as ReportRow);
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/messages',
    access: 'user',
    summary: '向举报人提问或答复 Write to the reporter',
    tags: ['reports'],
    params: idParams,
    body: publicReportMessageSchema,
    status: 201,
    handler: async ({ params, body, actor }) => {
      if (!mayHandle(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        const r = await findReport(tx, params.id);
        if (!r) throw notFound();
        await tx.query(
          `INSERT INTO report_messages (report_id, author, handler, sealed_text, sent_on) VALUES ($1, 'handler', $2, $3, $4)`,
          [r.id, actor.username, keys.seal(body.text, r.id), todayInShanghai()],
        );
        await appendAudit(tx, actor, { action: 'report.message', entityType: 'report', entityId: r.id, regionCode: r.region_code });
        return { messages: await messagesOf(tx, keys, r.id) };
      });
    },
  });
}
