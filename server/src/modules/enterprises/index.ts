// The enterprise directory (企业名录), its imports and the enterprises' change requests.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { enterpriseRoutes } from './routes.ts';
import { enterpriseChangeWorkItems } from './workbench.ts';

export function registerEnterprises(app: FastifyInstance, { db, workbench }: CapabilityDeps) {
  enterpriseRoutes(app, db);
  workbench.register('enterpriseChanges', enterpriseChangeWorkItems);
}
