// The HTTP routes of 应急物资 (issue 27). Owner: supplies (分类编码、物资、仓库、库存批次、台账).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function suppliesRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
