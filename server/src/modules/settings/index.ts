// The settings registry (系统设置): the values administrators set, declared in
// domain/src/settings/registry.ts. Other modules read a value in force through effectiveSetting.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { settingsRoutes } from './routes.ts';

export { effectiveSetting } from './service.ts';

export function registerSettings(app: FastifyInstance, { db }: CapabilityDeps) {
  settingsRoutes(app, db);
}
