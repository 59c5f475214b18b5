// The HTTP routes of 指挥中心 (issue 28). Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function cmBoardRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
