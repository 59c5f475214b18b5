// Checklists' SQL (检查表): versioned templates, one row per version. Built-ins are loaded once
// (ensureBuiltinChecklists, at start); a published version is a new row (version + 1) and
// inspections keep the exact version they used. Routes: checklist-routes.ts.
import { BUILTIN_CHECKLISTS, type Checklist, type ChecklistItem, type checklistInputSchema, type InspectionTier } from '@taishan/domain';
import type { z } from 'zod';
import type { Queryable } from '../../db/db.ts';

export type ChecklistRow = {
  id: string;
  code: string;
  version: number;
  name: string;
  industries: string[];
  tiers: InspectionTier[];
  source: string;
  items: ChecklistItem[];
  builtin: boolean;
  published_at: Date | string;
};

export const toChecklist = (r: ChecklistRow): Checklist => ({
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

/** The latest version of each code (or every version, newest first), those for an industry division if given. */
export async function listChecklists(q: Queryable, all: boolean, industry?: string): Promise<ChecklistRow[]> {
  const rows = await q.query<ChecklistRow>(
    all
      ? 'SELECT * FROM checklist_templates ORDER BY code, version DESC'
      : 'SELECT DISTINCT ON (code) * FROM checklist_templates ORDER BY code, version DESC',
  );
  return rows.filter((r) => !industry || r.industries.length === 0 || r.industries.includes(industry));
}

/** The latest version of a code (0: none), once no one else is publishing it (a lock held to commit). */
export async function lockLatestVersion(q: Queryable, code: string): Promise<number> {
  // One publisher of a code at a time: the second reads the first's version, not the same max.
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`checklist:${code}`]);
  const [v] = await q.query<{ v: number }>('SELECT coalesce(max(version), 0)::int AS v FROM checklist_templates WHERE code = $1', [code]);
  return v?.v ?? 0;
}

export async function insertChecklist(q: Queryable, c: z.infer<typeof checklistInputSchema>, version: number): Promise<ChecklistRow> {
  const [row] = await q.query<ChecklistRow>(
    `INSERT INTO checklist_templates (code, version, name, industries, tiers, source, items)
     VALUES ($1, $2, $3, $4::text[], $5::text[], $6, $7::jsonb) RETURNING *`,
    [c.code, version, c.name, c.industries, c.tiers, c.source, JSON.stringify(c.items)],
  );
  return row as ChecklistRow;
}
