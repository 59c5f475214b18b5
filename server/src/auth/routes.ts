// Login, logout and "me". Lockout: after MAX_FAILURES wrong passwords the account is locked for
// LOCK_MINUTES; a successful login resets the count. Failures and lockouts are audited.
import { ROLE_LABELS } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../audit/chain.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { actorForSession, createSession, destroySession, SESSION_COOKIE, SESSION_TTL_MS } from './sessions.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.object({ zh: z.string(), en: z.string() }),
  scope: z.object({
    regionPrefix: z.string(),
    industries: z.array(z.string()).nullable(),
    enterpriseId: z.string().nullable(),
  }),
});

export function authRoutes(app: FastifyInstance, db: Db, opts: { secureCookies: boolean }) {
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    access: 'public',
    summary: '登录 Log in',
    tags: ['auth'],
    body: loginBody,
    response: meSchema,
    handler: async ({ body, reply }) => {
      const [user] = await db.query<{
        id: string;
        username: string;
        password_hash: string;
        disabled: boolean;
        failed_attempts: number;
        locked: boolean;
      }>(
        `SELECT id, username, password_hash, disabled, failed_attempts, coalesce(locked_until > now(), false) AS locked
         FROM users WHERE username = $1`,
        [body.username],
      );
      if (!user) {
        await verifyPassword(await dummyPasswordHash(), body.password);
        throw badCredentials();
      }
      if (user.locked) throw new AppError('account_locked');
      const ok = !user.disabled && (await verifyPassword(user.password_hash, body.password));
      if (!ok) {
        await db.transaction(async (tx) => {
          const [r] = await tx.query<{ failed_attempts: number }>(
            `UPDATE users SET failed_attempts = failed_attempts + 1,
               locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
             WHERE id = $1 RETURNING failed_attempts`,
            [user.id, MAX_FAILURES, LOCK_MINUTES],
          );
          const locked = (r?.failed_attempts ?? 0) >= MAX_FAILURES;
          await appendAudit(
            tx,
            { id: user.id, username: user.username },
            {
              action: locked ? 'auth.locked' : 'auth.loginFailed',
              entityType: 'user',
              entityId: user.id,
              after: { failedAttempts: r?.failed_attempts },
            },
          );
        });
        throw badCredentials();
      }
      await db.transaction(async (tx) => {
        await tx.query('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [user.id]);
        await appendAudit(tx, { id: user.id, username: user.username }, { action: 'auth.login', entityType: 'user', entityId: user.id });
      });
      const token = await createSession(db, user.id);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
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

const badCredentials = () =>
  new AppError(
    'unauthenticated',
    { zh: '用户名或密码错误', en: 'Wrong username or password' },
    {
      password: { zh: '用户名或密码错误', en: 'Wrong username or password' },
    },
  );

function meOf(actor: {
  id: string;
  username: string;
  displayName?: string;
  role: keyof typeof ROLE_LABELS;
  scope: z.infer<typeof meSchema>['scope'];
}) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName ?? actor.username,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    scope: actor.scope,
  };
}
