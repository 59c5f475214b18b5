// Proof of work before a public report (abuse resistance that identifies no one): the server
// hands out a signed, expiring challenge; the browser finds a nonce such that
// sha256(challenge ":" nonce) starts with `bits` zero bits (16 normally: ~65,000 hashes, well
// under a second on a phone); each challenge is accepted once. State is in memory only.
//
// The difficulty adapts to load: each doubling of the reports accepted in the last minute beyond
// a normal day's pace adds a bit (at most 6 more), so a flood costs its sender exponentially more
// work while a lone reporter at worst waits a few seconds longer. The bits are part of the signed
// challenge, so a client cannot lower them.
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

const CHALLENGE_SHAPE = /^([0-9]{1,16})\.([0-9]{1,2})\.([0-9a-f]{24})\.([0-9a-f]{32})$/;
const NONCE_SHAPE = /^(0|[1-9][0-9]{0,19})$/;

/** Reports a minute that count as normal load; beyond it the difficulty rises. */
export const POW_CALM_PER_MINUTE = 20;
const POW_MAX_EXTRA = 6;

export class ProofOfWork {
  private readonly secret = randomBytes(32);
  private readonly used = new Map<string, number>();
  /** When each recently accepted proof was checked (the last minute only). */
  private recent: number[] = [];
  constructor(
    readonly baseBits = POW_BITS,
    private readonly now = () => Date.now(),
  ) {}

  /** The difficulty now: the base, plus one bit per doubling of the last minute's load beyond calm. */
  get bits(): number {
    const t = this.now();
    this.recent = this.recent.filter((x) => x > t - 60_000);
    const load = this.recent.length / POW_CALM_PER_MINUTE;
    return this.baseBits + (load < 1 ? 0 : Math.min(POW_MAX_EXTRA, 1 + Math.floor(Math.log2(load))));
  }

  challenge(): { challenge: string; bits: number } {
    const bits = this.bits;
    const body = `${this.now() + TTL_MS}.${bits}.${randomBytes(12).toString('hex')}`;
    return { challenge: `${body}.${this.sign(body)}`, bits };
  }

  /** 'ok', or why not: 'invalid' (forged, malformed or wrong work), 'expired', 'reused'. */
  check(challenge: string, nonce: string): 'ok' | 'invalid' | 'expired' | 'reused' {
    // Exactly the shape we hand out: a suffix (an extra `.part`, a trailing character) or a
    // nonce other than plain digits is refused, so one solved challenge cannot be replayed under
    // another spelling, nor the `challenge:nonce` boundary moved.
    const m = CHALLENGE_SHAPE.exec(challenge);
    if (!m || !NONCE_SHAPE.test(nonce)) return 'invalid';
    const [, expires = '', bits = '', random = '', sig = ''] = m;
    const expected = Buffer.from(this.sign(`${expires}.${bits}.${random}`));
    if (expected.length !== sig.length || !timingSafeEqual(expected, Buffer.from(sig))) return 'invalid';
    if (Number(expires) < this.now()) return 'expired';
    if (this.used.has(challenge)) return 'reused';
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) < Number(bits)) return 'invalid';
    this.sweep();
    this.used.set(challenge, Number(expires));
    this.recent.push(this.now());
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
