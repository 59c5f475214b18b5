// The serious-discredit list's commands and reads: candidates proposed from the events (idempotent)
// or by hand, the listing's steps (告知 with its numbered notice, objection and its handling, the
// decision with its numbered document, the joint-sanction notices and the enterprise's class,
// early removal, revocation), expiry by the system, and the public list. Rules are domain's
// (proposeCandidates, blacklistTransition, blacklistAllowedActions); SQL is blacklist-store.ts;
// every command locks the row, checks the version and writes its audit event in the same transaction.
import {
  type Actor,
  addWorkingDays,
  BLACKLIST_ACTIONS,
  BLACKLIST_REASON_CODES,
  BLACKLIST_STATUSES,
  BLACKLIST_STEP_SCHEMAS,
  BLACKLIST_SUBJECT_TYPES,
  type BlacklistAction,
  type BlacklistProposal,
  type BlacklistTerms,
  type BlacklistView,
  blacklistAllowedActions,
  blacklistExpiry,
  blacklistProposalSchema,
  blacklistReason,
  blacklistTransition,
  checklistMet,
  EARLY_REMOVAL_CONDITIONS,
  earlyRemovalFrom,
  fieldMessages,
  inBlacklistScope,
  maskBlacklistId,
  mayManageBlacklist,
  mayViewBlacklist,
  NATIONAL_SCOPE,
  proposeCandidates,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { dateOnly, iso, todayInShanghai } from '../../time.ts';
import { workingCalendar } from '../calendar/index.ts';
import { recomputeClass } from '../enforcement/classes.ts';
import { effectiveSetting } from '../settings/service.ts';
import { issueBlacklistDocument } from './blacklist-documents.ts';
import {
  accidentSources,
  caseSources,
  countEntries,
  type DocumentRow,
  documentsOf,
  type EntryRow,
  enterpriseSubject,
  entryWhere,
  eventsOf,
  findEntry,
  insertEntry,
  insertEvent,
  intermediaryOfEnterprise,
  intermediarySubject,
  listEntryRows,
  type NewEntry,
  publicRows,
  reportSources,
  updateEntry,
} from './blacklist-store.ts';

const nameOf = (a: Actor) => (a as Actor & { displayName?: string }).displayName ?? a.username;

async function termsOf(q: Queryable, regionCode: string): Promise<BlacklistTerms> {
  const [termYears, earlyRemovalMonths] = await Promise.all([
    effectiveSetting(q, 'blacklist.termYears', regionCode),
    effectiveSetting(q, 'blacklist.earlyRemovalMonths', regionCode),
  ]);
  return { termYears: Number(termYears), earlyRemovalMonths: Number(earlyRemovalMonths) };
}

const viewOf = (r: EntryRow): BlacklistView => ({
  status: r.status,
  enterpriseId: r.enterprise_id,
  proposedBy: r.proposed_by,
  noticedBy: r.noticed_by,
  objectionDueOn: dateOnly(r.objection_due_on as string | Date | null),
  objectionRejected: r.objection_upheld === false,
  listedAt: iso(r.listed_at),
  expiresAt: iso(r.expires_at),
  removalAppliedAt: iso(r.removal_applied_at),
  removalAppliedBy: r.removal_applied_by,
  removalChecklist: r.removal_checklist ?? {},
});

/**
 * The deciding department sees a person's full ID number; everyone else sees it masked: the
 * county's (or a lower level's) managers of the entry's own county.
 */
const seesFullId = (actor: Actor, r: EntryRow) =>
  mayManageBlacklist(actor) && actor.scope.regionPrefix.length >= 6 && r.region_code.startsWith(actor.scope.regionPrefix);

function item(actor: Actor, r: EntryRow, now: Date, terms: BlacklistTerms) {
  const v = viewOf(r);
  const reason = blacklistReason(r.reason);
  return {
    id: r.id,
    subjectType: r.subject_type,
    enterpriseId: r.enterprise_id,
    intermediaryId: r.intermediary_id,
    personUnitId: r.person_unit_id,
    subjectName: r.subject_name,
    subjectUscc: r.subject_uscc,
    personName: r.person_name,
    personIdNumber: seesFullId(actor, r) ? r.person_id_number : maskBlacklistId(r.person_id_number),
    personRole: r.person_role,
    reason: r.reason,
    reasonProvisional: reason.provisional,
    sourceType: r.source_type,
    sourceId: r.source_id,
    sourceRef: r.source_ref,
    penaltyDecisionRef: r.penalty_decision_ref,
    facts: r.facts,
    regionCode: r.region_code,
    regionName: r.region_name,
    departmentName: r.department_name,
    status: r.status,
    proposedByName: r.proposed_by_name,
    proposedAt: iso(r.proposed_at),
    noticedAt: iso(r.noticed_at),
    objectionDueOn: v.objectionDueOn,
    objection: r.objection,
    objectionAt: iso(r.objection_at),
    objectionReply: r.objection_reply,
    objectionUpheld: r.objection_upheld,
    decidedByName: r.decided_by_name,
    listedAt: v.listedAt,
    expiresAt: v.expiresAt,
    earlyRemovalFrom: v.listedAt ? earlyRemovalFrom(v.listedAt, terms) : null,
    removalAppliedAt: v.removalAppliedAt,
    removalStatement: r.removal_statement,
    removalChecklist: v.removalChecklist,
    removedAt: iso(r.removed_at),
    removalReason: r.removal_reason,
    revokedAt: iso(r.revoked_at),
    revokeReason: r.revoke_reason,
    droppedAt: iso(r.dropped_at),
    dropReason: r.drop_reason,
    partnerNotices: r.partner_notices ?? [],
    decisionNumber: r.decision_number,
    version: r.version,
    allowedActions: blacklistAllowedActions(actor, v, now.toISOString(), terms),
  };
}
export type BlacklistItem = ReturnType<typeof item>;

/** A document as the page previews it: the frozen text the PDF is drawn from. */
const docView = (d: DocumentRow) => ({
  id: d.id,
  kind: d.kind,
  number: d.number,
  issuer: d.issuer,
  title: d.title,
  body: d.body,
  issuedAt: iso(d.issued_at),
});

// ---- reading --------------------------------------------------------------------------------------

export const blacklistListQuerySchema = z.object({
  view: z.enum(['candidates', 'inProgress', 'listed', 'removed'], { message: '未知的分类||Unknown view' }).optional(),
  status: z.enum(BLACKLIST_STATUSES, { message: '未知的状态||Unknown status' }).optional(),
  reason: z.enum(BLACKLIST_REASON_CODES, { message: '未知的列入情形||Unknown reason' }).optional(),
  subjectType: z.enum(BLACKLIST_SUBJECT_TYPES, { message: '未知的主体类型||Unknown subject type' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字||The region code has 2–12 digits')
    .optional(),
  enterpriseId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional(),
  q: z.string().trim().max(100, '最多 100 个字符||At most 100 characters').optional(),
  toDecide: z.enum(['true']).optional(),
  windowEnded: z.enum(['true']).optional(),
  removalApplied: z.enum(['true']).optional(),
  expiringDays: z.coerce.number().int().min(1).max(365).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type BlacklistListQuery = z.infer<typeof blacklistListQuerySchema>;

export function listBlacklist(db: Db, actor: Actor, q: BlacklistListQuery, now = new Date()) {
  if (!mayViewBlacklist(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const { rows, total } = await listEntryRows(tx, entryWhere(tx, q, todayInShanghai(now), now), q.pageSize, (q.page - 1) * q.pageSize);
    const terms = new Map<string, BlacklistTerms>();
    const items = [];
    for (const r of rows) {
      const province = r.region_code.slice(0, 2);
      if (!terms.has(province)) terms.set(province, await termsOf(tx, r.region_code));
      items.push(item(actor, r, now, terms.get(province) as BlacklistTerms));
    }
    return { items, total };
  });
}

/** The 工作台's count, with the list's own WHERE. */
export const countBlacklistFor = (tx: Scoped, q: BlacklistListQuery, now = new Date()) =>
  countEntries(tx, entryWhere(tx, q, todayInShanghai(now), now));

async function detail(tx: Scoped, actor: Actor, r: EntryRow, now: Date) {
  const [terms, documents, events] = await Promise.all([termsOf(tx, r.region_code), documentsOf(tx, r.id), eventsOf(tx, r.id)]);
  return {
    ...item(actor, r, now, terms),
    documents: documents.map(docView),
    events: events.map((e) => ({
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      actorName: e.actor_name,
      note: e.note,
      at: iso(e.at),
    })),
  };
}
export type BlacklistDetail = Awaited<ReturnType<typeof detail>>;

export function getBlacklistEntry(db: Db, actor: Actor, id: string, now = new Date()) {
  if (!mayViewBlacklist(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findEntry(tx, id);
    if (!r) throw notFound();
    return detail(tx, actor, r, now);
  });
}

// ---- proposing ------------------------------------------------------------------------------------

async function auditProposal(tx: Scoped, actor: Actor | null, id: string, e: NewEntry) {
  await appendAudit(tx, actor ?? { id: null, username: 'system' }, {
    action: 'blacklist.propose',
    entityType: 'blacklistEntry',
    entityId: id,
    regionCode: e.regionCode,
    after: { subjectType: e.subjectType, subjectName: e.subjectName, reason: e.reason, sourceType: e.sourceType, sourceRef: e.sourceRef },
  });
}

/**
 * Proposes the candidates the events in this scope make today; returns how many are new. Idempotent:
 * an entry already there for the same subject + reason + source is left as it is (even dropped).
 */
export async function proposeFromEvents(tx: Scoped, actor: Actor | null, now = new Date()): Promise<number> {
  const today = todayInShanghai(now);
  const [accidents, cases, reports] = await Promise.all([accidentSources(tx, now), caseSources(tx, now), reportSources(tx, now)]);
  const graceByProvince = new Map<string, number>();
  const grace = async (region: string) => {
    const p = region.slice(0, 2);
    if (!graceByProvince.has(p)) graceByProvince.set(p, Number(await effectiveSetting(tx, 'blacklist.penaltyGraceDays', region)));
    return graceByProvince.get(p) as number;
  };
  // The grace period is a province's setting: apply the rule per province of the cases.
  const proposals = proposeCandidates(
    accidents.map((a) => ({
      id: a.id,
      number: a.number,
      enterpriseId: a.enterprise_id,
      regionCode: a.region_code,
      grade: a.grade as 'ordinary',
      occurredAt: iso(a.occurred_at) as string,
      nearMiss: a.near_miss,
      faults: a.faults,
    })),
    [],
    today,
    { penaltyGraceDays: 0 },
    reports.map((r) => ({ id: r.id, intermediaryId: r.intermediary_id, regionCode: r.region_code, title: r.title, falseFound: true })),
  );
  for (const c of cases) {
    proposals.push(
      ...proposeCandidates(
        [],
        [
          {
            id: c.id,
            enterpriseId: c.enterprise_id,
            regionCode: c.region_code,
            departmentId: c.department_id,
            title: c.title,
            facts: c.facts,
            article: c.article,
            tier: c.tier,
            status: c.status,
            fine: c.fine_yuan === null ? null : Number(c.fine_yuan),
            paid: Number(c.paid_yuan),
            paymentDueOn: dateOnly(c.payment_due_on as string | Date | null),
            decisionNumber: c.decision_number,
            agency: c.agency,
          },
        ],
        today,
        { penaltyGraceDays: await grace(c.region_code) },
      ),
    );
  }
  // Most proposals of an hourly pass are already there: skip those before looking their subjects up.
  const known = new Set(
    (
      await tx.query<{ key: string }>(
        `SELECT reason || ':' || source_type || ':' || source_id::text AS key FROM credit_blacklist_entries
         WHERE source_id = ANY($1::uuid[]) AND source_type <> 'manual'`,
        [[...new Set(proposals.map((p) => p.sourceId))]],
      )
    ).map((r) => r.key),
  );
  let created = 0;
  for (const p of proposals) {
    if (known.has(`${p.reason}:${p.sourceType}:${p.sourceId}`)) continue;
    const subject = p.enterpriseId
      ? await enterpriseSubject(tx, p.enterpriseId)
      : p.intermediaryId
        ? await intermediarySubject(tx, p.intermediaryId)
        : undefined;
    // Outside the Decree's industries (Art. 2) a unit is not proposed (agencies always are).
    if (!subject || !inBlacklistScope(p.subjectType, subject.industry_code)) continue;
    const intermediaryId =
      p.intermediaryId ?? (p.subjectType === 'agency' && p.enterpriseId ? await intermediaryOfEnterprise(tx, p.enterpriseId) : null);
    const e: NewEntry = {
      subjectType: p.subjectType,
      enterpriseId: p.enterpriseId,
      intermediaryId,
      personUnitId: null,
      subjectName: subject.name,
      subjectUscc: subject.uscc,
      personName: null,
      personIdNumber: null,
      personRole: null,
      reason: p.reason,
      sourceType: p.sourceType,
      sourceId: p.sourceId,
      sourceRef: p.sourceRef,
      penaltyDecisionRef: p.sourceType === 'case' ? p.sourceRef : null,
      facts: p.facts,
      regionCode: p.regionCode,
      industryCode: subject.industry_code,
      departmentId: p.departmentId,
      proposedBy: null,
      proposedByName: null,
    };
    const id = await insertEntry(tx, e, now);
    if (!id) continue;
    created++;
    await insertEvent(tx, {
      entryId: id,
      action: 'propose',
      from: null,
      to: 'candidate',
      actorId: actor?.id ?? null,
      actorName: actor ? nameOf(actor) : '系统',
      note: p.sourceRef,
      at: now,
    });
    // Proposed by the rules (proposed_by stays empty, so any manager may decide); the scan's caller is audited.
    await auditProposal(tx, actor, id, e);
  }
  return created;
}

/** A manager asks for the candidates of the events now (the hourly job does the same nationally). */
export async function scanBlacklist(db: Db, actor: Actor, now = new Date()) {
  if (!mayManageBlacklist(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => ({ created: await proposeFromEvents(tx, actor, now) }));
}

/** A manager's own proposal, resting on a penalty decision. */
export async function proposeByHand(db: Db, actor: Actor, body: unknown, now = new Date()) {
  if (!mayManageBlacklist(actor)) throw forbidden();
  const parsed = blacklistProposalSchema.safeParse(body ?? {});
  if (!parsed.success) throw new AppError('validation_error', undefined, fieldMessages(parsed.error.issues));
  const b: BlacklistProposal = parsed.data;
  return withScope(db, actor.scope, async (tx) => {
    const unit = b.enterpriseId ? await enterpriseSubject(tx, b.enterpriseId) : undefined;
    // The enterprise must be visible in the caller's jurisdiction (RLS hides another county's).
    if (b.enterpriseId && !unit) throw invalid({ enterpriseId: { zh: '单位不存在或不在辖区内', en: 'No such unit in the jurisdiction' } });
    const agency = b.intermediaryId ? await intermediarySubject(tx, b.intermediaryId) : undefined;
    if (b.intermediaryId && !agency)
      throw invalid({ intermediaryId: { zh: '机构不存在或不在辖区内', en: 'No such agency in the jurisdiction' } });
    const home = (unit ?? agency) as NonNullable<typeof unit>;
    if (!inBlacklistScope(b.subjectType, home.industry_code))
      throw invalid({
        enterpriseId: {
          zh: '该单位所属行业不在《安全生产严重失信主体名单管理办法》适用范围内',
          en: 'The unit’s industry is outside the scope of the Decree',
        },
      });
    const person = b.subjectType === 'person';
    const e: NewEntry = {
      subjectType: b.subjectType,
      enterpriseId: person ? null : (b.enterpriseId ?? null),
      intermediaryId:
        b.intermediaryId ?? (b.subjectType === 'agency' && b.enterpriseId ? await intermediaryOfEnterprise(tx, b.enterpriseId) : null),
      personUnitId: person ? (b.enterpriseId ?? null) : null,
      subjectName: person ? `${b.personName}（${home.name}）` : home.name,
      subjectUscc: person ? null : home.uscc,
      personName: person ? (b.personName ?? null) : null,
      personIdNumber: person ? (b.personIdNumber ?? null) : null,
      personRole: person ? (b.personRole ?? 'principal') : null,
      reason: b.reason,
      sourceType: 'manual',
      sourceId: null,
      sourceRef: b.penaltyDecisionRef,
      penaltyDecisionRef: b.penaltyDecisionRef,
      facts: b.facts,
      regionCode: home.region_code,
      industryCode: home.industry_code,
      departmentId: null,
      proposedBy: actor.id,
      proposedByName: nameOf(actor),
    };
    if (!home.region_code.startsWith(actor.scope.regionPrefix)) throw forbidden();
    const id = await insertEntry(tx, e, now);
    if (!id)
      throw new AppError('conflict', {
        zh: '该主体已因同一情形和同一处罚决定被提出',
        en: 'This subject is already proposed for this reason and decision',
      });
    await insertEvent(tx, {
      entryId: id,
      action: 'propose',
      from: null,
      to: 'candidate',
      actorId: actor.id,
      actorName: nameOf(actor),
      note: b.facts,
      at: now,
    });
    await auditProposal(tx, actor, id, e);
    return detail(tx, actor, (await findEntry(tx, id)) as EntryRow, now);
  });
}

// ---- the steps -------------------------------------------------------------------------------------

function lock(
  tx: Scoped,
  actor: Actor,
  id: string,
  action: BlacklistAction,
  version: number,
  now: Date,
  terms: (r: EntryRow) => BlacklistTerms,
) {
  return lockForCommand(tx, id, {
    find: findEntry,
    may: (r) => blacklistTransition(actor, viewOf(r), action, now.toISOString(), terms(r)).ok,
    refuse: (r) => {
      const t = blacklistTransition(actor, viewOf(r), action, now.toISOString(), terms(r));
      const allowedActions = blacklistAllowedActions(actor, viewOf(r), now.toISOString(), terms(r));
      return !t.ok && t.reason === 'forbidden'
        ? new AppError('forbidden', undefined, undefined, { allowedActions })
        : new AppError(
            'conflict',
            { zh: '当前状态或时间不能进行此操作', en: 'Not possible in the current state or at this time' },
            undefined,
            {
              allowedActions,
            },
          );
    },
    version,
    versionOf: (r) => r.version,
  });
}

function parseStep<A extends BlacklistAction>(action: A, body: unknown): z.output<(typeof BLACKLIST_STEP_SCHEMAS)[A]> {
  const r = BLACKLIST_STEP_SCHEMAS[action].safeParse(body ?? {});
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  return r.data as z.output<(typeof BLACKLIST_STEP_SCHEMAS)[A]>;
}

export const blacklistStepParams = z.object({
  id: z.uuid({ message: '编号格式不正确||Invalid id' }),
  action: z.enum(BLACKLIST_ACTIONS, { message: '未知的操作||Unknown step' }),
});

/** One step of the listing (the 403/409 carry allowedActions). */
export async function takeBlacklistStep(db: Db, actor: Actor, id: string, action: BlacklistAction, body: unknown, now = new Date()) {
  if (!mayViewBlacklist(actor)) throw forbidden();
  const b = parseStep(action, body) as Record<string, unknown> & { version: number };
  const cal = action === 'notify' ? await workingCalendar(db) : null;
  return withScope(db, actor.scope, async (tx) => {
    const seen = await findEntry(tx, id);
    if (!seen) throw notFound();
    const terms = await termsOf(tx, seen.region_code);
    const r = await lock(tx, actor, id, action, b.version, now, () => terms);
    const at = now.toISOString();
    let set: Record<string, unknown> = {};
    let to = r.status;
    let note: string | null = null;
    switch (action) {
      case 'notify': {
        const days = Number(await effectiveSetting(tx, 'blacklist.objectionWorkingDays', r.region_code));
        const due = addWorkingDays(cal as NonNullable<typeof cal>, todayInShanghai(now), days);
        to = 'noticed';
        set = { status: to, noticed_at: at, noticed_by: actor.id, objection_due_on: due };
        note = (b.note as string | undefined) ?? null;
        await issueBlacklistDocument(tx, actor, r, 'creditNotice', now, { objectionDueOn: due, objectionDays: days });
        break;
      }
      case 'recordObjection':
        to = 'objecting';
        note = b.objection as string;
        set = { status: to, objection: note, objection_at: at };
        break;
      case 'handleObjection':
        note = b.reply as string;
        to = b.upheld ? 'dropped' : 'noticed';
        set = b.upheld
          ? {
              status: to,
              objection_reply: note,
              objection_upheld: true,
              objection_handled_at: at,
              dropped_at: at,
              drop_reason: `异议成立：${note}`,
            }
          : { status: to, objection_reply: note, objection_upheld: false, objection_handled_at: at };
        break;
      case 'decide': {
        to = 'listed';
        const partners = String(await effectiveSetting(tx, 'blacklist.partnerDepartments', r.region_code))
          .split(/[,，、]/)
          .map((s) => s.trim())
          .filter(Boolean);
        set = {
          status: to,
          decided_by: actor.id,
          decided_by_name: nameOf(actor),
          listed_at: at,
          expires_at: blacklistExpiry(at, terms),
          partner_notices: partners.map((department) => ({ department, at })),
        };
        note = (b.note as string | undefined) ?? null;
        break;
      }
      case 'drop':
        to = 'dropped';
        note = b.reason as string;
        set = { status: to, dropped_at: at, drop_reason: note };
        break;
      case 'applyRemoval':
        note = b.statement as string;
        set = { removal_applied_at: at, removal_applied_by: actor.id, removal_statement: note, removal_checklist: b.checklist };
        break;
      case 'approveRemoval': {
        const checklist = b.checklist as Record<string, boolean | undefined>;
        if (!checklistMet(checklist))
          throw invalid(
            Object.fromEntries(
              EARLY_REMOVAL_CONDITIONS.filter((k) => checklist[k] !== true).map((k) => [
                `checklist.${k}`,
                { zh: '提前移出须满足此条件', en: 'An early removal requires this condition' },
              ]),
            ),
          );
        to = 'earlyRemoved';
        note = (b.note as string | undefined) ?? null;
        set = { status: to, removal_checklist: checklist, removed_at: at, removal_reason: note ?? '提前移出' };
        break;
      }
      case 'rejectRemoval':
        note = b.reason as string;
        set = { removal_applied_at: null, removal_applied_by: null, removal_statement: null, removal_checklist: {} };
        break;
      case 'revokeRemoval':
        // The listing comes back with its original expiry (expires_at is left as it was).
        to = 'listed';
        note = b.reason as string;
        set = { status: to, revoked_at: at, revoke_reason: note, removed_at: null, removal_applied_at: null, removal_applied_by: null };
        break;
    }
    await updateEntry(tx, r.id, set, now);
    if (action === 'decide')
      await issueBlacklistDocument(tx, actor, { ...r, ...(set as Partial<EntryRow>) } as EntryRow, 'creditDecision', now);
    if (action === 'approveRemoval') await issueBlacklistDocument(tx, actor, r, 'creditRemoval', now, { note: note ?? '' });
    // The enterprise's class follows its listing (the credit file's rule in classes.ts).
    if ((action === 'decide' || action === 'approveRemoval' || action === 'revokeRemoval') && r.enterprise_id)
      await recomputeClass(tx, r.enterprise_id);
    await insertEvent(tx, { entryId: r.id, action, from: r.status, to, actorId: actor.id, actorName: nameOf(actor), note, at: now });
    await appendAudit(tx, actor, {
      action: `blacklist.${action}`,
      entityType: 'blacklistEntry',
      entityId: r.id,
      regionCode: r.region_code,
      before: { status: r.status },
      after: { status: to, note, ...(action === 'decide' ? { expiresAt: set.expires_at, partners: set.partner_notices } : {}) },
    });
    const updated = (await findEntry(tx, r.id)) as EntryRow;
    return detail(tx, actor, updated, now);
  });
}

// ---- expiry (the system) -------------------------------------------------------------------------

/** Moves the entries whose term has ended off the list; returns how many. Audited as the system. */
export async function expireEntries(db: Db, now = new Date()): Promise<number> {
  return withScope(db, NATIONAL_SCOPE, async (tx) => {
    const due = await tx.query<{ id: string; region_code: string; enterprise_id: string | null; expires_at: Date | string }>(
      `SELECT id, region_code, enterprise_id, expires_at FROM credit_blacklist_entries
       WHERE status = 'listed' AND expires_at <= $1 ORDER BY expires_at FOR UPDATE SKIP LOCKED`,
      [now.toISOString()],
    );
    for (const r of due) {
      const at = iso(r.expires_at) as string;
      await updateEntry(tx, r.id, { status: 'expired', removed_at: at, removal_reason: '管理期限届满' }, now);
      await insertEvent(tx, {
        entryId: r.id,
        action: 'expire',
        from: 'listed',
        to: 'expired',
        actorId: null,
        actorName: '系统',
        note: null,
        at: now,
      });
      if (r.enterprise_id) await recomputeClass(tx, r.enterprise_id);
      await appendAudit(
        tx,
        { id: null, username: 'system' },
        {
          action: 'blacklist.expire',
          entityType: 'blacklistEntry',
          entityId: r.id,
          regionCode: r.region_code,
          after: { status: 'expired', expiresAt: at },
        },
      );
    }
    return due.length;
  });
}

/** The hourly job's proposal pass over the whole country (as the system). */
export function proposeEverywhere(db: Db, now = new Date()): Promise<number> {
  return withScope(db, NATIONAL_SCOPE, (tx) => proposeFromEvents(tx, null, now));
}

// ---- the public list ---------------------------------------------------------------------------------

export const publicBlacklistQuerySchema = z.object({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字||The region code has 2–12 digits')
    .optional(),
  page: z.coerce.number().int().min(1, '页码从 1 开始||Pages start at 1').max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条||At most 100 a page').default(20),
});

/**
 * The public list: entries on the list now only (never one pending, removed or past its expiry),
 * with what the Decree publishes — name, USCC, reason, decision number, dates — and persons' ID
 * numbers masked.
 */
export function publicBlacklist(db: Db, q: z.infer<typeof publicBlacklistQuerySchema>, now = new Date()) {
  return readScoped(db, NATIONAL_SCOPE, async (tx) => {
    const prefix = q.regionCode?.replace(/(00)+$/, '');
    const { rows, total, regions } = await publicRows(tx, prefix || undefined, q.pageSize, (q.page - 1) * q.pageSize, now);
    return {
      items: rows.map((r) => ({
        id: r.id,
        subjectType: r.subject_type,
        name: r.subject_type === 'person' ? (r.person_name as string) : r.subject_name,
        uscc: r.subject_type === 'person' ? null : r.subject_uscc,
        idNumber: r.subject_type === 'person' ? maskBlacklistId(r.person_id_number) : null,
        reason: r.reason,
        regionCode: r.region_code,
        regionName: r.region_name,
        decisionNumber: r.decision_number,
        listedAt: iso(r.listed_at),
        expiresAt: iso(r.expires_at),
      })),
      total,
      regions,
    };
  });
}
