// Reading one uploaded image (photos, site plans): PNG or JPEG checked by its bytes, at most
// `maxBytes`, else a 400 with a field message; never a 413 or a half-read file.
import type {} from '@fastify/multipart'; // its request.file() typing
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../http/errors.ts';
import { type FileStore, sniffImage } from './files.ts';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export async function readImageUpload(req: FastifyRequest, maxBytes = PHOTO_MAX_BYTES) {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type');
  const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file) throw invalid({ file: { zh: '请选择图片文件', en: 'Choose an image file' } });
  let data: Buffer;
  try {
    data = await file.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw invalid({
        file: { zh: `图片不能超过 ${maxBytes / 1024 / 1024} MB`, en: `The image must be at most ${maxBytes / 1024 / 1024} MB` },
      });
    }
    throw err;
  }
  const image = sniffImage(data);
  if (!image) throw invalid({ file: { zh: '只接受 PNG 或 JPEG 图片', en: 'Only PNG or JPEG images' } });
  return { data, ...image };
}

/**
 * An uploaded image stored as a photo, then attached by `attach` (in its own transaction): when
 * attaching is refused, the stored file is removed again, so nothing is left half written.
 */
export async function storeUploadedPhoto<T>(
  req: FastifyRequest,
  files: FileStore,
  attach: (key: string, image: { width: number; height: number }) => Promise<T>,
): Promise<T> {
  const image = await readImageUpload(req);
  const key = await files.put('photos', image.data);
  try {
    return await attach(key, image);
  } catch (err) {
    await files.delete(key);
    throw err;
  }
}
