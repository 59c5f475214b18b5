// Assessments' commands and reads (考核, issue 26 item 7): a jurisdiction's sheet created from the
// template of the level above, computed from the records (assessment-figures.ts), scored by hand,
// submitted, confirmed or returned by the level above, and the written fix plan a 不合格 owes; the
// template editor's versions; the veto of officials; the quarterly bulletin. Rules are asked of
// domain/src/accountability/assessment*.ts; each command locks its row, checks the version and
// appends its audit event in the same transaction.
import {
  type Actor,
  type AssessmentAction,
  type AssessmentGrade,
  type AssessmentInputs,
  type AssessmentItem,
  assessedLevelOf,
  assessingRegionOf,
  assessmentAllowedActions,
  assessmentItemsSchema,
  assessmentNext,
  assessorOf,
  type Bilingual,
  bulletinSchema,
  DEFAULT_ASSESSMENT_ITEMS,
  DOCUMENT_TYPES,
  fieldMessages,
  fixPlanDue,
  fixPlanOverdue,
  gradeOf,
  isSupervisor,
  manualScoreSchema,
  mayAssess,
  mayPrepareAssessment,
  mayViewAssessments,
  quarterPeriod,
  rankBulletin,
  regionPrefix,
  relationTo,
  scoreSheet,
  takesAssessmentStep,
  vetoPeriod,
  vetoSchema,
  vetoState,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { newDocumentNumber } from '../../documents/numbers.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso, todayInShanghai } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';
import { assessmentInputs, bulletinRows } from './assessment-figures.ts';
import {
  type AssessmentFilter,
  type AssessmentRow,
  assessmentWhere,
  countAssessmentRows,
  findAssessment,
  findBulletin,
  findVeto,
  latestTemplate,
  listAssessmentRows,
  listBulletinRows,
  listVetoRows,
  templateHistory,
  type VetoRow,
  vetoWhere,
} from './assessment-store.ts';

const nameOf = (a: Actor) => (a as Actor & { displayName?: string }).displayName ?? a.username;
const ownRegion = (a: Actor) => a.scope.regionPrefix.padEnd(12, '0');
const refusedState = () => new AppError('conflict', { zh: '当前状态下不能进行此操作', en: 'Not possible in the current state' });

// ---- reading ----------------------------------------------------------------------------------

export async function gradeThresholds(tx: Scoped, regionCode: string) {
  const [excellent, good, pass] = await Promise.all([
    effectiveSetting(tx, 'assessment.gradeExcellent', regionCode),
    effectiveSetting(tx, 'assessment.gradeGood', regionCode),
    effectiveSetting(tx, 'assessment.gradePass', regionCode),
  ]);
  return { excellent, good, pass };
}

const manualScores = (r: AssessmentRow) =>
  Object.fromEntries(Object.entries(r.manual).map(([k, v]) => [k, { points: v.points, note: v.note }]));

/** The sheet's lines: computed points once computed (null before), hand scores as given. */
function sheetOf(r: AssessmentRow) {
  const zero: AssessmentInputs = {
    hazards: { found: 0, closed: 0, due: 0, closedOnTime: 0 },
    accidents: { current: 0, previous: 0 },
    deaths: { current: 0, previous: 0 },
    inspections: { planned: 0, done: 0 },
    reports: { due: 0, onTime: 0 },
    alarms: { raised: 0, onTime: 0 },
  };
  const s = scoreSheet(r.items, r.inputs ?? zero, manualScores(r));
  if (r.inputs) return s;
  const lines = s.lines.map((l) => (l.source === 'computed' ? { ...l, points: null, inputs: [] } : l));
  return { lines, total: null, complete: false };
}

export function assessmentItem(actor: Actor, r: AssessmentRow, today: string) {
  const s = sheetOf(r);
  const fixDue = r.fix_plan_due ? String(r.fix_plan_due).slice(0, 10) : null;
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    year: r.year,
    level: r.level,
    status: r.status,
    templateVersion: r.template_version,
    total: r.total === null ? null : Number(r.total),
    grade: r.grade,
    complete: s.complete,
    computedAt: iso(r.computed_at),
    submittedAt: iso(r.submitted_at),
    submittedByName: r.submitted_by_name,
    confirmedAt: iso(r.confirmed_at),
    confirmedByName: r.confirmed_by_name,
    returnedReason: r.returned_reason,
    fixPlan:
      r.grade === 'fail' && r.status === 'confirmed'
        ? {
            due: fixDue,
            overdue: fixPlanOverdue(fixDue, !!r.fix_plan_submitted_at, today),
            text: r.fix_plan,
            submittedAt: iso(r.fix_plan_submitted_at),
            submittedByName: r.fix_plan_submitted_by_name,
          }
        : null,
    version: r.version,
    allowedActions: assessmentAllowedActions(actor, {
      regionCode: r.region_code,
      status: r.status,
      complete: s.complete,
      hasManualItems: r.items.some((i) => i.source === 'manual'),
      grade: r.grade,
      fixPlanSubmitted: !!r.fix_plan_submitted_at,
    }),
  };
}

