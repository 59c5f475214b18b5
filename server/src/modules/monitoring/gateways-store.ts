// Gateway credentials' SQL: the list in scope, one credential (locked for revoking), issue, revoke.
import type { Queryable } from '../../db/db.ts';
import { type Scoped, scopeFilter } from '../../db/scope.ts';
import { enterpriseScope } from '../enterprises/scope.ts';

export type CredentialRow = {
  id: string;
  name: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  credit_code: string | null;
  region_code: string;
  created_at: Date;
  created_by_name: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
};

const SELECT = `SELECT c.id, c.name, c.enterprise_id, e.name AS enterprise_name, e.credit_code, c.region_code, c.created_at,
    u.display_name AS created_by_name, c.revoked_at, c.last_used_at
  FROM gateway_credentials c LEFT JOIN enterprises e ON e.id = c.enterprise_id LEFT JOIN users u ON u.id = c.created_by`;

export async function findCredential(tx: Scoped, id: string, forUpdate = false): Promise<CredentialRow | undefined> {
  return (await tx.query<CredentialRow>(`${SELECT} WHERE c.id = $1 ${forUpdate ? 'FOR UPDATE OF c' : ''}`, [id]))[0];
}

/** Live ones first, newest first. */
export async function listCredentials(tx: Scoped): Promise<CredentialRow[]> {
  const p: unknown[] = [];
  const where = scopeFilter(tx.scope, p, { region: 'c.region_code', enterpriseId: 'c.enterprise_id' });
  return tx.query<CredentialRow>(`${SELECT} WHERE ${where} ORDER BY c.revoked_at IS NOT NULL, c.created_at DESC LIMIT 500`, p);
}

export async function enterpriseInScope(tx: Scoped, enterpriseId: string): Promise<boolean> {
  const p: unknown[] = [enterpriseId];
  const [e] = await tx.query(`SELECT 1 FROM enterprises e WHERE e.id = $1 AND ${enterpriseScope(tx, p)}`, p);
  return !!e;
}

export async function insertCredential(
  tx: Queryable,
  c: { name: string; enterpriseId: string | null; regionCode: string; secretSha256: string; createdBy: string | null },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO gateway_credentials (name, enterprise_id, region_code, secret_sha256, created_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [c.name, c.enterpriseId, c.regionCode, c.secretSha256, c.createdBy],
  );
  return row?.id as string;
}

export async function markRevoked(tx: Queryable, id: string, by: string | null) {
  await tx.query('UPDATE gateway_credentials SET revoked_at = now(), revoked_by = $2 WHERE id = $1', [id, by]);
}
