// Metadata out of every accepted attachment type (issue 22, item 3), on files crafted here to
// carry it the ways that leaked: EXIF after the first image, PNG text, PDF Info/XMP/orphans and
// embedded JPEGs, video location atoms and times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { AppError } from '../../http/errors.ts';
import { scrubAttachment, scrubJpeg, scrubMp4, scrubPdf, scrubPng } from './scrub.ts';

const u16 = (n: number) => Buffer.from([n >> 8, n & 255]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const seg = (marker: number, body: string | Buffer) => {
  const b = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  return Buffer.concat([Buffer.from([0xff, marker]), u16(b.length + 2), b]);
};
const SOF = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const SOS = Buffer.from([0xff, 0xda, 0x00, 0x0c, 0x03, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0]);
const SCAN = Buffer.from([0xaa, 0xff, 0x00, 0xbb, 0xff, 0xd0, 0xcc]); // a stuffed byte and a restart marker
const EOI = Buffer.from([0xff, 0xd9]);
/** A JPEG with EXIF GPS, XMP, IPTC and a comment, then a second image with its own EXIF after EOI. */
function leakyJpeg() {
  const second = Buffer.concat([Buffer.from([0xff, 0xd8]), seg(0xe1, 'Exif\0\0SECOND-GPS-31.23N'), SOF, SOS, SCAN, EOI]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.concat([Buffer.from('JFIF\0\x01\x02\x00\x00\x01\x00\x01\x02\x02', 'latin1'), Buffer.alloc(12, 0x55)])),
    seg(0xe1, 'Exif\0\0GPS-31.2304N-121.4737E iPhone 15'),
    seg(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Author WangSecret</x:xmpmeta>'),
    seg(0xed, 'Photoshop 3.0\0IPTC-Byline-WangSecret'),
    seg(0xfe, 'comment WangSecret'),
    seg(0xdb, Buffer.alloc(65, 1)),
    SOF,
    SOS,
    SCAN,
    EOI,
    second,
  ]);
}
const LEAKS = ['GPS', 'WangSecret', 'iPhone', 'xmpmeta', 'IPTC', 'SECOND'];
const assertClean = (out: Buffer) => {
  for (const leak of LEAKS) assert.equal(out.includes(leak), false, `still holds ${leak}`);
};

test('JPEG: only the image segments remain, and nothing after the end of the first image', () => {
  const out = scrubJpeg(leakyJpeg());
  assertClean(out);
  const jfif = Buffer.concat([seg(0xe0, Buffer.from('JFIF\0\x01\x02\x00\x00\x01\x00\x01\x00\x00', 'latin1'))]);
  assert.deepEqual(out, Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, seg(0xdb, Buffer.alloc(65, 1)), SOF, SOS, SCAN, EOI]));
  assert.throws(() => scrubJpeg(Buffer.concat([Buffer.from([0xff, 0xd8]), SOF, SOS, SCAN])), AppError, 'no end of image: refused');
});

function chunk(type: string, data: Buffer | string) {
  const d = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const body = Buffer.concat([Buffer.from(type, 'latin1'), d]);
  return Buffer.concat([u32(d.length), body, u32(crc32(body))]);
}
test('PNG: text, EXIF, time and unknown chunks dropped, nothing after IEND', () => {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
  const idat = chunk('IDAT', Buffer.from('789c6360000000040001', 'hex'));
  const srgb = chunk('sRGB', Buffer.from([0]));
  const iend = chunk('IEND', '');
  const png = Buffer.concat([
    sig,
    ihdr,
    chunk('tEXt', 'Author\0WangSecret'),
    chunk('iTXt', 'XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPS</x:xmpmeta>'),
    chunk('eXIf', 'MM\0*GPS-31.23N'),
    chunk('tIME', Buffer.from([7, 234, 12, 5, 9, 30, 0])),
    chunk('prVt', 'iPhone'),
    srgb,
    idat,
    iend,
    chunk('tEXt', 'SECOND WangSecret'),
  ]);
  const out = scrubPng(png);
  assertClean(out);
  assert.deepEqual(out, Buffer.concat([sig, ihdr, srgb, idat, iend]));
});