function vetoItem(actor: Actor, v: VetoRow, today: string) {
  const state = vetoState({ from: v.starts_on, to: v.ends_on, revoked: !!v.revoked_at }, today);
  return {
    id: v.id,
    officialId: v.official_id,
    officialName: v.official_name,
    officialPosition: v.official_position,
    regionCode: v.region_code,
    regionName: v.region_name,
    accidentId: v.accident_id,
    accidentNumber: v.accident_number,
    accidentUnit: v.accident_unit,
    accidentOccurredAt: iso(v.accident_occurred_at),
    reason: v.reason,
    startsOn: v.starts_on,
    endsOn: v.ends_on,
    months: v.months,
    decidedByName: v.decided_by_name,
    decidedAt: iso(v.decided_at) as string,
    revokedAt: iso(v.revoked_at),
    revokedReason: v.revoked_reason,
    state,
    allowedActions: mayAssess(actor) && state !== 'revoked' && state !== 'ended' ? (['revoke'] as const) : ([] as const),
  };
}

export const assessmentListQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['draft', 'computed', 'adjusted', 'submitted', 'confirmed']).optional(),
  grade: z.enum(['excellent', 'good', 'pass', 'fail']).optional(),
  stage: z.enum(['preparing']).optional(),
  fixPlan: z.enum(['owed', 'overdue']).optional(),
  mine: z.enum(['true']).optional(),
  children: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AssessmentListQuery = z.infer<typeof assessmentListQuerySchema>;

function filterOf(actor: Actor, q: AssessmentListQuery, today: string): AssessmentFilter {
  const level = assessorOf(actor);
  return {
    year: q.year,
    status: q.status,
    grade: q.grade,
    stage: q.stage,
    fixPlan: q.fixPlan,
    mine: q.mine === 'true',
    // Children of a non-assessor: none (a level that assesses no one has no children's sheets).
    children: q.children === 'true' ? { level: level ?? 'city' } : undefined,
    today,
  };
}

export function listAssessments(db: Db, actor: Actor, q: AssessmentListQuery, now = new Date()) {
  if (!mayViewAssessments(actor)) throw forbidden();
  const today = todayInShanghai(now);
  return readScoped(db, actor.scope, async (tx) => {
    const f = filterOf(actor, q, today);
    if (f.children && !assessorOf(actor)) return { items: [], total: 0 };
    const { rows, total } = await listAssessmentRows(tx, assessmentWhere(tx.scope, f), q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map((r) => assessmentItem(actor, r, today)), total };
  });
}

/** The workbench's count, with the list's own WHERE. */
export async function countAssessmentsFor(tx: Scoped, actor: Actor, q: AssessmentListQuery, now = new Date()) {
  const f = filterOf(actor, q, todayInShanghai(now));
  if (f.children && !assessorOf(actor)) return 0;
  return countAssessmentRows(tx, assessmentWhere(tx.scope, f));
}

