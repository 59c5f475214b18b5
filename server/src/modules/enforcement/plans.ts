// The annual enforcement plan's commands (年度监督检查计划): generate it for a county and year from
// the classes and the province's settings (with the 工作日测算 capacity snapshot), edit its items
// while in draft, submit → approve (four eyes) → publish or revise back to draft, the monthly
// progress, and scheduling a key enterprise's planned inspection with two certified officers.
import {
  type Actor,
  checkCapacity,
  generatePlanItems,
  isEnforcer,
  isKeyClass,
  mayViewPlans,
  monthlyProgress,
  PLAN_TRANSITIONS,
  type Plan,
  type PlanAction,
  type PlanItem,
  type PlanItemKind,
  type PlanSettings,
  planActions,
  type planItemPatchSchema,
  type planItemsQuerySchema,
  planTotals,
  regionPrefix,
  type SupervisionClass,
  spreadMonths,
  workingDaysBetween,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { todayInShanghai } from '../../time.ts';
import { workingCalendar } from '../calendar/working-calendar.ts';
import { effectiveSetting } from '../settings/service.ts';
import { recomputeIn } from './classes.ts';
import {
  bumpPlan,
  classedEnterprises,
  countyOfficers,
  doneByMonth,
  findItem,
  findPlan,
  findPlanOf,
  type ItemRow,
  insertItems,
  insertPlan,
  insertPlannedInspection,
  itemMonths,
  listItems,
  listPlans,
  type PlanRow,
  type PlanSnapshot,
  refreshPlan,
  setPlanStatus,
  updateItem,
} from './plans-store.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function toPlan(r: PlanRow, actor: Actor): Plan {
  const totals = planTotals(
    [
      { kind: 'key', plannedCount: r.key_inspections },
      { kind: 'general', plannedCount: r.general_inspections },
    ],
    r.general_draw_percent,
  );
  return {
    id: r.id,
    countyCode: r.region_code,
    countyName: r.county_name,
    year: r.year,
    status: r.status,
    generalDrawPercent: r.general_draw_percent,
    totals: { ...totals, keyEnterprises: r.key_enterprises, generalEnterprises: r.general_enterprises },
    capacity: checkCapacity({
      officers: r.officers,
      workingDays: r.working_days,
      inspectionSharePercent: r.inspection_share,
      daysPerInspection: r.days_per_inspection,
      plannedInspections: totals.plannedInspections,
    }),
    submittedByName: r.submitted_by_name,
    submittedAt: iso(r.submitted_at),
    approvedByName: r.approved_by_name,
    approvedAt: iso(r.approved_at),
    publishedAt: iso(r.published_at),
    createdAt: iso(r.created_at) as string,
    version: r.version,
    allowedActions: planActions(actor, { status: r.status, submittedBy: r.submitted_by }),
  };
}

const toItem = (r: ItemRow): PlanItem => ({
  id: r.id,
  planId: r.plan_id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  regionCode: r.region_code,
  industryCode: r.industry_code,
  class: r.class,
  kind: r.kind,
  plannedCount: r.planned_count,
  months: r.months,
  scheduled: r.scheduled,
  done: r.done,
});

/** The plan settings in force in a province (domain/src/settings/registry.ts, provisional defaults). */
export async function planSettings(q: Queryable, regionCode: string): Promise<PlanSettings> {
  const s = <K extends Parameters<typeof effectiveSetting>[1]>(key: K) => effectiveSetting(q, key, regionCode);
  return {
    frequency: {
      A: await s('enforcement.frequencyA'),
      B: await s('enforcement.frequencyB'),
      C: await s('enforcement.frequencyC'),
      D: await s('enforcement.frequencyD'),
    },
    keyClassFrom: await s('enforcement.keyClassFrom'),
    generalDrawPercent: await s('enforcement.generalDrawPercent'),
    inspectionSharePercent: await s('enforcement.inspectionSharePercent'),
    daysPerInspection: await s('enforcement.daysPerInspection'),
  };
}

/** The working days of a year in the platform's calendar (法定工作日). */
async function workingDaysOf(db: Db, year: number): Promise<number> {
  return workingDaysBetween(await workingCalendar(db), `${year - 1}-12-31`, `${year}-12-31`);
}

