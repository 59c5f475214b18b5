// How many rows the first sheet of an .xlsx holds, counted before anything parses the workbook
// (issue 22, item 9): the sheet's XML is inflated as a stream straight from the zip and its <row>
// elements counted, stopping as soon as the count passes the limit. Nothing of the workbook is
// built and at most one chunk of the sheet is in memory. The .xlsx container is a plain zip: the
// central directory (at its end) says where each entry's compressed bytes lie.
import { createInflateRaw, inflateRawSync } from 'node:zlib';

type Entry = { name: string; method: number; compressedSize: number; localOffset: number };

export class ZipFormatError extends Error {}

function centralDirectory(buf: Buffer): Entry[] {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipFormatError('bad central directory');
    const nameLength = buf.readUInt16LE(p + 28);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

function compressed(buf: Buffer, e: Entry): Buffer {
  const h = e.localOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw new ZipFormatError('bad local header');
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  if (start + e.compressedSize > buf.length) throw new ZipFormatError('truncated entry');
  return buf.subarray(start, start + e.compressedSize);
}

/** A small entry (the workbook's sheet list and relations), whole. */
function smallText(buf: Buffer, entries: Entry[], name: string): string | null {
  const e = entries.find((x) => x.name === name);
  if (!e || e.compressedSize > 1024 * 1024) return null;
  const data = compressed(buf, e);
  return (e.method === 0 ? data : inflateRawSync(data, { maxOutputLength: 16 * 1024 * 1024 })).toString('utf8');
}

/** The zip path of the first sheet, as the workbook lists its sheets. */
function firstSheetPath(buf: Buffer, entries: Entry[]): string | null {
  const workbook = smallText(buf, entries, 'xl/workbook.xml');
  const rels = smallText(buf, entries, 'xl/_rels/workbook.xml.rels');
  const rid = workbook?.match(/<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"/)?.[1];
  if (rid && rels) {
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`));
    const target = rel?.match(/Target="([^"]+)"/)?.[1];
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  }
  return entries.find((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))?.name ?? null;
}

/**
 * Rows (<row> elements) of the first sheet, counting no further than `stopAfter` + 1: the answer
 * is exact up to the limit, and "more than stopAfter" beyond it.
 */
export async function countXlsxRows(buf: Buffer, stopAfter: number): Promise<number> {
  const entries = centralDirectory(buf);
  const path = firstSheetPath(buf, entries);
  const entry = entries.find((e) => e.name === path);
  if (!entry) return 0;
  const data = compressed(buf, entry);
  const ROW = /<(?:\w+:)?row[\s>/]/g;
  let count = 0;
  let tail = '';
  const scan = (chunk: Buffer) => {
    // latin1 keeps one character per byte (the tag is ASCII). The end of the previous chunk is
    // carried over so that a tag cut between chunks is found; a match lying wholly in that carried
    // part was counted with the previous chunk.
    const text = tail + chunk.toString('latin1');
    for (const m of text.matchAll(ROW)) if (m.index + m[0].length > tail.length) count++;
    tail = text.slice(-16);
  };
  if (entry.method === 0) {
    scan(data);
    return count;
  }
  if (entry.method !== 8) throw new ZipFormatError(`compression method ${entry.method}`);
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(count);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (done) return;
      scan(chunk);
      if (count > stopAfter) finish();
    });
    inflate.on('end', finish);
    inflate.on('error', (err) => {
      if (!done) {
        done = true;
        reject(new ZipFormatError(err.message));
      }
    });
    // Fed in slices so that a refusal stops the inflating early.
    const SLICE = 64 * 1024;
    let at = 0;
    const feed = () => {
      while (!done && at < data.length) {
        const slice = data.subarray(at, at + SLICE);
        at += SLICE;
        if (!inflate.write(slice)) {
          inflate.once('drain', feed);
          return;
        }
      }
      if (!done && at >= data.length) inflate.end();
    };
    feed();
  });
}