/** The children the caller assesses for a year, each with its sheet (or none yet): the overview table. */
export function assessmentChildren(db: Db, actor: Actor, year: number, now = new Date()) {
  if (!mayViewAssessments(actor)) throw forbidden();
  const today = todayInShanghai(now);
  return readScoped(db, actor.scope, async (tx) => {
    if (!assessorOf(actor)) return { items: [] };
    const children = await tx.query<{ code: string; name: string }>('SELECT code, name FROM regions WHERE parent_code = $1 ORDER BY code', [
      ownRegion(actor),
    ]);
    const { rows } = await listAssessmentRows(
      tx,
      assessmentWhere(tx.scope, { year, children: { level: assessorOf(actor) ?? 'county' }, today }),
      200,
      0,
    );
    const byRegion = new Map(rows.map((r) => [r.region_code, r]));
    return {
      items: children.map((c) => {
        const r = byRegion.get(c.code);
        return { regionCode: c.code, regionName: c.name, assessment: r ? assessmentItem(actor, r, today) : null };
      }),
    };
  });
}

export function getAssessment(db: Db, actor: Actor, id: string, now = new Date()) {
  if (!mayViewAssessments(actor)) throw forbidden();
  const today = todayInShanghai(now);
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findAssessment(tx, id);
    if (!r) throw notFound();
    const vetoes = await listVetoRows(tx, vetoWhere(tx.scope, { year: r.year, regionPrefix: regionPrefix(r.region_code), today }), 200, 0);
    const thresholds = await gradeThresholds(tx, r.region_code);
    const s = sheetOf(r);
    return {
      ...assessmentItem(actor, r, today),
      lines: s.lines.map((l) => ({ ...l, scoredByName: r.manual[l.key]?.byName ?? null, scoredAt: r.manual[l.key]?.at ?? null })),
      thresholds,
      vetoes: vetoes.rows.map((v) => vetoItem(actor, v, today)),
    };
  });
}
export type AssessmentDetail = Awaited<ReturnType<typeof getAssessment>>;

// ---- creating ---------------------------------------------------------------------------------

export const createAssessmentSchema = z
  .object({
    year: z.number('年份应为数字||The year is a number').int().min(2000, '年份不早于 2000||Not before 2000').max(2100),
    regionCode: z
      .string()
      .regex(/^\d{6}(\d{6})?$/, '行政区划代码为 6 或 12 位数字||A region code is 6 or 12 digits')
      .optional(),
  })
  .strict();

async function templateItems(tx: Scoped, regionCode: string) {
  const level = assessedLevelOf(regionCode);
  const t = level ? await latestTemplate(tx, assessingRegionOf(regionCode), level) : undefined;
  return { items: t?.items ?? DEFAULT_ASSESSMENT_ITEMS, version: t?.version ?? 0 };
}

/**
 * A sheet for a jurisdiction and year: the jurisdiction's own (regionCode left out or its own), one
 * child's, or — the level above leaving the region out — every child without one yet.
 */
export async function createAssessments(db: Db, actor: Actor, body: unknown, now = new Date()) {
  const r = createAssessmentSchema.safeParse(body);
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  const { year } = r.data;
  const thisYear = Number(todayInShanghai(now).slice(0, 4));
  if (year > thisYear) throw invalid({ year: { zh: '不能为将来的年度建立考核表', en: 'Not for a future year' } });
  if (!mayPrepareAssessment(actor) && !mayAssess(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    let targets: string[];
    if (r.data.regionCode) {
      const code = r.data.regionCode.padEnd(12, '0');
      const rel = relationTo(actor, code);
      if (rel === 'other' || !assessedLevelOf(code))
        throw invalid({
          regionCode: { zh: '只能为本地区或所考核的下级地区建立考核表', en: 'Only your own jurisdiction or those you assess' },
        });
      if (!(await tx.query('SELECT 1 FROM regions WHERE code = $1', [code])).length)
        throw invalid({ regionCode: { zh: '行政区划不存在', en: 'Unknown region' } });
      targets = [code];
    } else if (mayAssess(actor)) {
      targets = (await tx.query<{ code: string }>('SELECT code FROM regions WHERE parent_code = $1 ORDER BY code', [ownRegion(actor)])).map(
        (x) => x.code,
      );
    } else {
      targets = [ownRegion(actor)];
    }
    const existing = new Set(
      (
        await tx.query<{ region_code: string }>('SELECT region_code FROM assessments WHERE year = $1 AND region_code = ANY($2::text[])', [
          year,
          targets,
        ])
      ).map((x) => x.region_code),
    );
    if (r.data.regionCode && existing.size)
      throw conflict({ zh: '该地区本年度的考核表已存在', en: 'This jurisdiction already has a sheet for the year' });
    const ids: string[] = [];
    for (const code of targets.filter((c) => !existing.has(c) && assessedLevelOf(c))) {
      const t = await templateItems(tx, code);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO assessments (region_code, year, level, template_version, items) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [code, year, assessedLevelOf(code), t.version, JSON.stringify(t.items)],
      );
      const id = row?.id as string;
      ids.push(id);
      await appendAudit(
        tx,
        { id: actor.id, username: nameOf(actor) },
        {
          action: 'assessment.create',
          entityType: 'assessment',
          entityId: id,
          regionCode: code,
          after: { year, templateVersion: t.version },
        },
      );
    }
    return { created: ids.length, ids };
  });
}

