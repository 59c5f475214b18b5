// Accidents' commands and reads: the first report (快报) with its chain's first receipt and the
// 迟报 it may already be; follow-ups that regrade within the window; each step of the chain and of
// the investigation. Rules are asked of domain/src/accidents (grading, chainStatus, followUpEffect,
// investigationClock, accidentAllowedActions); SQL is in store.ts; every command locks the row
// (lockForCommand), checks the version and writes its audit event in the same transaction.
import {
  type AccidentAction,
  type AccidentFigures,
  type AccidentGrade,
  type AccidentPolicyView,
  type AccidentType,
  type Actor,
  accidentAllowedActions,
  accidentReportSchema,
  actorChainLevel,
  approvalDue,
  type Bilingual,
  type ChainLevel,
  type ChainStatus,
  chainStatus,
  checkFollowUp,
  evaluationDue,
  extensionCheck,
  FIGURE_FIELDS,
  faultSchema,
  fieldMessages,
  followUpDays,
  followUpEffect,
  type followUpSchema,
  forwardCheck,
  forwardSchema,
  gradeOfFigures,
  INVESTIGATED_BY,
  investigationClock,
  investigationStepSchema,
  isEnterpriseUser,
  isSupervisor,
  lateMinutes,
  levelOfRegion,
  levelRank,
  mayReportAccident,
  mayTakeOver,
  mayViewAccidents,
  NATIONAL_SCOPE,
  parallelSchema,
  regionAt,
  regradeWindowDays,
  regradeWindowEnd,
  type StatIndustry,
  splitBilingual,
  suggestStatIndustry,
  unitDeadline,
  withinRegradeWindow,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso } from '../../time.ts';
import { recomputeClass } from '../enforcement/classes.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import { effectiveSetting } from '../settings/service.ts';
import { pushLesson, pushLessonSchema } from './lessons.ts';
import {
  type AccidentListQuery,
  type AccidentRow,
  accidentWhere,
  countAccidents,
  faultsOf,
  findAccident,
  insertAccident,
  insertFault,
  insertReport,
  lessonsOfAccident,
  listAccidentRows,
  notifyBodies,
  receiveAt,
  reportsOf,
  updateAccident,
  updateChain,
} from './store.ts';

/** The acting person's name as records keep it (a request's actor carries it; otherwise the login name). */
export const nameOf = (a: Actor) => (a as Actor & { displayName?: string }).displayName ?? a.username;
const bil = (m: string): Bilingual => splitBilingual(m) ?? { zh: m, en: m };
const NATIONAL_REGION = '000000000000';
/** From this gap between the accident and its principal learning of it, the report says why. */
const LEARNED_GAP_NEEDS_REASON_MS = 60 * 60_000;

/** The region a chain level sits at for an accident in `regionCode`. */
const levelRegion = (regionCode: string, level: ChainLevel) => (level === 'national' ? NATIONAL_REGION : regionAt(regionCode, level));

// ---- reading ----------------------------------------------------------------------------------

function statusOf(r: AccidentRow, now: Date): ChainStatus {
  return chainStatus(
    {
      learnedAt: iso(r.learned_at) as string,
      reportedAt: iso(r.reported_at),
      grades: r.grades,
      steps: r.chain.map((c) => ({
        level: c.level,
        receivedAt: iso(c.receivedAt),
        forwardedAt: iso(c.forwardedAt),
        forwardedTo: c.forwardedTo,
      })),
    },
    now,
  );
}

function policyView(r: AccidentRow, cs: ChainStatus, now: Date): AccidentPolicyView {
  const occurredAt = iso(r.occurred_at) as string;
  const days = regradeWindowDays({ type: r.type as AccidentType | null, statIndustry: r.stat_industry as StatIndustry | null });
  return {
    regradeWindowOpen: withinRegradeWindow(occurredAt, now.toISOString(), days),
    status: r.status,
    enterpriseId: r.enterprise_id,
    nearMiss: r.near_miss,
    reportingEnded: !!r.reporting_ended_at,
    waitingAt: cs.waitingAt,
    received: r.chain.filter((c) => c.receivedAt).map((c) => c.level),
    acknowledged: r.chain.filter((c) => c.acknowledgedAt).map((c) => c.level),
    investigatingLevel: r.investigating_level,
    extended: r.extension_days > 0,
    paused: r.pauses.some((p) => !p.to),
    submittedBy: r.submitted_by,
  };
}