const NOT_A_COUNTY = { zh: '请选择县级行政区划', en: 'Choose a county' };

/** The county a plan is for: the one given, else the caller's own; inside the caller's region. */
async function countyOf(tx: Scoped, actor: Actor, given?: string): Promise<string> {
  const county6 = given ?? (actor.scope.regionPrefix.length === 6 ? actor.scope.regionPrefix : undefined);
  if (!county6) throw invalid({ countyCode: NOT_A_COUNTY });
  const code = county6.padEnd(12, '0');
  const [r] = await tx.query<{ level: string }>('SELECT level FROM regions WHERE code = $1', [code]);
  if (r?.level !== 'county' || regionPrefix(code) !== county6) throw invalid({ countyCode: NOT_A_COUNTY });
  if (!county6.startsWith(actor.scope.regionPrefix)) throw notFound();
  return code;
}

const stateRefusal = (actor: Actor, row: PlanRow) => {
  const allowed = planActions(actor, { status: row.status, submittedBy: row.submitted_by });
  // Nothing at all allowed to this role in this state: not theirs to do (403); else the state refuses (409).
  if (!isEnforcer(actor) || !allowed.length) return forbidden();
  return new AppError('conflict', { zh: '年度计划当前状态下不能执行此操作', en: 'The plan’s state does not allow this' }, undefined, {
    allowedActions: allowed,
  });
};

/**
 * Generates (or, for a draft, regenerates) the plan of a county and year: the county's classes
 * recomputed from current data, one item per classed enterprise, and the capacity snapshot.
 */
export async function generatePlan(db: Db, actor: Actor, input: { year: number; countyCode?: string | undefined }): Promise<Plan> {
  if (!planActions(actor, { status: 'draft', submittedBy: null }).includes('generate')) throw forbidden();
  const workingDays = await workingDaysOf(db, input.year);
  const id = await withScope(db, actor.scope, async (tx) => {
    const county = await countyOf(tx, actor, input.countyCode);
    const county6 = county.slice(0, 6);
    // Two generations of one county's year at once: the second waits, then regenerates the first's draft.
    await tx.query('SELECT pg_advisory_xact_lock(7172, hashtext($1))', [`${county}:${input.year}`]);
    const existing = await findPlanOf(tx, county, input.year);
    if (existing) {
      await lockForCommand(tx, existing.id, {
        find: findPlan,
        may: (r) => planActions(actor, { status: r.status, submittedBy: r.submitted_by }).includes('generate'),
        refuse: (r) => stateRefusal(actor, r),
      });
    }
    await recomputeIn(tx, county6);
    const settings = await planSettings(tx, county);
    const officers = await countyOfficers(tx, county6, `${input.year}-01-01`);
    const snapshot: PlanSnapshot = {
      officers: officers.length,
      workingDays,
      inspectionShare: settings.inspectionSharePercent,
      daysPerInspection: settings.daysPerInspection,
      generalDrawPercent: settings.generalDrawPercent,
      settings,
    };
    const planId = existing ? existing.id : await insertPlan(tx, county, input.year, snapshot, actor.id);
    if (existing) await refreshPlan(tx, planId, snapshot);
    const items = generatePlanItems(await classedEnterprises(tx, county6), settings);
    await insertItems(tx, planId, items);
    const totals = planTotals(items, settings.generalDrawPercent);
    await appendAudit(tx, actor, {
      action: 'enforcementPlan.generate',
      entityType: 'enforcementPlan',
      entityId: planId,
      regionCode: county,
      after: {
        year: input.year,
        regenerated: !!existing,
        totals,
        capacity: checkCapacity({
          ...snapshot,
          inspectionSharePercent: snapshot.inspectionShare,
          plannedInspections: totals.plannedInspections,
        }),
        settings,
      },
    });
    return planId;
  });
  return getPlan(db, actor, id);
}

export async function listAllPlans(db: Db, actor: Actor, year?: number): Promise<Plan[]> {
  if (!mayViewPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => (await listPlans(tx, year)).map((r) => toPlan(r, actor)));
}

export async function getPlan(db: Db, actor: Actor, id: string): Promise<Plan> {
  if (!mayViewPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findPlan(tx, id);
    if (!r) throw notFound();
    return toPlan(r, actor);
  });
}

