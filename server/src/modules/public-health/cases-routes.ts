// The HTTP routes of 传染病报告 (issue 28). Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function phCasesRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
