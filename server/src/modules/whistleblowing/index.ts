// Whistleblowing (举报): the public, anonymous report (/api/public/…), its handling by the
// regulator, identity reveal, rewards and statistics. Not to be confused with risk reports
// (风险主动报告), which live in risks/.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { reportHandlingRoutes } from './handling.ts';
import { ProofOfWork } from './pow.ts';
import { revealRoutes } from './reveal.ts';
import { rewardRuleRoutes } from './rewards.ts';
import { publicReportRoutes } from './routes.ts';
import { reportStatsRoutes } from './stats.ts';
import { publicReportWorkItems } from './workbench.ts';

export function registerWhistleblowing(app: FastifyInstance, { db, files, keyring, workbench }: CapabilityDeps) {
  publicReportRoutes(app, db, keyring, new ProofOfWork(), files);
  reportHandlingRoutes(app, db, keyring, files);
  revealRoutes(app, db, keyring);
  rewardRuleRoutes(app, db);
  reportStatsRoutes(app, db);
  workbench.register('reports', publicReportWorkItems);
}
