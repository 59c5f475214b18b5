// Server-side sessions: the cookie holds 32 random bytes; the database holds only their sha256.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { actorOf, USER_ACTOR_COLUMNS, USER_ACTOR_FROM, type UserRow } from './actor.ts';

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
  const hash = sha256(token);
  cache.delete(hash);
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hash]);
  for (const w of watchers) if (w.hash === hash) w.end();
}

/**
 * Ends every session of a user, inside the caller's transaction (password reset, disabling, a
 * change of role or home). Call sessionsEnded(userId) once it has committed: it closes what is
 * still open in this process.
 */
export async function endUserSessions(tx: Pick<Db, 'query'>, userId: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

/** After endUserSessions committed: forget the cached actor and close the user's live streams in this process. */
export function sessionsEnded(userId: string): void {
  forgetUser(userId);
  for (const w of watchers) if (w.userId === userId) w.end();
}

/** Live streams (SSE) and the session each was opened with. */
const watchers = new Set<{ hash: string; userId: string; end: () => void }>();
export const SESSION_RECHECK_MS = 15_000;

/**
 * Keep a long-lived response (an SSE stream) tied to its session: `end` is called when the
 * session is logged out or the user's sessions are ended in this process, or — for a session
 * ended by another process — when a re-check every `recheckMs` no longer finds it. Returns the
 * function that stops watching (call it when the response closes).
 */
export function watchSession(db: Db, token: string, userId: string, end: () => void, recheckMs = SESSION_RECHECK_MS): () => void {
  let done = false;
  const w = {
    hash: sha256(token),
    userId,
    end: () => {
      if (done) return;
      stop();
      end();
    },
  };
  const timer = setInterval(() => {
    actorForSession(db, token).then(
      (a) => {
        if (!a || a.id !== userId) w.end();
      },
      () => undefined,
    );
  }, recheckMs);
  timer.unref();
  const stop = () => {
    done = true;
    clearInterval(timer);
    watchers.delete(w);
  };
  watchers.add(w);
  return stop;
}

type Actor = ReturnType<typeof actorOf>;

/**
 * A short-lived in-process cache of session → actor, so a busy page does not look the session up
 * on every request. Logout and any change to a user (disable, password, unlock) evict at once in
 * this process; other processes see the change within CACHE_MS.
 */
export const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;
const cache = new Map<string, { actor: Actor; until: number }>();

export function forgetUser(userId: string): void {
  for (const [k, v] of cache) if (v.actor.id === userId) cache.delete(k);
}

export async function actorForSession(db: Db, token: string): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const hash = sha256(token);
  const hit = cache.get(hash);
  if (hit && hit.until > Date.now()) return hit.actor;
  const rows = await db.query<UserRow & { expires_at: Date | string }>(
    `SELECT ${USER_ACTOR_COLUMNS}, s.expires_at ${USER_ACTOR_FROM} JOIN sessions s ON s.user_id = u.id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [hash],
  );
  const row = rows[0];
  const actor = row ? actorOf(row) : null;
  if (row && actor) {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(hash, { actor, until: Math.min(Date.now() + CACHE_MS, new Date(row.expires_at).getTime()) });
  } else cache.delete(hash);
  return actor;
}
