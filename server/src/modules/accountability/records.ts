// 约谈, 黄牌警示 and 通报 records: drafted (by hand, or from a trigger's decision), issued with their
// number (interviewNotice / yellowCard / circular) and printable notice, the meeting recorded with
// the written report's deadline counted in working days (accountability.reportWorkingDays, a
// provisional 5), the report received, follow-up notes, closure, publication when configured.
// Every step is a domain transition (recordNextStatus / recordAllowedActions) under the row lock.
import {
  type Actor,
  actorGovernment,
  addWorkingDays,
  DOCUMENT_TYPES,
  fieldMessages,
  RECORD_ACTIONS,
  RECORD_DOCUMENT,
  RECORD_KIND_LABELS,
  RECORD_KINDS,
  RECORD_STATUSES,
  type RecordAction,
  type RecordKind,
  type RecordStatus,
  recordAllowedActions,
  type recordCreateSchema,
  type recordEditSchema,
  recordNextStatus,
  recordStepSchema,
  summonedLevelOf,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { newDocumentNumber } from '../../documents/numbers.ts';
import { renderNotice } from '../../documents/official-pdf.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { chineseDate, chineseMinute, iso, todayInShanghai } from '../../time.ts';
import { workingCalendar } from '../calendar/working-calendar.ts';
import { effectiveSetting } from '../settings/service.ts';
import { nameOf, regionNames, requireGovernment, requireView } from './common.ts';

type Person = { name: string; position: string };
type FollowUp = { at: string; by: string; note: string };
export type RecordRow = {
  id: string;
  kind: RecordKind;
  region_code: string;
  target_region_code: string;
  number: string | null;
  status: RecordStatus;
  summoned: Person[];
  summoned_by: string | null;
  reason: string;
  scheduled_at: Date | null;
  place: string | null;
  trigger_key: string | null;
  rule: string | null;
  accident_ids: string[];
  issued_at: Date | null;
  held_at: Date | null;
  issues: string | null;
  measures: string | null;
  report_due_on: string | null;
  report_days: number | null;
  report_received_at: Date | null;
  report_note: string | null;
  follow_ups: FollowUp[];
  closed_at: Date | null;
  closing_note: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  published_at: Date | null;
  created_by_name: string;
  version: number;
  created_at: Date;
};

const SELECT = `SELECT r.id, r.kind, r.region_code, r.target_region_code, r.number, r.status, r.summoned, r.summoned_by, r.reason,
  r.scheduled_at, r.place, r.trigger_key, r.rule, r.accident_ids, r.issued_at, r.held_at, r.issues, r.measures,
  r.report_due_on::text AS report_due_on, r.report_days, r.report_received_at, r.report_note, r.follow_ups, r.closed_at,
  r.closing_note, r.cancelled_at, r.cancel_reason, r.published_at, r.created_by_name, r.version, r.created_at
  FROM accountability_records r`;

/** The written report is owed and its date has passed (Beijing dates). */
const reportOverdue = (r: RecordRow, today: string) =>
  (r.status === 'held' || (r.status === 'issued' && r.kind === 'yellowCard')) && !!r.report_due_on && r.report_due_on < today;

async function publishEnabled(tx: Scoped, region: string) {
  return (await effectiveSetting(tx, 'accountability.publishRecords', region)) === 1;
}

function item(actor: Actor, r: RecordRow, names: Map<string, string>, publish: boolean, today: string) {
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    status: r.status,
    regionCode: r.region_code,
    regionName: names.get(r.region_code) ?? r.region_code,
    targetRegion: r.target_region_code,
    targetName: names.get(r.target_region_code) ?? r.target_region_code,
    summoned: r.summoned,
    summonedBy: r.summoned_by,
    reason: r.reason,
    scheduledAt: iso(r.scheduled_at),
    place: r.place,
    triggerKey: r.trigger_key,
    rule: r.rule,
    issuedAt: iso(r.issued_at),
    heldAt: iso(r.held_at),
    issues: r.issues,
    measures: r.measures,
    reportDueOn: r.report_due_on,
    reportDays: r.report_days,
    reportOverdue: reportOverdue(r, today),
    reportReceivedAt: iso(r.report_received_at),
    reportNote: r.report_note,
    followUps: r.follow_ups,
    closedAt: iso(r.closed_at),
    closingNote: r.closing_note,
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
    publishedAt: iso(r.published_at),
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
    version: r.version,
    allowedActions: recordAllowedActions(actor, {
      kind: r.kind,
      status: r.status,
      regionCode: r.region_code,
      published: !!r.published_at,
      publishEnabled: publish,
    }),
  };
}

