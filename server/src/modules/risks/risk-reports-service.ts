// Commands of risk reports (风险主动报告): draft a report, then submit / acknowledge / return it
// (domain's reportTransition decides who may take which step from which status).
import { type Actor, canEditEnterpriseRisk, type ReportAction, reportTransition } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid } from '../../http/errors.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import {
  findRiskReport,
  insertRiskReport,
  markDecided,
  markSubmitted,
  type RiskReportRow,
  riskReportSnapshot,
  toRiskReport,
} from './risk-reports-store.ts';

/** A draft carrying the enterprise's current major and high risks. */
export async function createRiskReport(db: Db, actor: Actor, body: { enterpriseId: string; note?: string | null | undefined }) {
  return withScope(db, actor.scope, async (tx) => {
    const e = await visibleEnterprise(tx, body.enterpriseId);
    if (!canEditEnterpriseRisk(actor, e.id)) throw forbidden();
    const id = await insertRiskReport(tx, e.id, await riskReportSnapshot(tx, e.id), body.note ?? null);
    const row = (await findRiskReport(tx, id)) as RiskReportRow;
    await appendAudit(tx, actor, {
      action: 'riskReport.create',
      entityType: 'riskReport',
      entityId: row.id,
      regionCode: e.region_code,
      after: toRiskReport(row, actor),
    });
    return toRiskReport(row, actor);
  });
}

/** Someone else's draft is not there for this actor (404): only its enterprise works on it. */
const findForTransition = (actor: Actor) => async (tx: Scoped, id: string, forUpdate: true) => {
  const r = await findRiskReport(tx, id, forUpdate);
  return r && (r.status !== 'draft' || canEditEnterpriseRisk(actor, r.enterprise_id)) ? r : undefined;
};

export async function transitionRiskReport(
  db: Db,
  actor: Actor,
  id: string,
  body: { action: ReportAction; reason?: string | undefined; version?: number | undefined },
) {
  return withScope(db, actor.scope, async (tx) => {
    const before = await lockForCommand(tx, id, {
      find: findForTransition(actor),
      version: body.version,
      versionOf: (r) => r.version,
    });
    const t = reportTransition(actor, { enterpriseId: before.enterprise_id, status: before.status }, body.action);
    if (!t.ok) {
      if (t.reason === 'forbidden') throw forbidden();
      throw new AppError('conflict', {
        zh: `当前状态“${before.status}”不能执行“${body.action}”`,
        en: `Cannot ${body.action} a report that is ${before.status}`,
      });
    }
    if (body.action === 'return' && !body.reason) throw invalid({ reason: { zh: '退回须写明原因', en: 'A return needs a reason' } });
    if (body.action === 'submit') {
      const items = await riskReportSnapshot(tx, before.enterprise_id);
      if (items.length === 0) {
        throw invalid({
          items: {
            zh: '没有重大或较大风险可报送；请先评估风险点',
            en: 'No major or high risks to report; assess the risk points first',
          },
        });
      }
      await markSubmitted(tx, id, items, actor.username);
    } else {
      await markDecided(tx, id, t.to, actor.username, body.action === 'return' ? (body.reason ?? null) : null);
    }
    const after = (await findRiskReport(tx, id)) as RiskReportRow;
    await appendAudit(tx, actor, {
      action: `riskReport.${body.action}`,
      entityType: 'riskReport',
      entityId: id,
      regionCode: after.region_code,
      before: { status: before.status },
      after: { status: after.status, reason: body.reason ?? null },
    });
    return toRiskReport(after, actor);
  });
}