export async function planItems(db: Db, actor: Actor, id: string, q: z.output<typeof planItemsQuerySchema>) {
  if (!mayViewPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const plan = await findPlan(tx, id);
    if (!plan) throw notFound();
    const { items, total } = await listItems(tx, plan, q);
    return { items: items.map(toItem), total };
  });
}

/** Changes one item of a draft: its kind, planned count, months (key items: one month per inspection). */
export async function editItem(db: Db, actor: Actor, planId: string, itemId: string, patch: z.output<typeof planItemPatchSchema>) {
  return withScope(db, actor.scope, async (tx) => {
    const plan = await lockForCommand(tx, planId, {
      find: findPlan,
      may: (r) => planActions(actor, { status: r.status, submittedBy: r.submitted_by }).includes('edit'),
      refuse: (r) => stateRefusal(actor, r),
    });
    const item = await findItem(tx, plan, itemId);
    if (!item) throw notFound();
    const kind: PlanItemKind = patch.kind ?? item.kind;
    const plannedCount = patch.plannedCount ?? item.planned_count;
    let months =
      patch.months ?? (patch.plannedCount !== undefined || patch.kind !== undefined ? spreadMonths(plannedCount, 0) : item.months);
    if (kind === 'general') months = [];
    else if (months.length !== plannedCount)
      throw invalid({ months: { zh: '月份数应等于计划次数', en: 'One month per planned inspection' } });
    months = [...months].sort((a, b) => a - b);
    await updateItem(tx, itemId, { kind, plannedCount, months });
    await bumpPlan(tx, planId);
    await appendAudit(tx, actor, {
      action: 'enforcementPlan.editItem',
      entityType: 'enforcementPlan',
      entityId: planId,
      regionCode: item.region_code,
      before: { itemId, enterpriseId: item.enterprise_id, kind: item.kind, plannedCount: item.planned_count, months: item.months },
      after: { itemId, enterpriseId: item.enterprise_id, kind, plannedCount, months },
    });
    return toItem((await findItem(tx, plan, itemId)) as ItemRow);
  });
}

/** submit / approve / publish / revise, each refused with 409 and the allowed actions when the state does not allow it. */
export async function transitionPlan(
  db: Db,
  actor: Actor,
  id: string,
  input: { action: 'submit' | 'approve' | 'publish' | 'revise'; version?: number | undefined; note?: string | undefined },
): Promise<Plan> {
  await withScope(db, actor.scope, async (tx) => {
    const row = await lockForCommand(tx, id, {
      find: findPlan,
      may: (r) => planActions(actor, { status: r.status, submittedBy: r.submitted_by }).includes(input.action as PlanAction),
      refuse: (r) => stateRefusal(actor, r),
      ...(input.version !== undefined ? { version: input.version, versionOf: (r: PlanRow) => r.version } : {}),
    });
    const to = PLAN_TRANSITIONS[input.action];
    if (!to) throw new Error(`no transition for ${input.action}`);
    if (input.action === 'submit') {
      const [n] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM enforcement_plan_items WHERE plan_id = $1', [id]);
      if (!n?.n) throw invalid({ items: { zh: '计划没有条目，请先生成', en: 'The plan has no items; generate it first' } });
      await setPlanStatus(tx, id, to, { submittedBy: actor.id });
    } else if (input.action === 'approve') await setPlanStatus(tx, id, to, { approvedBy: actor.id });
    else if (input.action === 'publish') await setPlanStatus(tx, id, to, { published: true });
    else await setPlanStatus(tx, id, to, { submittedBy: null, approvedBy: null });
    await appendAudit(tx, actor, {
      action: `enforcementPlan.${input.action}`,
      entityType: 'enforcementPlan',
      entityId: id,
      regionCode: row.region_code,
      before: { status: row.status, version: row.version },
      after: { status: to, note: input.note ?? null },
    });
  });
  return getPlan(db, actor, id);
}

