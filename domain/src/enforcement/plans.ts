// The annual enforcement plan (年度监督检查计划, issue 24 item 2) and campaigns (专项整治 / 攻坚行动).
// 安全生产法 Art. 62 ¶2: the department draws up its yearly plan 按照分类分级监督管理要求 and carries
// it out. Method (STANDARDS-NEXT §2.2, 安监总政法〔2017〕150号 and the 宽城区/鹰潭 plans):
//   - 重点检查 (key): the enterprises of the higher classes are inspected by name, every one of them
//     (全覆盖), as often as their class's yearly frequency says, in months spread over the year;
//   - 一般检查 (general): the rest are inspected through 双随机 draws — the plan lists them with their
//     frequency, and expects the draws to reach `generalDrawPercent` of those inspections;
//   - 工作日测算: available officer-days = certified officers × working days of the year × the share
//     of working days for inspections; required = inspections × days per inspection × 2 officers
//     (行政处罚法 Art. 42: 不得少于两人). Required above available is a shortfall the page shows.
// Frequencies, the key-class cut-off, the draw share, the inspection share and the days per
// inspection are province settings (provisional defaults, domain/src/settings/registry.ts).
import { z } from 'zod';
import { type Actor, hasRole, isAdmin } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';
import { isIndustryCode } from '../industries/gbt4754.ts';
import { SUPERVISION_CLASSES, type SupervisionClass } from './classes.ts';
import { isEnforcer } from './policy.ts';

export const PLAN_ITEM_KINDS = ['key', 'general'] as const;
export type PlanItemKind = (typeof PLAN_ITEM_KINDS)[number];
export const PLAN_ITEM_KIND_LABELS: Record<PlanItemKind, { zh: string; en: string }> = {
  key: { zh: '重点检查', en: 'Key (by name)' },
  general: { zh: '一般检查（双随机）', en: 'General (random draws)' },
};

/** An officer of a two-person team; an inspection takes this many officers (行政处罚法 Art. 42). */
export const OFFICERS_PER_INSPECTION = 2;

export type PlanSettings = {
  /** Yearly inspections per class. */
  frequency: Record<SupervisionClass, number>;
  /** Classes from this one up are key (重点, inspected by name); below, general (双随机). */
  keyClassFrom: SupervisionClass;
  /** Share (%) of the general enterprises' inspections the draws are expected to reach. */
  generalDrawPercent: number;
  /** Share (%) of the officers' working days available for inspections. */
  inspectionSharePercent: number;
  /** Working days a two-officer team spends on one inspection (preparation and papers included). */
  daysPerInspection: number;
};

export type ClassedEnterprise = { enterpriseId: string; class: SupervisionClass };

export type GeneratedItem = {
  enterpriseId: string;
  class: SupervisionClass;
  kind: PlanItemKind;
  plannedCount: number;
  /** Months (1–12) of the planned inspections of a key item, one entry per inspection; [] for general. */
  months: number[];
};

const classRank = (c: SupervisionClass) => SUPERVISION_CLASSES.indexOf(c);
export const isKeyClass = (c: SupervisionClass, from: SupervisionClass) => classRank(c) >= classRank(from);

/**
 * `n` inspections spread evenly over the twelve months, the first shifted by `offset` so that the
 * enterprises of one class do not all fall in January: n = 2, offset 0 → [1, 7]; offset 1 → [2, 8].
 * More than twelve a year repeat months.
 */
export function spreadMonths(n: number, offset: number): number[] {
  if (n <= 0) return [];
  const step = 12 / n;
  const shift = Math.max(1, Math.floor(step));
  const start = offset % shift;
  const months: number[] = [];
  for (let i = 0; i < n; i++) months.push((Math.floor(start + i * step) % 12) + 1);
  return months.sort((a, b) => a - b);
}

/** The plan's items: one per enterprise, key or general by class, with planned count and months. */
export function generatePlanItems(enterprises: readonly ClassedEnterprise[], s: Pick<PlanSettings, 'frequency' | 'keyClassFrom'>) {
  const perClass: Record<SupervisionClass, number> = { A: 0, B: 0, C: 0, D: 0 };
  return enterprises.map((e): GeneratedItem => {
    const kind: PlanItemKind = isKeyClass(e.class, s.keyClassFrom) ? 'key' : 'general';
    const plannedCount = s.frequency[e.class];
    const offset = perClass[e.class]++;
    return {
      enterpriseId: e.enterpriseId,
      class: e.class,
      kind,
      plannedCount,
      months: kind === 'key' ? spreadMonths(plannedCount, offset) : [],
    };
  });
}

