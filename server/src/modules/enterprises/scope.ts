// Enterprise scope: every capability whose rows belong to an enterprise (risk points, hazards,
// inspections, sensors, and next enforcement, accidents, plans) checks scope by joining
// `enterprises e` with the caller's scope filter (first wall), RLS through that enterprise being
// the second. These are the helpers for that join; import them from here.
import { type Scoped, scopeFilter } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { type EnterpriseRow, findEnterprise } from './store.ts';

export const ENTERPRISE_SCOPE = { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' };

/** The enterprise if the caller can see it; 404 otherwise (no existence leak). */
export async function visibleEnterprise(tx: Scoped, id: string, forUpdate = false): Promise<EnterpriseRow> {
  const e = await findEnterprise(tx, id, forUpdate);
  if (!e) throw notFound();
  return e;
}

/** WHERE fragment restricting rows joined to `enterprises e` to the caller's scope. */
export const enterpriseScope = (tx: Scoped, params: unknown[]) => scopeFilter(tx.scope, params, ENTERPRISE_SCOPE);
