// Public calculators: the domain's rules over HTTP, no account needed.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { calculatorRoutes } from './routes.ts';

export function registerCalculators(app: FastifyInstance, _deps: CapabilityDeps) {
  calculatorRoutes(app);
}
