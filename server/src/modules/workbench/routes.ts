// GET /api/v1/workbench: what waits for the caller, from every registered capability.
import { workItemSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';
import { todayInShanghai } from '../../time.ts';
import type { Workbench } from './registry.ts';

export function workbenchRoutes(app: FastifyInstance, db: Db, workbench: Workbench) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/workbench',
    access: 'user',
    summary: '工作台：待办事项（数量与筛选好的清单链接）Workbench: what waits for you, with counts and links to the filtered lists',
    tags: ['workbench'],
    response: z.object({ today: z.string(), items: z.array(workItemSchema), unavailable: z.array(z.string()) }),
    handler: async ({ actor, req }) => ({ today: todayInShanghai(), ...(await workbench.gather(db, actor, req.log)) }),
  });
}
