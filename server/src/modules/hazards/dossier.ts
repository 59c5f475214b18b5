// The hazard dossier (一患一档): one PDF with the hazard, where it was found (the inspection and
// its checklist item), the five fixes, the supervised listing, the rectification, every
// transition, the acceptance and the photos. Rendered on the server so that what is filed is the
// same document whoever downloads it, and streamed as it is drawn. Chinese text needs a CJK font:
// the vendored Noto Sans SC (its simplified-Chinese subset, ~8,000 characters, SIL OFL;
// assets/fonts) or DOSSIER_FONT, and the machine's CJK fonts for characters beyond it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  HAZARD_STATUS_LABELS,
  hazardStepLabel,
  actorLabel as systemActorLabel,
  TIER_LABELS,
  TIER_LEVEL_LABELS,
  type Tier,
} from '@taishan/domain';
import PDFDocument from 'pdfkit';
import { type LoadedFont, loadFont } from '../../documents/font.ts';
import { shanghaiTime } from '../../time.ts';
import { type DossierInspection, dateOnly, type HazardRow } from './store.ts';

export const DOSSIER_FONT =
  process.env.DOSSIER_FONT || join(import.meta.dirname, '../../../assets/fonts/NotoSansSC-Regular-chinese-simplified.woff');

/**
 * Fonts for the characters DOSSIER_FONT lacks (a name with 䶮 from CJK Extension A, say), tried
 * in order: DOSSIER_FALLBACK_FONTS (paths joined by ':'), or the CJK fonts Debian and Ubuntu
 * install (fonts-wqy-zenhei, fonts-noto-cjk) where present. A character none covers is drawn in
 * the main font (as an empty box).
 */
export const DOSSIER_FALLBACK_FONTS = (
  process.env.DOSSIER_FALLBACK_FONTS?.split(':') ?? [
    '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  ]
).filter((f) => f && existsSync(f));

export type DossierTransition = { action: string; from: string | null; to: string; actor: string; reason: string | null; at: string };
export type { DossierInspection } from './store.ts';
export type DossierInput = {
  hazard: HazardRow;
  transitions: DossierTransition[];
  inspection: DossierInspection | null;
  /** Each photo once, in the order the dossier shows them; read one at a time as it is drawn. */
  photos: { caption: string; key: string }[];
  readPhoto: (key: string) => Promise<Buffer | null>;
  generatedAt: Date;
  /** The dossier's official number (documents/numbers.ts dossierNumber), shown on its first page when given. */
  dossierNumber?: string | null;
  /** Who acted, by username, as the dossier names them: 王五（县级监管人员）. */
  actors: Record<string, string>;
};

/**
 * Photos drawn into one dossier. Nothing bounds a hazard's photos (5 MB each); past this many
 * (a download of up to ~120 MB) the dossier says how many more the platform holds.
 */
export const DOSSIER_MAX_PHOTOS = 24;

/** A username as the dossier names the person: never the login name or an internal code where a name is known. */
const actorLabel = (input: Pick<DossierInput, 'actors'>, username: string | null) =>
  username === null ? '—' : (input.actors[username] ?? systemActorLabel(username, 'zh'));
const actionLabel = (a: string) => hazardStepLabel(a, 'zh');
const statusLabel = (s: string | null) => (s ? (HAZARD_STATUS_LABELS[s as HazardRow['status']]?.zh ?? s) : '—');
const RESULT_LABELS: Record<string, string> = { pass: '合格', fail: '不合格', na: '不适用' };

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const LABEL_WIDTH = 105;
const GRAY = '#555555';

/**
 * Past this many bytes drawn and not yet taken by the reader, the dossier waits before reading
 * the next photo: a slow download holds about one photo, not all of them.
 */
const AHEAD_BYTES = 1024 * 1024;

/**
 * The fonts this dossier needs: the main font, and the fallbacks only when something typed into
 * it (a name, a note, a caption) has a character the main font lacks. A fallback is a machine
 * font of 10–20 MB (wqy-zenhei.ttc is 17 MB), held for the process once read: most dossiers never
 * need it. The dossier's own labels are in the main font.
 */
export async function dossierFonts(input: DossierInput, load: (path: string) => Promise<LoadedFont> = loadFont): Promise<LoadedFont[]> {
  const main = await load(DOSSIER_FONT);
  const typed = [input.hazard, input.transitions, input.inspection, input.photos.map((p) => p.caption), input.actors];
  if (everyCharacter(typed, main.covers)) return [main];
  return [main, ...(await Promise.all(DOSSIER_FALLBACK_FONTS.map(load)))];
}

/** Whether `covers` holds for every character of every string in `value`, walked deeply. */
function everyCharacter(value: unknown, covers: (codePoint: number) => boolean): boolean {
  if (typeof value === 'string') {
    // Line breaks and tabs are laid out, not drawn: no font has glyphs for them.
    for (const ch of value) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp >= 0x20 && !covers(cp)) return false;
    }
    return true;
  }
  if (Array.isArray(value)) return value.every((v) => everyCharacter(v, covers));
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value))
    return Object.values(value).every((v) => everyCharacter(v, covers));
  return true;
}