export const recordListQuerySchema = z.object({
  kind: z.enum(RECORD_KINDS, { message: '类别不正确||Unknown kind' }).optional(),
  status: z.enum(RECORD_STATUSES, { message: '状态不正确||Unknown status' }).optional(),
  overdue: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
type RecordQuery = z.infer<typeof recordListQuerySchema>;

function recordWhere(tx: Scoped, q: RecordQuery, now: Date) {
  const params: unknown[] = [tx.scope.regionPrefix];
  const parts = [`r.region_code >= $1 AND r.region_code < $1 || '~'`];
  if (q.kind) {
    params.push(q.kind);
    parts.push(`r.kind = $${params.length}`);
  }
  if (q.status) {
    params.push(q.status);
    parts.push(`r.status = $${params.length}`);
  }
  if (q.overdue) {
    params.push(todayInShanghai(now));
    parts.push(`(r.status = 'held' OR (r.status = 'issued' AND r.kind = 'yellowCard')) AND r.report_due_on < $${params.length}::date`);
  }
  return { sql: parts.join(' AND '), params };
}

export async function countRecords(tx: Scoped, q: RecordQuery, now = new Date()) {
  const w = recordWhere(tx, q, now);
  const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM accountability_records r WHERE ${w.sql}`, w.params);
  return r?.n ?? 0;
}

export function listRecords(db: Db, actor: Actor, q: RecordQuery, now = new Date()) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const w = recordWhere(tx, q, now);
    const rows = await tx.query<RecordRow>(
      `${SELECT} WHERE ${w.sql} ORDER BY r.created_at DESC, r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      w.params,
    );
    const names = await regionNames(
      tx,
      rows.flatMap((r) => [r.region_code, r.target_region_code]),
    );
    const gov = actorGovernment(actor);
    const publish = gov ? await publishEnabled(tx, gov.region) : false;
    const today = todayInShanghai(now);
    return { items: rows.map((r) => item(actor, r, names, publish, today)), total: await countRecords(tx, q, now) };
  });
}

const findRecord = async (tx: Scoped, id: string, forUpdate = false) =>
  (await tx.query<RecordRow>(`${SELECT} WHERE r.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))[0];

async function detail(tx: Scoped, actor: Actor, r: RecordRow, now: Date) {
  const names = await regionNames(tx, [r.region_code, r.target_region_code]);
  const accidents = r.accident_ids.length
    ? await tx.query<{ id: string; number: string; unit_name: string; occurred_at: Date; grade: string; deaths: number | null }>(
        'SELECT id, number, unit_name, occurred_at, grade, deaths FROM accidents WHERE id = ANY ($1::uuid[]) ORDER BY occurred_at',
        [r.accident_ids],
      )
    : [];
  const publish = await publishEnabled(tx, r.region_code);
  return {
    ...item(actor, r, names, publish, todayInShanghai(now)),
    documentType: RECORD_DOCUMENT[r.kind],
    accidents: accidents.map((a) => ({
      id: a.id,
      number: a.number,
      unitName: a.unit_name,
      occurredAt: iso(a.occurred_at),
      grade: a.grade,
      deaths: a.deaths,
    })),
  };
}

export function getRecord(db: Db, actor: Actor, id: string, now = new Date()) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findRecord(tx, id);
    if (!r) throw notFound();
    return detail(tx, actor, r, now);
  });
}

/** A record concerns a government (or place) strictly below the issuer. */
async function checkTarget(tx: Scoped, gov: { region: string; level: 'province' | 'city' | 'county' }, target: string) {
  const prefix = tx.scope.regionPrefix;
  const [row] = await tx.query<{ code: string }>('SELECT code FROM regions WHERE code = $1', [target]);
  if (!row || !target.startsWith(prefix) || target === gov.region || !summonedLevelOf(gov.level)) {
    throw invalid({ targetRegion: { zh: '请选择本辖区内的下级政府', en: 'Pick a government below yours, in your jurisdiction' } });
  }
}

export function createRecord(db: Db, actor: Actor, b: z.infer<typeof recordCreateSchema>, now = new Date()) {
  const gov = requireGovernment(actor);
  return withScope(db, actor.scope, async (tx) => {
    await checkTarget(tx, gov, b.targetRegion);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO accountability_records (kind, region_code, target_region_code, summoned, summoned_by, reason, scheduled_at, place, created_by, created_by_name)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        b.kind,
        gov.region,
        b.targetRegion,
        JSON.stringify(b.summoned),
        b.summonedBy,
        b.reason,
        b.scheduledAt ?? null,
        b.place,
        actor.id,
        nameOf(actor),
      ],
    );
    const id = (row as { id: string }).id;
    await appendAudit(tx, actor, {
      action: 'accountabilityRecord.create',
      entityType: 'accountabilityRecord',
      entityId: id,
      regionCode: gov.region,
      after: b,
    });
    return detail(tx, actor, (await findRecord(tx, id)) as RecordRow, now);
  });
}

function lock(tx: Scoped, actor: Actor, id: string, action: RecordAction, version: number) {
  return lockForCommand(tx, id, {
    find: (t, i) => findRecord(t, i, true),
    // Publication is checked against the setting below; here: the issuer's step from this status.
    may: (r) => actorGovernment(actor)?.region === r.region_code && recordNextStatus(r.kind, r.status, action) !== null,
    version,
    versionOf: (r) => r.version,
    refuse: (r) =>
      actorGovernment(actor)?.region === r.region_code
        ? new AppError('conflict', { zh: '当前状态不能办理此步骤', en: 'This step is not possible in the current status' })
        : forbidden(),
  });
}

export function editRecord(db: Db, actor: Actor, id: string, b: z.infer<typeof recordEditSchema>, now = new Date()) {
  requireGovernment(actor);
  return withScope(db, actor.scope, async (tx) => {
    const r = await lock(tx, actor, id, 'edit', b.version);
    const next = {
      summoned: b.summoned ?? r.summoned,
      summonedBy: b.summonedBy === undefined ? r.summoned_by : b.summonedBy,
      reason: b.reason ?? r.reason,
      scheduledAt: b.scheduledAt === undefined ? iso(r.scheduled_at) : b.scheduledAt,
      place: b.place === undefined ? r.place : b.place,
    };
    await tx.query(
      `UPDATE accountability_records SET summoned = $2::jsonb, summoned_by = $3, reason = $4, scheduled_at = $5, place = $6, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(next.summoned), next.summonedBy, next.reason, next.scheduledAt, next.place],
    );
    await appendAudit(tx, actor, {
      action: 'accountabilityRecord.edit',
      entityType: 'accountabilityRecord',
      entityId: id,
      regionCode: r.region_code,
      after: next,
    });
    return detail(tx, actor, (await findRecord(tx, id)) as RecordRow, now);
  });
}

