// Campaigns (专项整治 / 攻坚行动): a named, time-bounded programme of a jurisdiction with its
// industries, targets and checklist. Inspections (enforcement_inspections.campaign_id) and hazards
// (hazards.campaign_id) name the campaign they belong to; the list shows their progress. A campaign
// is created at the caller's level (county, city or province) and seen below it.
import {
  type Actor,
  type Campaign,
  type CampaignInput,
  type CampaignKind,
  campaignPhase,
  mayCreateCampaign,
  mayReadCampaigns,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, regionRange, type Scoped, scopeFilter, withScope } from '../../db/scope.ts';
import { forbidden, invalid, notFound } from '../../http/errors.ts';
import { todayInShanghai } from '../../time.ts';
import { nameOf } from './plans-store.ts';

type CampaignRow = {
  id: string;
  region_code: string;
  name: string;
  kind: CampaignKind;
  starts_on: string;
  ends_on: string;
  industries: string[];
  targets: string;
  checklist_id: string | null;
  created_by_name: string | null;
  created_at: Date | string;
  inspections: number;
  inspections_done: number;
  hazards: number;
  hazards_closed: number;
};

/** The campaign's own region, or one above the caller's (a county sees its city's campaigns). */
function campaignScope(tx: Scoped, params: unknown[]): string {
  if (tx.scope.enterpriseId !== null) return 'false';
  if (!tx.scope.regionPrefix) return 'true';
  const below = regionRange('c.region_code', tx.scope.regionPrefix, params);
  params.push(tx.scope.regionPrefix);
  return `((${below}) OR EXISTS (SELECT 1 FROM regions rg WHERE rg.code = c.region_code AND left($${params.length}, length(rg.prefix)) = rg.prefix))`;
}

/** Progress counts only what the caller may see (their region and industries). */
function select(tx: Scoped, params: unknown[]): string {
  const ins = scopeFilter(tx.scope, params, { region: 'x.region_code', industry: 'x.industry_code', enterpriseId: 'x.enterprise_id' });
  const haz = scopeFilter(tx.scope, params, { region: 'h.region_code', industry: 'h.industry_code', enterpriseId: 'h.enterprise_id' });
  return `SELECT c.id, c.region_code, c.name, c.kind, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on,
    c.industries, c.targets, c.checklist_id, ${nameOf('c.created_by')} AS created_by_name, c.created_at,
    (SELECT count(*)::int FROM enforcement_inspections x WHERE x.campaign_id = c.id AND x.status <> 'cancelled' AND ${ins}) AS inspections,
    (SELECT count(*)::int FROM enforcement_inspections x WHERE x.campaign_id = c.id AND x.status IN ('recorded', 'closed') AND ${ins}) AS inspections_done,
    (SELECT count(*)::int FROM hazards h WHERE h.campaign_id = c.id AND h.status <> 'cancelled' AND ${haz}) AS hazards,
    (SELECT count(*)::int FROM hazards h WHERE h.campaign_id = c.id AND h.status = 'closed' AND ${haz}) AS hazards_closed
    FROM enforcement_campaigns c`;
}

function toCampaign(r: CampaignRow, today: string): Campaign {
  return {
    id: r.id,
    regionCode: r.region_code,
    name: r.name,
    kind: r.kind,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    industries: r.industries,
    targets: r.targets,
    checklistId: r.checklist_id,
    phase: campaignPhase({ startsOn: r.starts_on, endsOn: r.ends_on }, today),
    createdByName: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
    progress: { inspections: r.inspections, inspectionsDone: r.inspections_done, hazards: r.hazards, hazardsClosed: r.hazards_closed },
  };
}

async function findCampaign(tx: Scoped, id: string): Promise<CampaignRow | undefined> {
  const params: unknown[] = [id];
  const sql = select(tx, params);
  const [r] = await tx.query<CampaignRow>(`${sql} WHERE c.id = $1 AND ${campaignScope(tx, params)}`, params);
  return r;
}

export async function listCampaigns(
  db: Db,
  actor: Actor,
  q: { phase?: 'upcoming' | 'running' | 'ended' | undefined },
): Promise<Campaign[]> {
  if (!mayReadCampaigns(actor)) throw forbidden();
  const today = todayInShanghai();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const sql = select(tx, params);
    const rows = await tx.query<CampaignRow>(`${sql} WHERE ${campaignScope(tx, params)} ORDER BY c.starts_on DESC, c.name`, params);
    return rows.map((r) => toCampaign(r, today)).filter((c) => !q.phase || c.phase === q.phase);
  });
}

export async function getCampaign(db: Db, actor: Actor, id: string): Promise<Campaign> {
  if (!mayReadCampaigns(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findCampaign(tx, id);
    if (!r) throw notFound();
    return toCampaign(r, todayInShanghai());
  });
}

/** Creates a campaign at the caller's region (a department's: its region); audited. */
export async function createCampaign(db: Db, actor: Actor, input: CampaignInput): Promise<Campaign> {
  if (!mayCreateCampaign(actor)) throw forbidden();
  const region = actor.scope.regionPrefix.padEnd(12, '0');
  if (!actor.scope.regionPrefix) throw invalid({ regionCode: { zh: '全国用户不能创建专项整治', en: 'Create it in a region' } });
  const id = await withScope(db, actor.scope, async (tx) => {
    if (input.checklistId) {
      const found = await tx.query('SELECT 1 FROM checklist_templates WHERE id = $1', [input.checklistId]);
      if (!found.length) throw invalid({ checklistId: { zh: '检查表不存在', en: 'No such checklist' } });
    }
    const [r] = await tx.query<{ id: string }>(
      `INSERT INTO enforcement_campaigns (region_code, name, kind, starts_on, ends_on, industries, targets, checklist_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9) RETURNING id`,
      [region, input.name, input.kind, input.startsOn, input.endsOn, input.industries, input.targets, input.checklistId ?? null, actor.id],
    );
    if (!r) throw new Error('campaign not inserted');
    await appendAudit(tx, actor, {
      action: 'enforcementCampaign.create',
      entityType: 'enforcementCampaign',
      entityId: r.id,
      regionCode: region,
      after: input,
    });
    return r.id;
  });
  return getCampaign(db, actor, id);
}
