// On-site enforcement inspections (现场检查, 安全生产法 Art. 65–68): why one happens (a plan item,
// a 双随机 draw, a campaign, a public report, a referral or ad hoc), the two certified officers
// who go (行政处罚法 Art. 42: 不得少于两人), 四不两直 and 明查暗访 flags, the checklist results and
// the findings; then what the record decides: each finding is a hazard in the hazard loop
// (source = enforcement), a violation that opens a penalty case, or both; deadlines go on the
// 责令限期整改指令书, immediate measures on the 现场处理措施决定书; the 整改复查 closes it.
import { z } from 'zod';
import { type Actor, isAdmin } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';
import { isEnforcer, mayViewEnforcement } from './policy.ts';

export const INSPECTION_SOURCES = ['plan', 'draw', 'campaign', 'report', 'referral', 'adhoc'] as const;
export type InspectionSource = (typeof INSPECTION_SOURCES)[number];
/** The sources an officer may open an inspection from by hand; plan and draw inspections are created by those parts. */
export const MANUAL_INSPECTION_SOURCES = ['campaign', 'report', 'referral', 'adhoc'] as const;

export const ENF_INSPECTION_STATUSES = ['planned', 'inProgress', 'recorded', 'closed', 'cancelled'] as const;
export type EnfInspectionStatus = (typeof ENF_INSPECTION_STATUSES)[number];

export const ENF_INSPECTION_ACTIONS = ['start', 'saveChecks', 'addFinding', 'removeFinding', 'record', 'review', 'cancel'] as const;
export type EnfInspectionAction = (typeof ENF_INSPECTION_ACTIONS)[number];

export const FINDING_KINDS = ['hazard', 'violation'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const CHECK_RESULTS = ['ok', 'finding', 'na'] as const;

/** What the rules look at in an inspection. */
export type InspectionFacts = { status: EnfInspectionStatus; officerIds: string[] };

/** Where each action may be taken: the state machine, independent of who asks. */
const FROM: Record<EnfInspectionAction, EnfInspectionStatus[]> = {
  start: ['planned'],
  saveChecks: ['inProgress'],
  addFinding: ['inProgress'],
  removeFinding: ['inProgress'],
  record: ['inProgress'],
  review: ['recorded'],
  cancel: ['planned'],
};

/**
 * The actions this actor may take on the inspection now. The on-site steps are the officers' own
 * (the two named on it sign the record); cancelling a planned visit is any enforcer's in scope.
 * Admins and enterprise users read only.
 */
export function inspectionActions(actor: Actor, i: InspectionFacts): EnfInspectionAction[] {
  if (!isEnforcer(actor)) return [];
  const isOfficer = i.officerIds.includes(actor.id);
  return ENF_INSPECTION_ACTIONS.filter((a) => FROM[a].includes(i.status) && (a === 'cancel' || isOfficer));
}

/** The state an action leads to; `record` closes at once when nothing waits for a 复查. */
export function inspectionNext(action: EnfInspectionAction, from: EnfInspectionStatus, needsReview: boolean): EnfInspectionStatus {
  switch (action) {
    case 'start':
      return 'inProgress';
    case 'record':
      return needsReview ? 'recorded' : 'closed';
    case 'cancel':
      return 'cancelled';
    default:
      return from;
  }
}

/** Officers on an inspection: exactly two distinct people (Art. 42), each certified and without a conflict with the enterprise. */
export type OfficerCheck = { userId: string; certified: boolean; conflict: boolean };
export function officerProblems(officers: OfficerCheck[]): { zh: string; en: string } | null {
  if (new Set(officers.map((o) => o.userId)).size !== 2 || officers.length !== 2)
    return { zh: '须由两名执法人员实施检查', en: 'Two different officers are required' };
  const uncertified = officers.find((o) => !o.certified);
  if (uncertified) return { zh: '执法人员须持有效执法证', en: 'Each officer needs a valid enforcement certificate' };
  if (officers.some((o) => o.conflict))
    return { zh: '执法人员与该单位有利害关系，应当回避', en: 'An officer has a recorded conflict of interest' };
  return null;
}

/** A finding waits for a 复查 when it was given a deadline (not fixed on the spot). */
export const needsReview = (findings: { deadline: string | null }[]) => findings.some((f) => f.deadline !== null);

export const mayViewInspections = mayViewEnforcement;
export const mayCreateInspection = (a: Actor) => isEnforcer(a) && !isAdmin(a);

const uuid = z.uuid(bi('编号格式不正确', 'Not a valid id'));
const day = z.iso.date(bi('日期格式为 YYYY-MM-DD', 'Dates are YYYY-MM-DD'));
const text = (max: number, zh: string, en: string) =>
  z
    .string()
    .trim()
    .min(1, bi(zh, en))
    .max(max, bi(`最多 ${max} 个字`, `At most ${max} characters`));
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, bi(`最多 ${max} 个字`, `At most ${max} characters`))
    .optional();

