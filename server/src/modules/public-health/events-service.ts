// 突发公共卫生事件's commands and reads (issue 28): cluster detection into signals, events with their
// grade, reporting chain, reports, linked cases, contacts and tasks. Rules are domain's
// (events-rules.ts); SQL is events-store.ts; every change writes its audit event in the same
// transaction. A contact's name and phone are sealed with the keyring and never audited or logged.
// Owner: events.
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  allowedEventActions,
  allowedTaskActions,
  type ClusterThreshold,
  chainStepsFor,
  computeChain,
  DOCUMENT_TYPES,
  eventTransition,
  gradeEvent,
  maskContactName,
  maskContactPhone,
  mayRecordChainStep,
  nextChainStep,
  PH_EVENT_GRADES,
  PH_EVENT_KINDS,
  PH_EVENT_STATUSES,
  PH_REPORT_KINDS,
  PH_TASK_KINDS,
  PH_TASK_STATUSES,
  type PhEventAction,
  type PhEventKind,
  type PhTaskAction,
  parseClusterOverrides,
  seesContactsUnmasked,
  taskOverdue,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { newDocumentNumber } from '../../documents/numbers.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { dateOnly, iso } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';
import type { Keyring } from '../whistleblowing/keyring.ts';
import {
  type ChainStepRow,
  chainStepRows,
  clusterEventExists,
  clusterRows,
  contactRows,
  countEvents,
  countTasks,
  type EventRow,
  eventRows,
  findEvent,
  findTask,
  insertEvent,
  linkedCaseRows,
  nextEventNumber,
  reportRows,
  type TaskRow,
  taskRows,
} from './events-store.ts';

const SYSTEM = { id: null, username: 'system' };
const VIEW_ROLES = ['platformAdmin', 'provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor', 'cdcReviewer'];
export const mayView = (a: Actor) => VIEW_ROLES.includes(a.role) && a.scope.enterpriseId === null;
const toDate = (d: Date | string) => (d instanceof Date ? d : new Date(d));

async function chainHours(tx: Queryable, regionCode: string) {
  return {
    stepHours: await effectiveSetting(tx, 'phEvents.chainStepHours', regionCode),
    nationalHours: await effectiveSetting(tx, 'phEvents.chainNationalHours', regionCode),
  };
}

export async function clusterSettings(tx: Queryable, regionCode = '') {
  const fallback: ClusterThreshold = {
    cases: await effectiveSetting(tx, 'phEvents.clusterCases', regionCode),
    days: await effectiveSetting(tx, 'phEvents.clusterDays', regionCode),
  };
  return { fallback, overrides: parseClusterOverrides(await effectiveSetting(tx, 'phEvents.clusterOverrides', regionCode)) };
}

// ---- detection ----------------------------------------------------------------------------------

/**
 * Turns the clusters of `now` into 'signal' events (origin 'cluster'), once per cluster: not while a
 * signal/event for the disease and township is open, nor within the window after one was handled.
 * Runs as the system (the scheduled job) in the caller's transaction; returns the new event ids.
 */