/** Planned against done per month (key items at their months, the draws' share spread evenly). */
export async function planProgress(db: Db, actor: Actor, id: string) {
  if (!mayViewPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const plan = await findPlan(tx, id);
    if (!plan) throw notFound();
    const totals = toPlan(plan, actor).totals;
    const months = monthlyProgress(await itemMonths(tx, id), totals.expectedGeneralInspections, await doneByMonth(tx, plan));
    const last = months[11];
    return { months, planned: last?.cumulativePlanned ?? 0, done: last?.cumulativeDone ?? 0 };
  });
}

/** Certified officers of the plan's county (for scheduling), with conflicts with `enterpriseId` flagged. */
export async function planOfficers(db: Db, actor: Actor, id: string, enterpriseId?: string) {
  if (!mayViewPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const plan = await findPlan(tx, id);
    if (!plan) throw notFound();
    const rows = await countyOfficers(tx, plan.region_code.slice(0, 6), todayInShanghai(), enterpriseId);
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      certificateNo: r.certificate_no,
      validUntil: r.valid_until,
      conflict: r.conflict,
    }));
  });
}

/**
 * Schedules a planned inspection of a key item of a published plan: two certified officers of the
 * county chosen by the user (valid on the day, no recorded conflict with the enterprise), a day in
 * the plan's year. Inserted as an inspection with source 'plan' and status 'planned'.
 */
export async function schedulePlannedInspection(
  db: Db,
  actor: Actor,
  planId: string,
  itemId: string,
  input: { officerIds: string[]; plannedOn: string },
): Promise<{ id: string; planItemId: string; plannedOn: string; officerIds: string[] }> {
  return withScope(db, actor.scope, async (tx) => {
    const plan = await lockForCommand(tx, planId, {
      find: findPlan,
      may: (r) => planActions(actor, { status: r.status, submittedBy: r.submitted_by }).includes('schedule'),
      refuse: (r) => stateRefusal(actor, r),
    });
    const item = await findItem(tx, plan, itemId);
    if (!item) throw notFound();
    if (item.kind !== 'key')
      throw new AppError('conflict', {
        zh: '一般检查企业通过双随机抽查确定，不能按计划直接安排',
        en: 'General enterprises are reached by random draws, not scheduled by name',
      });
    if (item.scheduled >= item.planned_count)
      throw new AppError('conflict', {
        zh: `该企业本年度计划检查 ${item.planned_count} 次，已全部安排`,
        en: `All ${item.planned_count} planned inspections of this enterprise are scheduled`,
      });
    if (!input.plannedOn.startsWith(`${plan.year}-`))
      throw invalid({ plannedOn: { zh: `检查日期应在 ${plan.year} 年内`, en: `A day in ${plan.year}` } });
    const officers = await countyOfficers(tx, plan.region_code.slice(0, 6), input.plannedOn, item.enterprise_id);
    const byId = new Map(officers.map((o) => [o.user_id, o]));
    for (const oid of input.officerIds) {
      const o = byId.get(oid);
      if (!o)
        throw invalid({
          officerIds: { zh: '所选人员不是本县在有效期内的持证执法人员', en: 'Not a certified officer of the county, valid on that day' },
        });
      if (o.conflict)
        throw invalid({
          officerIds: { zh: `${o.name} 与该企业有利害关系，应当回避`, en: `${o.name} has a recorded conflict with the enterprise` },
        });
    }
    const inspectionId = await insertPlannedInspection(tx, {
      enterpriseId: item.enterprise_id,
      planItemId: itemId,
      officerIds: input.officerIds,
      plannedOn: input.plannedOn,
      createdBy: actor.id,
    });
    await appendAudit(tx, actor, {
      action: 'enforcementPlan.schedule',
      entityType: 'enforcementPlan',
      entityId: planId,
      regionCode: item.region_code,
      after: { inspectionId, itemId, enterpriseId: item.enterprise_id, officerIds: input.officerIds, plannedOn: input.plannedOn },
    });
    return { id: inspectionId, planItemId: itemId, plannedOn: input.plannedOn, officerIds: input.officerIds };
  });
}

/** Whether a class is key under the province's setting (for other parts: draws take the general ones). */
export async function isKeyIn(q: Queryable, regionCode: string, c: SupervisionClass): Promise<boolean> {
  return isKeyClass(c, await effectiveSetting(q, 'enforcement.keyClassFrom', regionCode));
}
