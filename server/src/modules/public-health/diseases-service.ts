// 法定传染病 reference data (issue 28, cases part): seeded on every installation, and kept by the
// national or provincial administrator — a new disease, a change of class from a date (a new
// version), removal from the list, confirming a provisional version with the document that settled
// it. Versions are only appended (domain planDiseaseChange): a report stays judged by the version
// of its diagnosis date. Audited in the same transaction. Owner: cases.
import { type Actor, canManageDiseases, DISEASE_SEED, type DiseaseChange, planDiseaseChange } from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { withScope } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { diseaseVersions } from './cases-store.ts';

/** The 2013 list with its notices and the 2025 law (provisional). New seed diseases are added; nothing an administrator changed is touched. */
export async function seedDiseaseReference(db: Db): Promise<void> {
  for (const d of DISEASE_SEED) {
    const inserted = await db.query(
      'INSERT INTO ph_diseases (code, name_zh, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING code',
      [d.code, d.nameZh, d.nameEn],
    );
    const [has] = await db.query('SELECT 1 FROM ph_disease_versions WHERE disease_code = $1 LIMIT 1', [d.code]);
    if (!inserted.length && has) continue;
    for (const v of d.versions)
      await db.query(
        `INSERT INTO ph_disease_versions (disease_code, class, managed_as_class_a, effective_from, effective_to, provisional, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [d.code, v.class, v.managedAsClassA, v.effectiveFrom, v.effectiveTo, v.provisional, v.source],
      );
  }
}

const date = z.iso.date({ message: '日期格式应为 YYYY-MM-DD||A date as YYYY-MM-DD' });
const source = z
  .string()
  .trim()
  .min(2, { message: '请填写依据（文件名称和文号）||Give the source (the document and its number)' })
  .max(300);

export const diseaseChangeSchema = z.object({
  class: z.enum(['A', 'B', 'C'], { message: '请选择甲类、乙类或丙类||Choose class A, B or C' }),
  managedAsClassA: z.boolean().default(false),
  effectiveFrom: date,
  provisional: z.boolean().default(false),
  source,
  removed: z.boolean().default(false),
});
export const newDiseaseSchema = diseaseChangeSchema.omit({ removed: true }).extend({
  code: z.string().regex(/^[a-z][A-Za-z0-9]{1,39}$/, {
    message: '代码以小写字母开头，只含字母和数字||A code starts with a small letter, letters and digits only',
  }),
  nameZh: z.string().trim().min(1, { message: '请填写中文名称||Give the Chinese name' }).max(100),
  nameEn: z.string().trim().min(1, { message: '请填写英文名称||Give the English name' }).max(200),
});
export const confirmVersionSchema = z.object({ source });
export const diseaseCodeParams = z.object({
  code: z.string().regex(/^[a-z][A-Za-z0-9]{1,39}$/, { message: '病种代码不正确||Invalid disease code' }),
});

const PROBLEM_TEXT = {
  notAfterLatest: {
    zh: '生效日期须晚于该病种最近一个版本的生效日期（历史版本不改写）',
    en: 'Must be after the start of the latest version (history is not rewritten)',
  },
  onlyClassB: { zh: '只有乙类传染病可按甲类管理', en: 'Only a class B disease can be managed as class A' },
  notInForce: { zh: '该病种在此日期已不在名录中', en: 'The disease is not on the list on that date' },
} as const;

async function applyChange(
  tx: Queryable,
  actor: Actor,
  code: string,
  change: DiseaseChange,
  kind: 'create' | 'change',
  extra: object = {},
) {
  const versions = await diseaseVersions(tx, code);
  const plan = planDiseaseChange(versions, change);
  if (!plan.ok) throw invalid(Object.fromEntries(plan.problems.map((p) => [p.field, PROBLEM_TEXT[p.reason]])));
  if (plan.close) await tx.query('UPDATE ph_disease_versions SET effective_to = $2 WHERE id = $1', [plan.close.id, plan.close.effectiveTo]);
  if (plan.insert)
    await tx.query(
      `INSERT INTO ph_disease_versions (disease_code, class, managed_as_class_a, effective_from, provisional, source)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [code, change.class, change.managedAsClassA, change.effectiveFrom, change.provisional, change.source],
    );
  await appendAudit(tx, actor, {
    action: kind === 'create' ? 'phDiseases.create' : change.removed ? 'phDiseases.remove' : 'phDiseases.change',
    entityType: 'phDisease',
    entityId: null,
    after: { code, ...extra, ...change, closed: plan.close?.effectiveTo ?? null },
  });
  return { code, versions: await diseaseVersions(tx, code) };
}

export async function createDisease(db: Db, actor: Actor, body: z.infer<typeof newDiseaseSchema>) {
  if (!canManageDiseases(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const [taken] = await tx.query<{ code: string; name_zh: string }>(
      'SELECT code, name_zh FROM ph_diseases WHERE code = $1 OR name_zh = $2',
      [body.code, body.nameZh],
    );
    if (taken)
      throw invalid(
        taken.code === body.code
          ? { code: { zh: '已有这个病种代码', en: 'This code is taken' } }
          : { nameZh: { zh: '已有同名病种', en: 'A disease has this name' } },
      );
    await tx.query('INSERT INTO ph_diseases (code, name_zh, name_en) VALUES ($1, $2, $3)', [body.code, body.nameZh, body.nameEn]);
    const { code, nameZh, nameEn, ...change } = body;
    return applyChange(tx, actor, code, change, 'create', { nameZh, nameEn });
  });
}

export async function changeDisease(db: Db, actor: Actor, code: string, body: z.infer<typeof diseaseChangeSchema>) {
  if (!canManageDiseases(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const [d] = await tx.query('SELECT 1 FROM ph_diseases WHERE code = $1 FOR UPDATE', [code]);
    if (!d) throw notFound();
    return applyChange(tx, actor, code, body, 'change');
  });
}

/** A provisional version settled by a document: no longer provisional, its source is that document. */
export async function confirmDiseaseVersion(db: Db, actor: Actor, id: string, body: z.infer<typeof confirmVersionSchema>) {
  if (!canManageDiseases(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const [v] = await tx.query<{ disease_code: string; provisional: boolean; source: string }>(
      'SELECT disease_code, provisional, source FROM ph_disease_versions WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!v) throw notFound();
    if (!v.provisional) throw conflict({ zh: '该版本已确认', en: 'This version is already confirmed' });
    await tx.query('UPDATE ph_disease_versions SET provisional = false, source = $2 WHERE id = $1', [id, body.source]);
    await appendAudit(tx, actor, {
      action: 'phDiseases.confirm',
      entityType: 'phDisease',
      entityId: null,
      before: { code: v.disease_code, version: id, provisional: true, source: v.source },
      after: { code: v.disease_code, version: id, provisional: false, source: body.source },
    });
    return { code: v.disease_code, versions: await diseaseVersions(tx, v.disease_code) };
  });
}