export type PlanTotals = {
  keyEnterprises: number;
  generalEnterprises: number;
  keyInspections: number;
  /** Σ planned of the general items (what full coverage would take). */
  generalInspections: number;
  /** What the draws are expected to reach: ceil(generalInspections × generalDrawPercent / 100). */
  expectedGeneralInspections: number;
  plannedInspections: number;
};

export function planTotals(items: readonly { kind: PlanItemKind; plannedCount: number }[], generalDrawPercent: number): PlanTotals {
  let keyEnterprises = 0;
  let generalEnterprises = 0;
  let keyInspections = 0;
  let generalInspections = 0;
  for (const i of items) {
    if (i.kind === 'key') {
      keyEnterprises++;
      keyInspections += i.plannedCount;
    } else {
      generalEnterprises++;
      generalInspections += i.plannedCount;
    }
  }
  const expectedGeneralInspections = Math.ceil((generalInspections * generalDrawPercent) / 100);
  return {
    keyEnterprises,
    generalEnterprises,
    keyInspections,
    generalInspections,
    expectedGeneralInspections,
    plannedInspections: keyInspections + expectedGeneralInspections,
  };
}

export type Capacity = {
  officers: number;
  workingDays: number;
  inspectionSharePercent: number;
  daysPerInspection: number;
  /** officers × workingDays × share, in officer-days (rounded down). */
  availableDays: number;
  /** planned inspections × daysPerInspection × 2 officers. */
  requiredDays: number;
  ok: boolean;
  /** requiredDays − availableDays when short, else 0. */
  shortfallDays: number;
};

/** 工作日测算: whether the officers' inspection days cover the planned inspections. */
export function checkCapacity(c: {
  officers: number;
  workingDays: number;
  inspectionSharePercent: number;
  daysPerInspection: number;
  plannedInspections: number;
}): Capacity {
  const availableDays = Math.floor((c.officers * c.workingDays * c.inspectionSharePercent) / 100);
  const requiredDays = c.plannedInspections * c.daysPerInspection * OFFICERS_PER_INSPECTION;
  return {
    officers: c.officers,
    workingDays: c.workingDays,
    inspectionSharePercent: c.inspectionSharePercent,
    daysPerInspection: c.daysPerInspection,
    availableDays,
    requiredDays,
    ok: requiredDays <= availableDays,
    shortfallDays: Math.max(0, requiredDays - availableDays),
  };
}

// ---- the plan's life ------------------------------------------------------------------------

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审批', en: 'Submitted' },
  approved: { zh: '已批准', en: 'Approved' },
  published: { zh: '已公布', en: 'Published' },
};

export const PLAN_ACTIONS = ['generate', 'edit', 'submit', 'approve', 'publish', 'revise', 'schedule'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];
export const PLAN_ACTION_LABELS: Record<PlanAction, { zh: string; en: string }> = {
  generate: { zh: '重新生成', en: 'Regenerate' },
  edit: { zh: '编辑', en: 'Edit' },
  submit: { zh: '提交审批', en: 'Submit' },
  approve: { zh: '批准', en: 'Approve' },
  publish: { zh: '公布', en: 'Publish' },
  revise: { zh: '退回修改', en: 'Back to draft' },
  schedule: { zh: '安排检查', en: 'Schedule an inspection' },
};

/** Supervisors of the county's government line (county and above) approve, publish and revise. */
const isPlanApprover = (a: Actor) => hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor');

/**
 * What `actor` may do to a plan in its state: the county's line (county, city, province
 * supervisors) prepares (generate, edit, submit) a draft; a supervisor other than the one who submitted it approves it (four eyes); a
 * supervisor publishes an approved plan, or sends a submitted or approved one back to draft;
 * a published plan is fixed and its key items are scheduled.
 */
export function planActions(actor: Actor, plan: { status: PlanStatus; submittedBy: string | null }): PlanAction[] {
  if (!isEnforcer(actor)) return [];
  switch (plan.status) {
    case 'draft':
      // A county plan covers every industry: prepared by the county's line, not by a department.
      return isPlanApprover(actor) ? ['generate', 'edit', 'submit'] : [];
    case 'submitted':
      if (!isPlanApprover(actor)) return [];
      return plan.submittedBy === actor.id ? ['revise'] : ['approve', 'revise'];
    case 'approved':
      return isPlanApprover(actor) ? ['publish', 'revise'] : [];
    case 'published':
      return ['schedule'];
  }
}

