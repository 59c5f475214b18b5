// A drill (应急演练, issue 27) as a state machine, with its labels and the bodies of its steps.
//   planned 计划 → complete (held: date, place, participants) → done 已实施
//   planned → cancel → cancelled
//   done → evaluate (评估报告: summary, result, problems found; may be rewritten until reported)
//   done (evaluated, an enterprise's drill) → report 报送 → reported (Decree 708 Art.8 ¶2)
//   reported → spotCheck 抽查 (a county-or-above regulator): qualified → checkedQualified, or
//     unqualified with a deadline to correct → checkedUnqualified (Art.8 ¶3 责令限期改正)
//   checkedUnqualified → correct (the unit's correction) → corrected
//   any evaluated state: a problem found → problemToHazard (the hazards module) or
//     problemToRevision (a plan revision trigger, kind 'problemFound', source drill).
// Types by AQ/T 9007-2019: by content 综合/单项, by form 实战/桌面. Pure: the server asks before every write.
import { z } from 'zod';
import { type Actor, hasRole, isEnterpriseUser, isSupervisor } from '../auth/roles.ts';
import { type Bilingual, bi } from '../errors/messages.ts';

type Label = { zh: string; en: string };

export const DRILL_OWNER_KINDS = ['enterprise', 'government'] as const;
export type DrillOwnerKind = (typeof DRILL_OWNER_KINDS)[number];
export const DRILL_OWNER_KIND_LABELS: Record<DrillOwnerKind, Label> = {
  enterprise: { zh: '生产经营单位', en: 'Enterprise' },
  government: { zh: '政府及部门', en: 'Government or department' },
};

export const DRILL_CONTENT_TYPES = ['comprehensive', 'single'] as const;
export type DrillContentType = (typeof DRILL_CONTENT_TYPES)[number];
export const DRILL_CONTENT_TYPE_LABELS: Record<DrillContentType, Label> = {
  comprehensive: { zh: '综合演练', en: 'Comprehensive' },
  single: { zh: '单项演练', en: 'Single-item' },
};

export const DRILL_FORMS = ['live', 'tabletop'] as const;
export type DrillForm = (typeof DRILL_FORMS)[number];
export const DRILL_FORM_LABELS: Record<DrillForm, Label> = {
  live: { zh: '实战演练', en: 'Live exercise' },
  tabletop: { zh: '桌面演练', en: 'Tabletop exercise' },
};

/** The plan types of 应急预案管理办法 Art.6 (the plans part's `plan_type`). */
export const DRILL_PLAN_TYPES = ['comprehensive', 'special', 'onSite'] as const;
export type DrillPlanType = (typeof DRILL_PLAN_TYPES)[number];
export const DRILL_PLAN_TYPE_LABELS: Record<DrillPlanType, Label> = {
  comprehensive: { zh: '综合应急预案', en: 'Comprehensive plan' },
  special: { zh: '专项应急预案', en: 'Special plan' },
  onSite: { zh: '现场处置方案', en: 'On-site plan' },
};

export const DRILL_RESULTS = ['achieved', 'partlyAchieved', 'notAchieved'] as const;
export type DrillResult = (typeof DRILL_RESULTS)[number];
export const DRILL_RESULT_LABELS: Record<DrillResult, Label> = {
  achieved: { zh: '达到演练目标', en: 'Objectives achieved' },
  partlyAchieved: { zh: '基本达到演练目标', en: 'Objectives partly achieved' },
  notAchieved: { zh: '未达到演练目标', en: 'Objectives not achieved' },
};

