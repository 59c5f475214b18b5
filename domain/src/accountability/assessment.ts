// The yearly safety assessment of a jurisdiction (安全生产工作考核, issue 26 item 7): a scoring
// sheet out of 100 (百分制, 国办发〔2016〕64号) whose items and weights come from a template the
// level above keeps, a grade 优秀/良好/合格/不合格 by thresholds held as settings, and the sheet's
// workflow. Computed items have an exact formula here (pure: inputs → points) so the page, the
// server and the tests say the same; manual items are scored by hand with a note.
// The 64号 scoring sheet itself is UNCONFIRMED (STANDARDS-NEXT §8.2): the default template below is
// this platform's proposal, editable by each level above.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

// ---- items ------------------------------------------------------------------------------------

/** The items computed from the platform's records. */
export const ASSESSMENT_METRICS = [
  'hazardRectification',
  'hazardOnTime',
  'accidents',
  'deaths',
  'inspections',
  'reports',
  'alarms',
] as const;
export type AssessmentMetric = (typeof ASSESSMENT_METRICS)[number];

export const ASSESSMENT_METRIC_LABELS: Record<AssessmentMetric, { zh: string; en: string }> = {
  hazardRectification: { zh: '隐患整改率', en: 'Hazard rectification rate' },
  hazardOnTime: { zh: '隐患按期整改率', en: 'Hazards fixed on time' },
  accidents: { zh: '事故起数同比', en: 'Accidents against last year' },
  deaths: { zh: '死亡人数同比', en: 'Deaths against last year' },
  inspections: { zh: '执法检查计划完成率', en: 'Inspections done against the plan' },
  reports: { zh: '举报按期办结率', en: 'Public reports concluded on time' },
  alarms: { zh: '监测报警按时处置率', en: 'Alarms acknowledged on time' },
};

/** How each computed item turns its inputs into points (shown on the sheet beside the item). */
export const ASSESSMENT_FORMULAS: Record<AssessmentMetric, { zh: string; en: string }> = {
  hazardRectification: {
    zh: '得分 = 分值 × 年内发现且年底前销号的隐患数 ÷ 年内发现的隐患数；无隐患得满分',
    en: 'Points = weight × hazards found in the year and closed by its end ÷ hazards found; none found: full points',
  },
  hazardOnTime: {
    zh: '得分 = 分值 × 按期销号的隐患数 ÷ 整改期限在年内的隐患数；无到期隐患得满分',
    en: 'Points = weight × hazards closed by their deadline ÷ hazards due in the year; none due: full points',
  },
  accidents: {
    zh: '不多于上年得满分；多于上年时 得分 = 分值 × (1 − 增加起数 ÷ max(上年起数, 1))，最低 0 分',
    en: 'Not above last year: full points; above: weight × (1 − increase ÷ max(last year, 1)), at least 0',
  },
  deaths: {
    zh: '不多于上年得满分；多于上年时 得分 = 分值 × (1 − 增加人数 ÷ max(上年人数, 1))，最低 0 分',
    en: 'Not above last year: full points; above: weight × (1 − increase ÷ max(last year, 1)), at least 0',
  },
  inspections: {
    zh: '得分 = 分值 × min(1, 已完成检查数 ÷ 年度计划检查数)；无计划得满分',
    en: 'Points = weight × min(1, inspections done ÷ inspections planned); no plan: full points',
  },
  reports: {
    zh: '得分 = 分值 × 按期办结的举报数 ÷ 办结期限在年内的举报数；无到期举报得满分',
    en: 'Points = weight × reports concluded by their due day ÷ reports due in the year; none due: full points',
  },
  alarms: {
    zh: '得分 = 分值 × 在规定时限内确认的报警数 ÷ 年内报警数；无报警得满分',
    en: 'Points = weight × alarms acknowledged within the limit ÷ alarms raised in the year; none: full points',
  },
};

/** The figures behind the computed items, for one jurisdiction and year. */
export type AssessmentInputs = {
  hazards: { found: number; closed: number; due: number; closedOnTime: number };
  accidents: { current: number; previous: number };
  deaths: { current: number; previous: number };
  inspections: { planned: number; done: number };
  reports: { due: number; onTime: number };
  alarms: { raised: number; onTime: number };
};

/** Points rounded to two decimals (half away from zero on the cent, as a hand computation would). */
export const roundPoints = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/** weight × part ÷ whole; full points when there was nothing to count. */
export const ratePoints = (weight: number, part: number, whole: number) =>
  whole > 0 ? roundPoints((weight * Math.min(part, whole)) / whole) : weight;

