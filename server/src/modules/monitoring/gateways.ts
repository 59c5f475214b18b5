// Gateway credentials (数据接入凭证): issue (the secret shown once, stored only as SHA-256) and
// revoke (the caller then closes the credential's live connections). Each is an audit event.
// The commands here; SQL in gateways-store.ts; routes in gateways-routes.ts; the broker's and
// HTTP ingest's check of a credential in gateway-auth.ts.
import { randomBytes } from 'node:crypto';
import {
  type Actor,
  allowedGatewayCredentialActions,
  canManageGateways,
  canSeeGateways,
  type GatewayCredential,
  type GatewayCredentialInput,
  type GatewayGrant,
  grantRegionPrefix,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import { lockForCommand } from '../../db/lock.ts';
import type { Scoped } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso } from '../../time.ts';
import { sha256 } from './gateway-auth.ts';
import { type CredentialRow, enterpriseInScope, findCredential, insertCredential, markRevoked } from './gateways-store.ts';

const grantOf = (r: Pick<CredentialRow, 'enterprise_id' | 'region_code'>): GatewayGrant =>
  r.enterprise_id ? { enterpriseId: r.enterprise_id } : { regionPrefix: r.region_code };

/** The credential as stored (what audit events keep), without what this user may do with it. */
export function credentialRecord(r: CredentialRow): Omit<GatewayCredential, 'allowedActions'> {
  return {
    id: r.id,
    name: r.name,
    username: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    regionCode: r.enterprise_id ? null : r.region_code,
    createdAt: iso(r.created_at) as string, // NOT NULL
    createdBy: r.created_by_name,
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  };
}

/** The credential as this user gets it: with the actions the domain policy allows them. */
export const toCredential = (r: CredentialRow, actor: Actor): GatewayCredential => ({
  ...credentialRecord(r),
  allowedActions: allowedGatewayCredentialActions(actor, { grant: grantOf(r), revoked: !!r.revoked_at }),
});

/** A new credential and its secret (returned once, never stored in clear). */
export async function issueCredential(
  tx: Scoped,
  actor: Actor,
  body: GatewayCredentialInput,
): Promise<{ row: CredentialRow; secret: string }> {
  const enterpriseId = body.enterpriseId ?? (body.regionCode === undefined ? actor.scope.enterpriseId : null);
  if (!enterpriseId && body.regionCode === undefined)
    throw invalid({ enterpriseId: { zh: '请选择企业或区域', en: 'Choose an enterprise or a region' } });
  const grant: GatewayGrant = enterpriseId ? { enterpriseId } : { regionPrefix: grantRegionPrefix(body.regionCode ?? '') };
  if (!canManageGateways(actor, grant)) throw forbidden();
  if (enterpriseId && !(await enterpriseInScope(tx, enterpriseId)))
    throw invalid({ enterpriseId: { zh: '企业不存在或不在辖区内', en: 'No such enterprise in your scope' } });
  const secret = randomBytes(24).toString('base64url');
  const id = await insertCredential(tx, {
    name: body.name,
    enterpriseId,
    regionCode: 'regionPrefix' in grant ? grant.regionPrefix : '',
    secretSha256: sha256(secret).toString('hex'),
    createdBy: actor.id,
  });
  const row = (await findCredential(tx, id)) as CredentialRow;
  await appendAudit(tx, actor, {
    action: 'gatewayCredential.issue',
    entityType: 'gatewayCredential',
    entityId: row.id,
    regionCode: row.region_code,
    after: credentialRecord(row),
  });
  return { row, secret };
}

export async function revokeCredential(tx: Scoped, actor: Actor, id: string): Promise<CredentialRow> {
  if (!canSeeGateways(actor)) throw notFound();
  const c = await lockForCommand(tx, id, { find: findCredential, may: (r) => canManageGateways(actor, grantOf(r)) });
  if (c.revoked_at) throw conflict({ zh: '凭证已吊销', en: 'Already revoked' });
  await markRevoked(tx, c.id, actor.id);
  const after = (await findCredential(tx, c.id)) as CredentialRow;
  await appendAudit(tx, actor, {
    action: 'gatewayCredential.revoke',
    entityType: 'gatewayCredential',
    entityId: c.id,
    regionCode: c.region_code,
    before: credentialRecord(c),
    after: credentialRecord(after),
  });
  return after;
}
