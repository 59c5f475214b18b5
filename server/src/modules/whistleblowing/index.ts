// Whistleblowing (举报): the public, anonymous report (/api/public/…), its handling by the
// regulator, identity reveal, rewards and statistics. Not to be confused with risk reports
// (风险主动报告), which live in risks/.
//   public-routes.ts → public-service.ts   the reporter's side (no account)
//   routes.ts → service.ts, reveal.ts, rewards.ts, stats.ts   the handlers' side
//   store.ts   the SQL; attachments, budget, keyring, pow, limits, scrub: the reporter's protections
//   jobs.ts, rotate.ts   escalation and retention, key rotation (run by main.ts)
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { ProofOfWork } from './pow.ts';
import { publicReportRoutes } from './public-routes.ts';
import { reportHandlingRoutes } from './routes.ts';
import { publicReportWorkItems } from './workbench.ts';

export function registerWhistleblowing(app: FastifyInstance, { db, files, keyring, workbench }: CapabilityDeps) {
  publicReportRoutes(app, db, keyring, new ProofOfWork(), files);
  reportHandlingRoutes(app, db, keyring, files);
  workbench.register('reports', publicReportWorkItems);
}