/**
 * The dossier as a PDF stream, drawn while it is read: each photo is read from storage, drawn and
 * sent before the next (pdfkit writes an image out when it is drawn; only the pages' text waits for
 * the end, for the page numbers). A failure while drawing destroys the stream with the error, which
 * `onError` is told of.
 */
export async function hazardDossier(input: DossierInput, onError: (e: Error) => void = () => {}): Promise<Readable> {
  const fonts = await dossierFonts(input);
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: { Title: `隐患档案 ${input.hazard.number ?? ''} ${input.hazard.description}`, Author: '泰山', Subject: '一患一档' },
  });
  // pdfkit pushes what it draws whatever the reader takes; its _read is a no-op. Here a read wakes
  // the drawing when it waits, and so does the reader going away (it then stops).
  let wake: (() => void) | null = null;
  const resume = () => {
    wake?.();
    wake = null;
  };
  // Listening from the start: a failure in the first, synchronous part of the drawing is emitted
  // before whoever reads the stream has attached its own listener.
  doc.on('error', onError);
  doc._read = resume;
  doc.once('close', resume);
  const caughtUp = () => (doc.readableLength < AHEAD_BYTES || doc.destroyed ? Promise.resolve() : new Promise<void>((r) => (wake = r)));
  draw(doc, fonts, input, caughtUp).then(
    () => doc.destroyed || doc.end(),
    (e: Error) => doc.destroy(e),
  );
  return doc;
}

