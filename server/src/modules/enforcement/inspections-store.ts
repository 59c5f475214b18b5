// On-site inspections' SQL: enforcement_inspections (030) with their checks and findings (033),
// mapped for the API. The WHERE clauses carry the caller's scope (the first wall) as well as the
// row-level security policies (the second).
import {
  type Actor,
  type EnfInspection,
  type EnfInspectionDetail,
  type EnfInspectionStatus,
  type InspectionSource,
  inspectionActions,
  type inspectionListQuerySchema,
} from '@taishan/domain';
import type { z } from 'zod';
import { type Scoped, scopeFilter } from '../../db/scope.ts';
import { dateOnly, iso, todayInShanghai } from '../../time.ts';

export type InspectionRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  department_id: string | null;
  source: InspectionSource;
  status: EnfInspectionStatus;
  unannounced: boolean;
  covert: boolean;
  planned_on: Date | string | null;
  started_at: Date | null;
  ended_at: Date | null;
  place: string | null;
  leader_name: string | null;
  situation: string | null;
  checklist_id: string | null;
  cancel_reason: string | null;
  review_opinion: string | null;
  officer_ids: string[];
  officers: { id: string; name: string; certificateNo: string | null }[];
  violations: number;
  hazards_found: number;
  draw_pick_id: string | null;
  plan_item_id: string | null;
  campaign_id: string | null;
  report_id: string | null;
  version: number;
};

export type FindingRow = {
  id: string;
  kind: 'hazard' | 'violation';
  description: string;
  location: string | null;
  level: 'general' | 'major';
  check_code: string | null;
  deadline: Date | string | null;
  on_site_measure: string | null;
  seizure: string | null;
  seizure_days: number | null;
  article: string | null;
  hazard_id: string | null;
  hazard_number: string | null;
  hazard_status: string | null;
  case_id: string | null;
  fixed_at: Date | null;
};

// The officers in the order they were named, with their certificate numbers (printed on every document).
const SELECT = `SELECT i.id, i.enterprise_id, i.enterprise_name, i.region_code, i.department_id, i.source, i.status, i.unannounced,
  i.covert, i.planned_on, i.started_at, i.ended_at, i.place, i.leader_name, i.situation, i.checklist_id, i.cancel_reason,
  i.review_opinion, i.officer_ids, i.violations, i.hazards_found, i.draw_pick_id, i.plan_item_id, i.campaign_id, i.report_id, i.version,
  coalesce((SELECT json_agg(json_build_object('id', c.user_id, 'name', c.name, 'certificateNo', c.certificate_no) ORDER BY k.n)
     FROM unnest(i.officer_ids) WITH ORDINALITY k(uid, n)
     JOIN enforcement_officer_cards(i.officer_ids, current_date) c ON c.user_id = k.uid), '[]') AS officers
  FROM enforcement_inspections i`;

const scoped = (tx: Pick<Scoped, 'scope'>, params: unknown[]) =>
  scopeFilter(tx.scope, params, { region: 'i.region_code', industry: 'i.industry_code', enterpriseId: 'i.enterprise_id' });

export async function findInspection(tx: Scoped, id: string, forUpdate = false): Promise<InspectionRow | undefined> {
  const params: unknown[] = [id];
  const [r] = await tx.query<InspectionRow>(
    `${SELECT} WHERE i.id = $1 AND ${scoped(tx, params)}${forUpdate ? ' FOR UPDATE OF i' : ''}`,
    params,
  );
  return r;
}

export const toInspection = (r: InspectionRow, actor: Actor): EnfInspection => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  regionCode: r.region_code,
  source: r.source,
  status: r.status,
  unannounced: r.unannounced,
  covert: r.covert,
  plannedOn: dateOnly(r.planned_on),
  startedAt: iso(r.started_at),
  endedAt: iso(r.ended_at),
  place: r.place,
  officers: r.officers,
  violations: r.violations,
  hazardsFound: r.hazards_found,
  drawPickId: r.draw_pick_id,
  planItemId: r.plan_item_id,
  campaignId: r.campaign_id,
  reportId: r.report_id,
  version: r.version,
  allowedActions: inspectionActions(actor, { status: r.status, officerIds: r.officer_ids }),
});

