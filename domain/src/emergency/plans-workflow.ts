// The plan's life and its filing as pure functions (issue 27, owner: plans): draft → reviewed (评审 or
// 论证 recorded with its 纪要/opinion) → signed by the principal (主要负责人) → published → revised
// (a new version in draft; the published one is frozen) or abolished; the 3-year evaluation; filing
// within 20 working days of publication, the department's answer within 5 working days (accept with
// the 备案登记表, or one one-time notice of missing items, after which the unit resubmits), deemed
// filed when the 5 working days pass unanswered (令第88号 as amended by 令第2号, Art. 26).
import { z } from 'zod';
import { type Actor, hasRole, isAdmin, isEnterpriseUser, isSupervisor } from '../auth/roles.ts';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-days.ts';
import { bi } from '../errors/messages.ts';
import { REVIEW_KINDS } from './plans-obligations.ts';

type Label = { zh: string; en: string };

export const EMERGENCY_PLAN_STATUSES = ['draft', 'reviewed', 'signed', 'published', 'abolished'] as const;
export type EmergencyPlanStatus = (typeof EMERGENCY_PLAN_STATUSES)[number];
export const EMERGENCY_PLAN_STATUS_LABELS: Record<EmergencyPlanStatus, Label> = {
  draft: { zh: '编制中', en: 'Draft' },
  reviewed: { zh: '已评审/论证', en: 'Reviewed' },
  signed: { zh: '已签署', en: 'Signed' },
  published: { zh: '已公布实施', en: 'Published' },
  abolished: { zh: '已废止', en: 'Abolished' },
};

