// The in-app inbox. Notices are personal: every query is restricted to the caller's own rows.
// Notices with a group key (a day's alarm escalations) are one entry: the unread count counts a
// group once, and reading one of them reads the group.
import { notificationListSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';

export function notificationRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/notifications',
    access: 'user',
    summary: '我的消息 My inbox',
    tags: ['notifications'],
    query: z.object({ unread: z.enum(['true', 'false']).optional() }),
    response: notificationListSchema,
    handler: async ({ actor, query }) => {
      const rows = await db.query<{
        id: string;
        kind: string;
        title: string;
        link: string | null;
        group_key: string | null;
        read_at: Date | null;
        created_at: Date;
      }>(
        `SELECT id, kind, title, link, group_key, read_at, created_at FROM notifications WHERE user_id = $1 ${query.unread === 'true' ? 'AND read_at IS NULL' : ''}
         ORDER BY created_at DESC LIMIT 200`,
        [actor.id],
      );
      const [u] = await db.query<{ n: number }>(
        `SELECT (count(*) FILTER (WHERE group_key IS NULL) + count(DISTINCT group_key))::int AS n FROM notifications
         WHERE user_id = $1 AND read_at IS NULL`,
        [actor.id],
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          link: r.link,
          group: r.group_key,
          read: r.read_at !== null,
          createdAt: new Date(r.created_at).toISOString(),
        })),
        unread: u?.n ?? 0,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/notifications/:id/read',
    access: 'user',
    summary: '标为已读（一组的则整组）Mark read (a grouped notice: its group)',
    tags: ['notifications'],
    params: idParams,
    status: 204,
    handler: async ({ params, actor, reply }) => {
      const r = await db.query(
        `UPDATE notifications SET read_at = coalesce(read_at, now())
         WHERE user_id = $2 AND (id = $1 OR group_key = (SELECT group_key FROM notifications WHERE id = $1 AND user_id = $2)) RETURNING id`,
        [params.id, actor.id],
      );
      if (!r.length) throw notFound();
      reply.code(204).send();
    },
  });
}