export async function detectClusters(tx: Queryable, now: Date, prefix = ''): Promise<string[]> {
  const { fallback, overrides } = await clusterSettings(tx);
  const clusters = await clusterRows(tx, now, fallback, overrides, prefix);
  const created: string[] = [];
  for (const c of clusters) {
    const days = (overrides[c.disease_code] ?? fallback).days;
    if (await clusterEventExists(tx, c.disease_code, c.region_code, new Date(now.getTime() - days * 86_400_000))) continue;
    const firstAt = toDate(c.first_at);
    const [names] = await tx.query<{ disease: string; region: string }>(
      `SELECT (SELECT name_zh FROM ph_diseases WHERE code = $1) AS disease, (SELECT name FROM regions WHERE code = $2) AS region`,
      [c.disease_code, c.region_code],
    );
    const id = await insertEvent(tx, {
      number: await nextEventNumber(tx, now),
      title: `${names?.region ?? c.region_code}${names?.disease ?? c.disease_code}聚集性病例`,
      kind: 'infectiousOutbreak',
      diseaseCode: c.disease_code,
      regionCode: c.region_code,
      origin: 'cluster',
      status: 'signal',
      occurredAt: firstAt,
      discoveredAt: now,
      clusterKey: `${c.disease_code}|${c.region_code}|${dateOnly(firstAt)}`,
      clusterCases: c.cases,
      summary: null,
      affected: c.cases,
      deaths: 0,
      lat: null,
      lng: null,
      createdBy: null,
    });
    if (!id) continue;
    for (const caseId of c.case_ids)
      await tx.query('INSERT INTO ph_event_cases (event_id, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, caseId]);
    await appendAudit(tx, SYSTEM, {
      action: 'phEvents.detect',
      entityType: 'phEvent',
      entityId: id,
      regionCode: c.region_code,
      after: { diseaseCode: c.disease_code, cases: c.cases, status: 'signal' },
    });
    created.push(id);
  }
  return created;
}

// ---- views --------------------------------------------------------------------------------------

function eventState(r: EventRow, stepsTotal: number) {
  return {
    status: r.status as (typeof PH_EVENT_STATUSES)[number],
    regionCode: r.region_code,
    hasInitialReport: r.has_initial,
    chainComplete: r.steps_done >= stepsTotal,
    nextChainStep: chainStepsFor(r.kind as PhEventKind)[r.steps_done] ?? null,
  };
}

function eventItem(actor: Actor, r: EventRow, now = new Date()) {
  const steps = r.kind === 'other' ? 4 : 5;
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    kind: r.kind,
    diseaseCode: r.disease_code,
    diseaseName: r.disease_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    origin: r.origin,
    grade: r.grade,
    gradeCriterion: r.grade_criterion,
    status: r.status,
    occurredAt: iso(r.occurred_at),
    discoveredAt: iso(r.discovered_at ?? r.created_at),
    clusterCases: r.cluster_cases,
    summary: r.summary,
    affected: r.affected,
    deaths: r.deaths,
    lat: r.lat,
    lng: r.lng,
    confirmedAt: iso(r.confirmed_at),
    closedAt: iso(r.closed_at),
    version: r.version,
    stepsDone: r.steps_done,
    stepsTotal: steps,
    ageHours: Math.floor((now.getTime() - toDate(r.discovered_at ?? r.created_at).getTime()) / 3_600_000),
    allowedActions: allowedEventActions(actor, eventState(r, steps)),
  };
}

