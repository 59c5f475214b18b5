// The plan as a PDF in the standard layout (GB/T 29639-2020 附录C: cover with the unit, the plan's
// name and version, the principal's signature and the date of publication; then the chapters in
// the standard's order and the annexes), and the 应急处置卡 of an on-site plan's key posts as
// pocket-size pages (A7, 74 × 105 mm, one card a page). Issue 27, owner: plans.
import { EMERGENCY_PLAN_TYPE_LABELS, type EmergencyPlanType, PLAN_ANNEXES, PLAN_SECTIONS, type PlanPost } from '@taishan/domain';
import PDFDocument from 'pdfkit';
import { loadFont } from '../../documents/font.ts';
import { OFFICIAL_FONT, OFFICIAL_PAGE } from '../../documents/official-pdf.ts';
import { chineseDate } from '../../time.ts';

const MM = 72 / 25.4;

export type PlanForPdf = {
  owner: string;
  title: string;
  planType: EmergencyPlanType;
  planVersion: number;
  status: string;
  principalName: string | null;
  publishedOn: string | null;
  review: { kind: string | null; reviewedOn: string | null };
  sections: Record<string, string>;
  annexes: Record<string, string>;
  posts: PlanPost[];
  supplies: { warehouse: string; item: string; spec: string; unit: string; quantity: number; contactName: string; contactPhone: string }[];
  contacts: { name: string; role: string; phone: string }[];
  risks: string[];
};

const toBuffer = (doc: PDFKit.PDFDocument) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });

async function newDoc(title: string, size: [number, number], margin: number) {
  const font = await loadFont(OFFICIAL_FONT);
  const doc = new PDFDocument({ size, margins: { top: margin, left: margin, right: margin, bottom: margin }, info: { Title: title } });
  doc.registerFont('cjk', font.data, font.face);
  doc.font('cjk');
  return doc;
}

export async function renderPlanPdf(p: PlanForPdf): Promise<Buffer> {
  const doc = await newDoc(p.title, [OFFICIAL_PAGE.width, OFFICIAL_PAGE.height], 25 * MM);
  const width = OFFICIAL_PAGE.width - 50 * MM;
  // Cover (附录C): unit, name, version, principal, publication.
  doc.moveDown(6).fontSize(18).text(p.owner, { align: 'center', width });
  doc.moveDown(2).fontSize(26).text(p.title, { align: 'center', width });
  doc.moveDown(0.5).fontSize(16).text(`（${EMERGENCY_PLAN_TYPE_LABELS[p.planType].zh}）`, { align: 'center', width });
  doc.moveDown(1).fontSize(14).text(`版本号：第 ${p.planVersion} 版`, { align: 'center', width });
  if (p.status !== 'published') doc.moveDown(0.5).fillColor('#E60012').text('（未公布稿）', { align: 'center', width }).fillColor('black');
  doc.moveDown(8).fontSize(14);
  doc.text(`${p.review.kind === 'demonstration' ? '论证' : '评审'}日期：${p.review.reviewedOn ? chineseDate(p.review.reviewedOn) : '—'}`, {
    align: 'center',
    width,
  });
  doc.text(`主要负责人签署：${p.principalName ?? '—'}`, { align: 'center', width });
  doc.text(`公布日期：${p.publishedOn ? chineseDate(p.publishedOn) : '—'}`, { align: 'center', width });

  const heading = (t: string) => {
    doc.moveDown(0.8).fontSize(15).text(t, { width });
    doc.moveDown(0.3).fontSize(12);
  };
  const para = (t: string) => doc.fontSize(12).text(t || '（未填写）', { width, indent: 24, lineGap: 4 });

  doc.addPage();
  let n = 0;
  for (const s of PLAN_SECTIONS[p.planType]) {
    n++;
    heading(`${n}  ${s.zh}`);
    para(p.sections[s.key] ?? '');
  }
  if (p.planType === 'onSite' && p.posts.length) {
    heading(`${++n}  重点岗位应急处置`);
    for (const post of p.posts) {
      doc.fontSize(12).text(`【${post.post}】${post.duties}`, { width });
      post.steps.forEach((st, i) => {
        doc.text(`  ${i + 1}. ${st}`, { width });
      });
    }
  }
  if (p.risks.length) {
    heading(`${++n}  关联风险点与重大危险源`);
    para(p.risks.join('；'));
  }
  doc.addPage().fontSize(16).text('附件', { align: 'center', width });
  let a = 0;
  for (const s of PLAN_ANNEXES) {
    if (!(p.annexes[s.key] ?? '').trim()) continue;
    heading(`附件${++a}  ${s.zh}`);
    para(p.annexes[s.key] as string);
  }
  heading(`附件${++a}  应急物资装备名录`);
  if (!p.supplies.length) para('（平台中暂无本单位仓库库存记录）');
  for (const s of p.supplies)
    doc
      .fontSize(11)
      .text(
        `${s.item}${s.spec ? `（${s.spec}）` : ''}  ${s.quantity}${s.unit}  存放：${s.warehouse}  责任人：${s.contactName} ${s.contactPhone}`,
        { width },
      );
  heading(`附件${++a}  有关部门、机构或人员的联系方式`);
  if (!p.contacts.length) para('（无）');
  for (const c of p.contacts) doc.fontSize(11).text(`${c.role}：${c.name}  ${c.phone}`, { width });
  return toBuffer(doc);
}

export type CardForPdf = PlanPost & { owner: string; planTitle: string; alarmPhone: string };

/** The response cards, pocket-size: A7 (74 × 105 mm), one card a page. */
export async function renderCardsPdf(title: string, cards: CardForPdf[]): Promise<Buffer> {
  const doc = await newDoc(title, [74 * MM, 105 * MM], 5 * MM);
  const width = 64 * MM;
  cards.forEach((c, i) => {
    if (i > 0) doc.addPage();
    doc.fillColor('#E60012').fontSize(11).text('应急处置卡', { align: 'center', width }).fillColor('black');
    doc.fontSize(9).text(c.post, { align: 'center', width });
    doc.fontSize(6).text(`${c.owner} · ${c.planTitle}`, { align: 'center', width }).moveDown(0.3);
    if (c.duties) doc.fontSize(7).text(`职责：${c.duties}`, { width });
    doc.moveDown(0.2).fontSize(7).text('处置步骤：', { width });
    c.steps.forEach((s, k) => {
      doc.text(`${k + 1}. ${s}`, { width });
    });
    doc.moveDown(0.2).text(`报告：${c.reportTo || '—'}  ${c.phone || ''}`, { width });
    if (c.alarmPhone) doc.text(`单位值班电话：${c.alarmPhone}`, { width });
    doc.text('火警 119  急救 120  报警 110', { width });
    if (c.cautions) doc.moveDown(0.2).text(`注意：${c.cautions}`, { width });
  });
  if (!cards.length) doc.fontSize(9).text('本方案未设置重点岗位', { width });
  return toBuffer(doc);
}