export const FILING_STATUSES = ['submitted', 'returned', 'accepted', 'deemed'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const FILING_STATUS_LABELS: Record<FilingStatus, Label> = {
  submitted: { zh: '待受理', en: 'Awaiting acceptance' },
  returned: { zh: '已告知补正', en: 'Missing items notified' },
  accepted: { zh: '已备案', en: 'Filed' },
  deemed: { zh: '视为已备案', en: 'Deemed filed' },
};

export const TRIGGER_KIND_LABELS: Record<string, Label> = {
  lawChanged: { zh: '依据的法律法规、标准或上位预案发生重大变化', en: 'Laws, standards or higher plans changed' },
  organisationChanged: { zh: '应急指挥机构及其职责发生调整', en: 'Command organisation or duties changed' },
  riskChanged: { zh: '面临的事故风险发生重大变化', en: 'Accident risks changed significantly' },
  resourcesChanged: { zh: '重要应急资源发生重大变化', en: 'Key emergency resources changed' },
  problemFound: { zh: '演练或应急救援中发现需要修订预案的重大问题', en: 'A drill or a response found a major problem' },
  other: { zh: '其他应当修订的情形', en: 'Other' },
};

export const EMERGENCY_PLAN_ACTIONS = [
  'edit',
  'recordReview',
  'sign',
  'publish',
  'revise',
  'evaluate',
  'abolish',
  'recordTrigger',
  'submitFiling',
] as const;
export type EmergencyPlanAction = (typeof EMERGENCY_PLAN_ACTIONS)[number];
export const FILING_ACTIONS = ['accept', 'returnForItems', 'resubmit'] as const;
export type FilingAction = (typeof FILING_ACTIONS)[number];

export const EMERGENCY_PLAN_ACTION_LABELS: Record<EmergencyPlanAction | FilingAction, Label> = {
  edit: { zh: '编辑', en: 'Edit' },
  recordReview: { zh: '登记评审/论证', en: 'Record review' },
  sign: { zh: '主要负责人签署', en: 'Sign (principal)' },
  publish: { zh: '公布实施', en: 'Publish' },
  revise: { zh: '修订（新版本）', en: 'Revise (new version)' },
  evaluate: { zh: '登记定期评估', en: 'Record evaluation' },
  abolish: { zh: '废止', en: 'Abolish' },
  recordTrigger: { zh: '登记修订情形', en: 'Record revision trigger' },
  submitFiling: { zh: '提交备案', en: 'Submit for filing' },
  accept: { zh: '予以备案', en: 'Accept filing' },
  returnForItems: { zh: '一次性告知补正', en: 'Notify missing items' },
  resubmit: { zh: '补正后重新提交', en: 'Resubmit' },
};

/** What the rules read of a plan. */
export type EmergencyPlanView = {
  ownerKind: 'enterprise' | 'government';
  enterpriseId: string | null;
  regionCode: string;
  status: EmergencyPlanStatus;
  /** The unit must file (mustFilePlans); government plans file with their government, not here. */
  mustFile: boolean;
  /** The current version has an accepted or deemed filing. */
  filedCurrentVersion: boolean;
  /** A filing is open (submitted or returned). */
  openFiling: boolean;
  refilingRequired: boolean;
  /** Published earlier versions exist (the plan was filed before under an earlier version). */
  version: number;
};

/** Writes the plan's content and steps: the enterprise's own users for its plans; a supervisor (county and up) for a government plan. */
export function mayManagePlan(a: Actor, p: Pick<EmergencyPlanView, 'ownerKind' | 'enterpriseId' | 'regionCode'>): boolean {
  if (isAdmin(a)) return true;
  if (p.ownerKind === 'enterprise') return isEnterpriseUser(a) && a.scope.enterpriseId === p.enterpriseId;
  return hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor') && p.regionCode.startsWith(a.scope.regionPrefix);
}

/** Signing is the principal's: the enterprise admin account (主要负责人) or, for a government plan, a supervisor. */
export function maySignPlan(a: Actor, p: Pick<EmergencyPlanView, 'ownerKind' | 'enterpriseId' | 'regionCode'>): boolean {
  if (p.ownerKind === 'enterprise') return (hasRole(a, 'enterpriseAdmin') && a.scope.enterpriseId === p.enterpriseId) || isAdmin(a);
  return mayManagePlan(a, p);
}

/** The filing desk: supervisors of a county or above in whose jurisdiction the unit is (县级以上 部门). */
export function mayAcceptFilings(a: Actor): boolean {
  return isAdmin(a) || hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor');
}

export function mayViewEmergencyPlans(a: Actor): boolean {
  return isAdmin(a) || isSupervisor(a) || isEnterpriseUser(a) || hasRole(a, 'departmentInspector', 'gridWorker');
}

/** The plan actions the actor may take now (the page shows exactly these). */
export function planAllowedActions(a: Actor, p: EmergencyPlanView): EmergencyPlanAction[] {
  if (!mayManagePlan(a, p)) return [];
  const out: EmergencyPlanAction[] = [];
  switch (p.status) {
    // While a filing is open (submitted or returned) the filed version stays as filed: no revision
    // (the desk's 备案登记表 is of that version) and no abolition.
    case 'draft':
      out.push('edit', 'recordReview', 'recordTrigger');
      if (!p.openFiling) out.push('abolish');
      break;
    case 'reviewed':
      out.push('edit');
      if (maySignPlan(a, p)) out.push('sign');
      out.push('recordTrigger');
      if (!p.openFiling) out.push('abolish');
      break;
    case 'signed':
      if (maySignPlan(a, p)) out.push('publish');
      if (!p.openFiling) out.push('abolish');
      break;
    case 'published':
      if (!p.openFiling) out.push('revise');
      out.push('evaluate', 'recordTrigger');
      if (p.mustFile && !p.openFiling && (!p.filedCurrentVersion || p.refilingRequired)) out.push('submitFiling');
      if (!p.openFiling) out.push('abolish');
      break;
    case 'abolished':
      break;
  }
  return out;
}

export type FilingView = { status: FilingStatus; enterpriseId: string | null; regionCode: string; missingItems: readonly unknown[] };

/** The filing actions: the department accepts or returns once; the unit resubmits a returned filing. */
export function filingAllowedActions(a: Actor, f: FilingView): FilingAction[] {
  const out: FilingAction[] = [];
  const desk = mayAcceptFilings(a) && f.regionCode.startsWith(a.scope.regionPrefix) && a.scope.enterpriseId === null;
  if (f.status === 'submitted' && desk) {
    out.push('accept');
    if (f.missingItems.length === 0) out.push('returnForItems');
  }
  if (f.status === 'returned' && ((isEnterpriseUser(a) && a.scope.enterpriseId === f.enterpriseId) || isAdmin(a))) out.push('resubmit');
  return out;
}

const REFUSALS: Record<EmergencyPlanAction | FilingAction, Label> = {
  edit: {
    zh: '只有编制中或已评审未签署的预案可以修改；已公布的预案请先“修订”生成新版本',
    en: 'Only a draft (or reviewed, unsigned) plan can be edited; revise a published plan',
  },
  recordReview: { zh: '只有编制中的预案可以登记评审/论证', en: 'Only a draft plan can have its review recorded' },
  sign: { zh: '须先完成评审/论证，且由主要负责人签署', en: 'The plan needs its review first, and the principal signs' },
  publish: { zh: '须经主要负责人签署后方可公布', en: 'The principal signs before publication' },
  revise: { zh: '只有已公布的预案可以修订', en: 'Only a published plan can be revised' },
  evaluate: { zh: '只有已公布实施的预案可以登记评估', en: 'Only a published plan is evaluated' },
  abolish: { zh: '预案已废止，或备案正在办理中', en: 'The plan is abolished, or a filing is open' },
  recordTrigger: { zh: '已签署或已废止的预案不能登记修订情形', en: 'No trigger on a signed or abolished plan' },
  submitFiling: {
    zh: '只有须备案单位已公布且未备案（或修订后须重新备案）的预案可以提交备案，且不能有正在办理的备案',
    en: 'Only a published plan of a unit that must file, not yet filed (or needing re-filing), with no open filing',
  },
  accept: { zh: '只有待受理的备案可以予以备案', en: 'Only a filing awaiting acceptance can be accepted' },
  returnForItems: {
    zh: '补正告知只能一次性作出：此备案已告知过，或不在待受理状态',
    en: 'The notice of missing items is one-time: already given, or the filing is not awaiting acceptance',
  },
  resubmit: { zh: '只有已告知补正的备案可以重新提交', en: 'Only a filing with missing items notified can be resubmitted' },
};

const OPEN_FILING_REFUSALS: Partial<Record<EmergencyPlanAction, Label>> = {
  revise: { zh: '备案办理中，不能修订：请待备案办结后再修订', en: 'The filing is in progress: revise the plan once it is settled' },
  abolish: { zh: '备案办理中，不能废止', en: 'The filing is in progress: the plan cannot be abolished' },
};

/** Why an action is refused (for the 409), naming the rule; `openFiling` names the open filing as the reason. */
export const planRefusal = (action: EmergencyPlanAction | FilingAction, openFiling = false): Label =>
  (openFiling && OPEN_FILING_REFUSALS[action as EmergencyPlanAction]) || REFUSALS[action];

export const PLAN_NEXT_STATUS: Partial<Record<EmergencyPlanAction, EmergencyPlanStatus>> = {
  recordReview: 'reviewed',
  sign: 'signed',
  publish: 'published',
  revise: 'draft',
  abolish: 'abolished',
};

const date = z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'A date YYYY-MM-DD'));
const note = (min: number, max: number, zh: string, en: string) =>
  z
    .string(bi(zh, en))
    .trim()
    .min(min, bi(zh, en))
    .max(max, bi(`不能超过 ${max} 字`, `At most ${max} characters`));

