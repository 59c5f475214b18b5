// People (人员, issue 26): 主要负责人 / 安全管理人员 qualifications, 特种作业操作证 with their
// review windows, training hours, closed training courses and the publicity log (安全宣传五进).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { peopleRoutes } from './routes.ts';
import { peopleWorkItems } from './workbench.ts';

export function registerPeople(app: FastifyInstance, deps: CapabilityDeps) {
  peopleRoutes(app, deps);
  deps.workbench.register('people', peopleWorkItems);
}
