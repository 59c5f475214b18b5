// Hazard investigation and remediation (隐患排查治理): checklists, inspections and their
// schedules, hazards with their closed loop, listing, dossiers, the dashboard.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { checklistRoutes } from './checklist-routes.ts';
import { hazardDashboardRoutes } from './dashboard.ts';
import { inspectionRoutes } from './inspection-routes.ts';
import { notificationRoutes } from './notifications.ts';
import { hazardRoutes } from './routes.ts';
import { scheduleRoutes } from './schedule-routes.ts';
import { hazardWorkItems, inspectionWorkItems, scheduleWorkItems } from './workbench.ts';

export function registerHazards(app: FastifyInstance, { db, files, workbench }: CapabilityDeps) {
  checklistRoutes(app, db);
  inspectionRoutes(app, db, files);
  scheduleRoutes(app, db);
  hazardRoutes(app, db, files);
  hazardDashboardRoutes(app, db);
  notificationRoutes(app, db);
  workbench.register('hazards', hazardWorkItems).register('inspections', inspectionWorkItems).register('schedules', scheduleWorkItems);
}