export const eventListQuerySchema = z.object({
  status: z.enum(PH_EVENT_STATUSES).optional(),
  kind: z.enum(PH_EVENT_KINDS).optional(),
  q: z.string().max(100).optional(),
  chain: z.enum(['due']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function listEvents(db: Db, actor: Actor, q: z.infer<typeof eventListQuerySchema>) {
  if (!mayView(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const f = { prefix: actor.scope.regionPrefix, status: q.status, kind: q.kind, q: q.q, chainDue: q.chain === 'due' };
    const total = await countEvents(tx, f);
    const rows = await eventRows(tx, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map((r) => eventItem(actor, r)), total, page: q.page, pageSize: q.pageSize };
  });
}

async function eventDetail(tx: Scoped, actor: Actor, keyring: Keyring, id: string, now = new Date()) {
  const r = await findEvent(tx, id);
  if (!r?.region_code.startsWith(actor.scope.regionPrefix)) throw notFound();
  const stepRows = await chainStepRows(tx, id);
  const chain = computeChain(
    r.kind as PhEventKind,
    toDate(r.discovered_at ?? r.created_at),
    stepRows.map((s) => ({ step: s.step as 'county', doneAt: toDate(s.done_at), doneBy: s.done_by_name })),
    now,
    await chainHours(tx, r.region_code),
  );
  const unmasked = seesContactsUnmasked(actor, r.region_code);
  const contacts = (await contactRows(tx, id)).map((c) => {
    const person = unmasked ? (JSON.parse(keyring.open(c.sealed, c.id)) as { name: string; phone: string }) : c.masked;
    return {
      id: c.id,
      name: person.name,
      phone: person.phone,
      masked: !unmasked,
      relation: c.relation,
      lastContactAt: iso(c.last_contact_at),
      followUpUntil: dateOnly(c.follow_up_until),
      followingUp: c.follow_up_until !== null && (dateOnly(c.follow_up_until) ?? '') >= (dateOnly(now) ?? ''),
    };
  });
  const tasks = (await taskRows(tx, { prefix: actor.scope.regionPrefix, eventId: id })).map((t) => taskItem(actor, t, now));
  return {
    ...eventItem(actor, r, now),
    chain: chain.map((s) => ({
      step: s.step,
      deadlineAt: iso(s.deadlineAt),
      doneAt: iso(s.doneAt),
      doneBy: s.doneBy,
      late: s.late,
      overdue: s.overdue,
      note: stepRows.find((x: ChainStepRow) => x.step === s.step)?.note ?? null,
    })),
    nextStep: nextChainStep(
      r.kind as PhEventKind,
      stepRows.map((s) => ({ step: s.step as 'county', doneAt: toDate(s.done_at) })),
    ),
    reports: (await reportRows(tx, id)).map((x) => ({
      id: x.id,
      kind: x.kind,
      docNumber: x.doc_number,
      content: x.content,
      affected: x.affected,
      deaths: x.deaths,
      reportedAt: iso(x.reported_at),
      reportedBy: x.reported_by_name,
    })),
    cases: (await linkedCaseRows(tx, id)).map((c) => ({
      id: c.id,
      number: c.number,
      diseaseCode: c.disease_code,
      classification: c.classification,
      status: c.status,
      diagnosedAt: iso(c.diagnosed_at),
      regionCode: c.region_code,
      regionName: c.region_name,
      person: c.person_masked,
    })),
    contacts,
    tasks,
  };
}

export function getEvent(db: Db, actor: Actor, keyring: Keyring, id: string) {
  if (!mayView(actor)) throw forbidden();
  return readScoped(db, actor.scope, (tx) => eventDetail(tx, actor, keyring, id));
}

// ---- commands -----------------------------------------------------------------------------------

export const eventCreateSchema = z.object({
  title: z.string({ message: '请填写标题||Give a title' }).trim().min(2, '请填写标题||Give a title').max(200),
  kind: z.enum(PH_EVENT_KINDS, { message: '请选择事件类别||Choose the kind' }),
  diseaseCode: z.string().max(50).nullish(),
  regionCode: z.string({ message: '请选择发生地||Choose the place' }).regex(/^\d{12}$/, '请选择发生地||Choose the place'),
  occurredAt: z.iso.datetime({ offset: true, message: '请填写发生时间||Give the time it happened' }),
  discoveredAt: z.iso.datetime({ offset: true, message: '请填写发现时间||Give the time it was found' }).optional(),
  summary: z.string().max(4000).nullish(),
  affected: z.number().int().min(0).max(1_000_000).default(0),
  deaths: z.number().int().min(0).max(1_000_000).default(0),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
});

const DECIDERS = ['countySupervisor', 'citySupervisor', 'provinceSupervisor', 'cdcReviewer'];

export async function createEvent(db: Db, actor: Actor, keyring: Keyring, b: z.infer<typeof eventCreateSchema>, now = new Date()) {
  if (!DECIDERS.includes(actor.role) || !b.regionCode.startsWith(actor.scope.regionPrefix)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    if (!(await tx.query('SELECT 1 FROM regions WHERE code = $1', [b.regionCode])).length)
      throw invalid({ regionCode: { zh: '行政区划不存在', en: 'Unknown region' } });
    if (b.diseaseCode && !(await tx.query('SELECT 1 FROM ph_diseases WHERE code = $1', [b.diseaseCode])).length)
      throw invalid({ diseaseCode: { zh: '病种不存在', en: 'Unknown disease' } });
    const occurredAt = new Date(b.occurredAt);
    const discoveredAt = b.discoveredAt ? new Date(b.discoveredAt) : now;
    if (discoveredAt < occurredAt) throw invalid({ discoveredAt: { zh: '发现时间不能早于发生时间', en: 'Found before it happened' } });
    const id = (await insertEvent(tx, {
      number: await nextEventNumber(tx, now),
      title: b.title,
      kind: b.kind,
      diseaseCode: b.diseaseCode ?? null,
      regionCode: b.regionCode,
      origin: 'manual',
      status: 'confirmed',
      occurredAt,
      discoveredAt,
      clusterKey: null,
      clusterCases: null,
      summary: b.summary ?? null,
      affected: b.affected,
      deaths: b.deaths,
      lat: b.lat ?? null,
      lng: b.lng ?? null,
      createdBy: actor.id,
    })) as string;
    await tx.query('UPDATE ph_events SET confirmed_by = $2, confirmed_at = $3 WHERE id = $1', [id, actor.id, now.toISOString()]);
    await appendAudit(tx, actor, {
      action: 'phEvents.create',
      entityType: 'phEvent',
      entityId: id,
      regionCode: b.regionCode,
      after: { kind: b.kind, status: 'confirmed', affected: b.affected, deaths: b.deaths },
    });
    return eventDetail(tx, actor, keyring, id, now);
  });
}

/** Locks the event, checks the version and that the actor may do `action` now (403 / 409). */
async function lockEvent(tx: Scoped, actor: Actor, id: string, action: PhEventAction, version?: number) {
  const r = await findEvent(tx, id, true);
  if (!r?.region_code.startsWith(actor.scope.regionPrefix)) throw notFound();
  const state = eventState(r, r.kind === 'other' ? 4 : 5);
  const allowed = allowedEventActions(actor, state);
  if (!allowed.includes('view')) throw notFound();
  if (version !== undefined && version !== r.version)
    throw conflict({ zh: '事件已被他人修改，请刷新', en: 'The event was changed meanwhile; reload' });
  if (!allowed.includes(action)) {
    // The chain's next report is another level's to record: a question of who, not of the state.
    if (action === 'recordChainStep' && !state.chainComplete && state.nextChainStep && !mayRecordChainStep(actor, state.nextChainStep))
      throw forbidden({ zh: '这一级报告应由上报的一级或其上级登记', en: 'This report is recorded by the level that makes it, or above' });
    const anyRoleMight = allowedEventActions({ ...actor, role: 'countySupervisor' }, eventState(r, 99)).includes(action);
    if (DECIDERS.includes(actor.role) || anyRoleMight === false)
      throw conflict({ zh: '事件当前状态不允许此操作', en: 'Not possible in the event’s current status' });
    throw forbidden();
  }
  return r;
}

async function touch(tx: Queryable, id: string, set = '', params: unknown[] = []) {
  await tx.query(`UPDATE ph_events SET ${set}${set ? ', ' : ''}version = version + 1, updated_at = now() WHERE id = $1`, [id, ...params]);
}

export const versionSchema = z.object({ version: z.number({ message: '缺少版本号||The version is missing' }).int() });

export async function transitionEvent(
  db: Db,
  actor: Actor,
  keyring: Keyring,
  id: string,
  action: 'confirm' | 'dismiss' | 'respond',
  version: number,
  now = new Date(),
) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockEvent(tx, actor, id, action, version);
    const to = eventTransition(r.status as 'signal', action) as string;
    if (action === 'confirm') await touch(tx, id, 'status = $2, confirmed_by = $3, confirmed_at = $4', [to, actor.id, now.toISOString()]);
    else await touch(tx, id, 'status = $2', [to]);
    await appendAudit(tx, actor, {
      action: `phEvents.${action}`,
      entityType: 'phEvent',
      entityId: id,
      regionCode: r.region_code,
      before: { status: r.status },
      after: { status: to },
    });
    return eventDetail(tx, actor, keyring, id, now);
  });
}

