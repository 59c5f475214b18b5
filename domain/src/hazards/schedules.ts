// Recurring self-inspection schedules (企业自查计划): an enterprise checks itself on a fixed
// rhythm — daily shift checks, weekly workshop checks, monthly and quarterly comprehensive
// checks (the rhythm 《安全生产事故隐患排查治理暂行规定》 and the 双重预防 guidance expect). These
// pure rules say when the next one falls due; the server's job turns due schedules into planned
// inspections.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

export const SCHEDULE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];
export const SCHEDULE_FREQUENCY_LABELS: Record<ScheduleFrequency, { zh: string; en: string }> = {
  daily: { zh: '每日', en: 'Daily' },
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
};

const MONTHS: Record<ScheduleFrequency, number> = { daily: 0, weekly: 0, monthly: 1, quarterly: 3 };

/** YYYY-MM-DD of a UTC date (dates here are calendar days; no time zone enters). */
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);

/**
 * The `n`-th occurrence of a schedule that starts on `start` (n = 0 is `start` itself). Months
 * keep the start's day, clamped to the month's length, and are counted from the start, not from
 * the previous occurrence — so a schedule starting on 31 January falls on 28/29 February and
 * then on 31 March again, never drifting to the 28th.
 */
export function occurrence(start: string, frequency: ScheduleFrequency, n: number): string {
  const s = parse(start);
  if (frequency === 'daily') return ymd(new Date(s.getTime() + n * 86_400_000));
  if (frequency === 'weekly') return ymd(new Date(s.getTime() + n * 7 * 86_400_000));
  const months = s.getUTCMonth() + n * MONTHS[frequency];
  const year = s.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return ymd(new Date(Date.UTC(year, month, Math.min(s.getUTCDate(), lastDay))));
}

/**
 * What a schedule owes on `today`, given the index of its next occurrence: the occurrence to plan
 * now (the latest one due — a schedule that was not run for a while plans one inspection for the
 * missed period, not a backlog), and the index of the first occurrence after today.
 */
export function dueOccurrence(
  start: string,
  frequency: ScheduleFrequency,
  nextIndex: number,
  today: string,
): { plan: string | null; nextIndex: number } {
  let n = nextIndex;
  let plan: string | null = null;
  // Bounded: a daily schedule idle for 10 years is 3,650 steps.
  while (occurrence(start, frequency, n) <= today && n < nextIndex + 5000) {
    plan = occurrence(start, frequency, n);
    n++;
  }
  return { plan, nextIndex: n };
}

/** The index of the first occurrence on or after `today` (resuming a paused schedule skips the pause). */
export function resumeIndex(start: string, frequency: ScheduleFrequency, nextIndex: number, today: string): number {
  let n = nextIndex;
  while (occurrence(start, frequency, n) < today && n < nextIndex + 5000) n++;
  return n;
}

const date = z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'Date is YYYY-MM-DD'));

export const scheduleInputSchema = z.strictObject({
  enterpriseId: z.uuid(),
  checklistCode: z.string().min(1).max(60),
  frequency: z.enum(SCHEDULE_FREQUENCIES),
  startDate: date,
  inspectorId: z.uuid().nullish(),
  name: z.string().trim().min(1).max(100),
});

export const schedulePatchSchema = z.strictObject({
  active: z.boolean(),
  version: z.number().int().min(1).optional(),
});