const figuresOf = (r: AccidentRow): AccidentFigures => ({
  deaths: r.deaths,
  seriousInjuries: r.serious_injuries,
  minorInjuries: r.minor_injuries,
  missing: r.missing,
  directLossWanYuan: r.direct_loss_wan_yuan === null ? null : Number(r.direct_loss_wan_yuan),
});

export function listItem(actor: Actor, r: AccidentRow, now = new Date()) {
  const cs = statusOf(r, now);
  const waiting = cs.rows.find((x) => x.level === cs.waitingAt);
  return {
    id: r.id,
    number: r.number,
    unitName: r.unit_name,
    enterpriseId: r.enterprise_id,
    regionCode: r.region_code,
    regionName: r.region_name,
    occurredAt: iso(r.occurred_at) as string,
    grade: r.grade,
    nearMiss: r.near_miss,
    status: r.status,
    ...figuresOf(r),
    type: r.type,
    statIndustry: r.stat_industry,
    waitingAt: cs.waitingAt,
    forwardBy: waiting?.forwardBy ?? null,
    overdue: cs.unit.overdue || cs.rows.some((x) => x.overdue),
    lateMinutes: r.late_minutes,
    faults: r.faults,
    version: r.version,
    allowedActions: accidentAllowedActions(actor, policyView(r, cs, now)),
  };
}

export async function accidentDetail(tx: Scoped, actor: Actor, r: AccidentRow, now = new Date()) {
  const cs = statusOf(r, now);
  const [reports, faults, lessons] = await Promise.all([reportsOf(tx, r.id), faultsOf(tx, r.id), lessonsOfAccident(tx, r.id)]);
  const codes = (['county', 'city', 'province'] as const).map((l) => regionAt(r.region_code, l));
  const names = new Map(
    (await tx.query<{ code: string; name: string }>('SELECT code, name FROM regions WHERE code = ANY ($1::text[])', [codes])).map((x) => [
      x.code,
      x.name,
    ]),
  );
  const [perDayLow, perDayHigh] = await Promise.all([
    effectiveSetting(tx, 'accidents.followUpsPerDayUpToMajor', r.region_code),
    effectiveSetting(tx, 'accidents.followUpsPerDaySeriousAndAbove', r.region_code),
  ]);
  const occurredAt = iso(r.occurred_at) as string;
  const days = regradeWindowDays({ type: r.type as AccidentType | null, statIndustry: r.stat_industry as StatIndustry | null });
  const submittedAt = iso(r.submitted_at);
  const approvedAt = iso(r.approved_at);
  const figureFields = FIGURE_FIELDS.filter((f) => figuresOf(r)[f] === null);
  return {
    ...listItem(actor, r, now),
    learnedAt: iso(r.learned_at) as string,
    learnedReason: r.learned_reason,
    reportedAt: iso(r.reported_at) as string,
    place: r.place,
    latitude: r.latitude,
    longitude: r.longitude,
    description: r.description,
    measures: r.measures,
    other: r.other,
    industryCode: r.industry_code,
    unknownFields: [...figureFields, ...(r.type ? [] : ['type'])],
    gradeBy: r.grade_by,
    firstGrade: r.first_grade,
    grades: r.grades,
    reports: reports.map((x) => ({
      id: x.id,
      kind: x.kind,
      at: iso(x.at) as string,
      deaths: x.deaths,
      seriousInjuries: x.serious_injuries,
      minorInjuries: x.minor_injuries,
      missing: x.missing,
      directLossWanYuan: x.direct_loss_wan_yuan === null ? null : Number(x.direct_loss_wan_yuan),
      text: x.text,
      reason: x.reason,
      withinWindow: x.within_window,
      gradeBefore: x.grade_before,
      gradeAfter: x.grade_after,
      authorName: x.author_name,
      createdAt: iso(x.created_at) as string,
    })),
    unit: cs.unit,
    chain: cs.rows
      .filter((row) => row.required || row.receivedAt)
      .map((row) => {
        const c = r.chain.find((x) => x.level === row.level);
        const regionCode = c?.regionCode ?? levelRegion(r.region_code, row.level);
        return {
          ...row,
          regionCode,
          regionName: c?.regionName ?? names.get(regionCode) ?? null,
          acknowledgedAt: iso(c?.acknowledgedAt),
          acknowledgedByName: c?.acknowledgedByName ?? null,
          forwardedByName: c?.forwardedByName ?? null,
          parallel: Object.fromEntries(Object.entries(c?.parallel ?? {}).map(([k, v]) => [k, iso(v) as string])),
        };
      }),
    regradeWindow: { days, endsOn: regradeWindowEnd(occurredAt, days), open: withinRegradeWindow(occurredAt, now.toISOString(), days) },
    followUpDays: followUpDays(
      {
        occurredAt,
        grade: r.grade,
        followUpAts: reports.filter((x) => x.kind === 'followUp').map((x) => iso(x.created_at) as string),
        endedAt: iso(r.reporting_ended_at),
      },
      now,
      { ordinary: perDayLow, major: perDayLow, serious: perDayHigh, especiallySerious: perDayHigh },
    ),
    reportingEndedAt: iso(r.reporting_ended_at),
    faults: faults.map((f) => ({
      fault: f.fault,
      minutes: f.minutes,
      evidence: f.evidence,
      recordedByName: f.recorded_by_name,
      recordedAt: iso(f.recorded_at) as string,
    })),
    investigation: {
      level: r.investigating_level,
      startedAt: iso(r.investigation_started_at),
      members: r.members,
      pauses: r.pauses,
      extensionDays: r.extension_days,
      extensionReason: r.extension_reason,
      clock: investigationClock({ occurredAt, extensionDays: r.extension_days, pauses: r.pauses, submittedAt }, now),
      report: r.report,
      submittedAt,
      approvalDue: submittedAt ? approvalDue(r.grade, submittedAt) : null,
      approvedAt,
      publishedAt: iso(r.published_at),
      evaluationDue: approvedAt ? evaluationDue(approvedAt) : null,
      evaluatedAt: iso(r.evaluated_at),
      evaluation: r.evaluation,
    },
    inspectionId: r.inspection_id,
    /** Scene photos: GET /api/v1/accidents/:id/photos/:key. */
    attachments: r.attachments,
    // The penalty cases its responsibility findings opened (Art. 114 the unit, Art. 95 persons).
    cases: (
      await tx.query<{ id: string; title: string; status: string; number: string | null }>(
        `SELECT c.id, c.title, c.status, d.number FROM enforcement_cases c
           LEFT JOIN enforcement_documents d ON d.id = c.filing_document_id
          WHERE c.accident_id = $1 ORDER BY c.filed_at`,
        [r.id],
      )
    ).map((c) => ({ id: c.id, title: c.title, status: c.status, number: c.number })),
    lessons: lessons.map((l) => ({
      id: l.id,
      sentAt: iso(l.sent_at) as string,
      sentByName: l.sent_by_name,
      text: l.text,
      targets: l.targets,
      acknowledged: l.acknowledged,
    })),
  };
}
export type AccidentDetail = Awaited<ReturnType<typeof accidentDetail>>;

