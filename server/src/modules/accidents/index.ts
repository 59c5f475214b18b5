// Accidents (事故, issue 25): the first report and its follow-ups, the chain up the levels with its
// deadlines, reporting faults, the investigation to its published report and evaluation, lessons
// pushed to the industry, and the statistics. Each part is a routes / service / store set in this
// folder; this file only registers them.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { accidentsRoutes } from './routes.ts';
import { statsRoutes } from './stats-routes.ts';
import { accidentWorkItems } from './workbench.ts';

export function registerAccidents(app: FastifyInstance, { db, files, workbench }: CapabilityDeps) {
  accidentsRoutes(app, db, files);
  statsRoutes(app, db);
  workbench.register('accidents', accidentWorkItems);
}
