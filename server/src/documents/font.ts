// The dossier's fonts, read once per process. The vendored font is a WOFF (1.5 MB instead of
// ~3 MB): fontkit would inflate its tables with a pure-JavaScript inflater on every PDF, which
// took 18 s per dossier on this machine (and timed out a download in CI). Node's zlib unpacks
// it to a plain OpenType font once, in ~30 ms.
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

export type LoadedFont = {
  /** TTF, OTF or TTC bytes, as pdfkit's registerFont takes them. */
  data: Buffer;
  /** The face to use when `data` is a collection (TTC): its first. */
  face: string | undefined;
  /** Whether the face draws this character (else it would come out as an empty box). */
  covers: (codePoint: number) => boolean;
};

const cache = new Map<string, Promise<LoadedFont>>();

/** The font file at `path` (a WOFF is unpacked), cached for the process. */
export function loadFont(path: string): Promise<LoadedFont> {
  let font = cache.get(path);
  if (!font) {
    font = readFile(path).then(parse);
    // A failed read is not cached: the next dossier tries again.
    font.catch(() => cache.delete(path));
    cache.set(path, font);
  }
  return font;
}

function parse(file: Buffer): LoadedFont {
  const data = file.toString('latin1', 0, 4) === 'wOFF' ? woffToSfnt(file) : file;
  const opened = fontkit.create(data);
  const face = 'fonts' in opened ? opened.fonts[0] : opened;
  if (!face) throw new Error('a font collection without fonts');
  return { data, face: 'fonts' in opened ? face.postscriptName : undefined, covers: (c) => face.hasGlyphForCodePoint(c) };
}

/**
 * WOFF 1.0 (W3C, 2012) to the SFNT it wraps: the same tables, each inflated if it was stored
 * compressed (compLength < origLength), laid out 4-byte aligned behind a rebuilt table directory.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error(`WOFF table ${i}: ${data.length} bytes, expected ${origLength}`);
    return { tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data };
  });
  const pad4 = (n: number) => (n + 3) & ~3;
  const headerSize = 12 + 16 * numTables;
  const size = tables.reduce((sum, t) => sum + pad4(t.data.length), headerSize);
  const out = Buffer.alloc(size);
  const log2 = Math.floor(Math.log2(numTables));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(16 * 2 ** log2, 6); // searchRange
  out.writeUInt16BE(log2, 8); // entrySelector
  out.writeUInt16BE(16 * numTables - 16 * 2 ** log2, 10); // rangeShift
  let offset = headerSize;
  tables.forEach((t, i) => {
    const at = 12 + 16 * i;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += pad4(t.data.length);
  });
  return out;
}
