// Health checks (/healthz, /readyz).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { healthRoutes } from './routes.ts';

export function registerHealth(app: FastifyInstance, { db }: CapabilityDeps) {
  healthRoutes(app, db);
}
