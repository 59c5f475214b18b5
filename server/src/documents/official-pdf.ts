// Chinese official documents as PDF, in one place: the GB/T 9704-2012 layout for notices and
// bulletins (A4; 天头 37 mm, 订口 28 mm, a text area of 156 × 225 mm; the issuer's mark
// (发文机关标志) in red, the document number centred under it, the red separator line, the title,
// the body at 3号 (16 pt), the seal area and the date in Chinese), and a table layout for the
// enforcement forms (a titled form with labelled cells). One CJK font (the vendored Noto Sans SC,
// DOSSIER_FONT) at the sizes the standard gives its 小标宋/仿宋.
import { join } from 'node:path';
import { chineseDate } from '@taishan/domain';
import PDFDocument from 'pdfkit';
import { todayInShanghai } from '../time.ts';
import { loadFont } from './font.ts';

export const OFFICIAL_FONT =
  process.env.DOSSIER_FONT || join(import.meta.dirname, '../../assets/fonts/NotoSansSC-Regular-chinese-simplified.woff');

const MM = 72 / 25.4;
/** A4 with GB/T 9704-2012's margins: top 37 mm, left (订口) 28 mm, text area 156 × 225 mm. */
export const OFFICIAL_PAGE = {
  width: 210 * MM,
  height: 297 * MM,
  top: 37 * MM,
  left: 28 * MM,
  textWidth: 156 * MM,
  textHeight: 225 * MM,
} as const;
export const OFFICIAL_RED = '#E60012';
/** Sizes in points: 2号 (title) 22, 3号 (body) 16, 4号 14, 小4 12. */
const SIZE = { mark: 30, title: 22, body: 16, small: 14, cell: 12 } as const;

export type OfficialHeader = {
  /** 发文机关标志, e.g. 宿城区应急管理局文件. */
  issuer: string;
  /** The document number, e.g. （宿城）应急责改〔2026〕12号. */
  number: string;
};
export type OfficialNotice = OfficialHeader & {
  title: string;
  /** Paragraphs of the body, each indented two characters. */
  body: string[];
  /** The signing organ, above the date in the seal area. */
  signer: string;
  /** Instant of issue: written as Beijing's calendar date in Chinese. */
  date: Date;
};
export type OfficialForm = {
  title: string;
  number: string;
  issuer: string;
  /** Labelled cells, one row each. */
  cells: { label: string; value: string }[];
  date: Date;
};

async function newDocument(title: string) {
  const font = await loadFont(OFFICIAL_FONT);
  const doc = new PDFDocument({
    size: [OFFICIAL_PAGE.width, OFFICIAL_PAGE.height],
    margins: {
      top: OFFICIAL_PAGE.top,
      left: OFFICIAL_PAGE.left,
      right: OFFICIAL_PAGE.width - OFFICIAL_PAGE.left - OFFICIAL_PAGE.textWidth,
      bottom: OFFICIAL_PAGE.height - OFFICIAL_PAGE.top - OFFICIAL_PAGE.textHeight,
    },
    info: { Title: title },
  });
  doc.registerFont('cjk', font.data, font.face);
  doc.font('cjk');
  return doc;
}

/**
 * The head of an official document on the current page: the issuer's mark in red, centred; the
 * number centred under it; the red separator line across the text area. Leaves the cursor below it.
 */
export function drawOfficialHeader(doc: PDFKit.PDFDocument, header: OfficialHeader): void {
  const { left, textWidth } = OFFICIAL_PAGE;
  doc.fillColor(OFFICIAL_RED).fontSize(SIZE.mark).text(header.issuer, left, OFFICIAL_PAGE.top, { width: textWidth, align: 'center' });
  doc.moveDown(0.6).fillColor('black').fontSize(SIZE.body).text(header.number, left, doc.y, { width: textWidth, align: 'center' });
  const y = doc.y + 4 * MM;
  doc
    .save()
    .moveTo(left, y)
    .lineTo(left + textWidth, y)
    .lineWidth(1)
    .strokeColor(OFFICIAL_RED)
    .stroke()
    .restore();
  doc.y = y + 8 * MM;
}

/** The date of issue as official documents write it, in Beijing: 二〇二六年十二月五日. */
export const officialDate = (at: Date) => chineseDate(todayInShanghai(at));

const toBuffer = (doc: PDFKit.PDFDocument) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });

/** A notice or bulletin in the GB/T 9704-2012 layout. */
export async function renderNotice(notice: OfficialNotice): Promise<Buffer> {
  const doc = await newDocument(notice.title);
  const { left, textWidth } = OFFICIAL_PAGE;
  drawOfficialHeader(doc, notice);
  doc.fontSize(SIZE.title).text(notice.title, left, doc.y, { width: textWidth, align: 'center' }).moveDown(1);
  doc.fontSize(SIZE.body);
  for (const p of notice.body) doc.text(p, left, doc.y, { width: textWidth, indent: 2 * SIZE.body, lineGap: 6 });
  // Seal area: the signer and the date, right of centre, four characters in from the right edge.
  doc.moveDown(3);
  const sealWidth = textWidth / 2;
  const sealLeft = left + textWidth - sealWidth - 4 * SIZE.body;
  doc.text(notice.signer, sealLeft, doc.y, { width: sealWidth, align: 'center' });
  doc.text(officialDate(notice.date), sealLeft, doc.y, { width: sealWidth, align: 'center' });
  return toBuffer(doc);
}

/** An enforcement form: the issuer, the title, the number, then a table of labelled cells and the date. */
export async function renderForm(form: OfficialForm): Promise<Buffer> {
  const doc = await newDocument(form.title);
  const { left, textWidth } = OFFICIAL_PAGE;
  doc.fontSize(SIZE.small).text(form.issuer, left, OFFICIAL_PAGE.top, { width: textWidth, align: 'center' });
  doc.fontSize(SIZE.title).text(form.title, { width: textWidth, align: 'center' });
  doc.fontSize(SIZE.cell).text(form.number, { width: textWidth, align: 'right' }).moveDown(0.5);
  const labelWidth = 30 * MM;
  for (const cell of form.cells) {
    const top = doc.y;
    const height =
      Math.max(
        doc.heightOfString(cell.label, { width: labelWidth - 8 }),
        doc.heightOfString(cell.value, { width: textWidth - labelWidth - 8 }),
      ) + 8;
    if (top + height > OFFICIAL_PAGE.top + OFFICIAL_PAGE.textHeight) doc.addPage();
    const y = doc.y;
    doc
      .rect(left, y, labelWidth, height)
      .rect(left + labelWidth, y, textWidth - labelWidth, height)
      .lineWidth(0.5)
      .stroke();
    doc.text(cell.label, left + 4, y + 4, { width: labelWidth - 8 });
    doc.text(cell.value, left + labelWidth + 4, y + 4, { width: textWidth - labelWidth - 8 });
    doc.y = y + height;
  }
  doc.moveDown(2).text(officialDate(form.date), left, doc.y, { width: textWidth, align: 'right' });
  return toBuffer(doc);
}
