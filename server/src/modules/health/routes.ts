import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';

export function healthRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/health',
    access: 'public',
    summary: '健康检查 Health',
    tags: ['health'],
    response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']) }),
    handler: async () => {
      await db.query('SELECT 1');
      return { status: 'ok' as const, database: db.kind };
    },
  });
}
