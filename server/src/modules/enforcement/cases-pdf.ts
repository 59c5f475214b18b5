// The 案卷 (case file): a case's full history as one PDF — the cover (案卷首页), the table of
// contents (卷内目录: every document with its number and date), the timeline of every step with who
// and when, every document's content as issued, payments and daily penalties, and — for a reader
// who may see them — the interference records. Drawn from the records, so the file is the same
// whoever downloads it (interference aside).
import { type Actor, CASE_STATUS_LABELS, caseEventLabel, chineseDate, PAYMENT_KIND_LABELS, PENALTY_TIER_LABELS } from '@taishan/domain';
import PDFDocument from 'pdfkit';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { loadFont } from '../../documents/font.ts';
import { OFFICIAL_FONT } from '../../documents/official-pdf.ts';
import { notFound } from '../../http/errors.ts';
import { shanghaiTime, todayInShanghai } from '../../time.ts';
import { workingCalendar } from '../calendar/index.ts';
import { caseDetail, caseDocuments, penaltyWords } from './cases-service.ts';
import { type CaseRow, findCase } from './cases-store.ts';
import { issuerName } from './documents.ts';

const MARGIN = 56;

export async function casePdf(db: Db, actor: Actor, id: string): Promise<{ pdf: Buffer; title: string }> {
  const cal = await workingCalendar(db);
  const data = await readScoped(db, actor.scope, async (tx) => {
    const row = await findCase(tx, id);
    if (!row) throw notFound();
    return {
      row,
      detail: await caseDetail(tx, actor, row, cal),
      documents: await caseDocuments(tx, actor, id),
      issuer: await issuerName(tx, row.region_code, row.department_id),
    };
  });
  const font = await loadFont(OFFICIAL_FONT);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: `案卷 ${data.row.title}` } });
  doc.registerFont('cjk', font.data, font.face);
  doc.font('cjk');
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, data.row, data.detail, data.documents, data.issuer);
  doc.end();
  return { pdf: await done, title: `案卷-${data.row.filing_number ?? data.row.title}` };
}

type Detail = Awaited<ReturnType<typeof caseDetail>>;
type Docs = Awaited<ReturnType<typeof caseDocuments>>;

function draw(doc: PDFKit.PDFDocument, r: CaseRow, d: Detail, documents: Docs, issuer: string) {
  const width = doc.page.width - 2 * MARGIN;
  const heading = (s: string) => doc.moveDown(0.8).fontSize(14).fillColor('black').text(s, MARGIN, doc.y, { width }).moveDown(0.3);
  const line = (label: string, value: string) =>
    doc
      .fontSize(10.5)
      .fillColor('#555555')
      .text(`${label}：`, MARGIN, doc.y, { continued: true })
      .fillColor('black')
      .text(value || '—');

  // 案卷首页
  doc.fontSize(12).text(issuer, { align: 'center' }).moveDown(1);
  doc.fontSize(26).text('行 政 处 罚 案 卷', { align: 'center' }).moveDown(1.5);
  line('案卷编号（立案号）', r.filing_number ?? '');
  line('案由', r.title);
  line('当事人', r.enterprise_name);
  line('案件状态', CASE_STATUS_LABELS[r.status].zh);
  line('承办人', r.handler_name ?? '');
  line('立案日期', chineseDate(r.filed_on));
  line('违法条款', r.article ? `《中华人民共和国安全生产法》第${r.article}条（${r.tier ? PENALTY_TIER_LABELS[r.tier].zh : ''}）` : '');
  line('处罚结果', r.decided_at ? penaltyWords(r) : '尚未决定');
  line('处罚决定书', r.decision_number ?? '');
  line('结案日期', r.closed_at ? chineseDate(todayInShanghai(new Date(r.closed_at))) : '未结案');
  line('移送司法', r.transferred ? `已移送（${r.transfer_to ?? ''}）` : '否');
  line('生成时间', shanghaiTime(new Date()));

  // 卷内目录
  doc.addPage();
  heading('卷内目录');
  for (const [i, x] of documents.entries()) line(`${i + 1}`, `${x.content.title}　${x.number}　${todayInShanghai(new Date(x.issuedAt))}`);
  if (!documents.length) line('—', '无文书');

  heading('办案经过');
  for (const e of d.events) {
    const what = `${caseEventLabel(e.kind, 'zh')}（${CASE_STATUS_LABELS[e.toStatus as CaseRow['status']]?.zh ?? e.toStatus}）`;
    line(shanghaiTime(e.at), `${what}　${e.actorName ?? ''}${e.note ? `　${e.note}` : ''}`);
  }

  heading('缴款情况');
  line('罚款', r.fine === null ? '无' : `${r.fine} 元`);
  line('加处罚款', `${r.late_fee} 元`);
  line('按日连续处罚', `${r.daily_total} 元（${d.dailyPenalties.length} 日）`);
  line('已缴', `${r.paid} 元`);
  for (const p of d.payments)
    line(p.paidOn, `${PAYMENT_KIND_LABELS[p.kind].zh} ${p.amount} 元${p.receiptNo ? `（票据 ${p.receiptNo}）` : ''}`);

  if (d.interference) {
    heading('插手干预记录');
    if (!d.interference.length) line('—', '无');
    for (const i of d.interference)
      line(shanghaiTime(i.occurredAt), `${i.whoName}${i.org ? `（${i.org}）` : ''}：${i.what}　记录人 ${i.recordedByName ?? ''}`);
  }

  // Every document as issued.
  for (const x of documents) {
    doc.addPage();
    doc.fontSize(16).text(x.content.title, { align: 'center' });
    doc.fontSize(10.5).text(x.number, { align: 'right' }).moveDown(0.5);
    for (const c of x.content.cells) line(c.label, c.value);
    for (const p of x.content.body ?? []) doc.text(p, { indent: 21 });
    line('签发', `${todayInShanghai(new Date(x.issuedAt))} ${x.issuedByName ?? ''}`);
    line('签收', x.signatureRefused ? '拒绝签收（已记录）' : (x.signedByName ?? '未签收'));
    for (const s of x.services) line('送达', `${shanghaiTime(s.servedAt)} ${s.recipient}`);
  }

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(i);
    doc
      .fontSize(8)
      .fillColor('#888888')
      .text(`第 ${i + 1} 页 / 共 ${pages.count} 页`, MARGIN, doc.page.height - MARGIN + 10, { width, align: 'center', lineBreak: false });
  }
}
