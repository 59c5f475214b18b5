// The working-day calendar the server counts deadlines in: read from calendar_days once per
// database and kept in memory; every edit through the calendar's commands drops the copy, so the
// next deadline counts in the edited calendar. Other modules call workingCalendar(db) and pass the
// result to the domain functions (addWorkingDays, workingDaysBetween, reportDeadlines).
// Several server processes on one PostgreSQL database: another process's edit is seen after
// CACHE_MS at the latest.
import { calendarOf, type WorkingCalendar } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { allDays } from './store.ts';

const CACHE_MS = 5 * 60_000;
const cache = new WeakMap<object, { at: number; calendar: Promise<WorkingCalendar> }>();

/** The calendar of this database (cached; `db` is the database, not a transaction). */
export function workingCalendar(db: Queryable): Promise<WorkingCalendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.calendar;
  const calendar = allDays(db).then(calendarOf);
  calendar.catch(() => cache.delete(db));
  cache.set(db, { at: Date.now(), calendar });
  return calendar;
}

/** Drop the cached copy (after an edit). */
export function forgetWorkingCalendar(db: Queryable): void {
  cache.delete(db);
}