/** Full points when not above last year; otherwise reduced by the share of the increase (floor 0). */
export function declinePoints(weight: number, current: number, previous: number): number {
  if (current <= previous) return weight;
  return roundPoints(weight * Math.max(0, 1 - (current - previous) / Math.max(previous, 1)));
}

/** The points of one computed item. */
export function metricPoints(metric: AssessmentMetric, weight: number, i: AssessmentInputs): number {
  switch (metric) {
    case 'hazardRectification':
      return ratePoints(weight, i.hazards.closed, i.hazards.found);
    case 'hazardOnTime':
      return ratePoints(weight, i.hazards.closedOnTime, i.hazards.due);
    case 'accidents':
      return declinePoints(weight, i.accidents.current, i.accidents.previous);
    case 'deaths':
      return declinePoints(weight, i.deaths.current, i.deaths.previous);
    case 'inspections':
      return ratePoints(weight, i.inspections.done, i.inspections.planned);
    case 'reports':
      return ratePoints(weight, i.reports.onTime, i.reports.due);
    case 'alarms':
      return ratePoints(weight, i.alarms.onTime, i.alarms.raised);
  }
}

/** The inputs a computed item shows beside its points (label → figure). */
export function metricInputs(metric: AssessmentMetric, i: AssessmentInputs): { key: string; value: number }[] {
  switch (metric) {
    case 'hazardRectification':
      return [
        { key: 'found', value: i.hazards.found },
        { key: 'closed', value: i.hazards.closed },
      ];
    case 'hazardOnTime':
      return [
        { key: 'due', value: i.hazards.due },
        { key: 'closedOnTime', value: i.hazards.closedOnTime },
      ];
    case 'accidents':
    case 'deaths':
      return [
        { key: 'current', value: i[metric].current },
        { key: 'previous', value: i[metric].previous },
      ];
    case 'inspections':
      return [
        { key: 'planned', value: i.inspections.planned },
        { key: 'done', value: i.inspections.done },
      ];
    case 'reports':
      return [
        { key: 'due', value: i.reports.due },
        { key: 'onTime', value: i.reports.onTime },
      ];
    case 'alarms':
      return [
        { key: 'raised', value: i.alarms.raised },
        { key: 'onTime', value: i.alarms.onTime },
      ];
  }
}

export const ASSESSMENT_INPUT_LABELS: Record<string, { zh: string; en: string }> = {
  found: { zh: '发现', en: 'Found' },
  closed: { zh: '已销号', en: 'Closed' },
  due: { zh: '到期', en: 'Due' },
  closedOnTime: { zh: '按期销号', en: 'Closed on time' },
  current: { zh: '本年', en: 'This year' },
  previous: { zh: '上年', en: 'Last year' },
  planned: { zh: '计划', en: 'Planned' },
  done: { zh: '完成', en: 'Done' },
  onTime: { zh: '按时', en: 'On time' },
  raised: { zh: '报警', en: 'Raised' },
};

// ---- the template -----------------------------------------------------------------------------

const itemKey = z
  .string()
  .regex(
    /^[a-z][a-zA-Z0-9]{0,39}$/,
    bi('项目代码为字母开头的字母数字（最多 40 个）', 'A key is letters and digits, starting with a letter (at most 40)'),
  );
const weight = z
  .number(bi('分值应为数字', 'The weight is a number'))
  .int(bi('分值应为整数', 'The weight is a whole number'))
  .min(1, bi('分值至少 1 分', 'At least 1 point'))
  .max(100, bi('分值最多 100 分', 'At most 100 points'));
const label = z.string().trim().min(1, bi('请填写项目名称', 'Give the item’s name')).max(60, bi('最多 60 个字符', 'At most 60 characters'));

export const assessmentItemSchema = z.discriminatedUnion('source', [
  z.object({ key: itemKey, source: z.literal('computed'), metric: z.enum(ASSESSMENT_METRICS), label, weight }).strict(),
  z.object({ key: itemKey, source: z.literal('manual'), label, weight }).strict(),
]);
export type AssessmentItem = z.infer<typeof assessmentItemSchema>;