// ---- steps ------------------------------------------------------------------------------------

const versionSchema = z.object({ version: z.number('请提供版本号||Give the version').int() });
const STEP_BODIES = {
  compute: versionSchema.strict(),
  score: versionSchema
    .extend({ key: z.string().min(1, '请选择评分项目||Choose the item') })
    .extend(manualScoreSchema.shape)
    .strict(),
  submit: versionSchema.strict(),
  confirm: versionSchema.strict(),
  return: versionSchema
    .extend({ reason: z.string().trim().min(4, '请写明退回理由（至少 4 个字）||Give the reason (at least 4 characters)').max(500) })
    .strict(),
  submitFixPlan: versionSchema
    .extend({ text: z.string().trim().min(10, '请填写整改方案（至少 10 个字）||Write the fix plan (at least 10 characters)').max(5000) })
    .strict(),
} as const satisfies Record<AssessmentAction, z.ZodType>;

async function refreshTotals(
  tx: Scoped,
  r: AssessmentRow,
  items: AssessmentItem[],
  inputs: AssessmentInputs,
  manual: AssessmentRow['manual'],
) {
  const s = scoreSheet(items, inputs, Object.fromEntries(Object.entries(manual).map(([k, v]) => [k, { points: v.points, note: v.note }])));
  const grade: AssessmentGrade | null = s.complete ? gradeOf(s.total, await gradeThresholds(tx, r.region_code)) : null;
  return { total: s.total, grade };
}

