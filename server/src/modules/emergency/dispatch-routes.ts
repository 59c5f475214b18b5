// The HTTP routes of 物资调拨 (issue 27). Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function dispatchRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