test('PDF: no Info, XMP, document ID, orphaned old objects or EXIF in its images; the pages stay', async () => {
  const doc = await PDFDocument.create();
  doc.setAuthor('WangSecret');
  doc.setCreator('iPhone Pages');
  doc.setTitle('GPS notes');
  const page = doc.addPage([200, 200]);
  page.drawImage(await doc.embedJpg(new Uint8Array(leakyJpeg())), { x: 10, y: 10, width: 32, height: 16 });
  const xmp = doc.context.stream('<x:xmpmeta>Author WangSecret</x:xmpmeta>', { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  // An object nothing refers to any more, as an incremental update leaves behind.
  doc.context.register(doc.context.obj({ Author: PDFString.of('WangSecret old revision') }));
  const leaky = Buffer.from(await doc.save({ useObjectStreams: false }));
  for (const leak of ['WangSecret', 'xmpmeta', 'GPS']) assert.ok(leaky.includes(leak), `the crafted file holds ${leak}`);

  const out = await scrubPdf(leaky);
  assertClean(out);
  assert.equal(out.includes('/Info'), false);
  assert.equal(out.includes('/ID'), false);
  const back = await PDFDocument.load(out, { updateMetadata: false });
  assert.equal(back.getPageCount(), 1);
  assert.equal(back.getAuthor(), undefined);
  assert.equal(back.getCreator(), undefined);
  assert.ok(out.includes(Buffer.concat([SOF, SOS])), 'the image is still there');
  await assert.rejects(scrubPdf(Buffer.from('%PDF-1.7\nnot really')), AppError);
});

const atom = (type: string, ...body: Buffer[]) => {
  const b = Buffer.concat(body);
  return Buffer.concat([u32(b.length + 8), Buffer.from(type, 'latin1'), b]);
};
const CREATED = u32(0xe2a1b2c3); // a creation time (seconds since 1904)
const timed = (type: string) => atom(type, Buffer.from([0, 0, 0, 0]), CREATED, CREATED, Buffer.alloc(12, 7));
const hdlr = (kind: string) => atom('hdlr', Buffer.alloc(8), Buffer.from(kind, 'latin1'), Buffer.alloc(12));
function video(trackKind = 'vide', extraTop: Buffer = Buffer.alloc(0)) {
  const moov = atom(
    'moov',
    timed('mvhd'),
    atom(
      'trak',
      timed('tkhd'),
      atom('mdia', timed('mdhd'), hdlr(trackKind), atom('minf', atom('stbl', atom('stco', u32(0), u32(1), u32(0))))),
    ),
    atom('udta', atom('©xyz', Buffer.from('\0\x12\x15\xc7+31.2304+121.4737/', 'latin1')), atom('©mak', Buffer.from('iPhone'))),
    atom('meta', Buffer.alloc(4), atom('keys', Buffer.from('com.apple.quicktime.location.ISO6709 GPS'))),
  );
  return Buffer.concat([
    atom('ftyp', Buffer.from('qt  \0\0\0\0qt  ', 'latin1')),
    moov,
    atom('uuid', Buffer.from('be7acfcb97a942e89c71999491e3afac<x:xmpmeta>WangSecret</x:xmpmeta>')),
    extraTop,
    atom('mdat', Buffer.from('FRAMES-OF-THE-FILM')),
  ]);
}

test('MP4/MOV: location, maker, XMP and times blanked in place, media and offsets untouched; data tracks refused', () => {
  const mov = video();
  assert.ok(mov.includes('+31.2304'));
  const out = scrubMp4(mov);
  assertClean(out);
  assert.equal(out.includes('+31.2304'), false);
  assert.equal(out.length, mov.length, 'same size: chunk offsets still point at the media');
  assert.ok(out.subarray(-18).equals(Buffer.from('FRAMES-OF-THE-FILM')));
  assert.equal(out.includes(CREATED), false, 'creation and modification times zeroed');
  assert.equal(out.includes('udta') || out.includes('©xyz'), false);
  assert.equal(mov.includes('+31.2304'), true, 'the input is not modified');
  assert.throws(
    () => scrubMp4(video('meta')),
    (e: AppError) => /数据轨道/.test(e.fields.file?.zh ?? ''),
    'a GPS/data track is refused',
  );
  assert.throws(() => scrubMp4(video('tmcd')), AppError, 'a timecode track is refused');
  assert.throws(() => scrubMp4(video('vide', atom('gps0', Buffer.from('+31.2304')))), AppError, 'an unknown top-level block is refused');
  assert.throws(() => scrubMp4(mov.subarray(0, mov.length - 5)), AppError, 'a truncated file is refused');
});

test('WebM cannot be cleaned and is refused with a message saying what to upload instead', async () => {
  await assert.rejects(scrubAttachment(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0]), 'video/webm'), (e: AppError) =>
    /MP4 或 MOV/.test(e.fields.file?.zh ?? ''),
  );
});
