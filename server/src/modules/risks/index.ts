// Risk grading and control (风险分级管控): risk points, major hazard installations, the risk
// map, risk reports (风险主动报告, enterprise → regulator) and their distribution.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

import { distributionRoutes } from './distribution-routes.ts';
import { installationRoutes } from './installations-routes.ts';
import { riskMapRoutes } from './risk-map-routes.ts';
import { riskPointRoutes } from './risk-points-routes.ts';
import { riskReportRoutes } from './risk-reports-routes.ts';
import { thresholdRoutes } from './thresholds-routes.ts';
import { riskReportWorkItems } from './workbench.ts';

export function registerRisks(app: FastifyInstance, { db, files, workbench }: CapabilityDeps) {
  thresholdRoutes(app, db);
  riskPointRoutes(app, db);
  installationRoutes(app, db);
  riskMapRoutes(app, db, files);
  riskReportRoutes(app, db);
  distributionRoutes(app, db);
  workbench.register('riskReports', riskReportWorkItems);
}
