// Checklists (检查表): the latest version of each (or all), one, and publishing a new one or a new
// version (the platform admin; domain mayPublishChecklists). SQL in checklists.ts.
import { checklistInputSchema, checklistListSchema, checklistSchema, mayPublishChecklists } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { withScope } from '../../db/scope.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { findChecklist, insertChecklist, listChecklists, lockLatestVersion, toChecklist } from './checklists.ts';

export function checklistRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/checklists',
    access: 'user',
    summary: '检查表（默认每个编码的最新版本）Checklists, latest version of each',
    tags: ['inspections'],
    query: z.object({
      all: z.enum(['true', 'false']).optional(),
      industry: z
        .string()
        .regex(/^\d{2}$/)
        .optional(),
    }),
    response: checklistListSchema,
    handler: async ({ query }) => {
      const items = await listChecklists(db, query.all === 'true', query.industry);
      return { items: items.map(toChecklist), total: items.length };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/checklists/:id',
    access: 'user',
    summary: '检查表详情 Checklist',
    tags: ['inspections'],
    params: idParams,
    response: checklistSchema,
    handler: async ({ params }) => {
      const r = await findChecklist(db, params.id);
      if (!r) throw notFound();
      return toChecklist(r);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/checklists',
    access: 'user',
    summary: '发布检查表（同编码则为新版本）Publish a checklist (a new version for an existing code)',
    tags: ['inspections'],
    body: checklistInputSchema,
    status: 201,
    response: checklistSchema,
    handler: async ({ body, actor }) => {
      if (!mayPublishChecklists(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        const latest = await lockLatestVersion(tx, body.code);
        // Publishing over a version someone else published meanwhile is refused rather than
        // silently dropping their changes.
        if (body.baseVersion !== undefined && body.baseVersion !== latest)
          throw conflict(
            body.baseVersion === 0
              ? {
                  zh: `编码 ${body.code} 已被检查表使用（最新为第 ${latest} 版）`,
                  en: `Code ${body.code} is taken (latest: version ${latest})`,
                }
              : {
                  zh: `该检查表已有第 ${latest} 版，本次编辑基于第 ${body.baseVersion} 版，请在最新版本上重新编辑`,
                  en: `Version ${latest} was published meanwhile; this edit started from version ${body.baseVersion}. Edit the latest`,
                },
          );
        const c = toChecklist(await insertChecklist(tx, body, latest + 1));
        await appendAudit(tx, actor, { action: 'checklist.publish', entityType: 'checklist', entityId: c.id, after: c });
        return c;
      });
    },
  });
}