export const gradeBodySchema = versionSchema.extend({
  grade: z.enum(PH_EVENT_GRADES, { message: '请选择级别||Choose the grade' }).optional(),
  facts: z
    .object({
      disease: z.string().max(50).nullish(),
      cases: z.number().int().min(0).max(1_000_000),
      deaths: z.number().int().min(0).max(1_000_000).optional(),
      spreading: z.boolean().optional(),
      provincesAffected: z.number().int().min(1).optional(),
      citiesAffected: z.number().int().min(1).optional(),
      countiesAffected: z.number().int().min(1).optional(),
      largeCity: z.boolean().optional(),
      suspectedOnly: z.boolean().optional(),
      incidenceRatio: z.number().min(0).optional(),
    })
    .optional(),
});

/** Grades by the criteria from the facts given, or by the grade chosen (criterion 'manual'). */
export async function gradeEventCommand(db: Db, actor: Actor, keyring: Keyring, id: string, b: z.infer<typeof gradeBodySchema>) {
  if (!b.grade && !b.facts) throw invalid({ grade: { zh: '请选择级别或填写事实', en: 'Choose a grade or give the facts' } });
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockEvent(tx, actor, id, 'grade', b.version);
    const result = b.facts
      ? gradeEvent({ kind: r.kind as PhEventKind, ...b.facts })
      : { grade: b.grade as string, criterion: 'manual', provisional: false };
    const grade = b.grade ?? result.grade;
    await touch(tx, id, 'grade = $2, grade_criterion = $3', [grade, b.grade && b.grade !== result.grade ? 'manual' : result.criterion]);
    await appendAudit(tx, actor, {
      action: 'phEvents.grade',
      entityType: 'phEvent',
      entityId: id,
      regionCode: r.region_code,
      before: { grade: r.grade },
      after: { grade, criterion: result.criterion },
    });
    return eventDetail(tx, actor, keyring, id);
  });
}

