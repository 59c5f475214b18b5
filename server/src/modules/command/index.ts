// The command centre (指挥中心, issue 28): one board of open signals per jurisdiction with the loop
// 收集 → 分析 → 研判 → 推送 → 核查 → 反馈, duty logs and the daily briefing. This file only registers the parts.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { cmBoardRoutes } from './board-routes.ts';
import { cmBoardWorkItems } from './board-workbench.ts';
import { cmDutyRoutes } from './duty-routes.ts';
import { cmDutyWorkItems } from './duty-workbench.ts';

export function registerCommand(app: FastifyInstance, deps: CapabilityDeps) {
  cmBoardRoutes(app, deps);
  deps.workbench.register('cmBoard', cmBoardWorkItems);
  cmDutyRoutes(app, deps);
  deps.workbench.register('cmDuty', cmDutyWorkItems);
}
