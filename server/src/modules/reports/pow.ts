// Proof of work before a public report (abuse resistance that identifies no one): the server
// hands out a signed, expiring challenge; the browser finds a nonce such that
// sha256(challenge ":" nonce) starts with POW_BITS zero bits (~65,000 hashes, well under a second
// on a phone); each challenge is accepted once. State is in memory only.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const POW_BITS = 16;
const TTL_MS = 10 * 60 * 1000;

export function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export class ProofOfWork {
  private readonly secret = randomBytes(32);
  private readonly used = new Map<string, number>();
  constructor(
    readonly bits = POW_BITS,
    private readonly now = () => Date.now(),
  ) {}

  challenge(): { challenge: string; bits: number } {
    const body = `${this.now() + TTL_MS}.${randomBytes(12).toString('hex')}`;
    return { challenge: `${body}.${this.sign(body)}`, bits: this.bits };
  }

  /** 'ok', or why not: 'invalid' (forged, malformed or wrong work), 'expired', 'reused'. */
  check(challenge: string, nonce: string): 'ok' | 'invalid' | 'expired' | 'reused' {
    const [expires, random, sig] = challenge.split('.');
    if (!expires || !random || !sig) return 'invalid';
    const expected = Buffer.from(this.sign(`${expires}.${random}`));
    if (expected.length !== sig.length || !timingSafeEqual(expected, Buffer.from(sig))) return 'invalid';
    if (Number(expires) < this.now()) return 'expired';
    if (this.used.has(challenge)) return 'reused';
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) < this.bits) return 'invalid';
    this.sweep();
    this.used.set(challenge, Number(expires));
    return 'ok';
  }

  private sign(body: string) {
    return createHmac('sha256', this.secret).update(body).digest('hex').slice(0, 32);
  }

  private sweep() {
    const t = this.now();
    for (const [c, exp] of this.used) if (exp < t) this.used.delete(c);
  }
}

/** Find a nonce (what the browser does; used by tests and the CLI). */
export function solve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${n}`).digest()) >= bits) return String(n);
  }
}