/** A template's items: unique keys, each metric at most once, weights summing to 100 (百分制). */
export const assessmentItemsSchema = z
  .array(assessmentItemSchema)
  .min(1, bi('至少一个考核项目', 'At least one item'))
  .max(30, bi('最多 30 个考核项目', 'At most 30 items'))
  .superRefine((items, ctx) => {
    const keys = new Set<string>();
    const metrics = new Set<string>();
    items.forEach((it, n) => {
      if (keys.has(it.key)) ctx.addIssue({ code: 'custom', path: [n, 'key'], message: bi('项目代码重复', 'Duplicate key') });
      keys.add(it.key);
      if (it.source === 'computed') {
        if (metrics.has(it.metric))
          ctx.addIssue({ code: 'custom', path: [n, 'metric'], message: bi('计算项目重复', 'This computed item appears twice') });
        metrics.add(it.metric);
      }
    });
    const sum = items.reduce((s, it) => s + it.weight, 0);
    if (sum !== 100)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: bi(`各项分值合计应为 100 分（现为 ${sum} 分）`, `The weights must add up to 100 (now ${sum})`),
      });
  });

export const assessmentTemplateSchema = z.object({ items: assessmentItemsSchema, note: z.string().trim().max(200).optional() }).strict();

/** The levels assessed, each by the level above: counties by their city, cities by their province. */
export const ASSESSED_LEVELS = ['county', 'city'] as const;
export type AssessedLevel = (typeof ASSESSED_LEVELS)[number];

/**
 * The default sheet (this platform's proposal while the 64号 sheet is UNCONFIRMED): 70 points from
 * the records, 30 by hand under 64号's headings (健全责任体系, 依法治理, 安全预防与基础建设).
 */
export const DEFAULT_ASSESSMENT_ITEMS: AssessmentItem[] = [
  { key: 'hazardRectification', source: 'computed', metric: 'hazardRectification', label: '隐患整改率', weight: 15 },
  { key: 'hazardOnTime', source: 'computed', metric: 'hazardOnTime', label: '隐患按期整改率', weight: 10 },
  { key: 'accidents', source: 'computed', metric: 'accidents', label: '事故起数同比', weight: 15 },
  { key: 'deaths', source: 'computed', metric: 'deaths', label: '死亡人数同比', weight: 15 },
  { key: 'inspections', source: 'computed', metric: 'inspections', label: '执法检查计划完成率', weight: 5 },
  { key: 'reports', source: 'computed', metric: 'reports', label: '举报按期办结率', weight: 5 },
  { key: 'alarms', source: 'computed', metric: 'alarms', label: '监测报警按时处置率', weight: 5 },
  { key: 'responsibility', source: 'manual', label: '健全责任体系', weight: 10 },
  { key: 'lawBased', source: 'manual', label: '依法治理', weight: 10 },
  { key: 'prevention', source: 'manual', label: '安全预防与基础建设', weight: 10 },
];

// ---- the sheet --------------------------------------------------------------------------------

/** A manual item's score as given by the assessor. */
export type ManualScore = { points: number; note: string };

export const manualScoreSchema = z
  .object({
    points: z
      .number(bi('得分应为数字', 'Points are a number'))
      .min(0, bi('得分不能小于 0', 'At least 0'))
      .max(100, bi('得分不能大于 100', 'At most 100'))
      .refine((x) => Math.round(x * 100) === x * 100, bi('得分最多两位小数', 'At most two decimals')),
    note: z
      .string()
      .trim()
      .min(2, bi('请写明评分理由', 'Give the reason for the score'))
      .max(500, bi('最多 500 个字符', 'At most 500 characters')),
  })
  .strict();

export type SheetLine = {
  key: string;
  source: 'computed' | 'manual';
  metric: AssessmentMetric | null;
  label: string;
  weight: number;
  /** null: a manual item not scored yet. */
  points: number | null;
  note: string | null;
  inputs: { key: string; value: number }[];
};

export type ScoredSheet = { lines: SheetLine[]; total: number; complete: boolean };

/** The sheet's lines and total (the sum of the points given so far, two decimals). */
export function scoreSheet(items: readonly AssessmentItem[], inputs: AssessmentInputs, manual: Record<string, ManualScore>): ScoredSheet {
  const lines: SheetLine[] = items.map((it) => {
    if (it.source === 'computed')
      return {
        key: it.key,
        source: 'computed',
        metric: it.metric,
        label: it.label,
        weight: it.weight,
        points: metricPoints(it.metric, it.weight, inputs),
        note: null,
        inputs: metricInputs(it.metric, inputs),
      };
    const m = manual[it.key];
    return {
      key: it.key,
      source: 'manual',
      metric: null,
      label: it.label,
      weight: it.weight,
      points: m ? m.points : null,
      note: m?.note ?? null,
      inputs: [],
    };
  });
  const total = roundPoints(lines.reduce((s, l) => s + (l.points ?? 0), 0));
  return { lines, total, complete: lines.every((l) => l.points !== null) };
}