export const DRILL_STATUSES = ['planned', 'done', 'reported', 'checkedQualified', 'checkedUnqualified', 'corrected', 'cancelled'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];
export const DRILL_STATUS_LABELS: Record<DrillStatus, Label> = {
  planned: { zh: '计划', en: 'Planned' },
  done: { zh: '已实施', en: 'Done' },
  reported: { zh: '已报送', en: 'Reported' },
  checkedQualified: { zh: '抽查合格', en: 'Spot-checked: qualified' },
  checkedUnqualified: { zh: '抽查不合格（限期改正）', en: 'Spot-checked: unqualified (to correct)' },
  corrected: { zh: '已改正', en: 'Corrected' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
/** The states of a drill that was held. */
export const HELD_DRILL_STATUSES: readonly DrillStatus[] = ['done', 'reported', 'checkedQualified', 'checkedUnqualified', 'corrected'];

export const DRILL_ACTIONS = [
  'edit',
  'complete',
  'cancel',
  'evaluate',
  'report',
  'spotCheck',
  'correct',
  'problemToHazard',
  'problemToRevision',
  'addPhoto',
] as const;
export type DrillAction = (typeof DRILL_ACTIONS)[number];
export const DRILL_ACTION_LABELS: Record<DrillAction, Label> = {
  edit: { zh: '修改', en: 'Edit' },
  complete: { zh: '登记实施', en: 'Record as held' },
  cancel: { zh: '取消', en: 'Cancel' },
  evaluate: { zh: '填写评估报告', en: 'Write the evaluation' },
  report: { zh: '报送监管部门', en: 'Report to the regulator' },
  spotCheck: { zh: '抽查', en: 'Spot-check' },
  correct: { zh: '登记改正', en: 'Record the correction' },
  problemToHazard: { zh: '问题转隐患', en: 'Problem → hazard' },
  problemToRevision: { zh: '问题转预案修订', en: 'Problem → plan revision' },
  addPhoto: { zh: '上传照片', en: 'Add a photo' },
};

/** A problem found (评估报告 发现的问题), and what it became. */
export type DrillProblem = { no: number; text: string; hazardId: string | null; revisionTriggerId: string | null };

/** What the rules need of a drill. */
export type DrillView = {
  status: DrillStatus;
  ownerKind: DrillOwnerKind;
  enterpriseId: string | null;
  regionCode: string;
  evaluated: boolean;
  planId: string | null;
  problems: readonly DrillProblem[];
};

export const mayViewDrills = (a: Actor) =>
  hasRole(a, 'platformAdmin', 'gridWorker', 'departmentInspector') || isSupervisor(a) || isEnterpriseUser(a);
/** The regulators who spot-check reported drills: county and above (Decree 708 Art.8 ¶3 县级以上). */
export const maySpotCheckDrills = (a: Actor) =>
  hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor', 'departmentInspector');
/** Who records a government drill: supervisors and department inspectors of its region. */
export const mayRecordGovernmentDrills = (a: Actor) => isSupervisor(a) || hasRole(a, 'departmentInspector');

/** The unit's own people: an enterprise's accounts, or the government's people of the region. */
export function ownsDrill(a: Actor, v: Pick<DrillView, 'ownerKind' | 'enterpriseId' | 'regionCode'>): boolean {
  if (v.ownerKind === 'enterprise') return isEnterpriseUser(a) && !!v.enterpriseId && a.scope.enterpriseId === v.enterpriseId;
  return mayRecordGovernmentDrills(a) && v.regionCode.startsWith(a.scope.regionPrefix);
}
const regulates = (a: Actor, v: DrillView) => maySpotCheckDrills(a) && v.regionCode.startsWith(a.scope.regionPrefix);

export type DrillRefusal = { ok: false; reason: 'forbidden' | 'invalidState' | 'notNow'; message: Bilingual };
type Rule = {
  from: readonly DrillStatus[];
  may: (a: Actor, v: DrillView) => boolean;
  /** A condition beyond the state, with the message that names it. */
  when?: (v: DrillView) => Bilingual | null;
};

const needsEvaluation = (v: DrillView) => (v.evaluated ? null : { zh: '请先填写演练评估报告', en: 'Write the evaluation report first' });
const hasOpenProblem = (field: 'hazardId' | 'revisionTriggerId') => (v: DrillView) =>
  needsEvaluation(v) ??
  (v.problems.some((p) => p[field] === null)
    ? null
    : { zh: '评估报告中没有尚未处理的问题', en: 'No problem of the evaluation is left to act on' });

const RULES: Record<DrillAction, Rule> = {
  edit: { from: ['planned', 'done'], may: ownsDrill },
  complete: { from: ['planned'], may: ownsDrill },
  cancel: { from: ['planned'], may: ownsDrill },
  evaluate: { from: ['done'], may: ownsDrill },
  report: {
    from: ['done'],
    may: (a, v) => v.ownerKind === 'enterprise' && ownsDrill(a, v),
    when: needsEvaluation,
  },
  spotCheck: { from: ['reported'], may: (a, v) => v.ownerKind === 'enterprise' && regulates(a, v) },
  correct: { from: ['checkedUnqualified'], may: ownsDrill },
  problemToHazard: {
    from: HELD_DRILL_STATUSES,
    // A hazard is an enterprise's: a government drill's problems go to plan revisions.
    may: (a, v) => v.ownerKind === 'enterprise' && (ownsDrill(a, v) || regulates(a, v)),
    when: hasOpenProblem('hazardId'),
  },
  problemToRevision: {
    from: HELD_DRILL_STATUSES,
    may: ownsDrill,
    when: (v) =>
      v.planId ? hasOpenProblem('revisionTriggerId')(v) : { zh: '本次演练未关联平台上的预案', en: 'The drill exercised no plan held here' },
  },
  addPhoto: { from: ['planned', ...HELD_DRILL_STATUSES], may: ownsDrill },
};

const STATE_MESSAGE: Bilingual = { zh: '演练当前状态不能进行此操作', en: 'Not possible in the drill’s current state' };

/** Whether `action` may be taken now, or why not: not this person (403), not from this state or not yet (409). */
export function drillTransition(a: Actor, v: DrillView, action: DrillAction): { ok: true } | DrillRefusal {
  const r = RULES[action];
  if (!r.from.includes(v.status)) {
    const why: Bilingual =
      action === 'report' && v.status !== 'planned' && v.status !== 'cancelled'
        ? { zh: '该演练已报送', en: 'The drill is already reported' }
        : action === 'evaluate' && HELD_DRILL_STATUSES.includes(v.status)
          ? { zh: '已报送的评估报告不能再修改', en: 'A reported evaluation can no longer be changed' }
          : STATE_MESSAGE;
    return { ok: false, reason: 'invalidState', message: why };
  }
  if (!r.may(a, v)) return { ok: false, reason: 'forbidden', message: { zh: '无权进行此操作', en: 'Not allowed' } };
  const why = r.when?.(v);
  if (why) return { ok: false, reason: 'notNow', message: why };
  return { ok: true };
}

/** The buttons the drill's page shows this person now. */
export const drillAllowedActions = (a: Actor, v: DrillView) => DRILL_ACTIONS.filter((act) => drillTransition(a, v, act).ok);

/** What a step does to the status. */
export function drillNextStatus(action: DrillAction, status: DrillStatus, body: { qualified?: boolean } = {}): DrillStatus {
  switch (action) {
    case 'complete':
      return 'done';
    case 'cancel':
      return 'cancelled';
    case 'report':
      return 'reported';
    case 'spotCheck':
      return body.qualified ? 'checkedQualified' : 'checkedUnqualified';
    case 'correct':
      return 'corrected';
    default:
      return status;
  }
}

/** Whether a drill counts towards the frequency: held, and not found unqualified and left uncorrected. */
export const drillCounts = (status: DrillStatus) => HELD_DRILL_STATUSES.includes(status) && status !== 'checkedUnqualified';

// ---- bodies ---------------------------------------------------------------------------------------------

const text = (zh: string, en: string, max: number) =>
  z
    .string(bi(`请填写${zh}`, `Give the ${en}`))
    .trim()
    .min(1, bi(`请填写${zh}`, `Give the ${en}`))
    .max(max, bi(`最多 ${max} 个字符`, `At most ${max} characters`));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, bi(`最多 ${max} 个字符`, `At most ${max} characters`))
    .nullish();
const date = z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'Date is YYYY-MM-DD'));
const version = z.number(bi('缺少版本号', 'The version is missing')).int();
const uuid = z.uuid(bi('编号格式不正确', 'Invalid id'));

