// Credit (信用, issue 26): each enterprise's and intermediary's credit file with its level, safety
// commitments, joint sanctions with the partner query, and the serious-discredit list (令第11号).
// This file only registers the parts.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { blacklistRoutes } from './blacklist-routes.ts';
import { blacklistWorkItems } from './blacklist-workbench.ts';
import { creditRoutes } from './routes.ts';
import { creditWorkItems } from './workbench.ts';

export function registerCredit(app: FastifyInstance, deps: CapabilityDeps) {
  creditRoutes(app, deps);
  blacklistRoutes(app, deps);
  deps.workbench.register('blacklist', blacklistWorkItems);
  deps.workbench.register('credit', creditWorkItems);
}