export async function takeAssessmentStep(db: Db, actor: Actor, id: string, action: AssessmentAction, body: unknown, now = new Date()) {
  if (!mayViewAssessments(actor)) throw forbidden();
  const parsed = STEP_BODIES[action].safeParse(body);
  if (!parsed.success) throw new AppError('validation_error', undefined, fieldMessages(parsed.error.issues));
  const b = parsed.data as Record<string, unknown> & { version: number };
  const today = todayInShanghai(now);
  return withScope(db, actor.scope, async (tx) => {
    const allowed = (r: AssessmentRow) => assessmentItem(actor, r, today).allowedActions;
    const r = await lockForCommand(tx, id, {
      find: (t, i) => findAssessment(t, i, true),
      may: (row) => allowed(row).includes(action),
      refuse: (row) =>
        !takesAssessmentStep(actor, row.region_code, action)
          ? new AppError('forbidden', undefined, undefined, { allowedActions: allowed(row) })
          : new AppError('conflict', { zh: '当前状态下不能进行此操作', en: 'Not possible in the current state' }, undefined, {
              allowedActions: allowed(row),
            }),
      version: b.version,
      versionOf: (row) => row.version,
    });
    const next = assessmentNext(r.status, action);
    if (!next) throw refusedState();
    const who = nameOf(actor);
    const set: Record<string, unknown> = { status: next };
    let audit: unknown = {};
    if (action === 'compute') {
      const minutes = await effectiveSetting(tx, 'assessment.alarmAckMinutes', r.region_code);
      const inputs = await assessmentInputs(tx, regionPrefix(r.region_code), r.year, minutes);
      // Until submission the sheet follows the latest template; hand scores of dropped items go.
      const t = await templateItems(tx, r.region_code);
      const manual = Object.fromEntries(
        Object.entries(r.manual).filter(([k]) => t.items.some((i) => i.key === k && i.source === 'manual')),
      );
      Object.assign(set, {
        inputs,
        items: t.items,
        template_version: t.version,
        manual,
        computed_at: now.toISOString(),
        ...(await refreshTotals(tx, r, t.items, inputs, manual)),
      });
      audit = { inputs, templateVersion: t.version, total: set.total };
    } else if (action === 'score') {
      const item = r.items.find((i) => i.key === b.key);
      if (item?.source !== 'manual') throw invalid({ key: { zh: '不是人工评分项目', en: 'Not an item scored by hand' } });
      const points = b.points as number;
      if (points > item.weight)
        throw invalid({ points: { zh: `得分不能超过该项分值 ${item.weight} 分`, en: `At most the item’s ${item.weight} points` } });
      const manual = { ...r.manual, [item.key]: { points, note: b.note as string, byName: who, at: now.toISOString() } };
      Object.assign(set, { manual, ...(await refreshTotals(tx, r, r.items, r.inputs as AssessmentInputs, manual)) });
      audit = { key: item.key, before: r.manual[item.key]?.points ?? null, points, note: b.note };
    } else if (action === 'submit') {
      Object.assign(set, {
        submitted_at: now.toISOString(),
        submitted_by_name: who,
        returned_reason: null,
        ...(await refreshTotals(tx, r, r.items, r.inputs as AssessmentInputs, r.manual)),
      });
      audit = { total: set.total, grade: set.grade };
    } else if (action === 'confirm') {
      const months = await effectiveSetting(tx, 'assessment.fixPlanMonths', r.region_code);
      Object.assign(set, {
        confirmed_at: now.toISOString(),
        confirmed_by_name: who,
        fix_plan_due: r.grade === 'fail' ? fixPlanDue(today, months) : null,
      });
      audit = { total: Number(r.total), grade: r.grade, fixPlanDue: set.fix_plan_due };
    } else if (action === 'return') {
      Object.assign(set, { returned_reason: b.reason, submitted_at: null, submitted_by_name: null });
      audit = { reason: b.reason };
    } else if (action === 'submitFixPlan') {
      Object.assign(set, { fix_plan: b.text, fix_plan_submitted_at: now.toISOString(), fix_plan_submitted_by_name: who });
      audit = { due: r.fix_plan_due, late: fixPlanOverdue(r.fix_plan_due ? String(r.fix_plan_due) : null, false, today) };
    }
    const cols = Object.keys(set);
    const vals = cols.map((c) => (c === 'inputs' || c === 'items' || c === 'manual' ? JSON.stringify(set[c]) : set[c]));
    await tx.query(
      `UPDATE assessments SET ${cols.map((c, n) => `${c} = $${n + 2}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, ...vals],
    );
    await appendAudit(
      tx,
      { id: actor.id, username: who },
      {
        // Every step of ASSESSMENT_ACTIONS is labelled in assessment-audit.ts (labels.test STEPS_OF 'assessment').
        action: `assessment.${action}`,
        entityType: 'assessment',
        entityId: id,
        regionCode: r.region_code,
        before: { status: r.status },
        after: { status: next, ...(audit as object) },
      },
    );
    const after = await findAssessment(tx, id);
    return assessmentItem(actor, after as AssessmentRow, today);
  });
}

// ---- templates --------------------------------------------------------------------------------

/** The template that applies to the caller: the one it keeps for its children, or its own level's. */
export function getTemplate(db: Db, actor: Actor) {
  if (!mayViewAssessments(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const assesses = assessorOf(actor);
    const own = ownRegion(actor);
    const owner = assesses ? own : assessedLevelOf(own) ? assessingRegionOf(own) : null;
    const level = assesses ?? assessedLevelOf(own);
    if (!owner || !level) return { level: null, editable: false, version: 0, items: DEFAULT_ASSESSMENT_ITEMS, history: [] };
    const history = await templateHistory(tx, owner, level);
    const current = history[0];
    return {
      level,
      ownerRegion: owner,
      editable: !!assesses && mayAssess(actor),
      version: current?.version ?? 0,
      items: current?.items ?? DEFAULT_ASSESSMENT_ITEMS,
      history: history.map((h) => ({
        version: h.version,
        items: h.items,
        note: h.note,
        createdByName: h.created_by_name,
        createdAt: iso(h.created_at) as string,
      })),
    };
  });
}