export const drillParticipantSchema = z.strictObject({
  name: text('姓名', 'name', 50),
  unit: optionalText(100),
});

const participants = z.array(drillParticipantSchema).max(500, bi('参演人员最多 500 人', 'At most 500 participants')).default([]);
const participantCount = z
  .number(bi('请填写参演人数', 'Give the number of participants'))
  .int(bi('请填写整数', 'Give a whole number'))
  .min(1, bi('参演人数至少 1 人', 'At least one participant'))
  .max(100000, bi('参演人数不能超过 100000', 'At most 100,000 participants'));

/** Fields every drill has, planned or held. */
const drillFields = {
  title: text('演练名称', 'title', 200),
  contentType: z.enum(DRILL_CONTENT_TYPES, bi('请选择演练内容类型（综合/单项）', 'Choose comprehensive or single-item')),
  form: z.enum(DRILL_FORMS, bi('请选择演练形式（实战/桌面）', 'Choose live or tabletop')),
  /** The plan exercised when it is held here (a plan of the unit), or … */
  planId: uuid.nullish(),
  /** … the name of a government department's plan that is not (e.g. 县政府危化品事故专项应急预案). */
  externalPlanName: optionalText(200),
  /** The plan type exercised when the plan is not held here. */
  planType: z.enum(DRILL_PLAN_TYPES, bi('未知的预案类型', 'Unknown plan type')).nullish(),
  plannedOn: date,
  place: optionalText(200),
  scenario: optionalText(4000),
};

