// Regions (GB/T 2260 + township codes) and the reference lists the forms use.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { referenceRoutes } from './reference-routes.ts';
import { regionRoutes } from './routes.ts';

export function registerRegions(app: FastifyInstance, { db }: CapabilityDeps) {
  regionRoutes(app, db);
  referenceRoutes(app);
}
