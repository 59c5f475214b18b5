// User accounts, administered within the admin's scope.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { userRoutes } from './routes.ts';

export function registerUsers(app: FastifyInstance, { db }: CapabilityDeps) {
  userRoutes(app, db);
}
