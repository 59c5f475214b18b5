// Working days in mainland China: Monday to Friday, except the public holidays (法定节假日及调休放假)
// the State Council announces each year, plus the make-up working days (调休上班) that fall on a
// Saturday or Sunday. The data below is the official arrangement, one block per year, checked
// against the text of each notice:
//   2024: 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023-10-25）
//   2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）
//   2026: 国务院办公厅关于2026年部分节假日安排的通知（2025-11-04，新华社全文）
// Years not listed count weekends only (Saturday and Sunday off, no holidays) until the admin
// enters them (the server keeps an editable copy, seeded from this data: migration 027).
import { z } from 'zod';

export const DAY_KINDS = ['holiday', 'workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const DAY_KIND_LABELS: Record<DayKind, { zh: string; en: string }> = {
  holiday: { zh: '放假', en: 'Holiday' },
  workday: { zh: '调休上班', en: 'Make-up working day' },
};

export const calendarDaySchema = z.object({
  date: z.iso.date(),
  kind: z.enum(DAY_KINDS),
  name: z.string().trim().min(1).max(50),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

/** A calendar to count in: the exceptions to "Monday–Friday work, Saturday–Sunday off". */
export type WorkingCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

export function calendarOf(days: readonly CalendarDay[]): WorkingCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  };
}

/** No holidays known: Saturdays and Sundays off. */
export const WEEKENDS_ONLY: WorkingCalendar = calendarOf([]);

// [name, first holiday, last holiday, make-up working days]
type Block = [string, string, string, string[]];
const OFFICIAL: Record<number, Block[]> = {
  2024: [
    ['元旦', '2024-01-01', '2024-01-01', []],
    ['春节', '2024-02-10', '2024-02-17', ['2024-02-04', '2024-02-18']],
    ['清明节', '2024-04-04', '2024-04-06', ['2024-04-07']],
    ['劳动节', '2024-05-01', '2024-05-05', ['2024-04-28', '2024-05-11']],
    ['端午节', '2024-06-10', '2024-06-10', []],
    ['中秋节', '2024-09-15', '2024-09-17', ['2024-09-14']],
    ['国庆节', '2024-10-01', '2024-10-07', ['2024-09-29', '2024-10-12']],
  ],
  2025: [
    ['元旦', '2025-01-01', '2025-01-01', []],
    ['春节', '2025-01-28', '2025-02-04', ['2025-01-26', '2025-02-08']],
    ['清明节', '2025-04-04', '2025-04-06', []],
    ['劳动节', '2025-05-01', '2025-05-05', ['2025-04-27']],
    ['端午节', '2025-05-31', '2025-06-02', []],
    ['国庆节、中秋节', '2025-10-01', '2025-10-08', ['2025-09-28', '2025-10-11']],
  ],
  2026: [
    ['元旦', '2026-01-01', '2026-01-03', ['2026-01-04']],
    ['春节', '2026-02-15', '2026-02-23', ['2026-02-14', '2026-02-28']],
    ['清明节', '2026-04-04', '2026-04-06', []],
    ['劳动节', '2026-05-01', '2026-05-05', ['2026-05-09']],
    ['端午节', '2026-06-19', '2026-06-21', []],
    ['中秋节', '2026-09-25', '2026-09-27', []],
    ['国庆节', '2026-10-01', '2026-10-07', ['2026-09-20', '2026-10-10']],
  ],
};

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const next = (s: string) => {
  const d = day(s);
  d.setUTCDate(d.getUTCDate() + 1);
  return ymd(d);
};

/** The official arrangement as days (every holiday day, every make-up working day), by date. */
export const OFFICIAL_CALENDAR_DAYS: readonly CalendarDay[] = Object.values(OFFICIAL)
  .flat()
  .flatMap(([name, first, last, workdays]) => {
    const out: CalendarDay[] = [];
    for (let d = first; d <= last; d = next(d)) out.push({ date: d, kind: 'holiday', name });
    for (const w of workdays) out.push({ date: w, kind: 'workday', name });
    return out;
  })
  .sort((a, b) => a.date.localeCompare(b.date));

/** The years whose arrangement is in OFFICIAL_CALENDAR_DAYS. */
export const OFFICIAL_CALENDAR_YEARS = Object.keys(OFFICIAL).map(Number);

export const OFFICIAL_CALENDAR: WorkingCalendar = calendarOf(OFFICIAL_CALENDAR_DAYS);

/** A make-up working day works; a holiday does not; otherwise Monday to Friday work. */
export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const wd = day(date).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/**
 * The n-th working day after `from` (dates YYYY-MM-DD). `from` itself is never counted, whether or
 * not it is a working day: a report received on Friday 2026-09-30 with n = 5 is due on the 5th
 * working day after it. n = 0 returns `from`.
 */
export function addWorkingDays(cal: WorkingCalendar, from: string, n: number): string {
  let d = from;
  let left = n;
  while (left > 0) {
    d = next(d);
    if (isWorkingDay(cal, d)) left--;
  }
  return d;
}

/**
 * The working days d with a < d ≤ b (a excluded, b included), so that
 * workingDaysBetween(cal, a, addWorkingDays(cal, a, n)) === n. Negative when b is before a.
 */
export function workingDaysBetween(cal: WorkingCalendar, a: string, b: string): number {
  if (b < a) return -workingDaysBetween(cal, b, a);
  let count = 0;
  for (let d = next(a); d <= b; d = next(d)) if (isWorkingDay(cal, d)) count++;
  return count;
}
