// Excel / CSV in the layout regulators hold their directories: one row per enterprise, Chinese
// headers (English headers and field names are accepted too). Export writes the same headers, so
// an exported file imports again unchanged.

import { Readable } from 'node:stream';
import {
  HIGH_RISK_FLAGS,
  HIGH_RISK_LABELS,
  type HighRiskFlag,
  STANDARDIZATION_GRADE_LABELS,
  STANDARDIZATION_GRADES,
  type StandardizationGrade,
} from '@taishan/domain';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.ts';
import { bilingualOf } from './import.ts';
import type { EnterpriseRow } from './store.ts';
import { countXlsxRows } from './xlsx-rows.ts';

export const COLUMNS = [
  { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', width: 22 },
  { key: 'name', zh: '企业名称', en: 'Name', width: 36 },
  { key: 'regionCode', zh: '行政区划代码', en: 'Region code', width: 16 },
  { key: 'address', zh: '详细地址', en: 'Address', width: 40 },
  { key: 'industryCode', zh: '行业代码', en: 'Industry code', width: 10 },
  { key: 'employees', zh: '从业人员数', en: 'Employees', width: 10 },
  { key: 'revenueWan', zh: '主营业务收入（万元）', en: 'Revenue (10k CNY)', width: 14 },
  { key: 'highRisk', zh: '高危行业领域', en: 'High-risk fields', width: 24 },
  { key: 'legalRepresentative', zh: '法定代表人', en: 'Legal representative', width: 12 },
  { key: 'safetyDirector', zh: '安全总监', en: 'Safety director', width: 12 },
  { key: 'contactPhone', zh: '联系电话', en: 'Phone', width: 16 },
  { key: 'standardizationGrade', zh: '安全生产标准化等级', en: 'Standardisation grade', width: 12 },
  { key: 'standardizationValidUntil', zh: '标准化有效期至', en: 'Standardisation valid until', width: 14 },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

const EXPORT_EXTRA = [
  { header: '所属区划', key: 'regionName', width: 20 },
  { header: '应配未配安全总监', key: 'lacksSafetyDirector', width: 16 },
  { header: '信用代码校验位存疑', key: 'creditCodeWarning', width: 18 },
];

export const MAX_IMPORT_ROWS = 200_000;

const norm = (s: string) => s.replace(/[\s（）()]/g, '').toLowerCase();
const headerIndex = new Map<string, Key>();
for (const c of COLUMNS) for (const name of [c.key, c.zh, c.en]) headerIndex.set(norm(name), c.key);

const flagIndex = new Map<string, HighRiskFlag>();
for (const f of HIGH_RISK_FLAGS) for (const n of [f, HIGH_RISK_LABELS[f].zh, HIGH_RISK_LABELS[f].en]) flagIndex.set(norm(n), f);

// 一级 / 二级 / 三级, Level 1…, level1 or a bare 1–3: the grade's code.
const gradeIndex = new Map<string, StandardizationGrade>();
for (const g of STANDARDIZATION_GRADES)
  for (const n of [g, STANDARDIZATION_GRADE_LABELS[g].zh, STANDARDIZATION_GRADE_LABELS[g].en, g.slice(-1)]) gradeIndex.set(norm(n), g);

/** One source row as the import validates it: raw cells by field, unknown flags kept as text. */
export type SourceRow = { line: number; values: Record<string, unknown> };

export class TableFormatError extends Error {}

/** The cells of an .xlsx (first sheet) or .csv (UTF-8 with or without BOM, or GB18030), row by row. */
export async function readGrid(buffer: Buffer, filename: string): Promise<unknown[][]> {
  return /\.xlsx$/i.test(filename) ? await readXlsx(buffer) : readCsv(buffer);
}

/** Read an enterprise directory from .xlsx or .csv. */
export async function readTable(buffer: Buffer, filename: string): Promise<SourceRow[]> {
  const grid = await readGrid(buffer, filename);
  const [header, ...body] = grid;
  if (!header) throw new TableFormatError('文件为空||The file is empty');
  const keys = header.map((h) => headerIndex.get(norm(String(h ?? ''))));
  const missing = (['creditCode', 'name', 'regionCode', 'industryCode'] as const).filter((k) => !keys.includes(k));
  if (missing.length) {
    const names = missing.map((k) => COLUMNS.find((c) => c.key === k)?.zh).join('、');
    throw new TableFormatError(`缺少必需列：${names}||Missing required columns: ${missing.join(', ')}`);
  }
  if (body.length > MAX_IMPORT_ROWS) throw new TableFormatError(`最多 ${MAX_IMPORT_ROWS} 行||At most ${MAX_IMPORT_ROWS} rows`);
  const rows: SourceRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return;
    const values: Record<string, unknown> = {};
    keys.forEach((k, j) => {
      if (k) values[k] = cellValue(k, cells[j]);
    });
    rows.push({ line: i + 2, values });
  });
  return rows;
}