export const templateBodySchema = z
  .object({ version: z.number().int().min(0), items: assessmentItemsSchema, note: z.string().trim().max(200).optional() })
  .strict();

/** A new version of the template the caller keeps for its children (the version it edited must be the latest). */
export async function saveTemplate(db: Db, actor: Actor, body: unknown) {
  if (!mayAssess(actor)) throw forbidden();
  const r = templateBodySchema.safeParse(body);
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  const level = assessorOf(actor) as 'county' | 'city';
  const owner = ownRegion(actor);
  return withScope(db, actor.scope, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`assessment-template:${owner}:${level}`]);
    const latest = await latestTemplate(tx, owner, level);
    if ((latest?.version ?? 0) !== r.data.version)
      throw conflict({ zh: '模板已被他人修改，请刷新后重试', en: 'The template changed; reload and try again' });
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO assessment_templates (region_code, level, version, items, note, created_by, created_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [owner, level, version, JSON.stringify(r.data.items), r.data.note ?? null, actor.id, nameOf(actor)],
    );
    await appendAudit(
      tx,
      { id: actor.id, username: nameOf(actor) },
      {
        action: 'assessment.template',
        entityType: 'assessmentTemplate',
        entityId: row?.id ?? null,
        regionCode: owner,
        before: latest ? { version: latest.version, items: latest.items } : null,
        after: { version, items: r.data.items, note: r.data.note ?? null },
      },
    );
    return { version };
  });
}

// ---- vetoes -----------------------------------------------------------------------------------

