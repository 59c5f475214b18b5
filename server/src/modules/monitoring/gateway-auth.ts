// The embedded broker's and the HTTP ingest's check of a gateway's credential. A gateway
// connects with username = the credential's id and password = its secret; it may then publish only
// to taishan/telemetry/{creditCode} of the enterprises its credential covers, and subscribe to
// nothing (readings are the enterprises' data, not a feed for other clients). A revoked
// credential's connections are closed at once. Secrets are stored only as SHA-256. An external
// broker (MQTT_URL) does its own authentication; see the README.
import { createHash, timingSafeEqual } from 'node:crypto';
import { type GatewayGrant, grantCovers } from '@taishan/domain';
import type { Db } from '../../db/db.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest();
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
