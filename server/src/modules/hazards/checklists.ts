// Checklists (检查表): versioned templates. Built-ins are loaded once; admins publish new versions
// (a new row, version + 1); inspections keep the exact version they used.
import { BUILTIN_CHECKLISTS, type ChecklistItem, checklistInputSchema, isAdmin } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { withScope } from '../../db/scope.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';

export type ChecklistRow = {
  id: string;
  code: string;
  version: number;
  name: string;
  industries: string[];
  tiers: string[];
  source: string;
  items: ChecklistItem[];
  builtin: boolean;
  published_at: Date | string;
};

export const toChecklist = (r: ChecklistRow) => ({
  id: r.id,
  code: r.code,
  version: r.version,
  name: r.name,
  industries: r.industries,
  tiers: r.tiers,
  source: r.source,
  items: r.items,
  builtin: r.builtin,
  publishedAt: new Date(r.published_at).toISOString(),
});

/** Insert each built-in template that has never been loaded (idempotent; run at start). */
export async function ensureBuiltinChecklists(db: Queryable) {
  for (const c of BUILTIN_CHECKLISTS) {
    await db.query(
      `INSERT INTO checklist_templates (code, version, name, industries, tiers, source, items, builtin)
       SELECT $1, 1, $2, $3::text[], $4::text[], $5, $6::jsonb, true
       WHERE NOT EXISTS (SELECT 1 FROM checklist_templates WHERE code = $1)`,
      [c.code, c.name, c.industries, c.tiers, c.source, JSON.stringify(c.items)],
    );
  }
}

export async function findChecklist(q: Queryable, id: string) {
  return (await q.query<ChecklistRow>('SELECT * FROM checklist_templates WHERE id = $1', [id]))[0];
}

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
    handler: async ({ query }) => {
      const rows = await db.query<ChecklistRow>(
        query.all === 'true'
          ? 'SELECT * FROM checklist_templates ORDER BY code, version DESC'
          : 'SELECT DISTINCT ON (code) * FROM checklist_templates ORDER BY code, version DESC',
      );
      const items = rows.filter((r) => !query.industry || r.industries.length === 0 || r.industries.includes(query.industry));
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
    handler: async ({ body, actor }) => {
      if (!isAdmin(actor)) throw forbidden();
      return withScope(db, actor.scope, async (tx) => {
        // One publisher of a code at a time: the second reads the first's version, not the same max.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`checklist:${body.code}`]);
        const [v] = await tx.query<{ v: number }>('SELECT coalesce(max(version), 0)::int AS v FROM checklist_templates WHERE code = $1', [
          body.code,
        ]);
        const latest = v?.v ?? 0;
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
        const [row] = await tx.query<ChecklistRow>(
          `INSERT INTO checklist_templates (code, version, name, industries, tiers, source, items)
           VALUES ($1, $2, $3, $4::text[], $5::text[], $6, $7::jsonb) RETURNING *`,
          [body.code, latest + 1, body.name, body.industries, body.tiers, body.source, JSON.stringify(body.items)],
        );
        const c = toChecklist(row as ChecklistRow);
        await appendAudit(tx, actor, { action: 'checklist.publish', entityType: 'checklist', entityId: c.id, after: c });
        return c;
      });
    },
  });
}