export const FILING_MATERIALS = ['application', 'reviewOpinion', 'document', 'riskAssessment', 'resourceSurvey'] as const;
export type FilingMaterial = (typeof FILING_MATERIALS)[number];
export const FILING_MATERIAL_LABELS: Record<FilingMaterial, Label> = {
  application: { zh: '应急预案备案申报表', en: 'Filing application form' },
  reviewOpinion: { zh: '应急预案评审意见', en: 'Review opinion' },
  document: { zh: '应急预案电子文档', en: 'Plan document' },
  riskAssessment: { zh: '风险评估结果', en: 'Risk assessment results' },
  resourceSurvey: { zh: '应急资源调查清单', en: 'Emergency resources survey' },
};

const materials = z.partialRecord(z.enum(FILING_MATERIALS), z.boolean()).default({});

export const PLAN_STEP_SCHEMAS = {
  recordReview: z.strictObject({
    version: z.number().int().min(1),
    reviewKind: z.enum(REVIEW_KINDS, { message: bi('请选择评审或论证', 'Choose review or demonstration') }),
    reviewedOn: date,
    experts: note(1, 500, '请填写评审/论证人员', 'Name the reviewers'),
    minutes: note(1, 5000, '请填写评审纪要或论证意见', 'Give the minutes or opinion'),
    opinion: z.string().trim().max(2000).default(''),
  }),
  sign: z.strictObject({
    version: z.number().int().min(1),
    principalName: note(1, 50, '请填写主要负责人姓名', 'Name the principal'),
  }),
  publish: z.strictObject({ version: z.number().int().min(1), publishedOn: date }),
  revise: z.strictObject({ version: z.number().int().min(1), reason: note(1, 1000, '请填写修订原因', 'Give the reason') }),
  evaluate: z.strictObject({
    version: z.number().int().min(1),
    evaluatedOn: date,
    conclusion: note(1, 2000, '请填写评估结论', 'Give the conclusion'),
  }),
  abolish: z.strictObject({ version: z.number().int().min(1), reason: note(1, 1000, '请填写废止原因', 'Give the reason') }),
  recordTrigger: z.strictObject({
    kind: z.enum(['lawChanged', 'organisationChanged', 'riskChanged', 'resourcesChanged', 'problemFound', 'other'], {
      message: bi('请选择修订情形', 'Choose the trigger'),
    }),
    note: note(1, 1000, '请填写说明', 'Describe it'),
  }),
  submitFiling: z.strictObject({ version: z.number().int().min(1), materials }),
  accept: z.strictObject({ version: z.number().int().min(1), note: z.string().trim().max(1000).default('') }),
  returnForItems: z.strictObject({
    version: z.number().int().min(1),
    missingItems: z
      .array(note(1, 300, '补正事项不能为空', 'An item cannot be empty'))
      .min(1, bi('请列明需补正的全部材料（一次性告知）', 'List every missing item (one-time notice)'))
      .max(30),
  }),
  resubmit: z.strictObject({ version: z.number().int().min(1), materials }),
} as const;

