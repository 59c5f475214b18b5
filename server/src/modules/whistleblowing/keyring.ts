// Keys that protect reporters, held outside the database: a database dump alone reveals no
// reporter content. From TAISHAN_REPORT_KEYS (JSON) or the key file (DATA_DIR/keys/report-keys.json,
// created with mode 0600 on first start). Several keys may exist; new data is sealed with the
// current one, old data stays readable until `taishan rotate-report-key` re-seals it.
//
// Sealed text is "<keyId>.<base64(nonce ‖ ciphertext ‖ tag)>", XChaCha20-Poly1305 with a random
// 24-byte nonce, and the record's id as associated data, so a sealed value copied onto another
// row does not open.
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';

/** `tag` keys receipt look-up tags and never rotates (receipts already issued must still be found). */
export type KeyFile = { current: string; keys: Record<string, string>; tag: string };

export class Keyring {
  private readonly keys: Map<string, Uint8Array>;
  constructor(readonly file: KeyFile) {
    this.keys = new Map(Object.entries(file.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
    for (const [id, k] of this.keys) if (k.length !== 32) throw new Error(`report key ${id} must be 32 bytes`);
    if (!this.keys.has(file.current)) throw new Error('the current report key is missing');
    if (Buffer.from(file.tag ?? '', 'base64').length !== 32) throw new Error('the receipt tag key must be 32 bytes');
  }

  get currentId() {
    return this.file.current;
  }

  seal(plain: string | Buffer, aad: string): string {
    const nonce = randomBytes(24);
    const key = this.keys.get(this.file.current) as Uint8Array;
    const ct = xchacha20poly1305(key, nonce, Buffer.from(aad)).encrypt(typeof plain === 'string' ? Buffer.from(plain) : plain);
    return `${this.file.current}.${Buffer.concat([nonce, ct]).toString('base64')}`;
  }

  openBytes(sealed: string, aad: string): Buffer {
    const dot = sealed.indexOf('.');
    const key = this.keys.get(sealed.slice(0, dot));
    if (!key) throw new Error(`report key ${sealed.slice(0, dot)} is not in the keyring`);
    const raw = Buffer.from(sealed.slice(dot + 1), 'base64');
    return Buffer.from(xchacha20poly1305(key, raw.subarray(0, 24), Buffer.from(aad)).decrypt(raw.subarray(24)));
  }

  open(sealed: string, aad: string): string {
    return this.openBytes(sealed, aad).toString('utf8');
  }

  /** Sealed bytes for files: [id length][id][nonce ‖ ciphertext ‖ tag], without a base64 detour. */
  sealFile(plain: Buffer, aad: string): Buffer {
    const id = Buffer.from(this.file.current);
    const nonce = randomBytes(24);
    const ct = xchacha20poly1305(this.keys.get(this.file.current) as Uint8Array, nonce, Buffer.from(aad)).encrypt(plain);
    return Buffer.concat([Buffer.from([id.length]), id, nonce, ct]);
  }

  openFile(sealed: Buffer, aad: string): Buffer {
    const n = sealed[0] as number;
    const id = sealed.subarray(1, 1 + n).toString();
    const key = this.keys.get(id);
    if (!key) throw new Error(`report key ${id} is not in the keyring`);
    const raw = sealed.subarray(1 + n);
    return Buffer.from(xchacha20poly1305(key, raw.subarray(0, 24), Buffer.from(aad)).decrypt(raw.subarray(24)));
  }

  /** The key a sealed value (text or file) was sealed with. */
  static keyIdOf(sealed: string | Buffer): string {
    return typeof sealed === 'string' ? sealed.slice(0, sealed.indexOf('.')) : sealed.subarray(1, 1 + (sealed[0] as number)).toString();
  }

  /** The same keys without those no longer needed (after every value was re-sealed). */
  keeping(ids: string[]): Keyring {
    const keep = new Set([...ids, this.file.current]);
    return new Keyring({ ...this.file, keys: Object.fromEntries(Object.entries(this.file.keys).filter(([id]) => keep.has(id))) });
  }

  /** A short keyed tag of a receipt: lets the database narrow a look-up without holding anything guessable. */
  receiptTag(receipt: string): string {
    return createHmac('sha256', Buffer.from(this.file.tag, 'base64')).update(`receipt:${receipt}`).digest('hex').slice(0, 4);
  }

  /** A new current key (the old ones stay for reading). */
  rotated(): Keyring {
    const id = `k${Date.now().toString(36)}`;
    return new Keyring({ ...this.file, current: id, keys: { ...this.file.keys, [id]: randomBytes(32).toString('base64') } });
  }
}

export const newKeyFile = (): KeyFile => ({
  current: 'k1',
  keys: { k1: randomBytes(32).toString('base64') },
  tag: randomBytes(32).toString('base64'),
});

/** Where the key file lives: DATA_DIR/keys/report-keys.json, beside (never inside) the files folder. */
export const reportKeyFile = (filesDir: string) => join(filesDir, '..', 'keys', 'report-keys.json');

/** The keyring from the environment, else from the key file (created if absent). */
export function loadKeyring(keyFilePath: string, env = process.env): Keyring {
  if (env.TAISHAN_REPORT_KEYS) return new Keyring(JSON.parse(env.TAISHAN_REPORT_KEYS));
  if (!existsSync(keyFilePath)) saveKeyFile(keyFilePath, newKeyFile());
  return new Keyring(JSON.parse(readFileSync(keyFilePath, 'utf8')));
}

export function saveKeyFile(path: string, file: KeyFile) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
