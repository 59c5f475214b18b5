// Handling whistleblower reports (/api/v1/reports): the inbox and the detail as a handler sees
// them, each step of the workflow with what it needs — the verifier assigned, the hazard created
// or linked, the reward computed by the province's rule, the payment recorded, a duplicate
// merged —, the conversation and the handler's files. Who may handle is domain's
// mayHandleWhistleblowerReports; what they may do on a report, allowedWhistleblowerReportActions.
import {
  type Actor,
  allowedWhistleblowerReportActions,
  findingTier,
  mayHandleWhistleblowerReports,
  PUBLIC_REPORT_ACTIONS_NEEDING_REASON,
  PUBLIC_REPORT_OUTCOMES,
  type PublicReportAction,
  publicReportTransition,
  type publicReportTransitionSchema,
  regionPrefix,
  roleTier,
  type WhistleblowerReportAction,
  type WhistleblowerReportQuery,
  type WhistleblowerReportSummary,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import type { FileStore } from '../../storage/files.ts';
import { dateOnly, todayInShanghai } from '../../time.ts';
import { createHazard } from '../hazards/service.ts';
import { findHazard } from '../hazards/store.ts';
import { type Attachment, listAttachments, openAttachment, saveAttachment } from './attachments.ts';
import type { Keyring } from './keyring.ts';
import { revealsOf } from './reveal.ts';
import { decideReward } from './rewards.ts';
import {
  activeUser,
  applyStep,
  countByStatus,
  findReport,
  hasWaitingReveal,
  insertMessage,
  listReports,
  mergedInto,
  messageRowsOf,
  notify,
  type ReportRow,
  reportsWithWaitingReveal,
  transitionsOf,
} from './store.ts';

export type ReportContent = { description: string; place: string | null; happenedAt: string | null };

export const day = (d: string | Date) => dateOnly(d) as string;

/** A 403 for anyone who may not handle reports, before any read. */
export function mustHandle(actor: Actor) {
  if (!mayHandleWhistleblowerReports(actor)) throw forbidden();
}

export const contentOf = (keys: Keyring, r: ReportRow) => JSON.parse(keys.open(r.sealed_content, r.id)) as ReportContent;

export async function messagesOf(q: Queryable, keys: Keyring, id: string) {
  return (await messageRowsOf(q, id)).map((m) => ({
    author: m.author,
    handler: m.handler,
    text: keys.open(m.sealed_text, id),
    sentOn: day(m.sent_on),
  }));
}

export const rewardOf = (r: ReportRow) =>
  r.reward_amount === null
    ? null
    : { amount: Number(r.reward_amount), steps: r.reward_computation?.steps ?? [], paidOn: r.reward_paid_on && day(r.reward_paid_on) };

/** What the actor may do on the report (asks whether their own reveal request waits). */
async function actionsOn(q: Queryable, actor: Actor, r: ReportRow): Promise<WhistleblowerReportAction[]> {
  if (!mayHandleWhistleblowerReports(actor)) return [];
  const identitySealed = r.sealed_identity !== null;
  const revealWaitingFromActor = identitySealed && (await hasWaitingReveal(q, r.id, actor.id));
  return allowedWhistleblowerReportActions(actor, { status: r.status, identitySealed, revealWaitingFromActor });
}

/** The inbox's line: the report without its sealed parts; `allowedActions` is what the actor may do on it. */
export const toReportSummary = (r: ReportRow, allowedActions: WhistleblowerReportAction[]): WhistleblowerReportSummary => ({
  id: r.id,
  category: r.category as WhistleblowerReportSummary['category'],
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  regionCode: r.region_code,
  regionName: r.region_name,
  anonymous: r.anonymous,
  status: r.status,
  receivedOn: day(r.received_on),
  acceptDue: day(r.accept_due),
  concludeDue: day(r.conclude_due),
  concludedOn: r.concluded_on && day(r.concluded_on),
  assignee: r.assignee,
  overdue: r.overdue,
  escalatedTier: r.escalated_tier,
  hazardId: r.hazard_id,
  mergedInto: r.merged_into,
  reward: rewardOf(r),
  rewardReference: r.reward_reference,
  version: r.version,
  allowedActions,
});

export function listReportsFor(db: Db, actor: Actor, query: WhistleblowerReportQuery) {
  mustHandle(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const rows = await listReports(tx, query);
    // One look for the whole page at which of its reports the actor's own reveal request waits on.
    const named = rows.filter((r) => r.sealed_identity !== null).map((r) => r.id);
    const waiting = await reportsWithWaitingReveal(tx, named, actor.id);
    const items = rows.map((r) =>
      toReportSummary(
        r,
        allowedWhistleblowerReportActions(actor, {
          status: r.status,
          identitySealed: r.sealed_identity !== null,
          revealWaitingFromActor: waiting.has(r.id),
        }),
      ),
    );
    return { items, counts: await countByStatus(tx) };
  });
}