// ---- deadlines ---------------------------------------------------------------------------------

/** Filing due: the 20th working day after publication (令第88号 Art. 26). */
export const filingDueOn = (cal: WorkingCalendar, publishedOn: string, days = 20) => addWorkingDays(cal, publishedOn, days);

/** The department's answer due: the 5th working day after (re)submission. */
export const answerDueOn = (cal: WorkingCalendar, submittedOn: string, days = 5) => addWorkingDays(cal, submittedOn, days);

/** Deemed filed (视为已备案): still submitted and today is after the answer's due day. */
export const isDeemedFiled = (f: { status: FilingStatus; answerDueOn: string }, today: string) =>
  f.status === 'deemed' || (f.status === 'submitted' && today > f.answerDueOn);

/** The filing as it stands today: a submitted filing past its answer day reads as deemed. */
export const effectiveFilingStatus = (f: { status: FilingStatus; answerDueOn: string }, today: string): FilingStatus =>
  isDeemedFiled(f, today) ? 'deemed' : f.status;

/** The next 定期评估 is due `years` after the later of publication and the last evaluation (令第88号 Art. 35). */
export function evaluationDueOn(p: { publishedOn: string | null; evaluatedOn: string | null }, years = 3): string | null {
  const from = [p.publishedOn, p.evaluatedOn]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  if (!from) return null;
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  // 29 February + 3 years → 28 February (the day before 1 March).
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Sections whose change needs re-filing (setting emergencyPlans.refilingSections, provisional). */
export function needsRefiling(changedSections: readonly string[], refilingSections: readonly string[]): boolean {
  return changedSections.some((s) => refilingSections.includes(s));
}
