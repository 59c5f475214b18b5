// Server-side sessions: the cookie holds 32 random bytes; the database holds only their sha256.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { type UserRow, USER_ACTOR_SQL, actorOf } from './actor.ts';

export const SESSION_COOKIE = 'taishan_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createSession(db: Db, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    sha256(token),
    userId,
    new Date(Date.now() + SESSION_TTL_MS).toISOString(),
  ]);
  return token;
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
}

export async function actorForSession(db: Db, token: string) {
  if (!token || token.length > 100) return null;
  const rows = await db.query<UserRow>(
    `${USER_ACTOR_SQL} JOIN sessions s ON s.user_id = u.id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [sha256(token)],
  );
  return rows[0] ? actorOf(rows[0]) : null;
}
