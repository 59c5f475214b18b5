// Accountability (问责, issue 26): responsibility lists (三管三必须) and officials' duties, 约谈,
// 黄牌警示, 通报 and 巡查, and the yearly assessment with the veto and the quarterly bulletin.
// This file only registers the parts.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { assessmentRoutes } from './assessment-routes.ts';
import { assessmentWorkItems } from './assessment-workbench.ts';
import { accountabilityRoutes } from './routes.ts';
import { accountabilityWorkItems } from './workbench.ts';

export function registerAccountability(app: FastifyInstance, deps: CapabilityDeps) {
  accountabilityRoutes(app, deps);
  assessmentRoutes(app, deps);
  deps.workbench.register('accountability', accountabilityWorkItems);
  deps.workbench.register('assessment', assessmentWorkItems);
}
