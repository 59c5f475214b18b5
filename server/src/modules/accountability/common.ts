// What every accountability command opens with: the caller's government (the level it acts at),
// names of regions, and the bilingual refusals.
import { type Actor, actorGovernment, mayManageAccountability, mayViewAccountability } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { forbidden } from '../../http/errors.ts';

export const nameOf = (a: Actor) => (a as Actor & { displayName?: string }).displayName ?? a.username;

export function requireView(a: Actor): void {
  if (!mayViewAccountability(a)) throw forbidden();
}

/** The government a command acts for; 403 for anyone who is not a province, city or county supervisor. */
export function requireGovernment(a: Actor) {
  const gov = actorGovernment(a);
  if (!gov || !mayManageAccountability(a)) {
    throw forbidden({ zh: '仅省、市、县级监管人员可办理', en: 'Only province, city and county supervisors may do this' });
  }
  return gov;
}

/** Names of 12-digit region codes (regions are readable by every scope). */
export async function regionNames(tx: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await tx.query<{ code: string; name: string }>('SELECT code, name FROM regions WHERE code = ANY ($1::text[])', [unique]);
  return new Map(rows.map((r) => [r.code, r.name]));
}
