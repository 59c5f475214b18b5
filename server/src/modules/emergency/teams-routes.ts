// The HTTP routes of 队伍、专家与值班 (issue 27). Owner: teams (救援队伍、专家、值班).
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';

export function teamsRoutes(_app: FastifyInstance, _deps: CapabilityDeps) {}
