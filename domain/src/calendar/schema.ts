// The calendar API's responses (server/src/modules/calendar), typed once for the web.
import { z } from 'zod';
import { calendarDaySchema } from './working-days.ts';

/** A year's holidays and make-up working days, and whether the caller may edit them. */
export const calendarYearSchema = z.object({
  year: z.number(),
  items: z.array(calendarDaySchema),
  total: z.number(),
  allowedActions: z.array(z.enum(['edit'])),
});
export type CalendarYear = z.infer<typeof calendarYearSchema>;
