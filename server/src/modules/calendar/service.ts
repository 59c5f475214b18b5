// Commands on the working-day calendar: set a day (holiday or make-up working day) and remove one.
// Platform admin only, audited; each edit refreshes the cached calendar.

import type { Actor } from '@taishan/domain';
import { type CalendarDay, mayEditCalendar } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { deleteDay, findDayForUpdate, upsertDay } from './store.ts';
import { forgetWorkingCalendar } from './working-calendar.ts';

/** Set a day; `create` refuses a day already in the calendar (409), otherwise it is replaced. */
export async function setCalendarDay(db: Db, actor: Actor, day: CalendarDay, create: boolean): Promise<CalendarDay> {
  if (!mayEditCalendar(actor)) throw forbidden();
  await db.transaction(async (tx) => {
    const before = await findDayForUpdate(tx, day.date);
    if (before && create) throw conflict({ zh: '该日期已有安排', en: 'That date is already in the calendar' });
    await upsertDay(tx, day);
    await appendAudit(tx, actor, { action: 'calendarDay.set', entityType: 'calendarDay', entityId: day.date, before, after: day });
  });
  forgetWorkingCalendar(db);
  return day;
}

export async function removeCalendarDay(db: Db, actor: Actor, date: string): Promise<void> {
  if (!mayEditCalendar(actor)) throw forbidden();
  await db.transaction(async (tx) => {
    const before = await findDayForUpdate(tx, date);
    if (!before) throw notFound();
    await deleteDay(tx, date);
    await appendAudit(tx, actor, { action: 'calendarDay.delete', entityType: 'calendarDay', entityId: date, before });
  });
  forgetWorkingCalendar(db);
}
