// Public calculators (credit code, LEC, LS, GB 18218): the domain's rules over HTTP, no account needed.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { calculatorRoutes } from './routes.ts';

export function registerCalculators(app: FastifyInstance, { db }: CapabilityDeps) {
  calculatorRoutes(app, db);
}