// ---- grades -----------------------------------------------------------------------------------

export const ASSESSMENT_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];
export const ASSESSMENT_GRADE_LABELS: Record<AssessmentGrade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
};

/** The lowest total of each grade (settings `assessment.grade*`). */
export type GradeThresholds = { excellent: number; good: number; pass: number };

/** The grade of a total: at or above a threshold earns that grade. */
export function gradeOf(total: number, t: GradeThresholds): AssessmentGrade {
  if (total >= t.excellent) return 'excellent';
  if (total >= t.good) return 'good';
  if (total >= t.pass) return 'pass';
  return 'fail';
}

// ---- workflow ---------------------------------------------------------------------------------

export const ASSESSMENT_STATUSES = ['draft', 'computed', 'adjusted', 'submitted', 'confirmed'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  computed: { zh: '已计算', en: 'Computed' },
  adjusted: { zh: '已评分', en: 'Scored' },
  submitted: { zh: '已报送', en: 'Submitted' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
};

/**
 * Each step and the states it starts from. compute keeps 'adjusted' (hand scores stay), score
 * makes it 'adjusted', return sends a submitted sheet back to 'adjusted'.
 */
export const ASSESSMENT_TRANSITIONS = {
  compute: { from: ['draft', 'computed', 'adjusted'] },
  score: { from: ['computed', 'adjusted'] },
  submit: { from: ['computed', 'adjusted'] },
  confirm: { from: ['submitted'] },
  return: { from: ['submitted'] },
  submitFixPlan: { from: ['confirmed'] },
} as const satisfies Record<string, { from: readonly AssessmentStatus[] }>;
export type AssessmentAction = keyof typeof ASSESSMENT_TRANSITIONS;
export const ASSESSMENT_ACTIONS = Object.keys(ASSESSMENT_TRANSITIONS) as AssessmentAction[];

/** The state after a step (null: refused from this state). */
export function assessmentNext(status: AssessmentStatus, action: AssessmentAction): AssessmentStatus | null {
  if (!(ASSESSMENT_TRANSITIONS[action].from as readonly AssessmentStatus[]).includes(status)) return null;
  switch (action) {
    case 'compute':
      return status === 'adjusted' ? 'adjusted' : 'computed';
    case 'score':
    case 'return':
      return 'adjusted';
    case 'submit':
      return 'submitted';
    case 'confirm':
      return 'confirmed';
    case 'submitFixPlan':
      return 'confirmed';
  }
}

export const ASSESSMENT_ACTION_LABELS: Record<AssessmentAction, { zh: string; en: string }> = {
  compute: { zh: '计算得分', en: 'Compute' },
  score: { zh: '人工评分', en: 'Score by hand' },
  submit: { zh: '报送', en: 'Submit' },
  confirm: { zh: '确认', en: 'Confirm' },
  return: { zh: '退回', en: 'Return' },
  submitFixPlan: { zh: '报送整改方案', en: 'Submit the fix plan' },
};

// ---- dates ------------------------------------------------------------------------------------

/** A Beijing day plus whole months; a day past the month's end is its last day (Jan 31 + 1 → Feb 28). */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A Beijing day plus days. */
export function addDaysToDay(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** 不合格: the written fix plan is owed within `months` of the confirmation (64号: 1 个月内). */
export const fixPlanDue = (confirmedOn: string, months: number) => addMonthsToDay(confirmedOn, months);

/** A fix plan not in by the end of its due day is overdue. */
export const fixPlanOverdue = (due: string | null, submitted: boolean, today: string) => !!due && !submitted && today > due;

/** The year's period in Beijing days. */
export const yearPeriod = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** A quarter's period in Beijing days (q 1..4). */
export function quarterPeriod(year: number, quarter: number) {
  const fromMonth = (quarter - 1) * 3 + 1;
  const toMonth = fromMonth + 2;
  const last = new Date(Date.UTC(year, toMonth, 0)).getUTCDate();
  return { from: `${year}-${String(fromMonth).padStart(2, '0')}-01`, to: `${year}-${String(toMonth).padStart(2, '0')}-${last}` };
}

/** The last quarter that has ended before `today` (a Beijing day). */
export function lastEndedQuarter(today: string): { year: number; quarter: number } {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return q === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: q - 1 };
}
