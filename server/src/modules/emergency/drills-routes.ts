// The HTTP routes of 应急演练 (issue 27). Owner: drills (演练计划、实施、评估、频次检查).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function drillsRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
