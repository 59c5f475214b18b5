// The HTTP routes of 应急预案与备案 (issue 27). Owner: plans (预案、备案、评估修订、应急处置卡).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function emergencyPlansRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
