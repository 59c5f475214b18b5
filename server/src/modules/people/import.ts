// Excel/CSV import of certificates (issue 26, item 8), in the enterprise import's manner
// (enterprises/import.ts): the same reader (tabular.ts readGrid), one transaction per row so a
// rejected row leaves nothing behind (not even the person it would have created), and a result per
// row. A row names the person (created when their ID number is new to the enterprise) and one
// certificate. Only the enterprise's own accounts import.
import {
  type Actor,
  type Bilingual,
  CERTIFICATE_KIND_LABELS,
  certificateInputSchema,
  fieldMessages,
  mayManagePeople,
  PERSON_POSITION_LABELS,
  PERSON_POSITIONS,
  personInputSchema,
  SPECIAL_WORK_CATEGORIES,
} from '@taishan/domain';
import ExcelJS from 'exceljs';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { withScope } from '../../db/scope.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { readGrid, TableFormatError } from '../enterprises/tabular.ts';
import { addCertificateIn, createPersonIn } from './service.ts';
import { personByIdNumber } from './store.ts';

export const CERTIFICATE_COLUMNS = [
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'idNumber', zh: '身份证号', en: 'ID number' },
  { key: 'position', zh: '岗位', en: 'Position' },
  { key: 'hiredOn', zh: '入职日期', en: 'Hire date' },
  { key: 'kind', zh: '证书类型', en: 'Certificate kind' },
  { key: 'category', zh: '作业类别', en: 'Category' },
  { key: 'item', zh: '操作项目', en: 'Item' },
  { key: 'number', zh: '证书编号', en: 'Certificate number' },
  { key: 'issuedOn', zh: '发证日期', en: 'Issue date' },
  { key: 'validTo', zh: '有效期至', en: 'Valid to' },
  { key: 'reviewedOn', zh: '复审日期', en: 'Review date' },
] as const;
type Key = (typeof CERTIFICATE_COLUMNS)[number]['key'];
const REQUIRED: Key[] = ['name', 'idNumber', 'position', 'kind', 'number', 'issuedOn'];
export const MAX_CERTIFICATE_ROWS = 5000;

const norm = (s: string) => s.replace(/[\s（）()]/g, '').toLowerCase();
const headers = new Map<string, Key>();
for (const c of CERTIFICATE_COLUMNS) for (const n of [c.key, c.zh, c.en]) headers.set(norm(n), c.key);
const positions = new Map<string, string>();
for (const p of PERSON_POSITIONS)
  for (const n of [p, PERSON_POSITION_LABELS[p].zh, PERSON_POSITION_LABELS[p].en]) positions.set(norm(n), p);
const kinds = new Map<string, string>([
  ...Object.entries(CERTIFICATE_KIND_LABELS).flatMap(([k, l]) => [[norm(k), k] as [string, string], [norm(l.zh), k] as [string, string]]),
  [norm('合格证'), 'qualification'],
  [norm('安全管理人员合格证'), 'qualification'],
  [norm('主要负责人合格证'), 'qualification'],
  [norm('操作证'), 'special'],
]);
const categories = new Map<string, string>();
for (const c of SPECIAL_WORK_CATEGORIES) for (const n of [c.code, c.zh, c.en, String(c.no)]) categories.set(norm(n), c.code);

function cell(key: Key, raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  let v: unknown = raw;
  if (typeof v === 'object' && v && 'text' in v) v = (v as { text: unknown }).text;
  if (typeof v === 'object' && v && 'result' in v) v = (v as { result: unknown }).result;
  if (v instanceof Date) v = v.toISOString().slice(0, 10);
  const text = String(v).trim();
  if (!text) return undefined;
  switch (key) {
    case 'position':
      return positions.get(norm(text)) ?? text;
    case 'kind':
      return kinds.get(norm(text)) ?? text;
    case 'category':
      return categories.get(norm(text)) ?? text;
    case 'hiredOn':
    case 'issuedOn':
    case 'validTo':
    case 'reviewedOn': {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
      return m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : text;
    }
    default:
      return text;
  }
}

export type CertificateRowResult = {
  line: number;
  name: string | null;
  number: string | null;
  status: 'imported' | 'rejected';
  personCreated: boolean;
  reasons: { field: string; zh: string; en: string }[];
};