export const inspectionCreateSchema = z.strictObject({
  enterpriseId: uuid,
  source: z.enum(MANUAL_INSPECTION_SOURCES, bi('检查来源不正确', 'Unknown source')),
  reportId: uuid.optional(),
  campaignId: uuid.optional(),
  /** The accident this inspection follows up (事故后检查): linked both ways. */
  accidentId: uuid.optional(),
  officerIds: z.array(uuid).length(2, bi('须选择两名执法人员', 'Choose two officers')),
  plannedOn: day,
  unannounced: z.boolean().default(false),
  covert: z.boolean().default(false),
  checklistId: uuid.optional(),
  departmentId: uuid.optional(),
  note: optional(500),
});

export const inspectionStartSchema = z.strictObject({
  place: text(200, '请填写检查场所', 'Where the inspection takes place is required'),
  unannounced: z.boolean().optional(),
});

export const checkResultsSchema = z.strictObject({
  checks: z
    .array(
      z.strictObject({
        code: z.string().trim().min(1).max(20),
        result: z.enum(CHECK_RESULTS, bi('检查结果不正确', 'Unknown result')),
        note: optional(500),
      }),
    )
    .max(500),
});

export const findingInputSchema = z
  .strictObject({
    kind: z.enum(FINDING_KINDS, bi('请选择问题类型', 'Choose hazard or violation')),
    description: text(1000, '请填写发现的问题', 'Describe what was found'),
    location: optional(200),
    level: z.enum(['general', 'major'], bi('隐患等级不正确', 'Unknown hazard level')).default('general'),
    checkCode: z.string().trim().max(20).optional(),
    /** 责令限期整改: the date by which it must be fixed; none: fixed on the spot (立即整改). */
    deadline: day.optional(),
    /** 现场处理措施 taken at once (责令立即停止作业、撤出人员…), printed on the 现场处理措施决定书. */
    onSiteMeasure: optional(500),
    /** 查封、扣押 (Art. 65 ¶1 (四)): the places, facilities or goods, and the days (行政强制法 Art. 25: ≤ 30). */
    seizure: optional(500),
    seizureDays: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能少于 1 日', 'At least 1 day'))
      .max(30, bi('查封扣押期限不得超过 30 日（行政强制法第二十五条）', 'At most 30 days (Administrative Coercion Law Art. 25)'))
      .optional(),
    /** The 安全生产法 article the violation breaks (penalties table key), when known. */
    article: z.string().trim().max(10).optional(),
  })
  .refine((f) => f.kind === 'violation' || f.deadline || f.onSiteMeasure || f.seizure, {
    path: ['deadline'],
    message: bi('隐患须限期整改或采取现场处理措施', 'A hazard needs a deadline or an on-site measure'),
  })
  .refine((f) => !f.seizure === !f.seizureDays, {
    path: ['seizureDays'],
    message: bi('查封扣押须同时填写对象和期限', 'A seizure needs both what is seized and for how many days'),
  });

export const inspectionRecordSchema = z.strictObject({
  situation: text(4000, '请填写检查情况', 'Describe the inspection'),
  leaderName: text(50, '请填写被检查单位现场负责人', 'The person in charge on site is required'),
  version: z.number().int().min(1).optional(),
});

export const inspectionReviewSchema = z.strictObject({
  opinion: text(2000, '请填写复查意见', 'The review opinion is required'),
  fixed: z.array(uuid).max(200),
});

export const inspectionCancelSchema = z.strictObject({ reason: text(500, '请填写取消原因', 'A reason is required') });

