import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOSSIER_FONT } from './dossier.ts';
import { loadFont } from './font.ts';

/** OpenType table checksum: the sum of its big-endian 32-bit words, zero-padded. */
function checksum(data: Buffer): number {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

test('the vendored WOFF unpacks to an OpenType font whose every table matches its recorded checksum', async () => {
  const font = await loadFont(DOSSIER_FONT);
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
  assert.equal(await loadFont(DOSSIER_FONT), font, 'read once per process');
});