/** The rows of the file, or a bilingual TableFormatError for the whole file. */
export async function readCertificateTable(buffer: Buffer, filename: string): Promise<{ line: number; values: Record<string, unknown> }[]> {
  const grid = await readGrid(buffer, filename);
  const [header, ...body] = grid;
  if (!header) throw new TableFormatError('文件为空||The file is empty');
  const keys = header.map((h) => headers.get(norm(String(h ?? ''))));
  const missing = REQUIRED.filter((k) => !keys.includes(k));
  if (missing.length) {
    const names = missing.map((k) => CERTIFICATE_COLUMNS.find((c) => c.key === k)?.zh).join('、');
    throw new TableFormatError(`缺少必需列：${names}||Missing required columns: ${missing.join(', ')}`);
  }
  if (body.length > MAX_CERTIFICATE_ROWS)
    throw new TableFormatError(`最多 ${MAX_CERTIFICATE_ROWS} 行||At most ${MAX_CERTIFICATE_ROWS} rows`);
  const rows: { line: number; values: Record<string, unknown> }[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return;
    const values: Record<string, unknown> = {};
    keys.forEach((k, j) => {
      if (k) values[k] = cell(k, cells[j]);
    });
    rows.push({ line: i + 2, values });
  });
  return rows;
}

const reasonsOf = (fields: Record<string, Bilingual>) => Object.entries(fields).map(([field, m]) => ({ field, ...m }));

async function importOne(db: Db, actor: Actor, row: { line: number; values: Record<string, unknown> }): Promise<CertificateRowResult> {
  const v = row.values;
  const base = { line: row.line, name: typeof v.name === 'string' ? v.name : null, number: typeof v.number === 'string' ? v.number : null };
  const person = personInputSchema.safeParse({ name: v.name, idNumber: v.idNumber, position: v.position, hiredOn: v.hiredOn });
  const cert = certificateInputSchema.safeParse({
    kind: v.kind,
    number: v.number,
    issuedOn: v.issuedOn,
    validTo: v.validTo,
    category: v.category,
    item: v.item,
    reviewedOn: v.reviewedOn,
  });
  if (!person.success || !cert.success) {
    const fields = {
      ...(person.success ? {} : fieldMessages(person.error.issues)),
      ...(cert.success ? {} : fieldMessages(cert.error.issues)),
    };
    return { ...base, status: 'rejected', personCreated: false, reasons: reasonsOf(fields) };
  }
  try {
    // One transaction: the person created for this row goes if its certificate is refused.
    const created = await withScope(db, actor.scope, async (tx) => {
      const existing = await personByIdNumber(tx, actor.scope.enterpriseId as string, person.data.idNumber);
      const personId = existing?.id ?? (await createPersonIn(tx, actor, person.data));
      await addCertificateIn(tx, actor, personId, cert.data);
      return !existing;
    });
    return { ...base, status: 'imported', personCreated: created, reasons: [] };
  } catch (err) {
    if (err instanceof AppError) {
      const reasons = reasonsOf(err.fields);
      return { ...base, status: 'rejected', personCreated: false, reasons: reasons.length ? reasons : [{ field: '_', ...err.messages }] };
    }
    throw err;
  }
}

export async function importCertificates(db: Db, actor: Actor, rows: { line: number; values: Record<string, unknown> }[]) {
  if (!mayManagePeople(actor) || !actor.scope.enterpriseId) throw forbidden();
  const results: CertificateRowResult[] = [];
  for (const row of rows) results.push(await importOne(db, actor, row));
  const summary = {
    total: results.length,
    imported: results.filter((r) => r.status === 'imported').length,
    rejected: results.filter((r) => r.status === 'rejected').length,
    rows: results,
  };
  await withScope(db, actor.scope, (tx) =>
    appendAudit(tx, actor, {
      action: 'certificate.import',
      entityType: 'certificate',
      entityId: actor.scope.enterpriseId,
      after: { total: summary.total, imported: summary.imported, rejected: summary.rejected },
    }),
  );
  return summary;
}

/** The import's template: the Chinese headers and one example row of each kind. */
export async function certificateTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taishan 泰山';
  const ws = wb.addWorksheet('证书');
  ws.columns = CERTIFICATE_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.key === 'idNumber' || c.key === 'number' ? 22 : 14 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.addRow({
    name: '王强',
    idNumber: '32130219800101123X',
    position: '主要负责人',
    hiredOn: '2019-03-01',
    kind: '合格证',
    number: 'AQ321302000001',
    issuedOn: '2024-01-01',
    validTo: '2027-01-01',
  });
  ws.addRow({
    name: '李四',
    idNumber: '321302198502021234',
    position: '特种作业人员',
    kind: '特种作业操作证',
    category: '电工作业',
    item: '低压电工作业',
    number: 'T321302198502021234',
    issuedOn: '2024-05-06',
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
