// 特种作业操作证 and the 合格证 of 主要负责人 / 安全管理人员 (STANDARDS-NEXT §8.3–8.4). The date rules
// are pure and work on calendar days ('YYYY-MM-DD', Beijing): a certificate is valid 6 years from
// its issue; it is reviewed (复审) every 3 years, or every 6 when the holder has worked the trade 10
// continuous years with a clean record (Art. 21); the review or renewal is applied for within the
// 60 days before it falls due (Art. 22); a holder off the job 6 months or more re-sits the practical
// test before working again.

/** The 11 categories of the 特种作业目录 (令第30号 annex), with the sub-items known from sources. */
export const SPECIAL_WORK_CATEGORIES = [
  {
    code: 'electrician',
    no: 1,
    zh: '电工作业',
    en: 'Electrical work',
    // The three items after 安监总人事〔2018〕18号 merged the electrician items.
    items: [
      { code: '1.1', zh: '高压电工作业', en: 'High-voltage (≥ 1 kV)' },
      { code: '1.2', zh: '低压电工作业', en: 'Low-voltage (< 1 kV)' },
      { code: '1.3', zh: '防爆电气作业', en: 'Explosion-proof electrical' },
    ],
  },
  // The items of categories 2–4 as the 令第30号 annex (特种作业目录) lists them; they are not in
  // STANDARDS-NEXT (UNCONFIRMED there): a certificate's item is free text, these are suggestions.
  {
    code: 'welding',
    no: 2,
    zh: '焊接与热切割作业',
    en: 'Welding and thermal cutting',
    items: [
      { code: '2.1', zh: '熔化焊接与热切割作业', en: 'Fusion welding and thermal cutting' },
      { code: '2.2', zh: '压力焊作业', en: 'Pressure welding' },
      { code: '2.3', zh: '钎焊作业', en: 'Brazing and soldering' },
    ],
  },
  {
    code: 'workAtHeight',
    no: 3,
    zh: '高处作业',
    en: 'Work at height',
    items: [
      { code: '3.1', zh: '登高架设作业', en: 'Scaffolding erection' },
      { code: '3.2', zh: '高处安装、维护、拆除作业', en: 'Installation, maintenance and dismantling at height' },
    ],
  },
  {
    code: 'refrigeration',
    no: 4,
    zh: '制冷与空调作业',
    en: 'Refrigeration and air conditioning',
    items: [
      { code: '4.1', zh: '制冷与空调设备运行操作作业', en: 'Operating refrigeration and air-conditioning plant' },
      { code: '4.2', zh: '制冷与空调设备安装修理作业', en: 'Installing and repairing refrigeration and air-conditioning plant' },
    ],
  },
  { code: 'coalMine', no: 5, zh: '煤矿安全作业', en: 'Coal mine safety work', items: [] },
  { code: 'metalNonMetalMine', no: 6, zh: '金属非金属矿山安全作业', en: 'Metal and non-metal mine safety work', items: [] },
  { code: 'oilGas', no: 7, zh: '石油天然气安全作业', en: 'Oil and gas safety work', items: [] },
  { code: 'metallurgy', no: 8, zh: '冶金（有色）生产安全作业', en: 'Metallurgical (non-ferrous) production', items: [] },
  { code: 'hazardousChemicals', no: 9, zh: '危险化学品安全作业', en: 'Hazardous chemicals safety work', items: [] },
  { code: 'fireworks', no: 10, zh: '烟花爆竹安全作业', en: 'Fireworks safety work', items: [] },
  { code: 'other', no: 11, zh: '安全监管总局认定的其他作业', en: 'Other work designated by the regulator', items: [] },
] as const;
export type SpecialWorkCategory = (typeof SPECIAL_WORK_CATEGORIES)[number]['code'];
export const SPECIAL_WORK_CODES = SPECIAL_WORK_CATEGORIES.map((c) => c.code) as [SpecialWorkCategory, ...SpecialWorkCategory[]];

export const CERTIFICATE_VALID_YEARS = 6;
export const REVIEW_INTERVAL_YEARS = 3;
export const EXTENDED_REVIEW_INTERVAL_YEARS = 6;
/** Continuous years in the trade that make a holder eligible for the 6-year review interval. */
export const EXTENDED_REVIEW_MIN_YEARS = 10;
/** Days before a review or expiry in which the application is made (Art. 22). */
export const DEFAULT_CERTIFICATE_WINDOW_DAYS = 60;
/** Months off the job after which the practical test is re-sat (secondary source: a setting). */
export const DEFAULT_OFF_JOB_RETEST_MONTHS = 6;

// ---- calendar days -------------------------------------------------------------------------------