async function draw(doc: PDFKit.PDFDocument, fonts: LoadedFont[], input: DossierInput, caughtUp: () => Promise<void>) {
  const { hazard: h } = input;
  for (const [n, f] of fonts.entries()) doc.registerFont(`font${n}`, f.data, f.face);
  doc.font('font0');
  /** `text` at (x, y), each run of characters in the first font that has them. */
  const write = (text: string, x?: number, y?: number, options: PDFKit.Mixins.TextOptions = {}) => {
    const parts = fontRuns(text, fonts);
    parts.forEach((p, n) => {
      const continued = n < parts.length - 1;
      doc.font(`font${p.font}`);
      if (n === 0) doc.text(p.text, x, y, { ...options, continued });
      else doc.text(p.text, { continued });
    });
    doc.font('font0');
  };
  const right = PAGE.width - PAGE.margin;
  const width = right - PAGE.margin;
  const room = (needed: number) => {
    if (doc.y + needed > PAGE.height - PAGE.margin - 20) doc.addPage();
  };
  const heading = (text: string) => {
    room(60);
    doc.moveDown(0.6).fontSize(13).fillColor('black').text(text, PAGE.margin, doc.y);
    doc
      .moveTo(PAGE.margin, doc.y + 2)
      .lineTo(right, doc.y + 2)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.moveDown(0.5);
  };
  const field = (label: string, value: string | number | null | undefined) => {
    room(20);
    const y = doc.y;
    doc.fontSize(10).fillColor(GRAY).text(label, PAGE.margin, y, { width: LABEL_WIDTH });
    const afterLabel = doc.y;
    doc.fillColor('black');
    // Values are what people typed: names and places may hold characters beyond the main font.
    write(value === null || value === undefined || value === '' ? '—' : String(value), PAGE.margin + LABEL_WIDTH, y, {
      width: width - LABEL_WIDTH,
    });
    doc.y = Math.max(doc.y, afterLabel) + 3;
  };

  const actor = (username: string | null) => actorLabel(input, username);
  doc.fontSize(18).text('隐患档案（一患一档）', { align: 'center' });
  doc.moveDown(0.2);
  doc.fontSize(11);
  write(h.number ?? '（未编号）', PAGE.margin, doc.y, { align: 'center', width });
  if (input.dossierNumber) write(`档案编号：${input.dossierNumber}`, PAGE.margin, doc.y, { align: 'center', width });
  doc
    .fontSize(9)
    .fillColor(GRAY)
    .text(`生成于 ${shanghaiTime(input.generatedAt)}（北京时间）`, { align: 'center' });
  doc.fillColor('black');

  heading('一、隐患基本情况');
  field('隐患编号', h.number);
  field('企业', h.enterprise_name);
  field('行政区划代码', h.region_code);
  field('隐患描述', h.description);
  field('位置', h.location);
  field('隐患等级', h.level === 'major' ? '重大隐患' : '一般隐患');
  field('发现层级', TIER_LABELS[h.found_tier].zh);
  field('发现人', actor(h.found_by));
  field('登记时间', shanghaiTime(h.created_at));
  field('当前状态', statusLabel(h.status) + (h.overdue ? '（已逾期）' : ''));
  if (h.escalated_tier) field('逾期升级至', TIER_LEVEL_LABELS[h.escalated_tier as Tier]?.zh ?? h.escalated_tier);

  const i = input.inspection;
  heading('二、来源检查');
  if (!i) field('来源', '直接登记（非检查发现）');
  else {
    field('检查层级', TIER_LABELS[i.tier].zh + (i.unannounced ? '（四不两直）' : ''));
    field('检查表', `${i.checklistName}（第 ${i.checklistVersion} 版）`);
    field('计划日期', i.plannedDate);
    field('提交', `${shanghaiTime(i.submittedAt)} ${actor(i.submittedBy)}`);
    field('检查位置', i.location);
    if (i.item) field('检查项', `${i.item.code}：${RESULT_LABELS[i.item.result] ?? i.item.result}${i.item.note ? `，${i.item.note}` : ''}`);
  }

  heading('三、五落实');
  field('责任人', h.owner);
  field('整改措施', h.measures);
  field('整改资金（万元）', h.funds);
  field('整改时限', dateOnly(h.deadline));
  field('应急预案', h.contingency);

  heading('四、挂牌督办');
  if (!h.listed_tier) field('挂牌', '未挂牌');
  else {
    field('挂牌层级', h.listed_tier === 'city' ? '市级' : '县级');
    field('督办期限', dateOnly(h.listing_deadline));
    field('督办人', h.listing_officer);
    field('挂牌时间', shanghaiTime(h.listed_at));
  }

  heading('五、整改与验收');
  field('整改情况', h.rectification_note);
  const accepted = input.transitions.findLast((t) => t.action === 'accept');
  field(
    '验收',
    accepted
      ? `${actor(accepted.actor)} 于 ${shanghaiTime(accepted.at)} 验收销号${accepted.reason ? `：${accepted.reason}` : ''}`
      : '尚未验收',
  );
  if (h.closed_at) field('销号时间', shanghaiTime(h.closed_at));

  heading('六、流转记录');
  for (const t of input.transitions) {
    field(
      shanghaiTime(t.at),
      `${actionLabel(t.action)}　${statusLabel(t.from)} > ${statusLabel(t.to)}　${actor(t.actor)}${t.reason ? `　理由：${t.reason}` : ''}`,
    );
  }

  heading('七、照片');
  if (!input.photos.length) field('照片', '无');
  const cell = { width: (width - 20) / 2, height: 170 };
  const shown = input.photos.slice(0, DOSSIER_MAX_PHOTOS);
  for (const [n, p] of shown.entries()) {
    const column = n % 2;
    if (column === 0) room(cell.height + 30);
    const x = PAGE.margin + column * (cell.width + 20);
    const y = doc.y;
    await caughtUp();
    if (doc.destroyed) return; // the reader went away
    const data = await input.readPhoto(p.key);
    try {
      if (!data) throw new Error('missing');
      doc.image(data, x, y, { fit: [cell.width, cell.height], align: 'center', valign: 'center' });
    } catch {
      // Gone from storage, or a variant pdfkit does not read (uploads are checked to be PNG or JPEG).
      doc
        .fontSize(9)
        .fillColor(GRAY)
        .text('（此图片无法收入档案，请在系统中查看）', x, y + cell.height / 2, { width: cell.width, align: 'center' });
    }
    doc
      .fontSize(9)
      .fillColor(GRAY)
      .text(p.caption, x, y + cell.height + 4, { width: cell.width, align: 'center' });
    // Both photos of a row share its top; the next row starts below the captions.
    doc.y = column === 0 && n < shown.length - 1 ? y : y + cell.height + 24;
  }
  if (input.photos.length > shown.length) field('其余照片', `另有 ${input.photos.length - shown.length} 张，请在系统中查看`);

  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor(GRAY)
      .text(`第 ${p + 1} 页 / 共 ${range.count} 页`, PAGE.margin, PAGE.height - PAGE.margin + 10, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
}

/**
 * `text` cut into runs, each in the first of `fonts` that draws all its characters; a character
 * none of them has stays in the first (its box shows something is missing).
 */
export function fontRuns(text: string, fonts: Pick<LoadedFont, 'covers'>[]): { font: number; text: string }[] {
  const runs: { font: number; text: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    const found = fonts.findIndex((f) => f.covers(cp));
    const font = found < 0 ? 0 : found;
    const last = runs[runs.length - 1];
    if (last?.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs.length ? runs : [{ font: 0, text }];
}
