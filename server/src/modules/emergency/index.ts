// Emergency preparedness (应急准备, issue 27): plans and their filing, drills, supplies and their
// dispatch, rescue teams, experts and duty. This file only registers the parts.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { dispatchRoutes } from './dispatch-routes.ts';
import { dispatchWorkItems } from './dispatch-workbench.ts';
import { drillsRoutes } from './drills-routes.ts';
import { drillsWorkItems } from './drills-workbench.ts';
import { emergencyPlansRoutes } from './plans-routes.ts';
import { emergencyPlansWorkItems } from './plans-workbench.ts';
import { suppliesRoutes } from './supplies-routes.ts';
import { suppliesWorkItems } from './supplies-workbench.ts';
import { teamsRoutes } from './teams-routes.ts';
import { teamsWorkItems } from './teams-workbench.ts';

export function registerEmergency(app: FastifyInstance, deps: CapabilityDeps) {
  emergencyPlansRoutes(app, deps);
  deps.workbench.register('emergencyPlans', emergencyPlansWorkItems);
  drillsRoutes(app, deps);
  deps.workbench.register('drills', drillsWorkItems);
  suppliesRoutes(app, deps);
  deps.workbench.register('supplies', suppliesWorkItems);
  dispatchRoutes(app, deps);
  deps.workbench.register('dispatch', dispatchWorkItems);
  teamsRoutes(app, deps);
  deps.workbench.register('teams', teamsWorkItems);
}