export const vetoListQuerySchema = z.object({
  state: z.enum(['active', 'ended', 'revoked']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function listVetoes(db: Db, actor: Actor, q: z.infer<typeof vetoListQuerySchema>, now = new Date()) {
  if (!mayViewAssessments(actor)) throw forbidden();
  const today = todayInShanghai(now);
  return readScoped(db, actor.scope, async (tx) => {
    const { rows, total } = await listVetoRows(
      tx,
      vetoWhere(tx.scope, { state: q.state, year: q.year, today }),
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { items: rows.map((v) => vetoItem(actor, v, today)), total };
  });
}

/** What the veto form offers: the officials and the accidents (last three years) of the jurisdiction. */
export function vetoOptions(db: Db, actor: Actor, now = new Date()) {
  if (!mayAssess(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const p: unknown[] = [];
    const range = `region_code >= $1 AND region_code < $2`;
    p.push(tx.scope.regionPrefix, `${tx.scope.regionPrefix}~`);
    const officials = await tx.query<{ id: string; name: string; position: string | null; region_code: string }>(
      `SELECT id, name, position, region_code FROM officials WHERE ${range} AND active ORDER BY region_code, name LIMIT 500`,
      p,
    );
    const since = new Date(now.getTime() - 3 * 366 * 86_400_000).toISOString();
    const accidents = await tx.query<{
      id: string;
      number: string;
      unit_name: string;
      occurred_at: Date | string;
      grade: string;
      region_code: string;
    }>(
      `SELECT id, number, unit_name, occurred_at, grade, region_code FROM accidents WHERE ${range} AND NOT near_miss AND occurred_at >= $3
        ORDER BY occurred_at DESC LIMIT 200`,
      [...p, since],
    );
    return {
      officials: officials.map((o) => ({ id: o.id, name: o.name, position: o.position, regionCode: o.region_code })),
      accidents: accidents.map((a) => ({
        id: a.id,
        number: a.number,
        unitName: a.unit_name,
        occurredAt: iso(a.occurred_at) as string,
        grade: a.grade,
        regionCode: a.region_code,
      })),
    };
  });
}

export async function recordVeto(db: Db, actor: Actor, body: unknown, now = new Date()) {
  if (!mayAssess(actor)) throw forbidden();
  const r = vetoSchema.safeParse(body);
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  const today = todayInShanghai(now);
  const decidedOn = r.data.decidedOn ?? today;
  return withScope(db, actor.scope, async (tx) => {
    const errors: Record<string, Bilingual> = {};
    const p: unknown[] = [tx.scope.regionPrefix, `${tx.scope.regionPrefix}~`];
    const [official] = await tx.query<{ id: string; name: string; position: string | null; region_code: string }>(
      'SELECT id, name, position, region_code FROM officials WHERE id = $3 AND region_code >= $1 AND region_code < $2',
      [...p, r.data.officialId],
    );
    if (!official) errors.officialId = { zh: '本辖区没有该责任人', en: 'No such official in your jurisdiction' };
    // The veto on a government's own leaders is decided by the level above (as its assessment is).
    else if (official.region_code === tx.scope.regionPrefix.padEnd(12, '0'))
      errors.officialId = { zh: '本级领导干部的一票否决由上级决定', en: "A veto on your own level's officials is the level above's" };
    const [accident] = await tx.query<{ id: string; occurred_at: Date | string }>(
      'SELECT id, occurred_at FROM accidents WHERE id = $3 AND region_code >= $1 AND region_code < $2',
      [...p, r.data.accidentId],
    );
    if (!accident) errors.accidentId = { zh: '本辖区没有该事故', en: 'No such accident in your jurisdiction' };
    if (decidedOn > today) errors.decidedOn = { zh: '追责决定日期不能晚于今天', en: 'The decision cannot be in the future' };
    else if (accident && decidedOn < todayInShanghai(new Date(accident.occurred_at)))
      errors.decidedOn = { zh: '追责决定日期不能早于事故发生日期', en: 'The decision cannot precede the accident' };
    if (Object.keys(errors).length || !official || !accident) throw invalid(errors);
    if ((await tx.query('SELECT 1 FROM assessment_vetoes WHERE official_id = $1 AND accident_id = $2', [official.id, accident.id])).length)
      throw conflict({ zh: '已对该责任人就此事故记录一票否决', en: 'This official is already barred for this accident' });
    const months = await effectiveSetting(tx, 'assessment.vetoMonths', official.region_code);
    const period = vetoPeriod(decidedOn, months);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO assessment_vetoes (official_id, official_name, official_position, region_code, accident_id, reason, starts_on, ends_on, months,
                                      decided_by, decided_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        official.id,
        official.name,
        official.position,
        official.region_code,
        accident.id,
        r.data.reason,
        period.from,
        period.to,
        months,
        actor.id,
        nameOf(actor),
      ],
    );
    const id = row?.id as string;
    await appendAudit(
      tx,
      { id: actor.id, username: nameOf(actor) },
      {
        action: 'assessment.veto',
        entityType: 'assessmentVeto',
        entityId: id,
        regionCode: official.region_code,
        after: { officialId: official.id, accidentId: accident.id, reason: r.data.reason, from: period.from, to: period.to, months },
      },
    );
    return vetoItem(actor, (await findVeto(tx, id)) as VetoRow, today);
  });
}

const revokeSchema = z
  .object({ reason: z.string().trim().min(4, '请写明撤销理由（至少 4 个字）||Give the reason (at least 4 characters)').max(500) })
  .strict();

export async function revokeVeto(db: Db, actor: Actor, id: string, body: unknown, now = new Date()) {
  if (!mayAssess(actor)) throw forbidden();
  const r = revokeSchema.safeParse(body);
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  const today = todayInShanghai(now);
  return withScope(db, actor.scope, async (tx) => {
    const v = await lockForCommand(tx, id, {
      find: (t, i) => findVeto(t, i, true),
      may: (row) => vetoItem(actor, row, today).allowedActions.length > 0,
      refuse: () => refusedState(),
    });
    await tx.query('UPDATE assessment_vetoes SET revoked_at = $2, revoked_reason = $3 WHERE id = $1', [
      id,
      now.toISOString(),
      r.data.reason,
    ]);
    await appendAudit(
      tx,
      { id: actor.id, username: nameOf(actor) },
      {
        action: 'assessment.vetoRevoke',
        entityType: 'assessmentVeto',
        entityId: id,
        regionCode: v.region_code,
        before: { from: v.starts_on, to: v.ends_on },
        after: { revokedReason: r.data.reason },
      },
    );
    return vetoItem(actor, (await findVeto(tx, id)) as VetoRow, today);
  });
}

// ---- bulletins --------------------------------------------------------------------------------

/** May issue the bulletin of its children: a county, city or province supervisor of all industries. */
export const mayIssueBulletin = (a: Actor) =>
  isSupervisor(a) && a.role !== 'townshipSupervisor' && a.scope.industries === null && a.scope.enterpriseId === null;

export const bulletinListQuerySchema = z.object({
  mine: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const bulletinItem = (b: import('./assessment-store.ts').BulletinStoredRow, actor: Actor) => ({
  id: b.id,
  regionCode: b.region_code,
  regionName: b.region_name,
  year: b.year,
  quarter: b.quarter,
  number: b.number,
  issuer: b.issuer,
  rows: b.rows,
  issuedByName: b.issued_by_name,
  issuedAt: iso(b.issued_at) as string,
  mine: b.region_code === ownRegion(actor),
  allowedActions: ['download'] as const,
});

export function listBulletins(db: Db, actor: Actor, q: z.infer<typeof bulletinListQuerySchema>) {
  if (!mayViewAssessments(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const { rows, total } = await listBulletinRows(tx, q.pageSize, (q.page - 1) * q.pageSize, q.mine === 'true');
    return { items: rows.map((b) => bulletinItem(b, actor)), total };
  });
}

export async function getBulletinRow(db: Db, actor: Actor, id: string) {
  if (!mayViewAssessments(actor)) throw forbidden();
  const b = await readScoped(db, actor.scope, (tx) => findBulletin(tx, id));
  if (!b) throw notFound();
  return b;
}

export async function issueBulletin(db: Db, actor: Actor, body: unknown, now = new Date()) {
  if (!mayIssueBulletin(actor)) throw forbidden();
  const r = bulletinSchema.safeParse(body);
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  const { year, quarter } = r.data;
  const period = quarterPeriod(year, quarter);
  if (period.to >= todayInShanghai(now)) throw invalid({ quarter: { zh: '该季度尚未结束', en: 'The quarter has not ended yet' } });
  const own = ownRegion(actor);
  return withScope(db, actor.scope, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`assessment-bulletin:${own}`]);
    if (
      (await tx.query('SELECT 1 FROM assessment_bulletins WHERE region_code = $1 AND year = $2 AND quarter = $3', [own, year, quarter]))
        .length
    )
      throw conflict({ zh: '本季度通报已印发', en: 'This quarter’s bulletin was already issued' });
    const rows = rankBulletin(await bulletinRows(tx, own, period));
    if (!rows.length) throw invalid({ quarter: { zh: '本地区没有下级地区，无需通报', en: 'No child jurisdictions to rank' } });
    const [region] = await tx.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [own]);
    const issuer = `${region?.name ?? ''}安全生产委员会办公室`;
    const { number } = await newDocumentNumber(tx, 'quarterlyBulletin', own, DOCUMENT_TYPES.quarterlyBulletin.pattern, now);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO assessment_bulletins (region_code, year, quarter, number, issuer, rows, issued_by, issued_by_name, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [own, year, quarter, number, issuer, JSON.stringify(rows), actor.id, nameOf(actor), now.toISOString()],
    );
    const id = row?.id as string;
    await appendAudit(
      tx,
      { id: actor.id, username: nameOf(actor) },
      {
        action: 'assessment.bulletin',
        entityType: 'assessmentBulletin',
        entityId: id,
        regionCode: own,
        after: { number, year, quarter, ranking: rows.map((x) => ({ region: x.regionCode, rank: x.rank })) },
      },
    );
    return bulletinItem((await findBulletin(tx, id)) as import('./assessment-store.ts').BulletinStoredRow, actor);
  });
}
