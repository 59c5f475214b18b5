// Login, logout and "me". Lockout: after MAX_FAILURES wrong passwords for one name from one source
// bucket (limits.ts), that name is locked for LOCK_MINUTES from that bucket only — others, the
// account's owner among them, still log in — and an unknown name is counted and locked exactly as
// an account is, so the answer never tells whether it exists. A good password clears the count.
// Failures and lockouts of accounts are audited.
import { type Actor, abilitiesOf, type Me, meSchema, ROLE_LABELS } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../audit/chain.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import { clearLoginFailure, LOCK_MINUTES, loginLocked, recordLoginFailure, type SourceKeys } from './limits.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { actorForSession, createSession, destroySession, SESSION_COOKIE, SESSION_TTL_MS } from './sessions.ts';

export { LOCK_MINUTES, MAX_FAILURES } from './limits.ts';

const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export type CookieSecure = boolean | 'auto';

export function authRoutes(app: FastifyInstance, db: Db, opts: { cookieSecure: CookieSecure; sourceKeys: SourceKeys }) {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    access: 'public',
    summary: '登录 Log in',
    tags: ['auth'],
    body: loginBody,
    response: meSchema,
    handler: async ({ body, req, reply }) => {
      const bucket = opts.sourceKeys.bucket(req.ip);
      const account = opts.sourceKeys.account(body.username);
      // Locked for this name from this source: the same answer whether or not the name exists.
      if (await loginLocked(db, account, bucket)) throw locked();
      const [user] = await db.query<{ id: string; username: string; password_hash: string; disabled: boolean }>(
        'SELECT id, username, password_hash, disabled FROM users WHERE username = $1',
        [body.username],
      );
      // Always one hash check, so time does not tell unknown or disabled accounts apart.
      const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), body.password);
      if (!user || user.disabled || !passwordOk) {
        await db.transaction(async (tx) => {
          const r = await recordLoginFailure(tx, account, bucket, user?.id ?? null);
          if (user)
            await appendAudit(
              tx,
              { id: user.id, username: user.username },
              {
                action: r.locked ? 'auth.locked' : 'auth.loginFailed',
                entityType: 'user',
                entityId: user.id,
                after: { failedAttempts: r.failures },
              },
            );
        });
        // The failure that locks still answers as a wrong password; the next attempt learns of the lock.
        throw badCredentials();
      }
      await db.transaction(async (tx) => {
        await clearLoginFailure(tx, account, bucket);
        await tx.query('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1 AND failed_attempts > 0', [user.id]);
        await appendAudit(tx, { id: user.id, username: user.username }, { action: 'auth.login', entityType: 'user', entityId: user.id });
      });
      const token = await createSession(db, user.id);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        // COOKIE_SECURE: always, never, or (auto) when the request came over HTTPS (behind a proxy: TRUST_PROXY).
        secure: opts.cookieSecure === 'auto' ? req.protocol === 'https' : opts.cookieSecure,
        maxAge: SESSION_TTL_MS / 1000,
      });
      const actor = await actorForSession(db, token);
      if (!actor) throw new AppError('unauthenticated');
      return meOf(actor);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/logout',
    access: 'user',
    summary: '退出登录 Log out',
    tags: ['auth'],
    status: 204,
    handler: async ({ req, reply, actor }) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await destroySession(db, token);
      await db.transaction((tx) =>
        appendAudit(tx, { id: actor.id, username: actor.username }, { action: 'auth.logout', entityType: 'user', entityId: actor.id }),
      );
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.code(204).send();
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/me',
    access: 'user',
    summary: '当前用户 Current user',
    tags: ['auth'],
    response: meSchema,
    handler: async ({ req }) => meOf(req.actor as NonNullable<typeof req.actor>),
  });
}

/** The same for every name, account or not: it says only that this name is paused from here. */
const locked = () =>
  new AppError('account_locked', {
    zh: `登录失败次数过多，请 ${LOCK_MINUTES} 分钟后再试`,
    en: `Too many failed logins; try again in ${LOCK_MINUTES} minutes`,
  });

const badCredentials = () =>
  new AppError(
    'unauthenticated',
    { zh: '用户名或密码错误', en: 'Wrong username or password' },
    {
      password: { zh: '用户名或密码错误', en: 'Wrong username or password' },
    },
  );

function meOf(actor: Actor & { displayName?: string }): Me {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName ?? actor.username,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    scope: actor.scope,
    abilities: abilitiesOf(actor),
  };
}
