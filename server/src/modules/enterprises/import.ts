// Bulk import: every row validated and written in its own transaction, so a rejected row leaves
// nothing behind and an accepted row is complete. Results per row: imported / warning / rejected.
import { type Actor, type Bilingual, enterpriseInputSchema, fieldMessages, splitBilingual } from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { withScope } from '../../db/scope.ts';
import { AppError } from '../../http/errors.ts';
import { createIn } from './service.ts';
import type { SourceRow } from './tabular.ts';

export type RowResult = {
  line: number;
  creditCode: string | null;
  name: string | null;
  status: 'imported' | 'warning' | 'rejected';
  id?: string;
  reasons: { field: string; zh: string; en: string }[];
};

export type ImportSummary = { total: number; imported: number; warning: number; rejected: number; rows: RowResult[] };

const CHECK_WARNING: Bilingual = {
  zh: '统一社会信用代码校验位不符，已导入并标记待核实',
  en: 'Credit code check character does not match; imported and flagged for review',
};

export async function importRows(
  db: Db,
  actor: Actor,
  rows: SourceRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportSummary> {
  const results: RowResult[] = [];
  for (const [i, row] of rows.entries()) {
    results.push(await importOne(db, actor, row));
    onProgress?.(i + 1, rows.length);
  }
  const count = (s: RowResult['status']) => results.filter((r) => r.status === s).length;
  const summary = {
    total: results.length,
    imported: count('imported'),
    warning: count('warning'),
    rejected: count('rejected'),
    rows: results,
  };
  await db.transaction((tx) =>
    appendAudit(tx, actor, {
      action: 'enterprise.import',
      entityType: 'enterprise',
      after: { total: summary.total, imported: summary.imported, warning: summary.warning, rejected: summary.rejected },
    }),
  );
  return summary;
}

async function importOne(db: Db, actor: Actor, row: SourceRow): Promise<RowResult> {
  const base = {
    line: row.line,
    creditCode: typeof row.values.creditCode === 'string' ? row.values.creditCode : null,
    name: typeof row.values.name === 'string' ? row.values.name : null,
  };
  const parsed = enterpriseInputSchema.safeParse(row.values);
  if (!parsed.success) {
    const reasons = Object.entries(fieldMessages(parsed.error.issues)).map(([field, m]) => ({ field, ...m }));
    return { ...base, status: 'rejected', reasons };
  }
  try {
    const created = await withScope(db, actor.scope, (tx) => createIn(tx, actor, parsed.data));
    return created.credit_code_warning
      ? { ...base, status: 'warning', id: created.id, reasons: [{ field: 'creditCode', ...CHECK_WARNING }] }
      : { ...base, status: 'imported', id: created.id, reasons: [] };
  } catch (err) {
    if (err instanceof AppError) {
      const reasons = Object.entries(err.fields).map(([field, m]) => ({ field, ...m }));
      return { ...base, status: 'rejected', reasons: reasons.length ? reasons : [{ field: '_', ...err.messages }] };
    }
    throw err;
  }
}

export const bilingualOf = (message: string): Bilingual => splitBilingual(message) ?? { zh: message, en: message };
