// Every metadata carrier out of a reporter's attachment (issue 22, item 3), server-side, for each
// accepted type. The container is rebuilt from the parts that make the picture, the page or the
// film, and whatever is not known to be harmless is dropped; what cannot be cleaned is refused
// with a message saying what to do instead.
//
// - JPEG: rebuilt from its image segments only (tables, frame, scans; APP0/JFIF and APP14/Adobe,
//   which hold no more than the colour coding); EXIF/XMP/IPTC/ICC-free, comments gone, and
//   nothing after the end-of-image marker (a second image and its EXIF used to ride along there).
// - PNG: the image chunks and the colour ones only (no tEXt/zTXt/iTXt/eXIf/tIME nor anything
//   unknown), nothing after IEND.
// - PDF: loaded and written anew with pdf-lib: no Info dictionary (Author, Creator, Producer,
//   dates), no XMP /Metadata anywhere, no /PieceInfo, no embedded files, no document ID, only the
//   objects the document still uses (an incremental update's old Info is not carried over), and
//   every embedded JPEG cleaned as above. Encrypted PDFs are refused.
// - MP4/MOV: the atoms are walked; every metadata atom (udta with ©xyz/loci, meta with keys and
//   ilst, uuid/XMP, free space) becomes a zero-filled `free` atom of the same size, so the media
//   offsets stay valid, and the creation and modification times in mvhd/tkhd/mdhd are zeroed.
//   A film with a track other than picture and sound (a GPS, timecode or other data track) is
//   refused, as is anything that is not a clean sequence of atoms.
// - WebM is refused: there is no cleaner for it here (phones record MP4 or MOV).

import type { Bilingual } from '@taishan/domain';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import { AppError, invalid } from '../../http/errors.ts';

const refuse = (file: Bilingual) => invalid({ file });
const DAMAGED: Bilingual = { zh: '文件已损坏或格式不完整，无法处理', en: 'The file is damaged or incomplete and cannot be processed' };

// ---------------------------------------------------------------------------------------------
// JPEG

/** Markers kept: tables (DQT, DHT, DAC, DRI, DNL), frames (SOF0–SOF15 but DHT/JPG/DAC), JFIF, Adobe. */
function keepJpegSegment(marker: number, body: Buffer): boolean {
  if (marker === 0xdb || marker === 0xc4 || marker === 0xcc || marker === 0xdd || marker === 0xdc) return true;
  if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc8) return true;
  // APP0 "JFIF\0" without its optional thumbnail; APP14 "Adobe" (its colour transform flag).
  if (marker === 0xe0) return body.subarray(0, 5).toString('latin1') === 'JFIF\0';
  if (marker === 0xee) return body.subarray(0, 5).toString('latin1') === 'Adobe';
  return false;
}

export function scrubJpeg(buf: Buffer): Buffer {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) throw refuse(DAMAGED);
  const out: Buffer[] = [Buffer.from([0xff, 0xd8])];
  let i = 2;
  for (;;) {
    // Fill bytes (0xFF repeated) may precede a marker.
    while (buf[i] === 0xff && buf[i + 1] === 0xff) i++;
    if (i + 2 > buf.length || buf[i] !== 0xff) throw refuse(DAMAGED);
    const marker = buf[i + 1] as number;
    if (marker === 0xd9) {
      out.push(Buffer.from([0xff, 0xd9])); // end of image: whatever follows is dropped
      return Buffer.concat(out);
    }
    if (i + 4 > buf.length) throw refuse(DAMAGED);
    const end = i + 2 + buf.readUInt16BE(i + 2);
    if (end > buf.length) throw refuse(DAMAGED);
    const body = buf.subarray(i + 4, end);
    if (marker === 0xda) {
      // Start of scan: the header, then entropy-coded data up to the next marker that is neither
      // a stuffed 0xFF00 nor a restart marker.
      let j = end;
      while (
        j + 1 < buf.length &&
        !(buf[j] === 0xff && buf[j + 1] !== 0x00 && !((buf[j + 1] as number) >= 0xd0 && (buf[j + 1] as number) <= 0xd7))
      )
        j++;
      if (j + 1 >= buf.length) throw refuse(DAMAGED);
      out.push(buf.subarray(i, j));
      i = j;
      continue;
    }
    if (keepJpegSegment(marker, body)) {
      if (marker === 0xe0 && body.length >= 14) {
        // JFIF without a thumbnail: version, units, density; thumbnail size 0 × 0.
        const jfif = Buffer.from(body.subarray(0, 14));
        jfif[12] = 0;
        jfif[13] = 0;
        out.push(Buffer.from([0xff, 0xe0, 0x00, 16]), jfif);
      } else if (marker !== 0xe0) out.push(buf.subarray(i, end));
    }
    i = end;
  }
}

