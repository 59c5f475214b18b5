// Attachments to a public report: images, PDF and video, recognised by their bytes (the
// browser's content type is not trusted), capped per type, cleaned of every metadata carrier
// (scrub.ts; a photo's EXIF/GPS is kept only if the reporter chose to keep it as evidence), and sealed before they reach file
// storage: the stored bytes and the name are ciphertext, so the files folder alone reveals nothing.
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/db.ts';
import { AppError, invalid } from '../../http/errors.ts';
import type { FileStore } from '../../storage/files.ts';
import { sniffImage } from '../../storage/files.ts';
import type { Keyring } from './keyring.ts';
import { scrubAttachment } from './scrub.ts';

export type AttachmentKind = 'image' | 'pdf' | 'video';
const MB = 1024 * 1024;
export const ATTACHMENT_LIMITS: Record<AttachmentKind, number> = { image: 10 * MB, pdf: 20 * MB, video: 50 * MB };
export const ATTACHMENTS_PER_REPORT = 10;
const LARGEST = Math.max(...Object.values(ATTACHMENT_LIMITS));

/** What the bytes are, by their signature. */
export function sniffAttachment(buf: Buffer): { kind: AttachmentKind; type: string } | null {
  const image = sniffImage(buf);
  if (image) return { kind: 'image', type: image.type };
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return { kind: 'pdf', type: 'application/pdf' };
  if (buf.length > 12 && buf.subarray(4, 8).toString('latin1') === 'ftyp') {
    return { kind: 'video', type: buf.subarray(8, 10).toString('latin1') === 'qt' ? 'video/quicktime' : 'video/mp4' };
  }
  if (buf.length > 4 && buf.readUInt32BE(0) === 0x1a45dfa3) return { kind: 'video', type: 'video/webm' };
  return null;
}

/** Reads one multipart file (fields first: `keepLocation`, and the receipt for reporters). */
export async function readAttachment(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type');
  const file = await req.file({ limits: { fileSize: LARGEST, files: 1 } });
  if (!file) throw invalid({ file: { zh: '请选择文件', en: 'Choose a file' } });
  let data: Buffer;
  try {
    data = await file.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw invalid({ file: { zh: `文件不能超过 ${LARGEST / MB} MB`, en: `A file must be at most ${LARGEST / MB} MB` } });
    throw err;
  }
  const what = sniffAttachment(data);
  if (!what)
    throw invalid({
      file: { zh: '只接受图片（JPEG/PNG）、PDF 或视频（MP4/MOV/WebM）', en: 'Images (JPEG/PNG), PDF or video (MP4/MOV/WebM) only' },
    });
  const limit = ATTACHMENT_LIMITS[what.kind];
  if (data.length > limit)
    throw invalid({ file: { zh: `此类文件不能超过 ${limit / MB} MB`, en: `This kind of file must be at most ${limit / MB} MB` } });
  const field = (name: string) => {
    const f = file.fields[name] as { value?: unknown } | undefined;
    return typeof f?.value === 'string' ? f.value : undefined;
  };
  const keep = field('keepLocation') === 'true';
  // Only the base name, cut short: a path or a long name could itself identify someone's device.
  const name = (file.filename || 'file').split(/[\\/]/).pop()?.slice(-80) || 'file';
  // Every other file, and a photo unless its location is kept on purpose, is cleaned of metadata.
  const clean = what.kind === 'image' && keep ? data : await scrubAttachment(data, what.type);
  return { data: clean, ...what, name, field };
}

export type Attachment = Awaited<ReturnType<typeof readAttachment>>;
type Meta = { name: string; type: string };

/** Seal and store the file, then record it; the stored bytes are removed if the row is not written. */
export async function saveAttachment(
  q: Queryable,
  files: FileStore,
  keys: Keyring,
  reportId: string,
  author: 'reporter' | 'handler',
  a: Attachment,
  today: string,
) {
  const [{ n } = { n: 0 }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM report_files WHERE report_id = $1', [reportId]);
  if (n >= ATTACHMENTS_PER_REPORT)
    throw invalid({
      file: { zh: `每件举报最多 ${ATTACHMENTS_PER_REPORT} 个附件`, en: `At most ${ATTACHMENTS_PER_REPORT} files per report` },
    });
  const [{ id } = { id: '' }] = await q.query<{ id: string }>('SELECT gen_random_uuid() AS id');
  const key = await files.put('report-files', keys.sealFile(a.data, id), { day: today });
  try {
    const meta: Meta = { name: a.name, type: a.type };
    await q.query(
      'INSERT INTO report_files (id, report_id, author, storage_key, sealed_meta, size, added_on) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, reportId, author, key, keys.seal(JSON.stringify(meta), id), a.data.length, today],
    );
  } catch (err) {
    await files.delete(key);
    throw err;
  }
  return id;
}

export async function listAttachments(q: Queryable, keys: Keyring, reportId: string) {
  const rows = await q.query<{ id: string; author: string; sealed_meta: string; size: number; added_on: string | Date }>(
    'SELECT id, author, sealed_meta, size, added_on FROM report_files WHERE report_id = $1 ORDER BY added_on, id',
    [reportId],
  );
  return rows.map((r) => {
    const meta = JSON.parse(keys.open(r.sealed_meta, r.id)) as Meta;
    return { id: r.id, author: r.author, name: meta.name, type: meta.type, size: r.size };
  });
}

export async function openAttachment(q: Queryable, files: FileStore, keys: Keyring, reportId: string, fileId: string) {
  const [r] = await q.query<{ storage_key: string; sealed_meta: string }>(
    'SELECT storage_key, sealed_meta FROM report_files WHERE id = $1 AND report_id = $2',
    [fileId, reportId],
  );
  if (!r) return null;
  const sealed = await files.get(r.storage_key);
  if (!sealed) return null;
  return { ...(JSON.parse(keys.open(r.sealed_meta, fileId)) as Meta), data: keys.openFile(sealed, fileId) };
}
