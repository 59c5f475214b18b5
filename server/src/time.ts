// Dates as the platform writes and shows them: China Standard Time (Asia/Shanghai, UTC+8, no
// daylight saving), whatever time zone the server's machine runs in. The one place for date helpers.
import { isoFromPg } from './db/times.ts';

/** Today in China Standard Time, as deadlines are written: 2026-11-24. */
export const todayInShanghai = (now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);

/** A moment in Beijing time, as documents and exports show it: 2026-11-24 15:20:00. */
export function shanghaiTime(at: string | Date | null): string {
  if (at === null) return '—';
  return new Date(at).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });
}

/**
 * A `date` column as YYYY-MM-DD whatever the driver returns (PGlite and pg differ): pg makes a
 * date the local midnight of the server's time zone, whose UTC ISO string is the day before east
 * of Greenwich.
 */
export function dateOnly(d: string | Date | null): string | null {
  if (d === null) return null;
  if (typeof d === 'string') return d.slice(0, 10);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/** The moment a Beijing day starts (00:00 UTC+8), `plusDays` later, as ISO 8601: a date filter's bound on a timestamptz. */
export function beijingDayStart(day: string, plusDays = 0): string {
  const d = new Date(`${day}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString();
}

/**
 * A moment from the database as ISO 8601 in UTC, or null: what every API answer carries. Takes a
 * Date (pg) or PostgreSQL's text (PGlite, or a raw read: db/times.ts parses it without a Date).
 */
export function iso(d: string | Date | null | undefined): string | null {
  if (d === null || d === undefined || d === '') return null;
  return typeof d === 'string' ? isoFromPg(d) : d.toISOString();
}

/** A day as official documents print it: 2026年12月6日 (no leading zeros). */
export function chineseDate(day: string | Date): string {
  const d = typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : todayInShanghai(new Date(day));
  const [y, m, dd] = d.split('-').map(Number);
  return `${y}年${m}月${dd}日`;
}

/** A moment to the minute in Beijing time as documents print it: 2026年12月6日14时05分. */
export function chineseMinute(at: string | Date): string {
  const t = shanghaiTime(at);
  return `${chineseDate(t.slice(0, 10))}${Number(t.slice(11, 13))}时${t.slice(14, 16)}分`;
}