export const chainStepBodySchema = z.object({
  doneAt: z.iso.datetime({ offset: true, message: '请填写报告时间||Give the time it was reported' }).optional(),
  note: z.string().max(1000).nullish(),
});

/** Records the next step of the reporting chain (in order), flagged late after its deadline. */
export async function recordChainStep(
  db: Db,
  actor: Actor,
  keyring: Keyring,
  id: string,
  b: z.infer<typeof chainStepBodySchema>,
  now = new Date(),
) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockEvent(tx, actor, id, 'recordChainStep');
    const doneAt = b.doneAt ? new Date(b.doneAt) : now;
    if (doneAt > new Date(now.getTime() + 60_000))
      throw invalid({ doneAt: { zh: '报告时间不能晚于现在', en: 'The time cannot be in the future' } });
    const existing = await chainStepRows(tx, id);
    const done = existing.map((s) => ({ step: s.step as 'county', doneAt: toDate(s.done_at) }));
    const step = nextChainStep(r.kind as PhEventKind, done);
    if (!step) throw conflict({ zh: '报告链已完成', en: 'The reporting chain is complete' });
    if (!mayRecordChainStep(actor, step))
      throw forbidden({ zh: '这一级报告应由上报的一级或其上级登记', en: 'This report is recorded by the level that makes it, or above' });
    const last = existing.at(-1);
    if (last && doneAt < toDate(last.done_at)) throw invalid({ doneAt: { zh: '不能早于上一级报告时间', en: 'Before the previous step' } });
    const chain = computeChain(
      r.kind as PhEventKind,
      toDate(r.discovered_at ?? r.created_at),
      [...done, { step, doneAt }],
      now,
      await chainHours(tx, r.region_code),
    );
    const view = chain.find((s) => s.step === step);
    await tx.query(
      'INSERT INTO ph_event_chain_steps (event_id, step, done_at, done_by, deadline_at, late, note) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, step, doneAt.toISOString(), actor.id, view?.deadlineAt.toISOString(), view?.late ?? false, b.note ?? null],
    );
    await touch(tx, id);
    await appendAudit(tx, actor, {
      action: 'phEvents.chainStep',
      entityType: 'phEvent',
      entityId: id,
      regionCode: r.region_code,
      after: { step, late: view?.late ?? false },
    });
    return eventDetail(tx, actor, keyring, id, now);
  });
}

export const reportBodySchema = z.object({
  kind: z.enum(PH_REPORT_KINDS, { message: '请选择报告类型||Choose the report kind' }),
  content: z
    .string({ message: '请填写报告内容||Write the report' })
    .trim()
    .min(10, '报告内容至少 10 字||At least 10 characters')
    .max(20000),
  affected: z.number().int().min(0).max(1_000_000).default(0),
  deaths: z.number().int().min(0).max(1_000_000).default(0),
});

