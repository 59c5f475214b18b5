// Gateway credentials (数据接入凭证) and the embedded broker's checks. A gateway connects with
// username = the credential's id and password = its secret; it may then publish only to
// taishan/telemetry/{creditCode} of the enterprises its credential covers, and subscribe to
// nothing (readings are the enterprises' data, not a feed for other clients). A revoked
// credential's connections are closed at once. Secrets are shown once at issue and stored only
// as SHA-256. An external broker (MQTT_URL) does its own authentication; see the README.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type Actor,
  canManageGateways,
  canSeeGateways,
  type GatewayGrant,
  gatewayCredentialInputSchema,
  grantCovers,
  grantRegionPrefix,
  isAdmin,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, scopeFilter, withScope } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { iso } from '../../time.ts';
import { enterpriseScope } from '../enterprises/scope.ts';

type Row = {
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

function toCredential(r: Row) {
  return {
    id: r.id,
    name: r.name,
    /** What the gateway puts in the MQTT CONNECT username. */
    username: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    /** For a regional credential, the region prefix it covers ('' is the whole country). */
    regionCode: r.enterprise_id ? null : r.region_code,
    createdAt: iso(r.created_at),
    createdBy: r.created_by_name,
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A connected gateway: its credential and, per credit code, whether it may publish there. */
export type GatewaySession = { credentialId: string; grant: GatewayGrant; allowed: Map<string, boolean> };
type Closable = { close: () => void };
type CredentialRow = { id: string; secret_sha256: string; enterprise_id: string | null; region_code: string };

export class GatewayAuth {
  /** Connections per credential, so that revoking one closes them. */
  private readonly connected = new Map<string, Set<Closable>>();
  readonly counters = { logins: 0, refusedLogins: 0, refusedPublishes: 0, refusedSubscribes: 0 };

  constructor(private readonly db: Db) {}

  /**
   * Credentials checked lately (a minute): an HTTP gateway's batches skip the credential query, the
   * last-used update and, through the shared `allowed` map, the enterprise lookup of each credit
   * code it publishes for. Revoking drops the entry.
   */
  private readonly recent = new Map<string, { row: CredentialRow; at: number; allowed: Map<string, boolean> }>();

  /** Checks a CONNECT's username (the credential id) and password (the secret); null if refused. */
  async verify(username: string | undefined, password: Buffer | undefined): Promise<GatewaySession | null> {
    const cached = username ? this.recent.get(username) : undefined;
    const fresh = cached && Date.now() - cached.at < 60_000;
    const row =
      username && password && UUID.test(username)
        ? fresh
          ? cached.row
          : (
              await this.db.query<CredentialRow>(
                'SELECT id, secret_sha256, enterprise_id, region_code FROM gateway_credentials WHERE id = $1 AND revoked_at IS NULL',
                [username],
              )
            )[0]
        : undefined;
    // Hash and compare even for an unknown id, so the answer takes the same time either way.
    const given = sha256(password?.toString('utf8') ?? '');
    const stored = row ? Buffer.from(row.secret_sha256, 'hex') : sha256('');
    const ok = !!row && timingSafeEqual(given, stored);
    if (!ok || !row) {
      this.counters.refusedLogins++;
      return null;
    }
    this.counters.logins++;
    const allowed = fresh ? cached.allowed : new Map<string, boolean>();
    if (!fresh) {
      this.recent.set(row.id, { row, at: Date.now(), allowed });
      await this.db.query('UPDATE gateway_credentials SET last_used_at = now() WHERE id = $1', [row.id]);
    }
    return {
      credentialId: row.id,
      grant: row.enterprise_id ? { enterpriseId: row.enterprise_id } : { regionPrefix: row.region_code },
      allowed,
    };
  }

  /** An HTTP gateway's `Authorization: Basic base64(id:secret)`, checked like an MQTT login. */
  fromBasic(header: string | undefined): Promise<GatewaySession | null> {
    const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
    const decoded = m ? Buffer.from(m[1] as string, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) return Promise.resolve(null);
    return this.verify(decoded.slice(0, colon), Buffer.from(decoded.slice(colon + 1), 'utf8'));
  }

  /** Whether the session may publish for this credit code (looked up once per connection and code). */
  async mayPublish(session: GatewaySession, creditCode: string): Promise<boolean> {
    let ok = session.allowed.get(creditCode);
    if (ok === undefined) {
      const [e] = await this.db.query<{ id: string; region_code: string }>(
        'SELECT id, region_code FROM enterprises WHERE credit_code = $1',
        [creditCode],
      );
      ok = !!e && grantCovers(session.grant, { id: e.id, regionCode: e.region_code });
      session.allowed.set(creditCode, ok);
    }
    if (!ok) this.counters.refusedPublishes++;
    return ok;
  }

  attach(credentialId: string, client: Closable): () => void {
    const set = this.connected.get(credentialId) ?? new Set();
    set.add(client);
    this.connected.set(credentialId, set);
    return () => {
      set.delete(client);
      if (!set.size) this.connected.delete(credentialId);
    };
  }

  /** Closes every connection made with this credential (it has just been revoked). */
  disconnect(credentialId: string) {
    this.recent.delete(credentialId);
    for (const c of this.connected.get(credentialId) ?? []) c.close();
    this.connected.delete(credentialId);
  }

  get connections() {
    let n = 0;
    for (const s of this.connected.values()) n += s.size;
    return n;
  }
}

async function findCredential(tx: Scoped, id: string, forUpdate = false): Promise<Row | undefined> {
  return (await tx.query<Row>(`${SELECT} WHERE c.id = $1 ${forUpdate ? 'FOR UPDATE OF c' : ''}`, [id]))[0];
}

const grantOf = (r: Pick<Row, 'enterprise_id' | 'region_code'>): GatewayGrant =>
  r.enterprise_id ? { enterpriseId: r.enterprise_id } : { regionPrefix: r.region_code };

/** The buttons a credential shows this user: revoke, while not revoked and theirs to manage. */
const credentialActions = (actor: Actor, r: Row): 'revoke'[] => (!r.revoked_at && canManageGateways(actor, grantOf(r)) ? ['revoke'] : []);

export function gatewayRoutes(app: FastifyInstance, db: Db, auth: GatewayAuth) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/gateway-credentials',
    access: 'user',
    summary: '数据接入凭证（企业看本企业，平台管理员看全部）Gateway credentials',
    tags: ['monitoring'],
    handler: async ({ actor }) => {
      if (!canSeeGateways(actor)) throw forbidden();
      return readScoped(db, actor.scope, async (tx) => {
        const p: unknown[] = [];
        const where = scopeFilter(tx.scope, p, { region: 'c.region_code', enterpriseId: 'c.enterprise_id' });
        const rows = await tx.query<Row>(`${SELECT} WHERE ${where} ORDER BY c.revoked_at IS NOT NULL, c.created_at DESC LIMIT 500`, p);
        const items = rows.map((r) => ({ ...toCredential(r), allowedActions: credentialActions(actor, r) }));
        return { items, connections: isAdmin(actor) ? auth.connections : undefined };
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/gateway-credentials',
    access: 'user',
    summary: '签发数据接入凭证（密钥只显示这一次）Issue a gateway credential',
    tags: ['monitoring'],
    body: gatewayCredentialInputSchema,
    status: 201,
    handler: async ({ body, actor }) => {
      const enterpriseId = body.enterpriseId ?? (body.regionCode === undefined ? actor.scope.enterpriseId : null);
      if (!enterpriseId && body.regionCode === undefined)
        throw invalid({ enterpriseId: { zh: '请选择企业或区域', en: 'Choose an enterprise or a region' } });
      const grant: GatewayGrant = enterpriseId ? { enterpriseId } : { regionPrefix: grantRegionPrefix(body.regionCode ?? '') };
      if (!canManageGateways(actor, grant)) throw forbidden();
      const secret = randomBytes(24).toString('base64url');
      const created = await withScope(db, actor.scope, async (tx) => {
        if (enterpriseId) {
          const p: unknown[] = [enterpriseId];
          const [e] = await tx.query(`SELECT 1 FROM enterprises e WHERE e.id = $1 AND ${enterpriseScope(tx, p)}`, p);
          if (!e) throw invalid({ enterpriseId: { zh: '企业不存在或不在辖区内', en: 'No such enterprise in your scope' } });
        }
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO gateway_credentials (name, enterprise_id, region_code, secret_sha256, created_by)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [body.name, enterpriseId, 'regionPrefix' in grant ? grant.regionPrefix : '', sha256(secret).toString('hex'), actor.id],
        );
        const c = (await findCredential(tx, row?.id as string)) as Row;
        await appendAudit(tx, actor, {
          action: 'gatewayCredential.issue',
          entityType: 'gatewayCredential',
          entityId: c.id,
          regionCode: c.region_code,
          after: toCredential(c),
        });
        return c;
      });
      // The only time the secret leaves the server.
      return { ...toCredential(created), password: secret };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/gateway-credentials/:id/revoke',
    access: 'user',
    summary: '吊销数据接入凭证（已连接的网关立即断开）Revoke a gateway credential',
    tags: ['monitoring'],
    params: idParams,
    handler: async ({ params, actor }) => {
      const revoked = await withScope(db, actor.scope, async (tx) => {
        if (!canSeeGateways(actor)) throw notFound();
        const c = await lockForCommand(tx, params.id, { find: findCredential, may: (r) => canManageGateways(actor, grantOf(r)) });
        if (c.revoked_at) throw conflict({ zh: '凭证已吊销', en: 'Already revoked' });
        await tx.query('UPDATE gateway_credentials SET revoked_at = now(), revoked_by = $2 WHERE id = $1', [c.id, actor.id]);
        const after = (await findCredential(tx, c.id)) as Row;
        await appendAudit(tx, actor, {
          action: 'gatewayCredential.revoke',
          entityType: 'gatewayCredential',
          entityId: c.id,
          regionCode: c.region_code,
          before: toCredential(c),
          after: toCredential(after),
        });
        return after;
      });
      auth.disconnect(revoked.id);
      return toCredential(revoked);
    },
  });
}