const need = (field: string, zh: string, en: string) => invalid({ [field]: { zh, en } });

export function recordStep(db: Db, actor: Actor, id: string, action: Exclude<RecordAction, 'edit'>, raw: unknown, now = new Date()) {
  requireGovernment(actor);
  const parsed = recordStepSchema.safeParse(raw);
  if (!parsed.success) throw invalid(fieldMessages(parsed.error.issues));
  const b = parsed.data;
  return withScope(db, actor.scope, async (tx) => {
    const r = await lock(tx, actor, id, action, b.version);
    const to = recordNextStatus(r.kind, r.status, action) as RecordStatus;
    const set: Record<string, unknown> = { status: to };
    const today = todayInShanghai(now);
    const reportDays = () => effectiveSetting(tx, 'accountability.reportWorkingDays', r.region_code);
    switch (action) {
      case 'issue': {
        if (r.kind === 'interview' && (!r.summoned.length || r.summoned.some((p) => p.name === '（待定）'))) {
          throw need('summoned', '下发前请填写约谈对象', 'Name the persons summoned before issuing');
        }
        const doc = RECORD_DOCUMENT[r.kind];
        set.number = (await newDocumentNumber(tx, doc, r.region_code, DOCUMENT_TYPES[doc].pattern, now)).number;
        set.issued_at = now.toISOString();
        if (r.kind === 'yellowCard') {
          const days = await reportDays();
          set.report_days = days;
          set.report_due_on = addWorkingDays(await workingCalendar(tx), today, days);
        }
        break;
      }
      case 'recordMeeting': {
        if (!b.heldAt) throw need('heldAt', '请填写约谈时间', 'Give the time of the meeting');
        if (Date.parse(b.heldAt) > now.getTime()) throw need('heldAt', '约谈时间不能晚于现在', 'The meeting cannot be in the future');
        if (!b.issues) throw need('issues', '请填写指出的问题', 'Give the issues raised');
        if (!b.measures) throw need('measures', '请填写整改要求', 'Give the measures required');
        const days = await reportDays();
        set.held_at = b.heldAt;
        set.issues = b.issues;
        set.measures = b.measures;
        set.report_days = days;
        set.report_due_on = addWorkingDays(await workingCalendar(tx), todayInShanghai(new Date(b.heldAt)), days);
        break;
      }
      case 'receiveReport':
        if (!b.note) throw need('note', '请填写书面报告的主要内容', 'Summarise the written report');
        set.report_received_at = now.toISOString();
        set.report_note = b.note;
        break;
      case 'followUp':
        if (!b.note) throw need('note', '请填写跟踪情况', 'Give the follow-up note');
        set.follow_ups = JSON.stringify([...r.follow_ups, { at: now.toISOString(), by: nameOf(actor), note: b.note }]);
        break;
      case 'close':
        if (r.kind !== 'circular' && !b.note) throw need('note', '请填写整改落实情况', 'Say how the measures were carried out');
        set.closed_at = now.toISOString();
        set.closing_note = b.note;
        break;
      case 'cancel':
        if (!b.note) throw need('note', '请填写撤销理由', 'Give the reason');
        set.cancelled_at = now.toISOString();
        set.cancel_reason = b.note;
        break;
      case 'publish':
        if (!(await publishEnabled(tx, r.region_code)))
          throw forbidden({ zh: '本地未开启向社会公开', en: 'Publication is not enabled here' });
        if (r.published_at) throw new AppError('conflict', { zh: '已公开', en: 'Already published' });
        set.published_at = now.toISOString();
        break;
    }
    const cols = Object.keys(set);
    await tx.query(
      `UPDATE accountability_records SET ${cols.map((c, i) => `${c} = $${i + 2}${c === 'follow_ups' ? '::jsonb' : ''}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, ...cols.map((c) => set[c])],
    );
    await appendAudit(tx, actor, {
      action: `accountabilityRecord.${action}`,
      entityType: 'accountabilityRecord',
      entityId: id,
      regionCode: r.region_code,
      before: { status: r.status },
      after: { ...set, ...(b.note ? { note: b.note } : {}) },
    });
    return detail(tx, actor, (await findRecord(tx, id)) as RecordRow, now);
  });
}