/** The status a plan action leads to (edit, generate and schedule keep it). */
export const PLAN_TRANSITIONS: Partial<Record<PlanAction, PlanStatus>> = {
  submit: 'submitted',
  approve: 'approved',
  publish: 'published',
  revise: 'draft',
};

// ---- monthly progress -----------------------------------------------------------------------

export type MonthProgress = { month: number; planned: number; done: number; cumulativePlanned: number; cumulativeDone: number };

/**
 * Planned against done per month: key items at their months; the expected general inspections
 * spread evenly (the remainder in the last months); `done[m - 1]` the inspections carried out in
 * month m (from the plan's items and the draws).
 */
export function monthlyProgress(
  items: readonly { kind: PlanItemKind; months: readonly number[] }[],
  expectedGeneral: number,
  done: readonly number[],
): MonthProgress[] {
  const planned = new Array<number>(12).fill(0);
  for (const i of items) if (i.kind === 'key') for (const m of i.months) planned[m - 1] = (planned[m - 1] ?? 0) + 1;
  const base = Math.floor(expectedGeneral / 12);
  const rest = expectedGeneral - base * 12;
  for (let m = 0; m < 12; m++) planned[m] = (planned[m] ?? 0) + base + (m >= 12 - rest ? 1 : 0);
  let cp = 0;
  let cd = 0;
  return planned.map((p, i) => {
    const d = done[i] ?? 0;
    cp += p;
    cd += d;
    return { month: i + 1, planned: p, done: d, cumulativePlanned: cp, cumulativeDone: cd };
  });
}

// ---- records and requests -------------------------------------------------------------------

export const capacitySchema = z.object({
  officers: z.number(),
  workingDays: z.number(),
  inspectionSharePercent: z.number(),
  daysPerInspection: z.number(),
  availableDays: z.number(),
  requiredDays: z.number(),
  ok: z.boolean(),
  shortfallDays: z.number(),
});

export const planTotalsSchema = z.object({
  keyEnterprises: z.number(),
  generalEnterprises: z.number(),
  keyInspections: z.number(),
  generalInspections: z.number(),
  expectedGeneralInspections: z.number(),
  plannedInspections: z.number(),
});

export const planSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  countyName: z.string().nullable(),
  year: z.number(),
  status: z.enum(PLAN_STATUSES),
  generalDrawPercent: z.number(),
  totals: planTotalsSchema,
  capacity: capacitySchema,
  submittedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  allowedActions: z.array(z.enum(PLAN_ACTIONS)),
});
export type Plan = z.infer<typeof planSchema>;

