// The quarterly bulletin (季度通报) as an official document: the GB/T 9704-2012 head of
// official-pdf.ts (red issuer mark, number, red line), the title, an opening paragraph, the table of
// the children's figures in their ranking, a paragraph naming the first and the last, the signer and
// the Beijing date in Chinese. Only Chinese and figures: no English word reaches the page.
import { bulletinPercent, quarterTitle, type RankedBulletinRow } from '@taishan/domain';
import PDFDocument from 'pdfkit';
import { loadFont } from '../../documents/font.ts';
import { drawOfficialHeader, OFFICIAL_FONT, OFFICIAL_PAGE, officialDate } from '../../documents/official-pdf.ts';

export type BulletinDocument = {
  issuer: string;
  number: string;
  year: number;
  quarter: number;
  rows: RankedBulletinRow[];
  issuedAt: Date;
};

const COLUMNS: { title: string; width: number; value: (r: RankedBulletinRow) => string }[] = [
  { title: '排名', width: 0.08, value: (r) => String(r.rank) },
  { title: '地区', width: 0.2, value: (r) => r.regionName },
  { title: '事故起数', width: 0.11, value: (r) => String(r.accidents) },
  { title: '死亡人数', width: 0.11, value: (r) => String(r.deaths) },
  { title: '发现隐患', width: 0.11, value: (r) => String(r.hazardsFound) },
  { title: '整改率', width: 0.13, value: (r) => bulletinPercent(r.rectificationRate) },
  { title: '执法检查', width: 0.13, value: (r) => String(r.inspections) },
  { title: '群众举报', width: 0.13, value: (r) => String(r.reports) },
];

export const bulletinTitle = (b: Pick<BulletinDocument, 'year' | 'quarter'>) =>
  `关于${quarterTitle(b.year, b.quarter)}安全生产工作情况的通报`;

export async function renderBulletin(b: BulletinDocument): Promise<Buffer> {
  const font = await loadFont(OFFICIAL_FONT);
  const { left, top, width, height, textWidth, textHeight } = OFFICIAL_PAGE;
  const doc = new PDFDocument({
    size: [width, height],
    margins: { top, left, right: width - left - textWidth, bottom: height - top - textHeight },
    info: { Title: bulletinTitle(b) },
  });
  doc.registerFont('cjk', font.data, font.face);
  doc.font('cjk');
  drawOfficialHeader(doc, { issuer: `${b.issuer}文件`, number: b.number });
  doc.fontSize(22).text(bulletinTitle(b), left, doc.y, { width: textWidth, align: 'center' }).moveDown(1);
  doc.fontSize(16);
  const para = (t: string) => doc.text(t, left, doc.y, { width: textWidth, indent: 32, lineGap: 6 });
  const sum = (k: 'accidents' | 'deaths' | 'hazardsFound' | 'hazardsClosed' | 'inspections' | 'reports') =>
    b.rows.reduce((s, r) => s + r[k], 0);
  const found = sum('hazardsFound');
  para(
    `${quarterTitle(b.year, b.quarter)}，全辖区共发生生产安全事故${sum('accidents')}起、死亡${sum('deaths')}人；排查发现隐患${found}项，已整改${sum('hazardsClosed')}项，整改率${bulletinPercent(found ? sum('hazardsClosed') / found : null)}；开展执法检查${sum('inspections')}次，受理群众举报${sum('reports')}件。现将各地情况通报如下（按死亡人数、事故起数由少到多，隐患整改率由高到低排名）：`,
  );
  doc.moveDown(0.5);

  // The table: a header row and one row per child, ruled.
  const rowHeight = 24;
  const drawRow = (cells: string[], y: number, size: number) => {
    let x = left;
    COLUMNS.forEach((c, n) => {
      const w = c.width * textWidth;
      doc.rect(x, y, w, rowHeight).lineWidth(0.5).strokeColor('black').stroke();
      doc.fontSize(size).text(cells[n] ?? '', x + 2, y + (rowHeight - size) / 2 - 1, { width: w - 4, align: 'center', lineBreak: false });
      x += w;
    });
  };
  let y = doc.y;
  const header = () => {
    drawRow(
      COLUMNS.map((c) => c.title),
      y,
      11,
    );
    y += rowHeight;
  };
  header();
  for (const r of b.rows) {
    if (y + rowHeight > top + textHeight) {
      doc.addPage();
      y = top;
      header();
    }
    drawRow(
      COLUMNS.map((c) => c.value(r)),
      y,
      11,
    );
    y += rowHeight;
  }
  doc.x = left;
  doc.y = y + 12;
  doc.fontSize(16);
  const first = b.rows[0];
  const last = b.rows[b.rows.length - 1];
  if (first && last && b.rows.length > 1)
    para(
      `${first.regionName}本季度排名第一，予以通报表扬；${last.regionName}排名末位，请认真分析原因，落实整改措施，于下季度首月底前将整改情况书面报送本办。`,
    );
  para('各地要坚持党政同责、一岗双责、齐抓共管、失职追责，压实安全生产责任，持续抓好隐患排查整治，坚决防范遏制生产安全事故。');
  doc.moveDown(2);
  const sealWidth = textWidth / 2;
  const sealLeft = left + textWidth - sealWidth - 64;
  doc.text(b.issuer, sealLeft, doc.y, { width: sealWidth, align: 'center' });
  doc.text(officialDate(b.issuedAt), sealLeft, doc.y, { width: sealWidth, align: 'center' });

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