export async function listInspections(
  tx: Scoped,
  actor: Actor,
  q: z.infer<typeof inspectionListQuerySchema>,
): Promise<{ items: EnfInspection[]; total: number }> {
  const params: unknown[] = [];
  const where = [scoped(tx, params)];
  if (q.status) where.push(`i.status = $${params.push(q.status)}`);
  if (q.source) where.push(`i.source = $${params.push(q.source)}`);
  if (q.enterpriseId) where.push(`i.enterprise_id = $${params.push(q.enterpriseId)}`);
  if (q.mine) where.push(`$${params.push(actor.id)}::uuid = ANY (i.officer_ids)`);
  const w = where.join(' AND ');
  const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM enforcement_inspections i WHERE ${w}`, params);
  const rows = await tx.query<InspectionRow>(
    `${SELECT} WHERE ${w}
     ORDER BY CASE i.status WHEN 'inProgress' THEN 0 WHEN 'planned' THEN 1 WHEN 'recorded' THEN 2 ELSE 3 END,
       coalesce(i.started_at::date, i.planned_on) DESC NULLS LAST, i.id
     LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    params,
  );
  return { items: rows.map((r) => toInspection(r, actor)), total: c?.n ?? 0 };
}

export function findingsOf(tx: Scoped, inspectionId: string): Promise<FindingRow[]> {
  return tx.query<FindingRow>(
    `SELECT f.id, f.kind, f.description, f.location, f.level, f.check_code, f.deadline, f.on_site_measure, f.seizure, f.seizure_days, f.article, f.hazard_id,
       h.number AS hazard_number, h.status AS hazard_status, f.case_id, f.fixed_at
     FROM enforcement_findings f LEFT JOIN hazards h ON h.id = f.hazard_id
     WHERE f.inspection_id = $1 ORDER BY f.created_at, f.id`,
    [inspectionId],
  );
}

export const toFinding = (f: FindingRow): EnfInspectionDetail['findings'][number] => ({
  id: f.id,
  kind: f.kind,
  description: f.description,
  location: f.location,
  level: f.level,
  checkCode: f.check_code,
  deadline: dateOnly(f.deadline),
  onSiteMeasure: f.on_site_measure,
  seizure: f.seizure,
  seizureDays: f.seizure_days,
  article: f.article,
  hazardId: f.hazard_id,
  hazardNumber: f.hazard_number,
  hazardStatus: f.hazard_status,
  caseId: f.case_id,
  fixedAt: iso(f.fixed_at),
});

export async function inspectionDetail(tx: Scoped, actor: Actor, r: InspectionRow): Promise<EnfInspectionDetail> {
  const [checklist] = r.checklist_id
    ? await tx.query<{ id: string; name: string; items: { code: string; text: string }[] }>(
        'SELECT id, name, items FROM checklist_templates WHERE id = $1',
        [r.checklist_id],
      )
    : [];
  const checks = await tx.query<{ code: string; result: 'ok' | 'finding' | 'na'; note: string | null }>(
    'SELECT code, result, note FROM enforcement_checks WHERE inspection_id = $1 ORDER BY code',
    [r.id],
  );
  return {
    ...toInspection(r, actor),
    checklist: checklist
      ? { id: checklist.id, name: checklist.name, items: checklist.items.map((i) => ({ code: i.code, text: i.text })) }
      : null,
    checks,
    findings: (await findingsOf(tx, r.id)).map(toFinding),
    situation: r.situation,
    leaderName: r.leader_name,
    cancelReason: r.cancel_reason,
    reviewOpinion: r.review_opinion,
  };
}

/** The officers of the caller's city (of their province for a province user), certified today. */
export async function eligibleOfficers(tx: Scoped, enterpriseId: string | null) {
  const p = tx.scope.regionPrefix;
  const area = p.length >= 4 ? p.slice(0, 4) : p;
  const rows = await tx.query<{ user_id: string; name: string; certificate_no: string; region_code: string; conflict: boolean }>(
    'SELECT * FROM enforcement_officers_for($1, $2::date, $3::uuid)',
    [area, todayInShanghai(), enterpriseId],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    certificateNo: r.certificate_no,
    regionCode: r.region_code,
    conflict: r.conflict,
  }));
}
