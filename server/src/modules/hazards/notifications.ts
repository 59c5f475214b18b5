// The in-app inbox: the caller's own notices (SQL in notification-store.ts).
import { notificationListSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { inboxOf, markRead } from './notification-store.ts';

export function notificationRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/notifications',
    access: 'user',
    summary: '我的消息 My inbox',
    tags: ['notifications'],
    query: z.object({ unread: z.enum(['true', 'false']).optional() }),
    response: notificationListSchema,
    handler: async ({ actor, query }) => inboxOf(db, actor.id, query.unread === 'true'),
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
      if (!(await markRead(db, actor.id, params.id))) throw notFound();
      reply.code(204).send();
    },
  });
}