// ---------------------------------------------------------------------------------------------
// PNG

/** Chunks that make or colour the image; everything else (text, EXIF, time, unknown) is dropped. */
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs']);

export function scrubPng(buf: Buffer): Buffer {
  const out: Buffer[] = [buf.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= buf.length) {
    const len = buf.readUInt32BE(i);
    const type = buf.subarray(i + 4, i + 8).toString('latin1');
    const end = i + 12 + len;
    if (end > buf.length) break;
    if (type === 'IEND') {
      out.push(buf.subarray(i, end)); // nothing after it is kept
      return Buffer.concat(out);
    }
    if (PNG_KEPT.has(type)) out.push(buf.subarray(i, end));
    i = end;
  }
  throw refuse(DAMAGED);
}

// ---------------------------------------------------------------------------------------------
// PDF

const NAME = (n: string) => PDFName.of(n);
/** Keys that carry metadata, or files of their own, wherever they appear. */
const PDF_DROPPED_KEYS = ['Metadata', 'PieceInfo', 'LastModified', 'EmbeddedFiles', 'AF', 'SpiderInfo', 'Perms', 'Collection'];

export async function scrubPdf(buf: Buffer): Promise<Buffer> {
  try {
    return await rewritePdf(buf);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse(DAMAGED); // pdf-lib's own failures on a malformed file
  }
}

async function rewritePdf(buf: Buffer): Promise<Buffer> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(buf, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (err) {
    if ((err as Error).name === 'EncryptedPDFError' || /encrypt/i.test((err as Error).message))
      throw refuse({
        zh: '不接受加密的 PDF：其中的作者等信息无法清除，请去掉密码后再上传',
        en: 'Encrypted PDFs are not accepted (their author and other details cannot be removed); remove the password first',
      });
    throw refuse(DAMAGED);
  }
  const ctx = doc.context;
  if (!(ctx.lookup(ctx.trailerInfo.Root) instanceof PDFDict)) throw refuse(DAMAGED);
  ctx.trailerInfo.Info = undefined;
  ctx.trailerInfo.ID = undefined;
  const dictOf = (o: unknown): PDFDict | undefined => (o instanceof PDFDict ? o : o instanceof PDFStream ? o.dict : undefined);
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    const dict = dictOf(obj);
    if (!dict) continue;
    for (const k of PDF_DROPPED_KEYS) dict.delete(NAME(k));
    const names = dict.lookup(NAME('Names'));
    if (names instanceof PDFDict) names.delete(NAME('EmbeddedFiles'));
    // A JPEG embedded as an image keeps its own EXIF unless cleaned as well.
    if (obj instanceof PDFRawStream) {
      const filter = dict.lookup(NAME('Filter'));
      const only = filter instanceof PDFArray ? (filter.size() === 1 ? filter.lookup(0) : undefined) : filter;
      if (only === NAME('DCTDecode')) ctx.assign(ref, PDFRawStream.of(dict, new Uint8Array(scrubJpeg(Buffer.from(obj.contents)))));
    }
  }
  // Only what the document still reaches from its catalogue is written (an incremental update's
  // earlier Info or XMP, no longer referenced, is dropped with the rest).
  const reached = new Set<string>();
  const walk = (o: unknown) => {
    if (o instanceof PDFRef) {
      if (reached.has(o.toString())) return;
      reached.add(o.toString());
      walk(ctx.lookup(o));
    } else if (o instanceof PDFArray) for (let k = 0; k < o.size(); k++) walk(o.get(k));
    else {
      const dict = dictOf(o);
      if (dict) for (const [, v] of dict.entries()) walk(v);
    }
  };
  walk(ctx.trailerInfo.Root);
  for (const [ref] of ctx.enumerateIndirectObjects()) if (!reached.has(ref.toString())) ctx.delete(ref);
  // Without object streams, so what is written stays plainly inspectable.
  return Buffer.from(await doc.save({ updateFieldAppearances: false, useObjectStreams: false }));
}

