// Law enforcement (执法, issue 24): enterprise classes and annual plans, campaigns, 双随机 draws,
// on-site inspections with their documents, penalty cases, publication and statistics. Each part
// is a routes / service / store set in this folder; this file only registers them.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { casesRoutes } from './cases-routes.ts';
import { caseWorkItems } from './cases-workbench.ts';
import { documentRoutes } from './documents-routes.ts';
import { drawsRoutes } from './draws-routes.ts';
import { inspectionsRoutes } from './inspections-routes.ts';
import { inspectionWorkItems } from './inspections-workbench.ts';
import { plansRoutes } from './plans-routes.ts';
import { statsRoutes } from './stats-routes.ts';

export function registerEnforcement(app: FastifyInstance, { db, workbench }: CapabilityDeps) {
  documentRoutes(app, db);
  plansRoutes(app, db);
  drawsRoutes(app, db);
  inspectionsRoutes(app, db);
  casesRoutes(app, db);
  statsRoutes(app, db);
  workbench.register('enforcementInspections', inspectionWorkItems).register('enforcementCases', caseWorkItems);
}
