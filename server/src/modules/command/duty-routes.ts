// The HTTP routes of 值班与简报 (issue 28). Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function cmDutyRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