export const drillCreateSchema = z
  .strictObject({
    ownerKind: z.enum(DRILL_OWNER_KINDS, bi('请选择演练单位类型', 'Choose the kind of unit')).default('enterprise'),
    enterpriseId: uuid.nullish(),
    /** A government drill: the region of the government (township, county …) and, for a department's, the department. */
    regionCode: z
      .string()
      .regex(/^\d{12}$/, bi('区划代码应为 12 位数字', 'The region code has 12 digits'))
      .nullish(),
    departmentId: uuid.nullish(),
    ...drillFields,
  })
  .superRefine((b, ctx) => {
    if (b.ownerKind === 'enterprise' && !b.enterpriseId)
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: bi('请选择演练单位', 'Choose the unit') });
    if (b.ownerKind === 'government' && !b.regionCode)
      ctx.addIssue({ code: 'custom', path: ['regionCode'], message: bi('请选择政府或部门所在区划', 'Choose the region') });
  });
export type DrillCreate = z.infer<typeof drillCreateSchema>;

export const DRILL_STEP_SCHEMAS = {
  edit: z.strictObject({ version, ...drillFields }),
  complete: z.strictObject({
    version,
    heldOn: date,
    place: text('演练地点', 'place', 200),
    participantCount,
    participants,
    scenario: optionalText(4000),
  }),
  cancel: z.strictObject({ version, reason: text('取消原因', 'reason', 1000) }),
  evaluate: z.strictObject({
    version,
    summary: text('评估总结', 'summary', 8000),
    result: z.enum(DRILL_RESULTS, bi('请选择评估结论', 'Choose the result')),
    problems: z
      .array(text('问题描述', 'problem', 1000))
      .max(50, bi('最多 50 个问题', 'At most 50 problems'))
      .default([]),
  }),
  report: z.strictObject({ version, note: optionalText(2000) }),
  spotCheck: z
    .strictObject({
      version,
      qualified: z.boolean(bi('请选择抽查结论', 'Say whether the drill is qualified')),
      note: text('抽查意见', 'finding', 2000),
      correctBy: date.nullish(),
    })
    .superRefine((b, ctx) => {
      if (!b.qualified && !b.correctBy)
        ctx.addIssue({
          code: 'custom',
          path: ['correctBy'],
          message: bi('不合格须写明改正期限', 'An unqualified drill needs a deadline to correct'),
        });
    }),
  correct: z.strictObject({ version, note: text('改正情况', 'correction', 2000) }),
  problemToHazard: z.strictObject({
    version,
    problemNo: z.number(bi('请选择问题', 'Choose the problem')).int().min(1, bi('请选择问题', 'Choose the problem')),
    level: z.enum(['general', 'major'], bi('请选择隐患等级', 'Choose the level')).default('general'),
    location: optionalText(200),
    deadline: date.nullish(),
  }),
  problemToRevision: z.strictObject({
    version,
    problemNo: z.number(bi('请选择问题', 'Choose the problem')).int().min(1, bi('请选择问题', 'Choose the problem')),
    /** Default: the plan the drill exercised. */
    planId: uuid.nullish(),
    note: optionalText(2000),
  }),
} as const;
export type DrillStepAction = keyof typeof DRILL_STEP_SCHEMAS;
export const DRILL_STEP_ACTIONS = Object.keys(DRILL_STEP_SCHEMAS) as DrillStepAction[];

/** The checks a body passes beyond its shape, given today's Beijing date: a field → message. */
export function drillDateProblems(action: DrillStepAction | 'create', body: Record<string, unknown>, today: string) {
  const out: Record<string, Bilingual> = {};
  if (action === 'complete' && typeof body.heldOn === 'string' && body.heldOn > today)
    out.heldOn = { zh: '实施日期不能晚于今天', en: 'The drill cannot be held in the future' };
  if (action === 'complete' && Array.isArray(body.participants) && typeof body.participantCount === 'number')
    if (body.participants.length > body.participantCount)
      out.participantCount = { zh: '参演人数不能少于名单人数', en: 'The count is below the names listed' };
  if (action === 'spotCheck' && typeof body.correctBy === 'string' && body.correctBy <= today)
    out.correctBy = { zh: '改正期限应晚于今天', en: 'The deadline must be after today' };
  return out;
}
