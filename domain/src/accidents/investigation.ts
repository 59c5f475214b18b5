// An accident's life after its report (493 Art. 19–34; 安全生产法 Art. 86): the government of the
// grade's level investigates (a higher one may take over), the team reports within 60 days of the
// accident, extended once by at most 60 days, technical appraisal not counting (Art. 27); the
// report is approved within 15 days of receipt (30 for 特别重大, Art. 32), published, and the
// fixes are evaluated within a year of the approval (Art. 86 ¶3).
import type { AccidentGrade } from '../whistleblowing/rewards.ts';
import type { ChainLevel } from './grades.ts';

export const ACCIDENT_STATUSES = ['reporting', 'investigating', 'submitted', 'approved', 'published', 'closed'] as const;
export type AccidentStatus = (typeof ACCIDENT_STATUSES)[number];
export const ACCIDENT_STATUS_LABELS: Record<AccidentStatus, { zh: string; en: string }> = {
  reporting: { zh: '报告中', en: 'reporting' },
  investigating: { zh: '调查中', en: 'investigating' },
  submitted: { zh: '调查报告待批复', en: 'report awaiting approval' },
  approved: { zh: '已批复', en: 'approved' },
  published: { zh: '已公开', en: 'published' },
  closed: { zh: '已结案（整改评估完成）', en: 'closed (fixes evaluated)' },
};

/** Steps that move the accident from one status to the next. */
export const ACCIDENT_TRANSITIONS = {
  startInvestigation: { from: ['reporting'], to: 'investigating' },
  submitReport: { from: ['investigating'], to: 'submitted' },
  returnReport: { from: ['submitted'], to: 'investigating' },
  approve: { from: ['submitted'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
  evaluate: { from: ['published'], to: 'closed' },
} as const satisfies Record<string, { from: readonly AccidentStatus[]; to: AccidentStatus }>;
export type AccidentTransition = keyof typeof ACCIDENT_TRANSITIONS;

export const INVESTIGATION_DAYS = 60;
export const MAX_EXTENSION_DAYS = 60;
const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
const ms = (t: string | Date) => (typeof t === 'string' ? Date.parse(t) : t.getTime());

/** A technical appraisal (技术鉴定): the time it takes does not count against the deadline. */
export type Pause = { from: string; to: string | null };

export type InvestigationClock = {
  dueAt: string;
  /** Whole days paused so far (an open pause counts up to now). */
  pausedDays: number;
  paused: boolean;
  overdue: boolean;
  /** Days left (negative when overdue), rounded down. */
  remainingDays: number;
};

/** The report's deadline: 60 days from the accident, plus the extension, plus the appraisal pauses. */
export function investigationClock(
  a: { occurredAt: string; extensionDays: number; pauses: readonly Pause[]; submittedAt?: string | null },
  now: Date,
): InvestigationClock {
  const paused = a.pauses.some((p) => !p.to);
  const pausedMs = a.pauses.reduce((s, p) => s + Math.max(0, ms(p.to ?? now) - ms(p.from)), 0);
  const due = ms(a.occurredAt) + (INVESTIGATION_DAYS + a.extensionDays) * DAY + pausedMs;
  const at = a.submittedAt ? ms(a.submittedAt) : now.getTime();
  return {
    dueAt: new Date(due).toISOString(),
    pausedDays: Math.floor(pausedMs / DAY),
    paused,
    overdue: !paused && at > due,
    remainingDays: Math.floor((due - at) / DAY),
  };
}

/** Art. 29: one extension, 1–60 days, approved by the investigating government. */
export function extensionCheck(current: number, days: number): string | null {
  if (current > 0) return '调查期限只能延长一次||The deadline can be extended once';
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) return '延长期限为 1–60 日||An extension is 1 to 60 days';
  return null;
}

/** Art. 32: days to approve the report from its receipt. */
export const approvalDays = (g: AccidentGrade) => (g === 'especiallySerious' ? 30 : 15);
export const approvalDue = (g: AccidentGrade, submittedAt: string) => new Date(ms(submittedAt) + approvalDays(g) * DAY).toISOString();
/** 安全生产法 Art. 86 ¶3: the evaluation of the fixes, within a year of the approval. */
export function evaluationDue(approvedAt: string): string {
  // The same Beijing date a year on; an approval on 29 February is due on the 28th (民法典 Art. 202: no
  // corresponding day → the month's last day).
  const d = new Date(ms(approvedAt) + BEIJING);
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return new Date(d.getTime() - BEIJING).toISOString();
}

/** The sections of an investigation report (Art. 30), each a field. */
export const REPORT_SECTIONS = ['unit', 'course', 'casualties', 'cause', 'responsibility', 'measures', 'rescue'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const REPORT_SECTION_LABELS: Record<ReportSection, { zh: string; en: string }> = {
  unit: { zh: '事故发生单位概况', en: 'The unit' },
  course: { zh: '事故发生经过和事故救援情况', en: 'What happened and the rescue' },
  casualties: { zh: '人员伤亡和直接经济损失', en: 'Casualties and direct loss' },
  cause: { zh: '事故发生的原因和事故性质', en: 'Causes and nature' },
  responsibility: { zh: '事故责任的认定以及对事故责任者的处理建议', en: 'Responsibility and proposed sanctions' },
  measures: { zh: '事故防范和整改措施', en: 'Prevention and fixes' },
  rescue: { zh: '应急救援评估（《生产安全事故应急条例》第二十七条）', en: 'Evaluation of the emergency response (Decree 708 Art. 27)' },
};

/** 安全生产法 Art. 95: the principal's fine as a share of last year's income, by grade. */
export const PRINCIPAL_INCOME_SHARE: Record<AccidentGrade, number> = { ordinary: 0.4, major: 0.6, serious: 0.8, especiallySerious: 1 };

/** A level's organ may take over an investigation from a lower one (Art. 20), not the reverse. */
export const mayTakeOver = (actorLevel: ChainLevel, current: ChainLevel) =>
  ['county', 'city', 'province', 'national'].indexOf(actorLevel) > ['county', 'city', 'province', 'national'].indexOf(current);
