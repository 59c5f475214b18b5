// What the reporter's browser does before anything leaves it: the proof of work the server asks
// for (sha256 in JavaScript: SubtleCrypto is missing on plain-http addresses), and photos redrawn
// without their metadata (EXIF: camera, time, GPS position) unless the reporter keeps it.
import { api } from '../../../api.ts';

/** Public calls carry no cookie. */
export const anon = { credentials: 'omit' as const };

function leadingZeroBits(h: Uint8Array): number {
  let bits = 0;
  for (const byte of h) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Finds the nonce (about 65,000 hashes for 16 bits), yielding to the page now and then. */
export async function proofOfWork(onProgress?: (tried: number) => void): Promise<{ challenge: string; nonce: string }> {
  // sha256 loads when the reporter sends, not with the page (README "Web delivery": the page's budget).
  const [{ sha256 }, { challenge, bits }] = await Promise.all([
    import('@noble/hashes/sha2.js'),
    api<{ challenge: string; bits: number }>('/api/public/reports/challenge', anon),
  ]);
  const enc = new TextEncoder();
  for (let n = 0; ; n++) {
    if (leadingZeroBits(sha256(enc.encode(`${challenge}:${n}`))) >= bits) return { challenge, nonce: String(n) };
    if (n % 4000 === 3999) {
      onProgress?.(n + 1);
      await new Promise((r) => setTimeout(r, 0));
    }
  }
}

/** The photo redrawn as a JPEG: same pixels (orientation applied), no metadata at all. */
export async function withoutMetadata(file: File): Promise<File> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', 0.92),
  );
  return new File([blob], `${file.name.replace(/\.[^.]+$/, '')}.jpg`, { type: 'image/jpeg' });
}

export const isImage = (f: File) => f.type.startsWith('image/');

/** Sends one file with the receipt (fields first: the server reads them before the file). */
export async function uploadWithReceipt<T>(receipt: string, file: File, keepLocation: boolean): Promise<T> {
  const sent = isImage(file) && !keepLocation ? await withoutMetadata(file) : file;
  const form = new FormData();
  form.append('receipt', receipt);
  form.append('keepLocation', keepLocation ? 'true' : 'false');
  form.append('file', sent, sent.name);
  return api<T>('/api/public/reports/files', { method: 'POST', body: form, ...anon });
}

export const ACCEPT = 'image/jpeg,image/png,image/heic,image/webp,application/pdf,video/mp4,video/quicktime';