/** Files an initial or progress report, or the closing report which closes the event. */
export async function fileReport(
  db: Db,
  actor: Actor,
  keyring: Keyring,
  id: string,
  b: z.infer<typeof reportBodySchema>,
  now = new Date(),
) {
  return withScope(db, actor.scope, async (tx) => {
    const action: PhEventAction = b.kind === 'initial' ? 'reportInitial' : b.kind === 'progress' ? 'reportProgress' : 'close';
    const r = await lockEvent(tx, actor, id, action);
    // The official number (document type phEventReport), counted per county and Beijing year.
    const { number: docNumber } = await newDocumentNumber(tx, 'phEventReport', r.region_code, DOCUMENT_TYPES.phEventReport.pattern, now);
    await tx.query(
      'INSERT INTO ph_event_reports (event_id, kind, doc_number, content, affected, deaths, reported_by, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, b.kind, docNumber, b.content, b.affected, b.deaths, actor.id, now.toISOString()],
    );
    if (b.kind === 'closing')
      await touch(tx, id, "status = 'closed', closed_at = $2, closed_by = $3, affected = $4, deaths = $5", [
        now.toISOString(),
        actor.id,
        b.affected,
        b.deaths,
      ]);
    else await touch(tx, id, 'affected = $2, deaths = $3', [b.affected, b.deaths]);
    await appendAudit(tx, actor, {
      action: b.kind === 'closing' ? 'phEvents.close' : 'phEvents.report',
      entityType: 'phEvent',
      entityId: id,
      regionCode: r.region_code,
      before: { status: r.status },
      after: { report: b.kind, docNumber, affected: b.affected, deaths: b.deaths },
    });
    return eventDetail(tx, actor, keyring, id, now);
  });
}

/** Cases that count (cases part: merged and revoked cards do not). */
const LINKABLE_CASE_STATUSES = ['reported', 'returned', 'reviewed'];

export const linkCaseBodySchema = z.object({ caseId: z.uuid({ message: '请选择病例||Choose a case' }) });

export async function linkCase(db: Db, actor: Actor, keyring: Keyring, id: string, b: z.infer<typeof linkCaseBodySchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockEvent(tx, actor, id, 'linkCase');
    const [c] = await tx.query<{ status: string; disease_code: string }>('SELECT status, disease_code FROM ph_cases WHERE id = $1', [
      b.caseId,
    ]);
    if (!c || !LINKABLE_CASE_STATUSES.includes(c.status))
      throw invalid({ caseId: { zh: '病例不存在、不在辖区内或已撤销/合并', en: 'No such live case in the jurisdiction' } });
    if (r.disease_code && c.disease_code !== r.disease_code)
      throw invalid({ caseId: { zh: '病例的病种与事件的病种不同', en: 'The case is of another disease than the event' } });
    await tx.query('INSERT INTO ph_event_cases (event_id, case_id, linked_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      id,
      b.caseId,
      actor.id,
    ]);
    await touch(tx, id);
    await appendAudit(tx, actor, {
      action: 'phEvents.linkCase',
      entityType: 'phEvent',
      entityId: id,
      regionCode: r.region_code,
      after: { caseId: b.caseId },
    });
    return eventDetail(tx, actor, keyring, id);
  });
}

export const contactBodySchema = z.object({
  name: z.string({ message: '请填写姓名||Give the name' }).trim().min(1, '请填写姓名||Give the name').max(50),
  phone: z.string({ message: '请填写电话||Give the phone' }).regex(/^[0-9+\- ]{7,20}$/, '电话格式不正确||Not a phone number'),
  relation: z.string().max(100).nullish(),
  lastContactAt: z.iso.datetime({ offset: true, message: '时间格式不正确||Not a time' }).nullish(),
  followUpUntil: z.iso.date({ message: '日期格式不正确||Not a date' }).nullish(),
});

