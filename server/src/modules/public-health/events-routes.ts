// The HTTP routes of 突发公共卫生事件 (issue 28). Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function phEventsRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
