// 应急演练's commands and reads (issue 27). Owner: drills. Rules are domain's (drillTransition,
// drillAllowedActions, drillObligations); SQL is drills-store.ts; every command locks the row, checks
// the version and writes its audit event in the same transaction. A problem found becomes a hazard
// through the hazards module's createHazard, or a plan revision trigger through the plans part's
// recordRevisionTrigger (kind 'problemFound', source drill).
import {
  type Actor,
  DEFAULT_DRILL_FREQUENCY,
  DRILL_CONTENT_TYPES,
  DRILL_OBLIGATION_STATES,
  DRILL_OWNER_KINDS,
  DRILL_STATUSES,
  DRILL_STEP_ACTIONS,
  DRILL_STEP_SCHEMAS,
  type DrillAction,
  type DrillFrequencySettings,
  type DrillObligation,
  type DrillProblem,
  type DrillStepAction,
  type DrillView,
  drillAllowedActions,
  drillCreateSchema,
  drillDateProblems,
  drillNextStatus,
  drillObligations,
  drillTransition,
  type FrequencyDrill,
  type FrequencyPlan,
  fieldMessages,
  findingTier,
  isDecree708Unit,
  isEnterpriseUser,
  mayRecordGovernmentDrills,
  mayViewDrills,
  missingDrills,
  regionPrefix,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { dateOnly, iso, todayInShanghai } from '../../time.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import { createHazard } from '../hazards/service.ts';
import { effectiveSetting } from '../settings/service.ts';
import {
  countDrillRows,
  type DrillFilters,
  type DrillRow,
  drillEventsOf,
  drillsSince,
  enterprisesOf,
  findDrill,
  governmentsOf,
  insertDrill,
  insertDrillEvent,
  listDrillRows,
  planFor,
  plansInForce,
  updateDrill,
} from './drills-store.ts';
import { recordRevisionTrigger } from './plans-store.ts';

const nameOf = (a: Actor) => (a as Actor & { displayName?: string }).displayName ?? a.username;

const viewOf = (r: DrillRow): DrillView => ({
  status: r.status,
  ownerKind: r.owner_kind,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  evaluated: r.evaluated_at !== null,
  planId: r.plan_id,
  problems: r.problems ?? [],
});

function item(actor: Actor, r: DrillRow) {
  return {
    id: r.id,
    ownerKind: r.owner_kind,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    /** Who drilled: the enterprise, the department, or the government of the region. */
    unitName: r.enterprise_name ?? r.department_name ?? `${r.region_name ?? r.region_code}人民政府`,
    title: r.title,
    contentType: r.content_type,
    form: r.form,
    planId: r.plan_id,
    planTitle: r.plan_title,
    externalPlanName: r.external_plan_name,
    planType: r.plan_type,
    status: r.status,
    plannedOn: dateOnly(r.planned_on) as string,
    heldOn: dateOnly(r.held_on),
    place: r.place,
    scenario: r.scenario,
    participantCount: r.participant_count,
    participants: r.participants ?? [],
    photos: (r.photos ?? []).map((k) => k.replace(/^photos\//, '')),
    evaluation: r.evaluated_at
      ? {
          summary: r.evaluation_summary,
          result: r.evaluation_result,
          evaluatedAt: iso(r.evaluated_at),
          evaluatedByName: r.evaluated_by_name,
        }
      : null,
    problems: r.problems ?? [],
    cancelReason: r.cancel_reason,
    reportedAt: iso(r.reported_at),
    reportedByName: r.reported_by_name,
    reportNote: r.report_note,
    checkedAt: iso(r.checked_at),
    checkedByName: r.checked_by_name,
    checkNote: r.check_note,
    correctBy: dateOnly(r.correct_by),
    correctedAt: iso(r.corrected_at),
    correctionNote: r.correction_note,
    createdByName: r.created_by_name,
    version: r.version,
    allowedActions: drillAllowedActions(actor, viewOf(r)),
  };
}
export type DrillItem = ReturnType<typeof item>;

async function detail(tx: Scoped, actor: Actor, r: DrillRow) {
  const events = await drillEventsOf(tx, r.id);
  return {
    ...item(actor, r),
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
export type DrillDetail = Awaited<ReturnType<typeof detail>>;

const fail = (issues: z.core.$ZodIssue[]) => new AppError('validation_error', undefined, fieldMessages(issues));

// ---- reading --------------------------------------------------------------------------------------------

const dateQ = z.iso.date({ message: '日期格式应为 YYYY-MM-DD||Date is YYYY-MM-DD' });
export const drillListQuerySchema = z.object({
  status: z.enum(DRILL_STATUSES, { message: '未知的状态||Unknown status' }).optional(),
  ownerKind: z.enum(DRILL_OWNER_KINDS, { message: '未知的单位类型||Unknown kind of unit' }).optional(),
  contentType: z.enum(DRILL_CONTENT_TYPES, { message: '未知的演练类型||Unknown type' }).optional(),
  enterpriseId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字||The region code has 12 digits')
    .optional(),
  from: dateQ.optional(),
  to: dateQ.optional(),
  /** A calendar month (YYYY-MM): the drills held or planned in it. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM||Month is YYYY-MM')
    .optional(),
  notEvaluated: z.enum(['true']).optional(),
  q: z.string().trim().max(100, '最多 100 个字符||At most 100 characters').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type DrillListQuery = z.infer<typeof drillListQuerySchema>;

function filtersOf(q: DrillListQuery): DrillFilters {
  let { from, to } = q;
  if (q.month) {
    const [y, m] = q.month.split('-').map(Number) as [number, number];
    from = `${q.month}-01`;
    to = `${q.month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return {
    status: q.status,
    ownerKind: q.ownerKind,
    enterpriseId: q.enterpriseId,
    regionCode: q.regionCode,
    from,
    to,
    notEvaluated: q.notEvaluated === 'true',
    q: q.q,
  };
}

export function listDrills(db: Db, actor: Actor, q: DrillListQuery) {
  if (!mayViewDrills(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const { rows, total } = await listDrillRows(tx, filtersOf(q), q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map((r) => item(actor, r)), total };
  });
}

/** The 工作台's count, with the list's own WHERE. */
export const countDrillsFor = (tx: Scoped, q: DrillListQuery) => countDrillRows(tx, filtersOf(q));

export function getDrill(db: Db, actor: Actor, id: string) {
  if (!mayViewDrills(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findDrill(tx, id);
    if (!r) throw notFound();
    return detail(tx, actor, r);
  });
}

// ---- recording ------------------------------------------------------------------------------------------

/** The plan exercised: a plan of the unit, or a government plan of the region (a government department's). */
async function checkPlan(tx: Scoped, planId: string, owner: { ownerKind: string; enterpriseId: string | null; regionCode: string }) {
  const plan = await planFor(tx, planId);
  const ok =
    plan &&
    (owner.ownerKind === 'enterprise'
      ? plan.enterprise_id === owner.enterpriseId || plan.owner_kind === 'government'
      : plan.owner_kind === 'government' && owner.regionCode.startsWith(regionPrefix(plan.region_code)));
  if (!plan || !ok)
    throw invalid({
      planId: { zh: '预案不存在，或不是本单位（或政府部门）的预案', en: 'No such plan of the unit or of a government department' },
    });
  return plan;
}

export async function createDrill(db: Db, actor: Actor, body: unknown, now = new Date()) {
  if (!mayViewDrills(actor)) throw forbidden();
  const parsed = drillCreateSchema.safeParse(body ?? {});
  if (!parsed.success) throw fail(parsed.error.issues);
  const b = parsed.data;
  return withScope(db, actor.scope, async (tx) => {
    let regionCode: string;
    let industryCode: string | null = null;
    let enterpriseId: string | null = null;
    if (b.ownerKind === 'enterprise') {
      // An enterprise records its own drills; the regulator reads them.
      if (!isEnterpriseUser(actor)) throw forbidden();
      const e = await visibleEnterprise(tx, b.enterpriseId as string);
      regionCode = e.region_code;
      industryCode = e.industry_code;
      enterpriseId = e.id;
    } else {
      if (!mayRecordGovernmentDrills(actor)) throw forbidden();
      regionCode = b.regionCode as string;
      if (!regionCode.startsWith(actor.scope.regionPrefix))
        throw invalid({ regionCode: { zh: '区划不在辖区内', en: 'The region is outside the jurisdiction' } });
      const [region] = await tx.query<{ code: string }>('SELECT code FROM regions WHERE code = $1', [regionCode]);
      if (!region) throw invalid({ regionCode: { zh: '区划不存在', en: 'No such region' } });
      if (b.departmentId) {
        const [dep] = await tx.query<{ id: string }>('SELECT id FROM departments WHERE id = $1 AND region_code = $2', [
          b.departmentId,
          regionCode,
        ]);
        if (!dep) throw invalid({ departmentId: { zh: '该区划下没有此部门', en: 'No such department in the region' } });
      }
    }
    const plan = b.planId ? await checkPlan(tx, b.planId, { ownerKind: b.ownerKind, enterpriseId, regionCode }) : null;
    const id = await insertDrill(tx, {
      ownerKind: b.ownerKind,
      enterpriseId,
      departmentId: b.ownerKind === 'government' ? (b.departmentId ?? null) : null,
      regionCode,
      industryCode,
      title: b.title,
      contentType: b.contentType,
      form: b.form,
      planId: plan?.id ?? null,
      externalPlanName: plan ? null : (b.externalPlanName ?? null),
      planType: plan?.plan_type ?? b.planType ?? null,
      plannedOn: b.plannedOn,
      place: b.place ?? null,
      scenario: b.scenario ?? null,
      createdBy: actor.id,
      createdByName: nameOf(actor),
    });
    await insertDrillEvent(tx, {
      drillId: id,
      action: 'create',
      from: null,
      to: 'planned',
      actorId: actor.id,
      actorName: nameOf(actor),
      note: b.title,
      at: now,
    });
    await appendAudit(tx, actor, {
      action: 'drills.create',
      entityType: 'drill',
      entityId: id,
      regionCode,
      after: { title: b.title, ownerKind: b.ownerKind, enterpriseId, plannedOn: b.plannedOn, planId: plan?.id ?? null },
    });
    return detail(tx, actor, (await findDrill(tx, id)) as DrillRow);
  });
}

// ---- the steps -------------------------------------------------------------------------------------------

export const drillStepParams = z.object({
  id: z.uuid({ message: '编号格式不正确||Invalid id' }),
  action: z.enum(DRILL_STEP_ACTIONS as [DrillStepAction, ...DrillStepAction[]], { message: '未知的操作||Unknown step' }),
});

function refusal(actor: Actor, r: DrillRow, action: DrillAction): AppError {
  const t = drillTransition(actor, viewOf(r), action);
  const allowedActions = drillAllowedActions(actor, viewOf(r));
  if (t.ok) return new AppError('conflict', undefined, undefined, { allowedActions });
  return t.reason === 'forbidden'
    ? new AppError('forbidden', undefined, undefined, { allowedActions })
    : new AppError('conflict', t.message, undefined, { allowedActions });
}

const lock = (tx: Scoped, actor: Actor, id: string, action: DrillAction, version?: number) =>
  lockForCommand(tx, id, {
    find: findDrill,
    may: (r) => drillTransition(actor, viewOf(r), action).ok,
    refuse: (r) => refusal(actor, r, action),
    version,
    versionOf: (r) => r.version,
  });

function problemOf(r: DrillRow, no: number): DrillProblem {
  const p = (r.problems ?? []).find((x) => x.no === no);
  if (!p) throw invalid({ problemNo: { zh: '评估报告中没有这个问题', en: 'No such problem in the evaluation' } });
  return p;
}

/** One step of a drill (403/409 carry allowedActions). */
export async function takeDrillStep(db: Db, actor: Actor, id: string, action: DrillStepAction, body: unknown, now = new Date()) {
  if (!mayViewDrills(actor)) throw forbidden();
  const parsed = DRILL_STEP_SCHEMAS[action].safeParse(body ?? {});
  if (!parsed.success) throw fail(parsed.error.issues);
  const b = parsed.data as Record<string, unknown> & { version: number };
  const today = todayInShanghai(now);
  const dateIssues = drillDateProblems(action, b, today);
  if (Object.keys(dateIssues).length) throw invalid(dateIssues);
  return withScope(db, actor.scope, async (tx) => {
    const r = await lock(tx, actor, id, action, b.version);
    const at = now.toISOString();
    const to = drillNextStatus(action, r.status, { qualified: b.qualified as boolean | undefined });
    let set: Record<string, unknown> = {};
    let note: string | null = null;
    let after: Record<string, unknown> = {};
    switch (action) {
      case 'edit': {
        const plan = b.planId
          ? await checkPlan(tx, b.planId as string, { ownerKind: r.owner_kind, enterpriseId: r.enterprise_id, regionCode: r.region_code })
          : null;
        set = {
          title: b.title,
          content_type: b.contentType,
          form: b.form,
          plan_id: plan?.id ?? null,
          external_plan_name: plan ? null : (b.externalPlanName ?? null),
          plan_type: plan?.plan_type ?? b.planType ?? null,
          planned_on: b.plannedOn,
          place: b.place ?? null,
          scenario: b.scenario ?? null,
        };
        after = { ...set };
        break;
      }
      case 'complete':
        set = {
          status: to,
          held_on: b.heldOn,
          place: b.place,
          participant_count: b.participantCount,
          participants: b.participants,
          ...(b.scenario ? { scenario: b.scenario } : {}),
        };
        note = `${b.heldOn} ${b.place}，${b.participantCount} 人参演`;
        after = { heldOn: b.heldOn, place: b.place, participantCount: b.participantCount };
        break;
      case 'cancel':
        note = b.reason as string;
        set = { status: to, cancel_reason: note };
        break;
      case 'evaluate': {
        // Rewriting the evaluation keeps what earlier problems already became (matched by their text).
        const old = new Map((r.problems ?? []).map((p) => [p.text, p]));
        const problems: DrillProblem[] = (b.problems as string[]).map((text, i) => ({
          no: i + 1,
          text,
          hazardId: old.get(text)?.hazardId ?? null,
          revisionTriggerId: old.get(text)?.revisionTriggerId ?? null,
        }));
        set = {
          evaluation_summary: b.summary,
          evaluation_result: b.result,
          problems,
          evaluated_at: at,
          evaluated_by_name: nameOf(actor),
        };
        note = b.summary as string;
        after = { result: b.result, problems: problems.length };
        break;
      }
      case 'report':
        note = (b.note as string | null | undefined) ?? null;
        set = { status: to, reported_at: at, reported_by_name: nameOf(actor), report_note: note };
        break;
      case 'spotCheck':
        note = b.note as string;
        set = {
          status: to,
          checked_at: at,
          checked_by_name: nameOf(actor),
          check_note: note,
          correct_by: b.qualified ? null : b.correctBy,
        };
        after = { qualified: b.qualified, correctBy: b.qualified ? null : b.correctBy };
        break;
      case 'correct':
        note = b.note as string;
        set = { status: to, corrected_at: at, correction_note: note };
        break;
      case 'problemToHazard': {
        const p = problemOf(r, b.problemNo as number);
        if (p.hazardId) throw new AppError('conflict', { zh: '该问题已转为隐患', en: 'This problem is already a hazard' });
        const h = await createHazard(tx, actor, {
          enterpriseId: r.enterprise_id as string,
          description: `应急演练发现的问题：${p.text}（${r.title}，${dateOnly(r.held_on)}）`,
          location: (b.location as string | null | undefined) ?? r.place ?? null,
          level: (b.level as 'general' | 'major') ?? 'general',
          owner: null,
          measures: null,
          funds: null,
          deadline: (b.deadline as string | null | undefined) ?? null,
          contingency: null,
          foundTier: findingTier(actor, r.enterprise_id) ?? 'self',
        });
        set = { problems: (r.problems ?? []).map((x) => (x.no === p.no ? { ...x, hazardId: h.id } : x)) };
        note = `问题 ${p.no} → 隐患 ${h.number ?? h.id}`;
        after = { problemNo: p.no, hazardId: h.id };
        break;
      }
      case 'problemToRevision': {
        const p = problemOf(r, b.problemNo as number);
        if (p.revisionTriggerId)
          throw new AppError('conflict', { zh: '该问题已登记为预案修订情形', en: 'This problem is already a revision trigger' });
        const planId = (b.planId as string | null | undefined) ?? (r.plan_id as string);
        if (planId !== r.plan_id)
          await checkPlan(tx, planId, { ownerKind: r.owner_kind, enterpriseId: r.enterprise_id, regionCode: r.region_code });
        const t = await recordRevisionTrigger(tx, actor, {
          planId,
          kind: 'problemFound',
          // One trigger per problem (the plans part records a source once).
          source: { type: 'drill', id: `${r.id}#${p.no}` },
          note: `${r.title}（${dateOnly(r.held_on)}）发现的问题：${p.text}${b.note ? `；${b.note}` : ''}`,
        });
        set = { problems: (r.problems ?? []).map((x) => (x.no === p.no ? { ...x, revisionTriggerId: t.id } : x)) };
        note = `问题 ${p.no} → 预案修订情形`;
        after = { problemNo: p.no, planId, revisionTriggerId: t.id };
        break;
      }
    }
    await updateDrill(tx, r.id, set, now);
    await insertDrillEvent(tx, { drillId: r.id, action, from: r.status, to, actorId: actor.id, actorName: nameOf(actor), note, at: now });
    await appendAudit(tx, actor, {
      action: `drills.${action}`,
      entityType: 'drill',
      entityId: r.id,
      regionCode: r.region_code,
      before: { status: r.status },
      after: { status: to, note, ...after },
    });
    return detail(tx, actor, (await findDrill(tx, r.id)) as DrillRow);
  });
}

// ---- photos ------------------------------------------------------------------------------------------------

/** Asked before an upload is read (403/404/409 without storing anything). */
export function mayAddDrillPhoto(db: Db, actor: Actor, id: string) {
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findDrill(tx, id);
    if (!r) throw notFound();
    if (!drillTransition(actor, viewOf(r), 'addPhoto').ok) throw refusal(actor, r, 'addPhoto');
  });
}

export async function addDrillPhoto(tx: Scoped, actor: Actor, id: string, key: string, now = new Date()) {
  const r = await lock(tx, actor, id, 'addPhoto');
  if ((r.photos ?? []).length >= 30) throw invalid({ file: { zh: '每次演练最多 30 张照片', en: 'At most 30 photos a drill' } });
  await updateDrill(tx, r.id, { photos: [...(r.photos ?? []), key] }, now);
  await insertDrillEvent(tx, {
    drillId: r.id,
    action: 'addPhoto',
    from: r.status,
    to: r.status,
    actorId: actor.id,
    actorName: nameOf(actor),
    note: null,
    at: now,
  });
  await appendAudit(tx, actor, {
    action: 'drills.addPhoto',
    entityType: 'drill',
    entityId: r.id,
    regionCode: r.region_code,
    after: { key },
  });
  return { key: key.replace(/^photos\//, '') };
}

export async function drillPhotoKeys(db: Db, actor: Actor, id: string): Promise<string[]> {
  if (!mayViewDrills(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findDrill(tx, id);
    if (!r) throw notFound();
    return r.photos ?? [];
  });
}

// ---- the frequency check: obligations per unit ---------------------------------------------------------------

export const drillMissingQuerySchema = z.object({
  /** 'unit' (default): one row per unit with its unmet obligations; 'obligation': one row per unmet obligation. */
  per: z.enum(['unit', 'obligation'], { message: '应为 unit 或 obligation||unit or obligation' }).default('unit'),
  state: z.enum(DRILL_OBLIGATION_STATES, { message: '未知的状态||Unknown state' }).optional(),
  ownerKind: z.enum(DRILL_OWNER_KINDS, { message: '未知的单位类型||Unknown kind of unit' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字||The region code has 12 digits')
    .optional(),
  enterpriseId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional(),
  /** Every unit with its obligations, met or not (the enterprise's own page). */
  all: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type DrillMissingQuery = z.infer<typeof drillMissingQuerySchema>;

export type DrillUnitObligations = {
  unitKey: string;
  ownerKind: 'enterprise' | 'government';
  enterpriseId: string | null;
  departmentId: string | null;
  regionCode: string;
  regionName: string | null;
  unitName: string;
  decree708: boolean;
  obligations: DrillObligation[];
};

async function frequencySettings(q: Queryable, regionCode: string): Promise<DrillFrequencySettings> {
  const [convention, onSite] = await Promise.all([
    effectiveSetting(q, 'drills.periodConvention', regionCode),
    effectiveSetting(q, 'drills.onSitePerPlan', regionCode),
  ]);
  return {
    ...DEFAULT_DRILL_FREQUENCY,
    convention: convention as DrillFrequencySettings['convention'],
    onSite: onSite as DrillFrequencySettings['onSite'],
  };
}

/** Every unit of the scope (or the filters) with its obligations, in the current and previous periods. */
export async function unitObligations(
  tx: Scoped,
  q: Pick<DrillMissingQuery, 'ownerKind' | 'regionCode' | 'enterpriseId'>,
  now = new Date(),
) {
  const today = todayInShanghai(now);
  const prefix = q.regionCode ? regionPrefix(q.regionCode) : '';
  const since = `${Number(today.slice(0, 4)) - 4}-01-01`;
  const enterpriseOnly = q.enterpriseId ?? null;
  const [plans, drills] = await Promise.all([plansInForce(tx, prefix, enterpriseOnly), drillsSince(tx, prefix, enterpriseOnly, since)]);
  const toFreq = (d: (typeof drills)[number]): FrequencyDrill => ({
    id: d.id,
    heldOn: dateOnly(d.held_on),
    status: d.status,
    planId: d.plan_id,
    planType: d.plan_type,
    contentType: d.content_type,
  });
  const settings = new Map<string, DrillFrequencySettings>();
  const settingsOf = async (region: string) => {
    const p = region.slice(0, 2);
    if (!settings.has(p)) settings.set(p, await frequencySettings(tx, region));
    return settings.get(p) as DrillFrequencySettings;
  };
  const out: DrillUnitObligations[] = [];
  if (q.ownerKind !== 'government') {
    const plansByEnt = new Map<string, FrequencyPlan[]>();
    for (const p of plans)
      if (p.enterprise_id)
        plansByEnt.set(p.enterprise_id, [
          ...(plansByEnt.get(p.enterprise_id) ?? []),
          { id: p.id, planType: p.plan_type, title: p.title, since: dateOnly(p.published_on) },
        ]);
    const drillsByEnt = new Map<string, FrequencyDrill[]>();
    for (const d of drills) if (d.enterprise_id) drillsByEnt.set(d.enterprise_id, [...(drillsByEnt.get(d.enterprise_id) ?? []), toFreq(d)]);
    for (const e of await enterprisesOf(tx, prefix, enterpriseOnly)) {
      const decree708 = isDecree708Unit({
        industryCode: e.industry_code,
        highRisk: e.high_risk ?? [],
        employees: e.employees,
        revenueWan: e.revenue_wan,
      });
      const ps = plansByEnt.get(e.id) ?? [];
      if (!ps.length && !decree708) continue;
      out.push({
        unitKey: `enterprise:${e.id}`,
        ownerKind: 'enterprise',
        enterpriseId: e.id,
        departmentId: null,
        regionCode: e.region_code,
        regionName: e.region_name,
        unitName: e.name,
        decree708,
        obligations: drillObligations(
          { ownerKind: 'enterprise', decree708 },
          ps,
          drillsByEnt.get(e.id) ?? [],
          today,
          await settingsOf(e.region_code),
        ),
      });
    }
  }
  if (q.ownerKind !== 'enterprise' && !enterpriseOnly && !tx.scope.enterpriseId) {
    const { regions, departments } = await governmentsOf(tx, prefix);
    const govDrills = drills.filter((d) => d.owner_kind === 'government');
    for (const r of regions) {
      const ds = govDrills.filter((d) => d.department_id === null && d.region_code === r.code).map(toFreq);
      out.push({
        unitKey: `region:${r.code}`,
        ownerKind: 'government',
        enterpriseId: null,
        departmentId: null,
        regionCode: r.code,
        regionName: r.name,
        unitName: r.level === 'township' ? `${r.name}人民政府（街道办事处）` : `${r.name}人民政府`,
        decree708: false,
        obligations: drillObligations({ ownerKind: 'government', decree708: false }, [], ds, today, await settingsOf(r.code)),
      });
    }
    for (const dep of departments) {
      const ds = govDrills.filter((d) => d.department_id === dep.id).map(toFreq);
      out.push({
        unitKey: `department:${dep.id}`,
        ownerKind: 'government',
        enterpriseId: null,
        departmentId: dep.id,
        regionCode: dep.region_code,
        regionName: dep.region_name,
        unitName: dep.name,
        decree708: false,
        obligations: drillObligations({ ownerKind: 'government', decree708: false }, [], ds, today, await settingsOf(dep.region_code)),
      });
    }
  }
  return out;
}

type MissingRow = Omit<DrillUnitObligations, 'obligations'> & { obligations: DrillObligation[] };

async function missingRows(tx: Scoped, q: DrillMissingQuery, now: Date) {
  const units = await unitObligations(tx, q, now);
  const pick = (o: DrillObligation[]) => (q.all ? o : missingDrills(o).filter((x) => !q.state || x.state === q.state));
  if (q.per === 'obligation') {
    const rows = units.flatMap((u) => pick(u.obligations).map((o) => ({ ...u, obligations: [o] })));
    return rows as MissingRow[];
  }
  return units.map((u) => ({ ...u, obligations: pick(u.obligations) })).filter((u) => q.all || u.obligations.length > 0);
}

/** The regulator's "missing drills" (by unit or by obligation); an enterprise sees its own. */
export function listMissingDrills(db: Db, actor: Actor, q: DrillMissingQuery, now = new Date()) {
  if (!mayViewDrills(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const rows = await missingRows(tx, q, now);
    const start = (q.page - 1) * q.pageSize;
    return { items: rows.slice(start, start + q.pageSize), total: rows.length, today: todayInShanghai(now) };
  });
}

/** The 工作台's count: the missing list's total for the same query. */
export async function countMissingFor(tx: Scoped, q: DrillMissingQuery, now = new Date()) {
  return (await missingRows(tx, q, now)).length;
}

// ---- the plans a drill may exercise (the form's choices) ------------------------------------------------------

export const drillPlanOptionsQuerySchema = z.object({
  enterpriseId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional(),
});

/** The plans in force the caller's unit may exercise: an enterprise's own and its region's government plans. */
export function drillPlanOptions(db: Db, actor: Actor, q: z.infer<typeof drillPlanOptionsQuerySchema>) {
  if (!mayViewDrills(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const rows = await plansInForce(tx, '', q.enterpriseId ?? actor.scope.enterpriseId);
    return {
      items: rows.map((p) => ({ id: p.id, title: p.title, planType: p.plan_type, ownerKind: p.owner_kind, enterpriseId: p.enterprise_id })),
    };
  });
}