export async function addContact(db: Db, actor: Actor, keyring: Keyring, id: string, b: z.infer<typeof contactBodySchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockEvent(tx, actor, id, 'addContact');
    const contactId = randomUUID();
    await tx.query(
      'INSERT INTO ph_event_contacts (id, event_id, sealed, masked, relation, last_contact_at, follow_up_until, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        contactId,
        id,
        keyring.seal(JSON.stringify({ name: b.name, phone: b.phone }), contactId),
        JSON.stringify({ name: maskContactName(b.name), phone: maskContactPhone(b.phone) }),
        b.relation ?? null,
        b.lastContactAt ?? null,
        b.followUpUntil ?? null,
        actor.id,
      ],
    );
    await touch(tx, id);
    await appendAudit(tx, actor, {
      action: 'phEvents.addContact',
      entityType: 'phEvent',
      entityId: id,
      regionCode: r.region_code,
      after: { contactId },
    });
    return eventDetail(tx, actor, keyring, id);
  });
}

// ---- tasks --------------------------------------------------------------------------------------

export function taskItem(actor: Actor, t: TaskRow, now = new Date()) {
  return {
    id: t.id,
    kind: t.kind,
    caseId: t.case_id,
    caseNumber: t.case_number,
    eventId: t.event_id,
    eventNumber: t.event_number,
    regionCode: t.region_code,
    regionName: t.region_name,
    title: t.title,
    assigneeId: t.assignee_id,
    assigneeName: t.assignee_name,
    dueAt: iso(t.due_at),
    status: t.status,
    doneAt: iso(t.done_at),
    note: t.note,
    overdue: taskOverdue({ status: t.status as 'open', dueAt: toDate(t.due_at) }, now),
    allowedActions: allowedTaskActions(actor, { status: t.status as 'open', regionCode: t.region_code, assigneeId: t.assignee_id }),
  };
}

