// Public health (公共卫生, issue 28): disease reference data, case reports and their review, events
// with their grade, chain and tasks, region risk levels. This file only registers the parts.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { phCasesRoutes } from './cases-routes.ts';
import { phCasesWorkItems } from './cases-workbench.ts';
import { phEventsRoutes } from './events-routes.ts';
import { phEventsWorkItems } from './events-workbench.ts';
import { phLevelsRoutes } from './levels-routes.ts';
import { phLevelsWorkItems } from './levels-workbench.ts';

export function registerPublicHealth(app: FastifyInstance, deps: CapabilityDeps) {
  phCasesRoutes(app, deps);
  deps.workbench.register('phCases', phCasesWorkItems);
  phEventsRoutes(app, deps);
  deps.workbench.register('phEvents', phEventsWorkItems);
  phLevelsRoutes(app, deps);
  deps.workbench.register('phLevels', phLevelsWorkItems);
}
