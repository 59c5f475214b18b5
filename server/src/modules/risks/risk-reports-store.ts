// SQL of risk reports (风险主动报告): the row and its presentation with allowedActions, the list's
// WHERE (shared with the workbench), and the snapshot of major and high risk points a report carries.
import { type Actor, allowedReportActions, type ReportStatus, type RiskReport } from '@taishan/domain';
import { z } from 'zod';
import type { Scoped } from '../../db/scope.ts';
import { pageFields, Where } from '../../db/where.ts';
import { iso } from '../../time.ts';
import { enterpriseScope } from '../enterprises/scope.ts';
import { RISK_POINT_SELECT, type RiskPointRow } from './risk-points-store.ts';

export type RiskReportRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  status: ReportStatus;
  items: RiskReport['items'];
  note: string | null;
  return_reason: string | null;
  submitted_at: Date | string | null;
  submitted_by: string | null;
  decided_at: Date | string | null;
  decided_by: string | null;
  version: number;
  created_at: Date | string;
};

export const RISK_REPORT_SELECT =
  'SELECT rr.*, e.name AS enterprise_name, e.region_code FROM risk_reports rr JOIN enterprises e ON e.id = rr.enterprise_id';

export const toRiskReport = (r: RiskReportRow, actor: Actor): RiskReport => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  regionCode: r.region_code,
  status: r.status,
  items: r.items,
  note: r.note,
  returnReason: r.return_reason,
  submittedAt: iso(r.submitted_at),
  submittedBy: r.submitted_by,
  decidedAt: iso(r.decided_at),
  decidedBy: r.decided_by,
  version: r.version,
  createdAt: iso(r.created_at),
  allowedActions: allowedReportActions(actor, { enterpriseId: r.enterprise_id, status: r.status }),
});

export async function findRiskReport(tx: Scoped, id: string, forUpdate = false) {
  const params: unknown[] = [id];
  return (
    await tx.query<RiskReportRow>(
      `${RISK_REPORT_SELECT} WHERE rr.id = $1 AND ${enterpriseScope(tx, params)}${forUpdate ? ' FOR UPDATE OF rr' : ''}`,
      params,
    )
  )[0];
}

/** The enterprise's current major and high risk points, as the report carries them. */
export async function riskReportSnapshot(tx: Scoped, enterpriseId: string) {
  const rows = await tx.query<RiskPointRow>(
    `${RISK_POINT_SELECT} WHERE rp.enterprise_id = $1 AND rp.level IN ('major', 'high') ORDER BY rp.level = 'major' DESC, rp.name`,
    [enterpriseId],
  );
  return rows.map((r) => ({
    riskPointId: r.id,
    name: r.name,
    location: r.area_name ?? r.location,
    level: r.level,
    method: r.method,
    score: r.score,
    accidentTypes: r.accident_types,
    controlMeasures: r.control_measures,
  }));
}

export const riskReportListQuery = z.object({
  status: z.enum(['draft', 'submitted', 'acknowledged', 'returned']).optional(),
  enterpriseId: z.uuid().optional(),
  ...pageFields(),
});

/** WHERE of the risk report list (joined to `enterprises e`), shared with the workbench's counts. */
export function riskReportWhere(tx: Scoped, query: Omit<z.infer<typeof riskReportListQuery>, 'page' | 'pageSize'>): Where {
  const w = new Where();
  w.add(enterpriseScope(tx, w.params)).eq('rr.status', query.status).eq('rr.enterprise_id', query.enterpriseId);
  // Supervisors do not see enterprises' unsent drafts.
  if (tx.scope.enterpriseId === null) w.add(`rr.status <> 'draft'`);
  return w;
}

/** The list's total. */
export async function countRiskReports(tx: Scoped, w: Where): Promise<number> {
  const [c] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM risk_reports rr JOIN enterprises e ON e.id = rr.enterprise_id WHERE ${w.sql}`,
    w.params,
  );
  return c?.n ?? 0;
}

/** One page of the list, newest submission (or draft) first. */
export function listRiskReports(tx: Scoped, w: Where, page: number, pageSize: number) {
  const p = w.page(page, pageSize);
  return tx.query<RiskReportRow>(
    `${RISK_REPORT_SELECT} WHERE ${w.sql} ORDER BY coalesce(rr.submitted_at, rr.created_at) DESC, rr.id ${p.limit}`,
    p.params,
  );
}

export async function insertRiskReport(tx: Scoped, enterpriseId: string, items: RiskReport['items'], note: string | null): Promise<string> {
  const [created] = await tx.query<{ id: string }>(
    `INSERT INTO risk_reports (enterprise_id, status, items, note) VALUES ($1, 'draft', $2::jsonb, $3) RETURNING id`,
    [enterpriseId, JSON.stringify(items), note],
  );
  return created?.id as string;
}

/** Submit: the report carries the risk points as they are now; a previous return's reason is cleared. */
export async function markSubmitted(tx: Scoped, id: string, items: RiskReport['items'], by: string): Promise<void> {
  await tx.query(
    `UPDATE risk_reports SET status = 'submitted', items = $2::jsonb, submitted_at = now(), submitted_by = $3, return_reason = NULL,
       version = version + 1, updated_at = now() WHERE id = $1`,
    [id, JSON.stringify(items), by],
  );
}

/** The regulator's decision: acknowledged, or returned with its reason. */
export async function markDecided(tx: Scoped, id: string, status: ReportStatus, by: string, reason: string | null): Promise<void> {
  await tx.query(
    `UPDATE risk_reports SET status = $2, decided_at = now(), decided_by = $3, return_reason = $4, version = version + 1, updated_at = now() WHERE id = $1`,
    [id, status, by, reason],
  );
}
