// The working-day calendar (节假日安排): public holidays and 调休 working days, which deadlines
// counted in working days use through workingCalendar(db).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { calendarRoutes } from './routes.ts';

export { workingCalendar } from './working-calendar.ts';

export function registerCalendar(app: FastifyInstance, { db }: CapabilityDeps) {
  calendarRoutes(app, db);
}