export function reportDetail(db: Db, keys: Keyring, actor: Actor, id: string) {
  mustHandle(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findReport(tx, id);
    if (!r) throw notFound();
    return {
      ...toReportSummary(r, await actionsOn(tx, actor, r)),
      ...contentOf(keys, r),
      reason: r.status_reason,
      rewardBasis: r.reward_basis,
      identitySealed: r.sealed_identity !== null,
      messages: await messagesOf(tx, keys, r.id),
      files: await listAttachments(tx, keys, r.id),
      transitions: (await transitionsOf(tx, r.id)).map((t) => ({
        action: t.action,
        from: t.from_status,
        to: t.to_status,
        actor: t.actor,
        reason: t.reason,
        at: new Date(t.at).toISOString(),
        dayOnly: t.day_only,
      })),
      mergedReports: await mergedInto(tx, r.id),
      reveals: await revealsOf(tx, r.id, actor),
    };
  });
}

/** The decrypted file, or a 404 (the report out of the caller's area, or no such file). */
export async function reportFile(db: Db, files: FileStore, keys: Keyring, actor: Actor, id: string, fileId: string) {
  mustHandle(actor);
  const file = await readScoped(db, actor.scope, async (tx) => {
    if (!(await findReport(tx, id))) throw notFound();
    return openAttachment(tx, files, keys, id, fileId);
  });
  if (!file) throw notFound();
  return file;
}

/**
 * A report the actor is to act on: locked, 404 out of their area, 403 unless they may handle
 * reports (the commands refuse such a user with mustHandle before any read, so that a 403 never
 * depends on whether the report exists; the check here keeps the lock's order whole).
 */
const lockReport = (tx: Scoped, actor: Actor, id: string, version?: number) =>
  lockForCommand(tx, id, {
    find: findReport,
    may: () => mayHandleWhistleblowerReports(actor),
    version,
    versionOf: (r) => r.version,
  });

export function addHandlerFile(db: Db, files: FileStore, keys: Keyring, actor: Actor, id: string, file: Attachment) {
  mustHandle(actor);
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockReport(tx, actor, id);
    const fileId = await saveAttachment(tx, files, keys, r.id, 'handler', file, todayInShanghai());
    await appendAudit(tx, actor, {
      action: 'report.file',
      entityType: 'report',
      entityId: r.id,
      regionCode: r.region_code,
      after: { file: fileId },
    });
    return { id: fileId };
  });
}

export function writeToReporter(db: Db, keys: Keyring, actor: Actor, id: string, text: string) {
  mustHandle(actor);
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockReport(tx, actor, id);
    if (!(await actionsOn(tx, actor, r)).includes('message'))
      throw new AppError('conflict', { zh: '举报已办结', en: 'The report is closed' });
    await insertMessage(tx, {
      reportId: r.id,
      author: 'handler',
      handler: actor.username,
      sealedText: keys.seal(text, r.id),
      sentOn: todayInShanghai(),
    });
    await appendAudit(tx, actor, { action: 'report.message', entityType: 'report', entityId: r.id, regionCode: r.region_code });
    return { messages: await messagesOf(tx, keys, r.id) };
  });
}

type Step = z.infer<typeof publicReportTransitionSchema>;

/** What a step changes beyond the status, or a 400 when the step lacks what it needs. */
async function stepEffects(tx: Scoped, actor: Actor, r: ReportRow, body: Step): Promise<Record<string, unknown>> {
  switch (body.action) {
    case 'verify': {
      const assignee = body.assignee ?? actor.username;
      const u = await activeUser(tx, assignee);
      // The verifier must be a government user whose jurisdiction holds the report.
      const ok = u && roleTier(u.role as Actor['role']) !== null && r.region_code.startsWith(regionPrefix(u.region_code ?? ''));
      if (!ok)
        throw invalid({ assignee: { zh: '核查人须为本辖区监管人员', en: 'The verifier must be a supervisor of this jurisdiction' } });
      if (u.id !== actor.id) await notify(tx, u.id, 'reportAssigned', '交办举报核查', `/reports/${r.id}`);
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

/** One step of the workflow: allowed in the report's status for this actor, with what it needs; audited. */
export function handleReport(db: Db, actor: Actor, id: string, body: Step) {
  mustHandle(actor);
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockReport(tx, actor, id, body.version);
    const allowed = await actionsOn(tx, actor, r);
    const to = publicReportTransition(r.status, body.action);
    if (!to || !allowed.includes(body.action)) throw new AppError('conflict', undefined, {}, { allowedActions: allowed });
    if (PUBLIC_REPORT_ACTIONS_NEEDING_REASON.includes(body.action) && !body.reason)
      throw invalid({ reason: { zh: '请填写理由（举报人可见）', en: 'Give a reason (the reporter sees it)' } });
    const set: Record<string, unknown> = { ...(await stepEffects(tx, actor, r, body)), status: to };
    const outcome = PUBLIC_REPORT_OUTCOMES[body.action as PublicReportAction];
    if (outcome) Object.assign(set, { outcome, concluded_on: todayInShanghai() });
    if (body.reason) set.status_reason = body.reason;
    await applyStep(tx, r, { action: body.action, to, actor: actor.username, reason: body.reason ?? null, set });
    const { reward_computation, reward_basis, ...facts } = set;
    await appendAudit(tx, actor, {
      action: `report.${body.action}`,
      entityType: 'report',
      entityId: r.id,
      regionCode: r.region_code,
      before: { status: r.status },
      after: facts,
    });
    const after = (await findReport(tx, r.id)) as ReportRow;
    return toReportSummary(after, await actionsOn(tx, actor, after));
  });
}