const parts = (d: string) => d.split('-').map(Number) as [number, number, number];
const fmt = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The same day `n` months later; a day the month lacks becomes its last (Feb 29 → Feb 28, Aug 31 → Feb 28/29). */
export function addMonthsClamped(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return fmt(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}
export const addYearsClamped = (date: string, n: number) => addMonthsClamped(date, n * 12);

export function shiftCalendarDay(date: string, n: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function calendarDaysBetween(from: string, to: string): number {
  const [a, b, c] = parts(from);
  const [x, y, z] = parts(to);
  return Math.round((Date.UTC(x, y - 1, z) - Date.UTC(a, b - 1, c)) / 86_400_000);
}

/** Today's calendar day in Beijing. */
export const beijingCalendarToday = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

// ---- the windows -----------------------------------------------------------------------------

/**
 * Where a day stands against a due date: 'overdue' after it, 'window' on it or within the
 * `windowDays` before it (day 60 before is in, day 61 is not), 'ok' earlier.
 */
export function certificateDueState(due: string, today: string, windowDays = DEFAULT_CERTIFICATE_WINDOW_DAYS): 'ok' | 'window' | 'overdue' {
  const left = calendarDaysBetween(today, due);
  if (left < 0) return 'overdue';
  return left <= windowDays ? 'window' : 'ok';
}

export const CERTIFICATE_STATUSES = ['valid', 'reviewWindow', 'reviewOverdue', 'expiryWindow', 'expired', 'retestRequired'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, { zh: string; en: string }> = {
  valid: { zh: '有效', en: 'Valid' },
  reviewWindow: { zh: '待复审（60日内）', en: 'Review due within 60 days' },
  reviewOverdue: { zh: '逾期未复审', en: 'Review overdue' },
  expiryWindow: { zh: '即将到期（60日内）', en: 'Expires within 60 days' },
  expired: { zh: '已过期', en: 'Expired' },
  retestRequired: { zh: '离岗6个月以上须重新考试', en: 'Off the job 6+ months: re-test' },
};

export type SpecialCertificateInput = {
  issuedOn: string;
  /** The last review passed (复审), if any. */
  reviewedOn: string | null;
  /** The holder has 10 continuous years in the trade and a clean record, and the issuing body agreed (Art. 21). */
  extendedReview: boolean;
  /** The day the holder left the special-work post; null while on the job. */
  offJobSince: string | null;
};

export type CertificateState = {
  validTo: string;
  /** The next date something is owed: the review, or the renewal at expiry. */
  nextDue: string;
  nextDueKind: 'review' | 'renewal';
  daysToDue: number;
  status: CertificateStatus;
  retestRequired: boolean;
};

/**
 * The state of a 特种作业操作证 on `today`. The review falls 3 years after issue (6 with the
 * extended interval, i.e. at expiry, where renewal replaces it); a review passed on or after the
 * opening of its window counts. Off the job `offJobMonths` or more: a re-test before anything else.
 */
export function specialCertificateState(
  c: SpecialCertificateInput,
  today: string,
  opts: { windowDays?: number; offJobMonths?: number } = {},
): CertificateState {
  const windowDays = opts.windowDays ?? DEFAULT_CERTIFICATE_WINDOW_DAYS;
  const offJobMonths = opts.offJobMonths ?? DEFAULT_OFF_JOB_RETEST_MONTHS;
  const validTo = addYearsClamped(c.issuedOn, CERTIFICATE_VALID_YEARS);
  const reviewDue = addYearsClamped(c.issuedOn, c.extendedReview ? EXTENDED_REVIEW_INTERVAL_YEARS : REVIEW_INTERVAL_YEARS);
  const reviewDone = reviewDue === validTo || (!!c.reviewedOn && c.reviewedOn >= shiftCalendarDay(reviewDue, -windowDays));
  const nextDueKind = reviewDone ? 'renewal' : 'review';
  const nextDue = reviewDone ? validTo : reviewDue;
  const retestRequired = !!c.offJobSince && addMonthsClamped(c.offJobSince, offJobMonths) <= today;
  const s = certificateDueState(nextDue, today, windowDays);
  const expired = today > validTo;
  let status: CertificateStatus;
  // The most serious first: expired, a missed review, then the re-test, then the windows.
  if (expired) status = 'expired';
  else if (s === 'overdue' && nextDueKind === 'review') status = 'reviewOverdue';
  else if (retestRequired) status = 'retestRequired';
  else if (s === 'ok') status = 'valid';
  else if (nextDueKind === 'review') status = 'reviewWindow';
  else status = 'expiryWindow';
  return { validTo, nextDue, nextDueKind, daysToDue: calendarDaysBetween(today, nextDue), status, retestRequired };
}

/** Eligible for the 6-year interval: 10 continuous years in the trade (on the anniversary) and no violation. */
export function eligibleForExtendedReview(inTradeSince: string | null, cleanRecord: boolean, today: string): boolean {
  return !!inTradeSince && cleanRecord && addYearsClamped(inTradeSince, EXTENDED_REVIEW_MIN_YEARS) <= today;
}

/** The state of a 主要负责人/安全管理人员 合格证: valid to the date it carries, with the same 60-day window. */
export function qualificationState(validTo: string, today: string, windowDays = DEFAULT_CERTIFICATE_WINDOW_DAYS): CertificateState {
  const s = certificateDueState(validTo, today, windowDays);
  return {
    validTo,
    nextDue: validTo,
    nextDueKind: 'renewal',
    daysToDue: calendarDaysBetween(today, validTo),
    status: s === 'overdue' ? 'expired' : s === 'window' ? 'expiryWindow' : 'valid',
    retestRequired: false,
  };
}

/** A state that still allows the holder to work (in its window, not yet overdue). */
export const certificateUsable = (s: CertificateStatus) => s === 'valid' || s === 'reviewWindow' || s === 'expiryWindow';
/** A state a person must act on now. */
export const certificateNeedsAction = (s: CertificateStatus) => s !== 'valid';

/** 320102199001011234 → 320102********1234: region kept, birth date and sequence hidden. */
export function maskPersonIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 10) return `${s.slice(0, 2)}${'*'.repeat(Math.max(0, s.length - 4))}${s.slice(-2)}`;
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}