function cellValue(key: Key, cell: unknown): unknown {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'object' && cell && 'text' in cell) cell = (cell as { text: unknown }).text;
  if (typeof cell === 'object' && cell && 'result' in cell) cell = (cell as { result: unknown }).result;
  // Excel keeps a date as a date; the calendar day written is the one the cell shows (UTC in exceljs).
  if (cell instanceof Date) cell = cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  if (text === '') return undefined;
  switch (key) {
    case 'employees':
    case 'revenueWan': {
      const n = Number(text.replace(/,/g, ''));
      return Number.isFinite(n) ? n : text; // a non-number stays text so validation names the field
    }
    case 'highRisk':
      return text
        .split(/[,，、;；\s]+/)
        .filter(Boolean)
        .map((t) => flagIndex.get(norm(t)) ?? t);
    case 'standardizationGrade':
      return gradeIndex.get(norm(text)) ?? text;
    case 'standardizationValidUntil': {
      // 2027-06-30, 2027/6/30, 2027.6.30, 2027年6月30日
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
      return m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : text;
    }
    default:
      return text;
  }
}

const TOO_MANY_ROWS = `最多 ${MAX_IMPORT_ROWS} 行||At most ${MAX_IMPORT_ROWS} rows`;
const UNREADABLE_XLSX = '无法读取 Excel 文件||Cannot read the Excel file';

/**
 * The first sheet, row by row. Its rows are counted from the zip first (countXlsxRows, which stops
 * past the limit), so an oversized file is refused before any parsing; then the sheet is read
 * with exceljs's streaming reader, never as a whole workbook in memory.
 */
async function readXlsx(buffer: Buffer): Promise<unknown[][]> {
  let rows: number;
  try {
    rows = await countXlsxRows(buffer, MAX_IMPORT_ROWS + 1);
  } catch {
    throw new TableFormatError(UNREADABLE_XLSX);
  }
  if (rows > MAX_IMPORT_ROWS + 1) throw new TableFormatError(TOO_MANY_ROWS);
  const grid: unknown[][] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (row.number > MAX_IMPORT_ROWS + 1) throw new TableFormatError(TOO_MANY_ROWS);
        grid[row.number - 1] = (row.values as unknown[]).slice(1);
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof TableFormatError) throw err;
    throw new TableFormatError(UNREADABLE_XLSX);
  }
  return Array.from(grid, (r) => r ?? []);
}

function readCsv(buffer: Buffer): unknown[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('gb18030').decode(buffer);
  }
  try {
    return parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
  } catch {
    throw new TableFormatError('无法解析 CSV 文件||Cannot parse the CSV file');
  }
}

export async function writeXlsx(rows: EnterpriseRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taishan 泰山';
  const ws = wb.addWorksheet('企业名录');
  ws.columns = [...COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.width })), ...EXPORT_EXTRA];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    ws.addRow({
      creditCode: r.credit_code,
      name: r.name,
      regionCode: r.region_code,
      address: r.address,
      industryCode: r.industry_code,
      employees: r.employees,
      revenueWan: r.revenue_wan,
      highRisk: r.high_risk.map((f) => HIGH_RISK_LABELS[f as HighRiskFlag]?.zh ?? f).join('、'),
      legalRepresentative: r.legal_representative,
      safetyDirector: r.safety_director,
      contactPhone: r.contact_phone,
      standardizationGrade: r.standardization_grade ? STANDARDIZATION_GRADE_LABELS[r.standardization_grade].zh : null,
      standardizationValidUntil: r.standardization_valid_until,
      regionName: r.region_name,
      lacksSafetyDirector: r.lacks_safety_director ? '是' : '',
      creditCodeWarning: r.credit_code_warning ? '是' : '',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The one uploaded .xlsx/.csv file of a multipart import request, read into rows by `read`
 * (the directory's readTable, the certificates' readCertificateTable): a missing or wrongly named
 * file, or a file `read` refuses as a whole, is a 400 on the field `file`.
 */
export async function readUploadedTable<R>(req: FastifyRequest, read: (buffer: Buffer, filename: string) => Promise<R>): Promise<R> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type');
  const file = await req.file();
  if (!file) throw new AppError('validation_error', undefined, { file: { zh: '请选择文件', en: 'Choose a file' } });
  if (!/\.(xlsx|csv)$/i.test(file.filename)) {
    throw new AppError('validation_error', undefined, { file: { zh: '仅支持 .xlsx 或 .csv 文件', en: 'Only .xlsx or .csv files' } });
  }
  const buffer = await file.toBuffer();
  try {
    return await read(buffer, file.filename);
  } catch (err) {
    if (err instanceof TableFormatError) throw new AppError('validation_error', undefined, { file: bilingualOf(err.message) });
    throw err;
  }
}