export const RECORD_STEP_ACTIONS = RECORD_ACTIONS.filter((a) => a !== 'edit') as [
  Exclude<RecordAction, 'edit'>,
  ...Exclude<RecordAction, 'edit'>[],
];

/** The issued notice in the official layout (red header, number, body, signer and date). No English. */
export function recordPdf(db: Db, actor: Actor, id: string) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findRecord(tx, id);
    if (!r) throw notFound();
    if (!r.number || !r.issued_at) throw new AppError('conflict', { zh: '尚未下发，没有文书', en: 'Not issued yet: no document' });
    const names = await regionNames(tx, [r.region_code, r.target_region_code]);
    const issuer = `${names.get(r.region_code) ?? ''}安全生产委员会办公室`;
    const target = names.get(r.target_region_code) ?? '';
    const doc = DOCUMENT_TYPES[RECORD_DOCUMENT[r.kind]];
    const persons = r.summoned.map((p) => `${p.position}${p.name}`).join('、');
    const body: string[] = [`${target}人民政府：`, r.reason];
    if (r.kind === 'interview') {
      body.push(
        `经研究，决定约谈${persons || '你单位有关负责人'}。${r.scheduled_at ? `约谈时间：${chineseMinute(r.scheduled_at)}。` : ''}${r.place ? `约谈地点：${r.place}。` : ''}`,
        '请被约谈方准备书面材料，内容包括基本情况、原因分析、主要教训和整改措施，并可通知有关企业主要负责人参加。',
      );
      if (r.held_at && r.measures) body.push(`约谈要求：${r.measures}`);
      if (r.report_due_on) body.push(`请于${chineseDate(r.report_due_on)}前将整改落实情况书面报送我办。`);
    } else if (r.kind === 'yellowCard') {
      body.push(
        `根据上述情况，决定对你地区给予安全生产黄牌警示。请立即组织整改${r.report_due_on ? `，并于${chineseDate(r.report_due_on)}前将整改落实情况书面报送我办` : ''}。`,
      );
    } else {
      body.push('特此通报。各地区、各有关部门要深刻吸取教训，举一反三，切实加强安全生产工作。');
    }
    const pdf = await renderNotice({ issuer: `${issuer}文件`, number: r.number, title: doc.zh, body, signer: issuer, date: r.issued_at });
    return { pdf, title: `${RECORD_KIND_LABELS[r.kind].zh}-${r.number}` };
  });
}

/** Published records, for the public (no login): what was done and required, no persons' names; a withdrawn (cancelled) one is no longer shown. */
export async function publishedRecords(db: Db) {
  const rows = await db.query<RecordRow & { region_name: string; target_name: string }>(
    `${SELECT.replace(' FROM accountability_records r', ', g.name AS region_name, t.name AS target_name FROM accountability_records r')}
       JOIN regions g ON g.code = r.region_code JOIN regions t ON t.code = r.target_region_code
      WHERE r.published_at IS NOT NULL AND r.status <> 'cancelled' ORDER BY r.published_at DESC LIMIT 200`,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      number: r.number,
      regionName: r.region_name,
      targetName: r.target_name,
      reason: r.reason,
      issuedAt: iso(r.issued_at),
      heldAt: iso(r.held_at),
      measures: r.measures,
      status: r.status,
      publishedAt: iso(r.published_at),
    })),
  };
}