// ---------------------------------------------------------------------------------------------
// MP4 / MOV

/** Atoms holding other atoms, walked into. */
const MP4_CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex', 'moof', 'traf', 'mfra']);
/** Top-level atoms that hold the film itself. */
const MP4_TOP = new Set(['ftyp', 'moov', 'mdat', 'moof', 'mfra', 'styp', 'sidx', 'pdin', 'free', 'skip', 'wide']);
/** Atoms whose content is replaced by zeros under a `free` header (metadata, or space that may hold it). */
const MP4_BLANKED = new Set(['udta', 'meta', 'uuid', 'XMP_', 'free', 'skip', 'wide', 'ilst', 'keys', 'loci', '©xyz', 'cprt']);
const NO_DATA_TRACKS: Bilingual = {
  zh: '视频含有定位、时间码或其他数据轨道，无法清理；请在手机相册中导出或录屏后再上传',
  en: 'The video has a location, timecode or other data track that cannot be removed; export it from the phone’s gallery or record the screen, then upload that',
};

export function scrubMp4(input: Buffer): Buffer {
  const buf = Buffer.from(input); // edited in place: sizes and offsets never change
  const walk = (start: number, end: number, depth: number, parent: string) => {
    let i = start;
    while (i < end) {
      if (i + 8 > end) throw refuse(DAMAGED);
      let size = buf.readUInt32BE(i);
      const type = buf.subarray(i + 4, i + 8).toString('latin1');
      let header = 8;
      if (size === 1) {
        if (i + 16 > end) throw refuse(DAMAGED);
        const big = buf.readBigUInt64BE(i + 8);
        if (big > BigInt(end - i)) throw refuse(DAMAGED);
        size = Number(big);
        header = 16;
      } else if (size === 0 && depth === 0) size = end - i; // to the end of the file
      if (size < header || i + size > end) throw refuse(DAMAGED);
      const atomEnd = i + size;
      if (depth === 0 && !MP4_TOP.has(type) && !MP4_BLANKED.has(type)) {
        throw refuse({
          zh: `视频中有无法识别的数据块（${type}），无法清理`,
          en: `The video holds an unknown block (${type}) that cannot be cleaned`,
        });
      }
      if (MP4_BLANKED.has(type) && !(parent === 'stsd')) {
        // A `free` atom of the same size, its content zeroed.
        if (header === 16) {
          buf.write('free', i + 4, 'latin1');
          buf.fill(0, i + 16, atomEnd);
        } else {
          buf.write('free', i + 4, 'latin1');
          buf.fill(0, i + 8, atomEnd);
        }
      } else if (type === 'mvhd' || type === 'tkhd' || type === 'mdhd') {
        // version 1: 64-bit creation and modification times; version 0: 32-bit.
        const version = buf[i + header];
        const times = version === 1 ? 16 : 8;
        if (i + header + 4 + times > atomEnd) throw refuse(DAMAGED);
        buf.fill(0, i + header + 4, i + header + 4 + times);
      } else if (type === 'hdlr' && parent === 'mdia') {
        const handler = buf.subarray(i + header + 8, i + header + 12).toString('latin1');
        if (handler !== 'vide' && handler !== 'soun') throw refuse(NO_DATA_TRACKS);
      } else if (MP4_CONTAINERS.has(type)) {
        walk(i + header, atomEnd, depth + 1, type);
      }
      i = atomEnd;
    }
  };
  walk(0, buf.length, 0, '');
  if (buf.subarray(4, 8).toString('latin1') !== 'ftyp') throw refuse(DAMAGED);
  return buf;
}

// ---------------------------------------------------------------------------------------------

/** The attachment without its metadata, or a 400 at the file field saying why it cannot be taken. */
export async function scrubAttachment(data: Buffer, type: string): Promise<Buffer> {
  switch (type) {
    case 'image/jpeg':
      return scrubJpeg(data);
    case 'image/png':
      return scrubPng(data);
    case 'application/pdf':
      return scrubPdf(data);
    case 'video/mp4':
    case 'video/quicktime':
      return scrubMp4(data);
    default:
      throw refuse({
        zh: '此类视频无法清除其中的拍摄信息，请上传 MP4 或 MOV 格式（手机拍摄的视频即是）',
        en: 'This kind of video cannot be cleaned of its recording details; upload MP4 or MOV (what phones record)',
      });
  }
}
