// Who may change the working-day calendar (节假日安排): the platform admin only. Anyone logged in
// may read it (every deadline counted in working days depends on it).
import { type Actor, isAdmin } from '../auth/roles.ts';

export const mayEditCalendar = (actor: Actor) => isAdmin(actor);

/** What the user may do with the calendar (sent in /api/v1/me). */
export function calendarAbilities(actor: Actor): Record<string, boolean> {
  return { 'calendar.edit': mayEditCalendar(actor) };
}