export const accidentListQuerySchema = z.object({
  status: z.enum(['reporting', 'investigating', 'submitted', 'approved', 'published', 'closed']).optional(),
  grade: z.enum(['ordinary', 'major', 'serious', 'especiallySerious']).optional(),
  nearMiss: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true']).optional(),
  waitingMine: z.enum(['true']).optional(),
  unacknowledged: z.enum(['true']).optional(),
  awaitingApproval: z.enum(['true']).optional(),
  needsInspection: z.enum(['true']).optional(),
  investigationDue: z.coerce.number().int().min(0).max(365).optional(),
  enterpriseId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD||Date is YYYY-MM-DD')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD||Date is YYYY-MM-DD')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type AccidentListParams = z.infer<typeof accidentListQuerySchema>;

const me = (actor: Actor) => ({ id: actor.id, level: actorChainLevel(actor) });

export function listAccidents(db: Db, actor: Actor, q: AccidentListParams) {
  if (!mayViewAccidents(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const { rows, total } = await listAccidentRows(tx, accidentWhere(tx, q, me(actor)), q.pageSize, (q.page - 1) * q.pageSize);
    const now = new Date();
    return { items: rows.map((r) => listItem(actor, r, now)), total };
  });
}

/** The workbench's count, with the list's own WHERE. */
export const countAccidentsFor = (tx: Scoped, actor: Actor, q: AccidentListQuery) => countAccidents(tx, accidentWhere(tx, q, me(actor)));

export function getAccident(db: Db, actor: Actor, id: string) {
  if (!mayViewAccidents(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findAccident(tx, id);
    if (!r) throw notFound();
    return accidentDetail(tx, actor, r);
  });
}

// ---- the first report -------------------------------------------------------------------------

/** The report body as the route takes it: the region may be left out by an enterprise (its own is used). */
export const reportBodySchema = accidentReportSchema.extend({ regionCode: accidentReportSchema.shape.regionCode.optional() });
export type ReportBody = z.infer<typeof reportBodySchema>;

export async function reportAccident(db: Db, actor: Actor, b: ReportBody, now = new Date()) {
  if (!mayReportAccident(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const ent = isEnterpriseUser(actor);
    const enterpriseId = ent ? actor.scope.enterpriseId : (b.enterpriseId ?? null);
    const e = enterpriseId ? await visibleEnterprise(tx, enterpriseId) : null;
    const errors: Record<string, Bilingual> = {};
    // An enterprise's accident is at its own place in the directory (its scope is that region).
    const regionCode = e && ent ? e.region_code : b.regionCode ? b.regionCode.padEnd(12, '0') : (e?.region_code ?? null);
    if (!regionCode) errors.regionCode = { zh: '请选择事故发生地的行政区划', en: 'Give the region' };
    else if (!regionCode.startsWith(actor.scope.regionPrefix === 'none' ? '~' : actor.scope.regionPrefix))
      errors.regionCode = { zh: '事故发生地不在本辖区', en: 'The place is outside your jurisdiction' };
    else if (!(await tx.query('SELECT 1 FROM regions WHERE code = $1', [regionCode])).length)
      errors.regionCode = { zh: '行政区划不存在', en: 'Unknown region' };
    // An accident happens in a county (or a township under it): the chain starts at that county.
    else if (levelOfRegion(regionCode) !== 'county')
      errors.regionCode = { zh: '请选择事故发生地所在的县（区）或乡镇', en: 'Pick the county or township where it happened' };
    // 涉险事故 hurt no one: an accident with deaths or serious injuries is graded and investigated.
    if (b.nearMiss && ((b.deaths ?? 0) > 0 || (b.seriousInjuries ?? 0) > 0))
      errors.nearMiss = { zh: '有人员死亡或重伤的不是涉险事故', en: 'An accident with deaths or serious injuries is not a near-miss' };
    // An enterprise reports as itself: its name and industry are the directory's, not typed.
    const unitName = (ent ? e?.name : null) ?? b.unitName ?? e?.name ?? null;
    if (!unitName) errors.unitName = { zh: '请填写事故单位名称或选择企业', en: 'Give the unit’s name or pick the enterprise' };
    // A department's inspector reports within the industries its department supervises (its scope).
    const industryCode = (ent ? e?.industry_code : null) ?? b.industryCode ?? e?.industry_code ?? null;
    const industries = actor.scope.industries;
    if (industries !== null && !(industryCode && industries.includes(industryCode.slice(0, 2))))
      errors.industryCode = { zh: '请选择本部门监管的行业', en: 'Choose an industry your department supervises' };
    const occurredAt = new Date(b.occurredAt);
    const learnedAt = b.learnedAt ? new Date(b.learnedAt) : occurredAt;
    if (occurredAt.getTime() > now.getTime() + 60_000)
      errors.occurredAt = { zh: '事故时间不能晚于现在', en: 'The accident cannot be in the future' };
    if (learnedAt.getTime() < occurredAt.getTime()) errors.learnedAt = { zh: '获知时间不能早于事故时间', en: 'Learned before it happened' };
    else if (learnedAt.getTime() > now.getTime() + 60_000)
      errors.learnedAt = { zh: '获知时间不能晚于现在', en: 'The time cannot be in the future' };
    // The unit's hour runs from when its principal learned of it: learning an hour or more after
    // the accident must be explained, or a late learned time would quietly excuse a late report.
    else if (learnedAt.getTime() - occurredAt.getTime() >= LEARNED_GAP_NEEDS_REASON_MS && !b.learnedReason)
      errors.learnedReason = {
        zh: '获知时间比事故时间晚一小时以上，请说明原因',
        en: 'Learned an hour or more after it happened: say why',
      };
    if (Object.keys(errors).length) throw invalid(errors);

    const figures: AccidentFigures = {
      deaths: b.deaths ?? null,
      seriousInjuries: b.seriousInjuries ?? null,
      minorInjuries: b.minorInjuries ?? null,
      missing: b.missing ?? null,
      directLossWanYuan: b.directLossWanYuan ?? null,
    };
    const { grade, gradeBy } = gradeOfFigures(figures);
    const region = regionCode as string;
    const county = region.slice(0, 6);
    const year = Number(new Date(occurredAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
    const [serial] = await tx.query<{ n: number }>('SELECT next_document_number($1, $2, $3) AS n', ['accident', county, year]);
    const number = `SG${county}${year}-${String(serial?.n ?? 1).padStart(4, '0')}`;
    const reportedAt = now.toISOString();
    const late = lateMinutes(unitDeadline(learnedAt), now);
    const id = await insertAccident(tx, {
      number,
      regionCode: region,
      enterpriseId,
      unitName: unitName as string,
      industryCode,
      statIndustry: (ent ? null : b.statIndustry) ?? (industryCode ? suggestStatIndustry(industryCode) : null),
      type: b.type ?? null,
      nearMiss: b.nearMiss,
      occurredAt: occurredAt.toISOString(),
      learnedAt: learnedAt.toISOString(),
      learnedReason: b.learnedReason ?? null,
      reportedAt,
      lateMinutes: late,
      reportedBy: actor.id,
      reporterName: nameOf(actor),
      reporterKind: ent ? 'enterprise' : 'official',
      place: b.place,
      latitude: b.latitude ?? null,
      longitude: b.longitude ?? null,
      description: b.description,
      measures: b.measures,
      other: b.other,
      ...figures,
      grade,
      gradeBy,
      investigatingLevel: INVESTIGATED_BY[grade],
      attachments: [],
    });
    await insertReport(tx, {
      accidentId: id,
      kind: 'first',
      at: reportedAt,
      figures,
      text: b.description,
      reason: null,
      withinWindow: true,
      gradeBefore: null,
      gradeAfter: grade,
      authorId: actor.id,
      authorName: nameOf(actor),
    });
    // The county is told at once (Art. 9): its row is received now, whoever reported.
    await receiveAt(tx, id, 'county', levelRegion(region, 'county'), reportedAt);
    if (late > 0)
      await insertFault(tx, {
        accidentId: id,
        fault: 'late',
        minutes: late,
        evidence: `单位报告时限 ${unitDeadline(learnedAt)}，报告于 ${reportedAt}，迟报 ${late} 分钟 / reported ${late} minutes after the 1-hour deadline`,
        by: null,
        byName: '系统按时限认定',
      });
    if (enterpriseId) await recomputeClass(tx, enterpriseId);
    await appendAudit(tx, actor, {
      action: 'accident.report',
      entityType: 'accident',
      entityId: id,
      regionCode: region,
      after: { number, enterpriseId, unitName, occurredAt: b.occurredAt, grade, ...figures, nearMiss: b.nearMiss, lateMinutes: late },
    });
    return accidentDetail(tx, actor, (await findAccident(tx, id)) as AccidentRow, now);
  });
}

// ---- commands on one accident -----------------------------------------------------------------

/** Could this actor ever take `action` on this accident (then a refusal is 409, else 403)? */
function couldEver(actor: Actor, r: AccidentRow, action: AccidentAction): boolean {
  const level = actorChainLevel(actor);
  const own = isEnterpriseUser(actor) && !!r.enterprise_id && actor.scope.enterpriseId === r.enterprise_id;
  if (action === 'followUp') return own || isSupervisor(actor);
  if (!level) return false;
  if (['endReporting', 'forward', 'acknowledge', 'notifyParallel', 'markFault', 'pushLesson'].includes(action)) return true;
  if (r.near_miss) return false;
  if (action === 'takeOver') return mayTakeOver(level, r.investigating_level);
  // 特别重大: the province records the State Council's investigation (policy.ts).
  if (level !== r.investigating_level && !(r.investigating_level === 'national' && level === 'province')) return false;
  if ((action === 'approve' || action === 'returnReport') && r.status === 'submitted' && r.submitted_by === actor.id) return false;
  return true;
}

function lock(tx: Scoped, actor: Actor, id: string, action: AccidentAction, version: number, now: Date) {
  const allowed = (r: AccidentRow) => accidentAllowedActions(actor, policyView(r, statusOf(r, now), now));
  return lockForCommand(tx, id, {
    find: findAccident,
    may: (r) => allowed(r).includes(action),
    refuse: (r) =>
      couldEver(actor, r, action)
        ? new AppError('conflict', { zh: '当前状态下不能进行此操作', en: 'Not possible in the current state' }, undefined, {
            allowedActions: allowed(r),
          })
        : new AppError('forbidden', undefined, undefined, { allowedActions: allowed(r) }),
    version,
    versionOf: (r) => r.version,
  });
}

function parseWith<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  return r.data;
}

async function audit(tx: Scoped, actor: Actor, r: AccidentRow, action: AccidentAction | 'photo', after: unknown) {
  await appendAudit(tx, actor, { action: `accident.${action}`, entityType: 'accident', entityId: r.id, regionCode: r.region_code, after });
}

export async function followUpAccident(db: Db, actor: Actor, id: string, b: z.infer<typeof followUpSchema>, now = new Date()) {
  return withScope(db, actor.scope, async (tx) => {
    const r = await lock(tx, actor, id, 'followUp', b.version, now);
    const occurredAt = iso(r.occurred_at) as string;
    const figures = {
      deaths: b.deaths,
      seriousInjuries: b.seriousInjuries,
      minorInjuries: b.minorInjuries,
      missing: b.missing,
      directLossWanYuan: b.directLossWanYuan,
    };
    const input = { at: b.at, figures, reason: b.reason };
    const errors = checkFollowUp({ occurredAt, figures: figuresOf(r) }, input, now);
    if (errors.length) throw invalid(Object.fromEntries(errors.map((e) => [e.field, bil(e.message)])));
    // The unit may not lower its own grading figures: a fall is the regulator's to verify and report.
    if (isEnterpriseUser(actor)) {
      const was = figuresOf(r);
      const lowered = (['deaths', 'seriousInjuries', 'directLossWanYuan'] as const).filter((f) => {
        const v = figures[f];
        const w = was[f];
        return v != null && w != null && v < w;
      });
      if (lowered.length)
        throw invalid(
          Object.fromEntries(
            lowered.map((f) => [
              f,
              { zh: '减少已报数字须由监管部门核实后续报', en: 'A lower figure is reported by the regulator after checking it' },
            ]),
          ),
        );
    }
    const effect = followUpEffect(
      {
        occurredAt,
        type: r.type as AccidentType | null,
        statIndustry: r.stat_industry as StatIndustry | null,
        figures: figuresOf(r),
        grade: r.grade,
      },
      input,
      // Judged by when it arrived: a backdated time cannot reopen the window.
      now.toISOString(),
    );
    await insertReport(tx, {
      accidentId: r.id,
      kind: 'followUp',
      at: new Date(b.at).toISOString(),
      figures: {
        deaths: b.deaths ?? null,
        seriousInjuries: b.seriousInjuries ?? null,
        minorInjuries: b.minorInjuries ?? null,
        missing: b.missing ?? null,
        directLossWanYuan: b.directLossWanYuan ?? null,
      },
      text: b.text,
      reason: b.reason,
      withinWindow: effect.withinWindow,
      gradeBefore: r.grade,
      gradeAfter: effect.grade,
      authorId: actor.id,
      authorName: nameOf(actor),
    });
    if (effect.withinWindow) {
      const f = effect.figures;
      const set: Record<string, unknown> = {
        deaths: f.deaths,
        serious_injuries: f.seriousInjuries,
        minor_injuries: f.minorInjuries,
        missing: f.missing,
        direct_loss_wan_yuan: f.directLossWanYuan,
        grade_by: gradeOfFigures(f).gradeBy,
      };
      if (effect.regraded) {
        set.grade = effect.grade;
        // The grade history drives the chain: a higher grade makes the old top level forward, from now.
        set.grades = [...r.grades, { grade: effect.grade, at: now.toISOString() }];
        // Before the investigation starts it follows the grade, unless a higher level took it over.
        const byGrade = INVESTIGATED_BY[effect.grade];
        // A level that took it over keeps it: the grade never hands it back below that level.
        const floor = r.taken_over_by ? levelRank(r.taken_over_by) : -1;
        if (r.status === 'reporting') set.investigating_level = levelRank(byGrade) >= floor ? byGrade : r.taken_over_by;
        else if (levelRank(byGrade) > levelRank(r.investigating_level)) set.investigating_level = byGrade;
      }
      // Someone died or was seriously hurt after all: no longer a near-miss (涉险事故).
      if (r.near_miss && ((f.deaths ?? 0) > 0 || (f.seriousInjuries ?? 0) > 0)) set.near_miss = false;
      await updateAccident(tx, r.id, set);
    } else await updateAccident(tx, r.id, {});
    if (r.enterprise_id) await recomputeClass(tx, r.enterprise_id);
    await audit(tx, actor, r, 'followUp', {
      at: b.at,
      ...figures,
      reason: b.reason,
      withinWindow: effect.withinWindow,
      gradeBefore: r.grade,
      gradeAfter: effect.grade,
    });
    return accidentDetail(tx, actor, (await findAccident(tx, r.id)) as AccidentRow, now);
  });
}

type StepAction = Exclude<AccidentAction, 'followUp'>;

/** One step of the chain or the investigation. `body` is checked against the step's own shape. */
export async function takeAccidentStep(db: Db, actor: Actor, id: string, action: StepAction, body: unknown, now = new Date()) {
  const at = now.toISOString();
  return withScope(db, actor.scope, async (tx) => {
    const schema =
      action === 'forward'
        ? forwardSchema
        : action === 'notifyParallel'
          ? parallelSchema
          : action === 'markFault'
            ? faultSchema
            : action === 'pushLesson'
              ? pushLessonSchema
              : investigationStepSchema;
    const b = parseWith(schema as z.ZodType, body) as z.infer<typeof investigationStepSchema> &
      Partial<z.infer<typeof forwardSchema>> &
      Partial<z.infer<typeof parallelSchema>> &
      Partial<z.infer<typeof faultSchema>> &
      Partial<z.infer<typeof pushLessonSchema>>;
    const r = await lock(tx, actor, id, action, b.version, now);
    const level = actorChainLevel(actor) as ChainLevel;
    let after: unknown = { note: b.note ?? null };
    switch (action) {
      case 'endReporting': {
        await insertReport(tx, {
          accidentId: r.id,
          kind: 'final',
          at,
          figures: figuresOf(r),
          text: b.note ?? '终报',
          reason: null,
          withinWindow: withinRegradeWindow(
            iso(r.occurred_at) as string,
            at,
            regradeWindowDays({ type: r.type as AccidentType | null, statIndustry: r.stat_industry as StatIndustry | null }),
          ),
          gradeBefore: r.grade,
          gradeAfter: r.grade,
          authorId: actor.id,
          authorName: nameOf(actor),
        });
        await updateAccident(tx, r.id, { reporting_ended_at: at });
        break;
      }
      case 'forward': {
        const to = b.to as ChainLevel;
        const check = forwardCheck(level, to);
        if (!check.ok) throw invalid({ to: { zh: '只能向上级上报', en: 'Forward to a higher level only' } });
        await updateChain(tx, r.id, level, {
          forwarded_at: at,
          forwarded_to: to,
          forwarded_by: actor.id,
          forwarded_by_name: nameOf(actor),
        });
        await receiveAt(tx, r.id, to, levelRegion(r.region_code, to), at);
        await updateAccident(tx, r.id, {});
        after = { from: level, to, skipped: check.skipsLevels, note: b.note ?? null };
        break;
      }
      case 'acknowledge':
        await updateChain(tx, r.id, level, { acknowledged_at: at, acknowledged_by: actor.id, acknowledged_by_name: nameOf(actor) });
        await updateAccident(tx, r.id, {});
        after = { level };
        break;
      case 'notifyParallel':
        await notifyBodies(tx, r.id, level, [...new Set(b.bodies as string[])], at);
        await updateAccident(tx, r.id, {});
        after = { level, bodies: b.bodies };
        break;
      case 'markFault':
        await insertFault(tx, {
          accidentId: r.id,
          fault: b.fault as string,
          minutes: null,
          evidence: b.evidence as string,
          by: actor.id,
          byName: nameOf(actor),
        });
        await updateAccident(tx, r.id, {});
        after = { fault: b.fault, evidence: b.evidence };
        break;
      case 'pushLesson':
        after = await pushLesson(tx, actor, r, level, { text: b.text as string, industryPrefix: b.industryPrefix ?? null });
        await updateAccident(tx, r.id, {});
        break;
      case 'startInvestigation':
        await updateAccident(tx, r.id, {
          status: 'investigating',
          investigation_started_at: at,
          ...(b.members?.length ? { members: [...r.members, ...b.members.map((m) => ({ ...m, role: m.role ?? null }))] } : {}),
        });
        after = { level: r.investigating_level, members: b.members ?? [] };
        break;
      case 'takeOver':
        await updateAccident(tx, r.id, { investigating_level: level, taken_over_by: level });
        after = { from: r.investigating_level, to: level, note: b.note ?? null };
        break;
      case 'addMember': {
        if (!b.members?.length) throw invalid({ members: { zh: '请填写调查组成员', en: 'Give the members' } });
        await updateAccident(tx, r.id, { members: [...r.members, ...b.members.map((m) => ({ ...m, role: m.role ?? null }))] });
        after = { members: b.members };
        break;
      }
      case 'pause':
        await updateAccident(tx, r.id, { pauses: [...r.pauses, { from: at, to: null }] });
        after = { from: at, note: b.note ?? null };
        break;
      case 'resume':
        await updateAccident(tx, r.id, { pauses: r.pauses.map((p) => (p.to ? p : { ...p, to: at })) });
        after = { to: at };
        break;
      case 'extend': {
        if (b.days === undefined) throw invalid({ days: { zh: '请填写延长天数', en: 'Give the days' } });
        const problem = extensionCheck(r.extension_days, b.days);
        if (problem) throw invalid({ days: bil(problem) });
        await updateAccident(tx, r.id, { extension_days: b.days, extension_reason: b.note ?? null });
        after = { days: b.days, note: b.note ?? null };
        break;
      }
      case 'submitReport':
        if (!b.report) throw invalid({ report: { zh: '请填写调查报告各部分', en: 'Fill in every section of the report' } });
        await updateAccident(tx, r.id, { status: 'submitted', report: b.report, submitted_at: at, submitted_by: actor.id });
        after = { report: b.report };
        break;
      case 'returnReport':
        await updateAccident(tx, r.id, { status: 'investigating', submitted_at: null, submitted_by: null });
        break;
      case 'approve':
        await updateAccident(tx, r.id, { status: 'approved', approved_at: at, approved_by: actor.id });
        break;
      case 'publish': {
        // What goes public carries no one's ID card or phone number (个人信息保护法 Art. 28, 51).
        const personal = personalDataIn(r.report ?? {});
        if (personal.length)
          throw invalid(
            Object.fromEntries(
              personal.map((k) => [
                `report.${k}`,
                { zh: '公开前请删去身份证号码、手机号码等个人信息', en: 'Remove ID card and phone numbers before publishing' },
              ]),
            ),
          );
        await updateAccident(tx, r.id, { status: 'published', published_at: at });
        break;
      }
      case 'evaluate':
        if (!b.evaluation) throw invalid({ evaluation: { zh: '请填写整改评估情况', en: 'Give the evaluation' } });
        await updateAccident(tx, r.id, { status: 'closed', evaluated_at: at, evaluation: b.evaluation });
        after = { evaluation: b.evaluation };
        break;
    }
    await audit(tx, actor, r, action, after);
    return accidentDetail(tx, actor, (await findAccident(tx, r.id)) as AccidentRow, now);
  });
}

/** The report's sections that hold an 18-digit ID card number or a mainland mobile number. */
export function personalDataIn(report: Record<string, string>): string[] {
  const ID = /(?<!\d)\d{17}[\dXx](?![\dXx])/;
  const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
  return Object.entries(report)
    .filter(([, v]) => ID.test(v) || MOBILE.test(v))
    .map(([k]) => k);
}

// ---- scene photos (快报's attachments) ------------------------------------------------------------

/**
 * A photo of the scene, added to an open accident by whoever may follow it up (its unit, the
 * regulators): stored first (its key), then attached under the row lock; refused → the caller drops it.
 */
export async function addAccidentPhoto(tx: Scoped, actor: Actor, id: string, key: string, now = new Date()) {
  const r = await lockForCommand(tx, id, {
    find: findAccident,
    may: (row) => accidentAllowedActions(actor, policyView(row, statusOf(row, now), now)).includes('followUp'),
    refuse: () => new AppError('conflict', { zh: '此事故已不能添加照片', en: 'No photos may be added to this accident now' }),
  });
  const uuid = key.replace(/^photos\//, '');
  await tx.query(
    'UPDATE accidents SET attachments = array_append(attachments, $2::uuid), version = version + 1, updated_at = now() WHERE id = $1',
    [r.id, uuid],
  );
  await audit(tx, actor, r, 'photo', { photo: uuid });
  return { key: uuid };
}

/** The photos of an accident the caller can see (null when it cannot see the accident). */
export async function accidentPhotoKeys(tx: Scoped, id: string): Promise<string[] | null> {
  const [r] = await tx.query<{ attachments: string[] }>('SELECT attachments FROM accidents WHERE id = $1', [id]);
  return r ? r.attachments : null;
}

// ---- the public list of published investigation reports ---------------------------------------

export async function publishedReports(db: Db) {
  return readScoped(db, NATIONAL_SCOPE, async (tx) => {
    const rows = await tx.query<{
      id: string;
      number: string;
      unit_name: string;
      region_name: string | null;
      occurred_at: Date | string;
      grade: AccidentGrade;
      type: string | null;
      deaths: number | null;
      published_at: Date | string;
      report: Record<string, string>;
    }>(
      `SELECT a.id, a.number, a.unit_name, r.name AS region_name, a.occurred_at, a.grade, a.type, a.deaths, a.published_at, a.report
       FROM accidents a LEFT JOIN regions r ON r.code = a.region_code
       WHERE a.published_at IS NOT NULL AND a.report IS NOT NULL ORDER BY a.published_at DESC LIMIT 200`,
    );
    return {
      items: rows.map((x) => ({
        id: x.id,
        number: x.number,
        unitName: x.unit_name,
        regionName: x.region_name,
        occurredAt: iso(x.occurred_at) as string,
        grade: x.grade,
        type: x.type,
        deaths: x.deaths,
        publishedAt: iso(x.published_at) as string,
        report: x.report,
      })),
    };
  });
}