export const planItemSchema = z.object({
  id: z.string(),
  planId: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  industryCode: z.string(),
  class: z.enum(SUPERVISION_CLASSES),
  kind: z.enum(PLAN_ITEM_KINDS),
  plannedCount: z.number(),
  months: z.array(z.number()),
  scheduled: z.number(),
  done: z.number(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

export const monthProgressSchema = z.object({
  month: z.number(),
  planned: z.number(),
  done: z.number(),
  cumulativePlanned: z.number(),
  cumulativeDone: z.number(),
});

export const planListQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const yearSchema = z
  .number({ message: bi('请填写年度', 'The year is required') })
  .int()
  .min(2000, bi('年度不能早于 2000', 'Not before 2000'))
  .max(2100, bi('年度不能晚于 2100', 'Not after 2100'));

export const planGenerateSchema = z.strictObject({
  year: yearSchema,
  /** The county (6 digits); default: the caller's own county. */
  countyCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, bi('县级区划代码应为 6 位数字', 'A county code has 6 digits'))
    .optional(),
});

export const planItemsQuerySchema = z.object({
  kind: z.enum(PLAN_ITEM_KINDS).optional(),
  class: z.enum(SUPERVISION_CLASSES).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const planItemPatchSchema = z
  .strictObject({
    kind: z.enum(PLAN_ITEM_KINDS).optional(),
    plannedCount: z
      .number()
      .int(bi('应为整数', 'A whole number'))
      .min(0, bi('不能小于 0', 'At least 0'))
      .max(52, bi('每年最多 52 次', 'At most 52 a year'))
      .optional(),
    months: z
      .array(z.number().int().min(1, bi('月份为 1–12', 'Months are 1–12')).max(12, bi('月份为 1–12', 'Months are 1–12')))
      .max(52)
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.months && p.plannedCount !== undefined && p.kind !== 'general' && p.months.length !== p.plannedCount)
      ctx.addIssue({ code: 'custom', path: ['months'], message: bi('月份数应等于计划次数', 'One month per planned inspection') });
  });

export const planTransitionSchema = z.strictObject({
  action: z.enum(['submit', 'approve', 'publish', 'revise']),
  version: z.number().int().min(1).optional(),
  note: z.string().trim().max(500).optional(),
});

export const scheduleInspectionSchema = z.strictObject({
  officerIds: z
    .array(z.uuid({ message: bi('执法人员编号无效', 'Invalid officer id') }))
    .length(2, bi('应选择两名持证执法人员', 'Choose two certified officers'))
    .refine((a) => new Set(a).size === a.length, bi('两名执法人员不能相同', 'Two different officers')),
  plannedOn: z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'A date YYYY-MM-DD')),
});

export const progressSchema = z.object({
  months: z.array(monthProgressSchema),
  planned: z.number(),
  done: z.number(),
});

// ---- campaigns ------------------------------------------------------------------------------

export const CAMPAIGN_KINDS = ['special', 'tough'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_KIND_LABELS: Record<CampaignKind, { zh: string; en: string }> = {
  special: { zh: '专项整治', en: 'Special rectification' },
  tough: { zh: '攻坚行动', en: 'Crackdown' },
};

export const campaignInputSchema = z
  .strictObject({
    name: z
      .string({ message: bi('请填写名称', 'A name is required') })
      .trim()
      .min(2, bi('名称至少 2 个字', 'At least 2 characters'))
      .max(100, bi('名称最多 100 个字', 'At most 100 characters')),
    kind: z.enum(CAMPAIGN_KINDS, { message: bi('请选择专项整治或攻坚行动', 'Choose a kind') }),
    startsOn: z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'A date YYYY-MM-DD')),
    endsOn: z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'A date YYYY-MM-DD')),
    /** GB/T 4754 divisions (2 digits) or finer codes the campaign covers; [] for every industry. */
    industries: z
      .array(z.string().trim().refine(isIndustryCode, bi('行业代码不在 GB/T 4754-2017 中', 'Not a GB/T 4754-2017 industry code')))
      .max(100)
      .default([])
      .transform((a) => [...new Set(a)]),
    targets: z
      .string({ message: bi('请填写目标任务', 'Targets are required') })
      .trim()
      .min(2, bi('请填写目标任务', 'Targets are required'))
      .max(2000, bi('最多 2000 个字', 'At most 2000 characters')),
    checklistId: z.uuid({ message: bi('检查表编号无效', 'Invalid checklist id') }).nullish(),
  })
  .superRefine((c, ctx) => {
    if (c.startsOn && c.endsOn && c.endsOn < c.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: bi('结束日期不能早于开始日期', 'Ends before it starts') });
  });
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export type CampaignPhase = 'upcoming' | 'running' | 'ended';
export const CAMPAIGN_PHASE_LABELS: Record<CampaignPhase, { zh: string; en: string }> = {
  upcoming: { zh: '未开始', en: 'Upcoming' },
  running: { zh: '进行中', en: 'Running' },
  ended: { zh: '已结束', en: 'Ended' },
};
export const campaignPhase = (c: { startsOn: string; endsOn: string }, today: string): CampaignPhase =>
  today < c.startsOn ? 'upcoming' : today > c.endsOn ? 'ended' : 'running';

export const campaignSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  name: z.string(),
  kind: z.enum(CAMPAIGN_KINDS),
  startsOn: z.string(),
  endsOn: z.string(),
  industries: z.array(z.string()),
  targets: z.string(),
  checklistId: z.string().nullable(),
  phase: z.enum(['upcoming', 'running', 'ended']),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  progress: z.object({
    inspections: z.number(),
    inspectionsDone: z.number(),
    hazards: z.number(),
    hazardsClosed: z.number(),
  }),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** May create a campaign: the enforcing organ and its supervisors. */
export const mayCreateCampaign = (a: Actor) => isEnforcer(a);
/** May read plans' and campaigns' pages (the platform admin reads everything). */
export const mayReadCampaigns = (a: Actor) => isAdmin(a) || isEnforcer(a);
