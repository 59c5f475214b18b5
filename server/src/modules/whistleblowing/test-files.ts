// Files built for tests of attachments (not a test file itself, so importing it runs no tests).
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** A PNG of about `bytes` bytes (the bulk in one IDAT chunk; nothing in it is metadata). */
export function pngOf(bytes: number) {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', randomBytes(bytes - 57)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
