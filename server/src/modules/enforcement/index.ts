// Law enforcement (执法, issue 24): enterprise classes and annual plans, campaigns, 双随机 draws,
// on-site inspections with their documents, penalty cases, publication and statistics. Each part
// is a routes / service / store set in this folder; this file only registers them.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { documentRoutes } from './documents-routes.ts';

export function registerEnforcement(app: FastifyInstance, { db }: CapabilityDeps) {
  documentRoutes(app, db);
}
