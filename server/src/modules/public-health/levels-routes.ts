// The HTTP routes of 风险等级 (issue 28). Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function phLevelsRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