export const inspectionListQuerySchema = z.object({
  status: z.enum(ENF_INSPECTION_STATUSES).optional(),
  source: z.enum(INSPECTION_SOURCES).optional(),
  enterpriseId: z.uuid().optional(),
  mine: z.enum(['1']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const enfFindingSchema = z.object({
  id: z.string(),
  kind: z.enum(FINDING_KINDS),
  description: z.string(),
  location: z.string().nullable(),
  level: z.enum(['general', 'major']),
  checkCode: z.string().nullable(),
  deadline: z.string().nullable(),
  onSiteMeasure: z.string().nullable(),
  seizure: z.string().nullable(),
  seizureDays: z.number().nullable(),
  article: z.string().nullable(),
  hazardId: z.string().nullable(),
  hazardNumber: z.string().nullable(),
  hazardStatus: z.string().nullable(),
  caseId: z.string().nullable(),
  fixedAt: z.string().nullable(),
});

export const enfInspectionSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  source: z.enum(INSPECTION_SOURCES),
  status: z.enum(ENF_INSPECTION_STATUSES),
  unannounced: z.boolean(),
  covert: z.boolean(),
  plannedOn: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  place: z.string().nullable(),
  officers: z.array(z.object({ id: z.string(), name: z.string(), certificateNo: z.string().nullable() })),
  violations: z.number(),
  hazardsFound: z.number(),
  drawPickId: z.string().nullable(),
  planItemId: z.string().nullable(),
  campaignId: z.string().nullable(),
  reportId: z.string().nullable(),
  version: z.number(),
  allowedActions: z.array(z.enum(ENF_INSPECTION_ACTIONS)),
});
export type EnfInspection = z.infer<typeof enfInspectionSchema>;

export const enfInspectionDetailSchema = enfInspectionSchema.extend({
  checklist: z.object({ id: z.string(), name: z.string(), items: z.array(z.object({ code: z.string(), text: z.string() })) }).nullable(),
  checks: z.array(z.object({ code: z.string(), result: z.enum(CHECK_RESULTS), note: z.string().nullable() })),
  findings: z.array(enfFindingSchema),
  situation: z.string().nullable(),
  leaderName: z.string().nullable(),
  cancelReason: z.string().nullable(),
  reviewOpinion: z.string().nullable(),
});
export type EnfInspectionDetail = z.infer<typeof enfInspectionDetailSchema>;

/** Words for the codes above, wherever a person reads them (pages, exports). */
export const INSPECTION_SOURCE_LABELS: Record<InspectionSource, { zh: string; en: string }> = {
  plan: { zh: '年度计划（重点检查）', en: 'Annual plan (key)' },
  draw: { zh: '双随机抽查', en: 'Random draw' },
  campaign: { zh: '专项整治', en: 'Campaign' },
  report: { zh: '投诉举报', en: 'Public report' },
  referral: { zh: '交办移送', en: 'Referral' },
  adhoc: { zh: '其他检查', en: 'Ad hoc' },
};
export const ENF_INSPECTION_STATUS_LABELS: Record<EnfInspectionStatus, { zh: string; en: string }> = {
  planned: { zh: '待检查', en: 'Planned' },
  inProgress: { zh: '检查中', en: 'On site' },
  recorded: { zh: '待复查', en: 'Awaiting review' },
  closed: { zh: '已办结', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
export const FINDING_KIND_LABELS: Record<FindingKind, { zh: string; en: string }> = {
  hazard: { zh: '事故隐患', en: 'Hazard' },
  violation: { zh: '违法行为', en: 'Violation' },
};
export const CHECK_RESULT_LABELS: Record<(typeof CHECK_RESULTS)[number], { zh: string; en: string }> = {
  ok: { zh: '符合', en: 'Compliant' },
  finding: { zh: '不符合', en: 'Not compliant' },
  na: { zh: '不适用', en: 'Not applicable' },
};

/**
 * The 工作台 items of an officer: their inspections planned, on site, and awaiting the 复查 — each
 * the inspections list with these filters (`mine` = named on it as an officer).
 */
export function enfInspectionWork(
  actor: Actor,
): { kind: string; severity: 'urgent' | 'attention' | 'routine'; titleKey: string; query: Record<string, string> }[] {
  if (!mayCreateInspection(actor)) return [];
  return [
    { kind: 'enforcement.onSite', severity: 'urgent', titleKey: 'wbEnfOnSite', query: { mine: '1', status: 'inProgress' } },
    { kind: 'enforcement.planned', severity: 'attention', titleKey: 'wbEnfPlanned', query: { mine: '1', status: 'planned' } },
    { kind: 'enforcement.toReview', severity: 'attention', titleKey: 'wbEnfToReview', query: { mine: '1', status: 'recorded' } },
  ];
}
