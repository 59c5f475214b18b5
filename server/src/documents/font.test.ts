import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOSSIER_FALLBACK_FONTS, DOSSIER_FONT, fontRuns } from '../modules/hazards/dossier.ts';
import { loadFont } from './font.ts';

/** OpenType table checksum: the sum of its big-endian 32-bit words, zero-padded. */
function checksum(data: Buffer): number {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

test('the vendored WOFF unpacks to an OpenType font whose every table matches its recorded checksum', async () => {
  const loaded = await loadFont(DOSSIER_FONT);
  const font = loaded.data;
  assert.equal(font.readUInt32BE(0), 0x00010000, 'this subset of Noto Sans SC has TrueType outlines');
  const numTables = font.readUInt16BE(4);
  assert.ok(numTables >= 9);
  const tags: string[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = font.toString('latin1', at, at + 4);
    const offset = font.readUInt32BE(at + 8);
    const length = font.readUInt32BE(at + 12);
    assert.equal(offset % 4, 0, `${tag} is 4-byte aligned`);
    const data = Buffer.from(font.subarray(offset, offset + length));
    if (tag === 'head') data.writeUInt32BE(0, 8); // checksumAdjustment is left out of head's own sum
    assert.equal(checksum(data), font.readUInt32BE(at + 4), `${tag} checksum`);
    tags.push(tag);
  }
  for (const t of ['glyf', 'loca', 'cmap', 'head', 'hmtx']) assert.ok(tags.includes(t), t);
  assert.equal(await loadFont(DOSSIER_FONT), loaded, 'read once per process');
  assert.ok(loaded.covers('泰'.codePointAt(0) as number));
  assert.equal(loaded.face, undefined, 'one font, not a collection');
});

test('characters the main font lacks are drawn in the first fallback that has them', () => {
  const has = (chars: string) => ({ covers: (c: number) => chars.includes(String.fromCodePoint(c)) });
  assert.deepEqual(fontRuns('刘䶮化工𠮷', [has('刘化工'), has('䶮'), has('䶮𠮷')]), [
    { font: 0, text: '刘' },
    { font: 1, text: '䶮' },
    { font: 0, text: '化工' },
    { font: 2, text: '𠮷' },
  ]);
  assert.deepEqual(fontRuns('a☃', [has('a'), has('')]), [{ font: 0, text: 'a☃' }], 'in none: the main font');
  assert.deepEqual(fontRuns('', [has('')]), [{ font: 0, text: '' }]);
});

test('a machine CJK font is found as the fallback (npm test installs fonts-wqy-zenhei), and collections open at their first face', async () => {
  const [first] = DOSSIER_FALLBACK_FONTS;
  assert.ok(first, 'no fallback font on this machine');
  const fallback = await loadFont(first);
  const yan = '䶮'.codePointAt(0) as number;
  assert.ok(!(await loadFont(DOSSIER_FONT)).covers(yan), 'the vendored subset lacks 䶮 (CJK Extension A)');
  assert.ok(fallback.covers(yan));
  if (fallback.data.toString('latin1', 0, 4) === 'ttcf') assert.ok(fallback.face);
});