export const taskListQuerySchema = z.object({
  status: z.enum(PH_TASK_STATUSES).optional(),
  kind: z.enum(PH_TASK_KINDS).optional(),
  eventId: z.uuid().optional(),
  mine: z.enum(['1', '0']).optional(),
  overdue: z.enum(['1', '0']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const mayViewTasks = (a: Actor) => (mayView(a) || a.role === 'gridWorker') && a.scope.enterpriseId === null;

export function listTasks(db: Db, actor: Actor, q: z.infer<typeof taskListQuerySchema>, now = new Date()) {
  if (!mayViewTasks(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const f = {
      prefix: actor.scope.regionPrefix,
      status: q.status,
      kind: q.kind,
      eventId: q.eventId,
      assigneeId: q.mine === '1' ? actor.id : undefined,
      overdueAt: q.overdue === '1' ? now : undefined,
    };
    const total = await countTasks(tx, f);
    const rows = await taskRows(tx, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map((t) => taskItem(actor, t, now)), total, page: q.page, pageSize: q.pageSize };
  });
}

export const taskCreateSchema = z.object({
  kind: z.enum(PH_TASK_KINDS, { message: '请选择任务类型||Choose the kind' }),
  title: z.string({ message: '请填写任务||Describe the task' }).trim().min(2, '请填写任务||Describe the task').max(200),
  dueAt: z.iso.datetime({ offset: true, message: '请填写期限||Give the due time' }),
  assigneeId: z.uuid().nullish(),
});

async function checkAssignee(tx: Queryable, assigneeId: string, regionCode: string) {
  const [u] = await tx.query<{ region_prefix: string | null; enterprise_id: string | null }>(
    `SELECT coalesce(r.prefix, '') AS region_prefix, u.enterprise_id FROM users u LEFT JOIN regions r ON r.code = u.region_code WHERE u.id = $1`,
    [assigneeId],
  );
  if (!u || u.enterprise_id !== null || !regionCode.startsWith(u.region_prefix ?? ''))
    throw invalid({ assigneeId: { zh: '该用户不在任务所在辖区', en: 'The user is outside the task’s region' } });
}

export const assigneeQuerySchema = z.object({
  regionCode: z.string().regex(/^\d{12}$/, '请选择地区||Choose the region'),
});

/** Users who may take a task of the region: region users (not enterprise users) whose region holds it. */
export async function listAssignees(db: Db, actor: Actor, q: z.infer<typeof assigneeQuerySchema>) {
  if (!mayViewTasks(actor)) throw forbidden();
  if (!q.regionCode.startsWith(actor.scope.regionPrefix)) return { items: [] };
  return withScope(db, actor.scope, async (tx) => {
    const rows = await tx.query<{ id: string; display_name: string; role: string; region_code: string }>(
      `SELECT u.id, u.display_name, u.role, u.region_code FROM users u JOIN regions r ON r.code = u.region_code
        WHERE u.enterprise_id IS NULL AND NOT u.disabled AND $1 LIKE r.prefix || '%'
        ORDER BY length(r.prefix) DESC, u.display_name LIMIT 200`,
      [q.regionCode],
    );
    return { items: rows.map((u) => ({ id: u.id, name: u.display_name, role: u.role, regionCode: u.region_code })) };
  });
}

export async function addTask(db: Db, actor: Actor, keyring: Keyring, eventId: string, b: z.infer<typeof taskCreateSchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockEvent(tx, actor, eventId, 'addTask');
    if (b.assigneeId) await checkAssignee(tx, b.assigneeId, r.region_code);
    const [t] = await tx.query<{ id: string }>(
      'INSERT INTO ph_tasks (kind, event_id, region_code, title, assignee_id, due_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [b.kind, eventId, r.region_code, b.title, b.assigneeId ?? null, b.dueAt, actor.id],
    );
    await touch(tx, eventId);
    await appendAudit(tx, actor, {
      action: 'phEvents.addTask',
      entityType: 'phTask',
      entityId: t?.id,
      regionCode: r.region_code,
      after: { kind: b.kind, eventId },
    });
    return eventDetail(tx, actor, keyring, eventId);
  });
}

export const taskAssignSchema = z.object({ assigneeId: z.uuid({ message: '请选择执行人||Choose who does it' }) });
export const taskDoneSchema = z.object({ note: z.string().max(2000).nullish() });

export async function taskCommand(
  db: Db,
  actor: Actor,
  id: string,
  action: PhTaskAction,
  b: { assigneeId?: string; note?: string | null },
  now = new Date(),
) {
  return withScope(db, actor.scope, async (tx) => {
    const t = await findTask(tx, id, true);
    if (!t?.region_code.startsWith(actor.scope.regionPrefix) || !mayViewTasks(actor)) throw notFound();
    const allowed = allowedTaskActions(actor, { status: t.status as 'open', regionCode: t.region_code, assigneeId: t.assignee_id });
    if (!allowed.includes(action)) {
      if (t.status !== 'open') throw conflict({ zh: '任务已完成或已取消', en: 'The task is done or cancelled' });
      throw forbidden();
    }
    if (action === 'assign') {
      await checkAssignee(tx, b.assigneeId as string, t.region_code);
      await tx.query('UPDATE ph_tasks SET assignee_id = $2, updated_at = now() WHERE id = $1', [id, b.assigneeId]);
    } else if (action === 'done') {
      await tx.query(
        "UPDATE ph_tasks SET status = 'done', done_at = $2, done_by = $3, note = coalesce($4, note), updated_at = now() WHERE id = $1",
        [id, now.toISOString(), actor.id, b.note ?? null],
      );
    } else {
      await tx.query("UPDATE ph_tasks SET status = 'cancelled', note = coalesce($2, note), updated_at = now() WHERE id = $1", [
        id,
        b.note ?? null,
      ]);
    }
    await appendAudit(tx, actor, {
      action: action === 'assign' ? 'phEvents.assignTask' : action === 'done' ? 'phEvents.doneTask' : 'phEvents.cancelTask',
      entityType: 'phTask',
      entityId: id,
      regionCode: t.region_code,
      before: { status: t.status, assigneeId: t.assignee_id },
      after: action === 'assign' ? { assigneeId: b.assigneeId } : { status: action === 'done' ? 'done' : 'cancelled' },
    });
    return taskItem(actor, (await findTask(tx, id)) as TaskRow, now);
  });
}
