// 双随机 draws (随机抽取检查对象、随机选派执法检查人员, 国办发〔2015〕58号): the frozen lists, the
// commitment published before the draw, and the deterministic draw itself — pure, so the server,
// the browser and scripts/verify-draw.mjs all derive the same selection from the same inputs.
// The operator cannot steer it: the lists and a secret nonce are committed to (hashed) before the
// draw time; the seed then mixes that nonce with a public value nobody present controls, named in
// advance (e.g. a stock index's close on the draw day). The algorithm, exactly (README, "双随机"):
//
//   objectsText     = for each object sorted by enterpriseId: `${enterpriseId};${class};${weight}\n`
//   inspectorsText  = for each inspector sorted by userId: `${userId};${conflicts sorted, joined by ','}\n`
//   objectsHash     = SHA-256 hex (lower case) of objectsText as UTF-8; inspectorsHash likewise
//   commitment      = SHA-256 hex of `${objectsHash}\n${inspectorsHash}\n${algorithm}\n${n}\n${serverNonce}`
//   seed            = SHA-256 hex of `${serverNonce}\n${normalizePublicValue(publicValue)}`
//   random words    = block j (j = 0, 1, …) is SHA-256 of `${seed}:${j}`; each block gives eight
//                     unsigned 32-bit big-endian words, used in order
//   uniform(k)      = the next word u with u < 2^32 − (2^32 mod k), taken mod k (rejection: no bias)
//   selection       = min(n, objects) times: W = total weight of the objects not yet selected,
//                     r = uniform(W), select the first remaining object (sorted order) whose running
//                     sum of remaining weights exceeds r; its rank is the step (1, 2, …)
//   pairing         = for each selected object by rank, twice: among the inspectors (sorted order)
//                     with no conflict with the enterprise and not yet on this pick, those with the
//                     fewest picks so far; take candidates[uniform(candidates.length)] and count it
//
// So the heavier class is drawn proportionally more often, every draw uses all its inputs, and the
// load of inspectors stays even (never more than one pick apart, conflicts aside).
import { z } from 'zod';
import type { Actor } from '../auth/roles.ts';
import { hasRole, isAdmin } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';
import { isEnforcer } from './policy.ts';

export const DRAW_ALGORITHM = 'taishan-draw-v1';
/** 执法人员不得少于两人 (行政处罚法 Art. 42). */
export const DRAW_OFFICERS_PER_PICK = 2;

/** Supervision classes (分类分级); an enterprise without a class counts as 'C'. */
export const DRAW_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type DrawClass = (typeof DRAW_CLASSES)[number];
export type DrawClassWeights = Record<DrawClass, number>;
export const DRAW_DEFAULT_CLASS = 'C' satisfies DrawClass;

export const DRAW_STATUSES = ['committed', 'drawn', 'cancelled'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];
export const DRAW_STATUS_LABELS: Record<DrawStatus, { zh: string; en: string }> = {
  committed: { zh: '已公示承诺，待抽取', en: 'Committed, waiting for the draw' },
  drawn: { zh: '已抽取', en: 'Drawn' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export type DrawObject = { enterpriseId: string; class: DrawClass; weight: number };
export type DrawInspector = { userId: string; conflicts: string[] };
export type DrawPick = { rank: number; enterpriseId: string; officerIds: string[] };

// ---------------------------------------------------------------------------------------------
// SHA-256 (FIPS 180-4), pure: domain runs in the browser too, where node:crypto is not.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The message schedule, reused (JavaScript runs one call at a time). */
const w = new Uint32Array(64);

/** One 64-byte block at `off` of `buf` into the state `h`. */
function compress(h: Uint32Array, buf: Uint8Array, off: number) {
  for (let i = 0; i < 16; i++) {
    const p = off + i * 4;
    w[i] = ((buf[p] as number) << 24) | ((buf[p + 1] as number) << 16) | ((buf[p + 2] as number) << 8) | (buf[p + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15] as number;
    const b = w[i - 2] as number;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = h[0] as number;
  let b = h[1] as number;
  let c = h[2] as number;
  let d = h[3] as number;
  let e = h[4] as number;
  let f = h[5] as number;
  let g = h[6] as number;
  let hh = h[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = ((h[0] as number) + a) | 0;
  h[1] = ((h[1] as number) + b) | 0;
  h[2] = ((h[2] as number) + c) | 0;
  h[3] = ((h[3] as number) + d) | 0;
  h[4] = ((h[4] as number) + e) | 0;
  h[5] = ((h[5] as number) + f) | 0;
  h[6] = ((h[6] as number) + g) | 0;
  h[7] = ((h[7] as number) + hh) | 0;
}

const utf8 = new TextEncoder();
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Incremental SHA-256 (FIPS 180-4) of UTF-8 text: a long list is hashed line by line, without
 * building the whole text or its bytes.
 */
class Sha256 {
  private readonly h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  private readonly block = new Uint8Array(64);
  private fill = 0;
  private length = 0;

  private byte(x: number) {
    this.block[this.fill++] = x;
    if (this.fill === 64) {
      compress(this.h, this.block, 0);
      this.fill = 0;
    }
  }

  update(text: string): this {
    if (NON_ASCII.test(text)) {
      const bytes = utf8.encode(text);
      for (let i = 0; i < bytes.length; i++) this.byte(bytes[i] as number);
      this.length += bytes.length;
    } else {
      for (let i = 0; i < text.length; i++) this.byte(text.charCodeAt(i));
      this.length += text.length;
    }
    return this;
  }

  /** The digest as eight 32-bit words (the hasher is spent). */
  words(): Uint32Array {
    const bits = this.length * 8;
    this.byte(0x80);
    while (this.fill !== 56) this.byte(0);
    const high = Math.floor(bits / 0x100000000);
    const low = bits >>> 0;
    for (const x of [high >>> 24, high >>> 16, high >>> 8, high, low >>> 24, low >>> 16, low >>> 8, low]) this.byte(x & 0xff);
    return this.h;
  }

  hex(): string {
    const h = this.words();
    let out = '';
    for (let i = 0; i < 8; i++) out += (h[i] as number).toString(16).padStart(8, '0');
    return out;
  }
}

/** SHA-256 of a string's UTF-8 bytes, lower-case hex (pure; equals node:crypto's). */
export const sha256HexPure = (text: string): string => new Sha256().update(text).hex();

// ---------------------------------------------------------------------------------------------
// Canonical lists, hashes, commitment, seed.

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `list` in the order of `key` (code units); the lists the server freezes come sorted, so check first. */
function sortedBy<T>(list: readonly T[], key: (x: T) => string): readonly T[] {
  for (let i = 1; i < list.length; i++)
    if (key(list[i - 1] as T) >= key(list[i] as T)) return [...list].sort((a, b) => byString(key(a), key(b)));
  return list;
}
const byEnterprise = (o: DrawObject) => o.enterpriseId;
const byUser = (i: DrawInspector) => i.userId;

/** The objects as hashed: sorted by enterprise id, one `id;class;weight` line each. */
export function canonicalDrawObjects(objects: readonly DrawObject[]): string {
  return sortedBy(objects, byEnterprise)
    .map((o) => `${o.enterpriseId};${o.class};${o.weight}\n`)
    .join('');
}

/** The inspectors as hashed: sorted by user id, one `id;conflict,conflict` line each. */
export function canonicalDrawInspectors(inspectors: readonly DrawInspector[]): string {
  return sortedBy(inspectors, byUser)
    .map((i) => `${i.userId};${[...i.conflicts].sort(byString).join(',')}\n`)
    .join('');
}

/** SHA-256 of canonicalDrawObjects(objects), hashed line by line. */
export function drawObjectsHash(objects: readonly DrawObject[]): string {
  const hash = new Sha256();
  for (const o of sortedBy(objects, byEnterprise))
    hash.update(o.enterpriseId).update(';').update(o.class).update(';').update(String(o.weight)).update('\n');
  return hash.hex();
}

/** SHA-256 of canonicalDrawInspectors(inspectors), hashed line by line. */
export function drawInspectorsHash(inspectors: readonly DrawInspector[]): string {
  const hash = new Sha256();
  for (const i of sortedBy(inspectors, byUser)) hash.update(`${i.userId};${[...i.conflicts].sort(byString).join(',')}\n`);
  return hash.hex();
}

export function drawCommitment(c: { objectsHash: string; inspectorsHash: string; algorithm: string; n: number; serverNonce: string }) {
  return sha256HexPure(`${c.objectsHash}\n${c.inspectorsHash}\n${c.algorithm}\n${c.n}\n${c.serverNonce}`);
}

/**
 * The public value as it enters the seed: Unicode NFKC (full-width digits become ASCII), trimmed,
 * inner spaces collapsed; a number loses its thousands separators, a '+' and leading/trailing
 * zeros ("3,412.560" → "3412.56"), so that nobody can pick among spellings of the same value.
 */
export function normalizePublicValue(value: string): string {
  const s = value.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const compact = s.replace(/[,\s]/g, '');
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(compact);
  if (!m || (!m[2] && !m[3])) return s;
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

export const drawSeed = (serverNonce: string, publicValue: string) => sha256HexPure(`${serverNonce}\n${normalizePublicValue(publicValue)}`);

// ---------------------------------------------------------------------------------------------
// The random stream and the draw.

/** Counter-mode SHA-256 from the seed: uniform integers without modulo bias. */
export function drawRandom(seed: string) {
  let block = 0;
  let words: Uint32Array = new Uint32Array(0);
  let at = 8;
  const next = (): number => {
    if (at >= words.length) {
      words = new Sha256().update(`${seed}:${block++}`).words();
      at = 0;
    }
    return words[at++] as number;
  };
  return {
    /** An integer in [0, k), 1 ≤ k ≤ 2^32. */
    uniform(k: number): number {
      if (!Number.isInteger(k) || k < 1 || k > 0x100000000) throw new RangeError(`uniform(${k})`);
      const limit = 0x100000000 - (0x100000000 % k);
      for (;;) {
        const u = next();
        if (u < limit) return u % k;
      }
    },
  };
}

export class DrawError extends Error {
  constructor(
    readonly code: 'noObjects' | 'tooFewInspectors' | 'badWeight' | 'tooManyObjects',
    readonly enterpriseIds: string[] = [],
  ) {
    super(code);
  }
}

/** Largest total weight the draw accepts (uniform() draws below 2^32). */
export const DRAW_MAX_TOTAL_WEIGHT = 0xffffffff;

/**
 * Why these lists cannot be drawn, before committing to them: no object, a weight that is not a
 * positive integer, a total weight too large, or enterprises with fewer than two inspectors free
 * of conflicts (their ids).
 */
export function drawProblems(objects: readonly DrawObject[], inspectors: readonly DrawInspector[]): DrawError | null {
  if (!objects.length) return new DrawError('noObjects');
  let total = 0;
  for (const o of objects) {
    if (!Number.isInteger(o.weight) || o.weight < 1) return new DrawError('badWeight', [o.enterpriseId]);
    total += o.weight;
  }
  if (total > DRAW_MAX_TOTAL_WEIGHT) return new DrawError('tooManyObjects');
  const conflicted = new Map<string, number>();
  for (const i of inspectors) for (const e of new Set(i.conflicts)) conflicted.set(e, (conflicted.get(e) ?? 0) + 1);
  const short = objects.filter((o) => inspectors.length - (conflicted.get(o.enterpriseId) ?? 0) < DRAW_OFFICERS_PER_PICK);
  return short.length
    ? new DrawError(
        'tooFewInspectors',
        short.map((o) => o.enterpriseId),
      )
    : null;
}

/**
 * The draw: `n` objects by weight without replacement, each paired with two inspectors (the rule at
 * the top of this file). Same inputs, same picks; throws DrawError when drawProblems() has one.
 */
export function performDraw(input: {
  objects: readonly DrawObject[];
  inspectors: readonly DrawInspector[];
  n: number;
  seed: string;
}): DrawPick[] {
  const problem = drawProblems(input.objects, input.inspectors);
  if (problem) throw problem;
  const objects = sortedBy(input.objects, byEnterprise);
  const inspectors = sortedBy(input.inspectors, byUser);
  const rnd = drawRandom(input.seed);

  // Selection over a Fenwick tree of the remaining weights: the first object whose running sum
  // exceeds r, in O(log m) — the same answer as walking the sorted list.
  const m = objects.length;
  const tree = new Float64Array(m + 1);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const w = (objects[i] as DrawObject).weight;
    total += w;
    for (let j = i + 1; j <= m; j += j & -j) tree[j] = (tree[j] as number) + w;
  }
  let top = 1;
  while (top * 2 <= m) top *= 2;
  const selected: number[] = [];
  const count = Math.min(Math.max(0, Math.floor(input.n)), m);
  for (let step = 0; step < count; step++) {
    let rem = rnd.uniform(total);
    let pos = 0;
    for (let bit = top; bit > 0; bit >>= 1) {
      const next = pos + bit;
      if (next <= m && (tree[next] as number) <= rem) {
        pos = next;
        rem -= tree[next] as number;
      }
    }
    selected.push(pos);
    const w = (objects[pos] as DrawObject).weight;
    total -= w;
    for (let j = pos + 1; j <= m; j += j & -j) tree[j] = (tree[j] as number) - w;
  }

  // Pairing: the least-loaded eligible inspectors, one chosen at random among equals. Kept as
  // buckets of inspectors by load, each in sorted order, so a pick costs the few excluded ones
  // (conflicts, the first officer) rather than a pass over every inspector; the candidates and
  // their order are exactly the rule's.
  const people = inspectors.length;
  const conflicts = new Map<string, number[]>();
  inspectors.forEach((insp, idx) => {
    for (const e of new Set(insp.conflicts)) conflicts.set(e, [...(conflicts.get(e) ?? []), idx]);
  });
  const load = new Uint32Array(people);
  const buckets: Bucket[] = [{ items: Int32Array.from({ length: people }, (_, i) => i), size: people }];
  const bucketAt = (level: number): Bucket => {
    for (let l = buckets.length; l <= level; l++) buckets.push({ items: new Int32Array(people), size: 0 });
    return buckets[level] as Bucket;
  };
  const none: number[] = [];
  const excluded: number[] = [];
  let minLevel = 0;
  const picks: DrawPick[] = [];
  for (let k = 0; k < selected.length; k++) {
    const o = objects[selected[k] as number] as DrawObject;
    const barred = conflicts.get(o.enterpriseId) ?? none;
    let first = -1;
    let second = -1;
    for (let slot = 0; slot < DRAW_OFFICERS_PER_PICK; slot++) {
      let pick = -1;
      let level = minLevel;
      for (; level < buckets.length; level++) {
        const bucket = buckets[level] as Bucket;
        excluded.length = 0;
        for (const i of barred) if (load[i] === level) excluded.push(lowerBound(bucket, i));
        if (first >= 0 && load[first] === level) excluded.push(lowerBound(bucket, first));
        const c = bucket.size - excluded.length;
        if (c <= 0) continue;
        if (excluded.length > 1) excluded.sort((a, b) => a - b);
        let at = rnd.uniform(c);
        for (const p of excluded) if (p <= at) at++;
        pick = bucket.items[at] as number;
        break;
      }
      if (pick < 0) throw new DrawError('tooFewInspectors', [o.enterpriseId]);
      remove(buckets[level] as Bucket, pick);
      insert(bucketAt(level + 1), pick);
      load[pick] = (load[pick] as number) + 1;
      if (slot === 0) first = pick;
      else second = pick;
    }
    while ((buckets[minLevel] as Bucket).size === 0) minLevel++;
    picks.push({
      rank: k + 1,
      enterpriseId: o.enterpriseId,
      officerIds: [(inspectors[first] as DrawInspector).userId, (inspectors[second] as DrawInspector).userId],
    });
  }
  return picks;
}

/** Inspectors of one load, in sorted order: the first `size` of `items`. */
type Bucket = { items: Int32Array; size: number };

/** The first position in a bucket whose inspector is not below `x`. */
function lowerBound(b: Bucket, x: number): number {
  let lo = 0;
  let hi = b.size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((b.items[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function remove(b: Bucket, x: number) {
  const at = lowerBound(b, x);
  b.items.copyWithin(at, at + 1, b.size);
  b.size--;
}

function insert(b: Bucket, x: number) {
  const at = lowerBound(b, x);
  b.items.copyWithin(at + 1, at, b.size);
  b.items[at] = x;
  b.size++;
}

/** Everything a verifier re-derives from a performed draw's public record. */
export function verifyDraw(d: {
  algorithm: string;
  n: number;
  objects: readonly DrawObject[];
  inspectors: readonly DrawInspector[];
  objectsHash: string;
  inspectorsHash: string;
  commitment: string;
  serverNonce: string;
  publicValue: string;
  seed: string;
  picks: readonly DrawPick[];
}): string[] {
  const problems: string[] = [];
  if (d.algorithm !== DRAW_ALGORITHM) return [`algorithm ${d.algorithm} is not ${DRAW_ALGORITHM}`];
  const objectsHash = drawObjectsHash(d.objects);
  const inspectorsHash = drawInspectorsHash(d.inspectors);
  if (objectsHash !== d.objectsHash) problems.push('objectsHash');
  if (inspectorsHash !== d.inspectorsHash) problems.push('inspectorsHash');
  if (drawCommitment({ objectsHash, inspectorsHash, algorithm: d.algorithm, n: d.n, serverNonce: d.serverNonce }) !== d.commitment)
    problems.push('commitment');
  const seed = drawSeed(d.serverNonce, d.publicValue);
  if (seed !== d.seed) problems.push('seed');
  const picks = performDraw({ objects: d.objects, inspectors: d.inspectors, n: d.n, seed });
  const same =
    picks.length === d.picks.length &&
    picks.every((p, i) => {
      const q = d.picks[i];
      return q && q.rank === p.rank && q.enterpriseId === p.enterpriseId && q.officerIds.join() === p.officerIds.join();
    });
  if (!same) problems.push('picks');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Policy.

/** Keeps the registry of certified officers (行政执法证) and records conflicts of interest. */
export const mayManageOfficers = (a: Actor) => isAdmin(a) || hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor');
/** Reads the officers' registry (those who enforce, and admins). */
export const mayViewOfficers = (a: Actor) => isAdmin(a) || isEnforcer(a);
/** Prepares and performs draws (the enforcing organ, within scope). */
export const mayDraw = (a: Actor) => isEnforcer(a);

export function drawAbilities(a: Actor) {
  return { 'draws.create': mayDraw(a), 'officers.view': mayViewOfficers(a), 'officers.manage': mayManageOfficers(a) };
}

export const DRAW_ACTIONS = ['perform', 'cancel'] as const;
export type DrawAction = (typeof DRAW_ACTIONS)[number];

/**
 * What the actor may do with a draw: perform it at or after its announced time (never before: the
 * public value is not known yet), cancel it before then (after, the result could already be known
 * to whoever holds the nonce, so a draw that is due can only be performed).
 */
export function drawActions(actor: Actor, d: { status: DrawStatus; drawAt: string }, now = new Date()): DrawAction[] {
  if (!mayDraw(actor) || d.status !== 'committed') return [];
  return now.getTime() >= new Date(d.drawAt).getTime() ? ['perform'] : ['cancel'];
}

export const OFFICER_ACTIONS = ['deactivate', 'activate', 'recordConflict'] as const;
export type OfficerAction = (typeof OFFICER_ACTIONS)[number];
export function officerActions(actor: Actor, o: { active: boolean }): OfficerAction[] {
  if (!mayManageOfficers(actor)) return [];
  return o.active ? ['deactivate', 'recordConflict'] : ['activate', 'recordConflict'];
}

// ---------------------------------------------------------------------------------------------
// Schemas (requests and responses).

const classEnum = z.enum(DRAW_CLASSES, bi('分类应为 A、B、C、D', 'A class is A, B, C or D'));
const weight = z
  .number(bi('应为数字', 'Must be a number'))
  .int(bi('应为整数', 'Must be a whole number'))
  .min(1, bi('不能小于 1', 'At least 1'))
  .max(100, bi('不能大于 100', 'At most 100'));
export const drawClassWeightsSchema = z.object({ A: weight, B: weight, C: weight, D: weight });

export const drawFiltersSchema = z.object({
  classes: z.array(classEnum).min(1, bi('至少选择一个分类', 'Choose at least one class')).optional(),
  /** GB/T 4754 codes (section letter or division, group, class digits): an enterprise's code starts with one. */
  industries: z.array(z.string().regex(/^[A-T]$|^\d{2,4}$/, bi('行业代码不正确', 'Not an industry code'))).optional(),
  /** Only enterprises whose region code starts with this (a township of the county, say). */
  regionPrefix: z
    .string()
    .regex(/^\d{2,12}$/, bi('区划代码不正确', 'Not a region code'))
    .optional(),
});
export type DrawFilters = z.infer<typeof drawFiltersSchema>;

const isoTime = z.iso.datetime({ offset: true, message: bi('时间格式不正确', 'Not a valid time') });
const isoDate = z.iso.date(bi('日期格式不正确', 'Not a valid date'));

export const drawCreateSchema = z.object({
  title: z.string().trim().min(1, bi('请填写名称', 'A title is required')).max(100, bi('最多 100 个字符', 'At most 100 characters')),
  /** The organ's region (12 digits, a county or a city); default: the actor's own. */
  regionCode: z
    .string()
    .regex(/^\d{12}$/, bi('区划代码应为 12 位数字', 'A region code has 12 digits'))
    .optional(),
  departmentId: z.uuid(bi('部门不正确', 'Not a valid department')).nullable().optional(),
  planId: z.uuid(bi('计划不正确', 'Not a valid plan')).nullable().optional(),
  filters: drawFiltersSchema.default({}),
  n: z
    .number(bi('应为数字', 'Must be a number'))
    .int(bi('应为整数', 'Must be a whole number'))
    .min(1, bi('至少抽取 1 家', 'Draw at least 1'))
    .max(10_000, bi('一次最多抽取 10000 家', 'At most 10,000 at once')),
  /** Default: the settings enforcement.drawWeightA…D. */
  classWeights: drawClassWeightsSchema.optional(),
  /** 异地执法: officers of the other counties of the city may be drawn too. */
  allowOtherRegions: z.boolean().default(false),
  drawAt: isoTime,
  /** Named at commitment, so the value cannot be chosen after the fact. */
  publicValueSource: z
    .string()
    .trim()
    .min(1, bi('请写明公开随机值的来源', 'Name the public value’s source'))
    .max(200, bi('最多 200 个字符', 'At most 200 characters')),
  /** The day the drawn inspections are planned for; default 30 days after the draw. */
  plannedOn: isoDate.optional(),
});
export type DrawCreate = z.infer<typeof drawCreateSchema>;

export const drawPerformSchema = z.object({
  publicValue: z
    .string()
    .trim()
    .min(1, bi('请填写公开随机值', 'The public value is required'))
    .max(100, bi('最多 100 个字符', 'At most 100 characters')),
  /** If sent, it must be the source named at commitment. */
  publicValueSource: z.string().trim().max(200).optional(),
});

export const drawCancelSchema = z.object({
  reason: z.string().trim().min(1, bi('请填写取消原因', 'A reason is required')).max(500, bi('最多 500 个字符', 'At most 500 characters')),
});

export const drawListQuerySchema = z.object({
  status: z.enum(DRAW_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const drawObjectViewSchema = z.object({
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  class: classEnum,
  weight: z.number(),
});
export const drawInspectorViewSchema = z.object({
  userId: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  conflicts: z.array(z.string()),
});
export const drawPickViewSchema = z.object({
  rank: z.number(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  officerIds: z.array(z.string()),
  officerNames: z.array(z.string()),
  inspectionId: z.string().nullable(),
  inspectionStatus: z.string().nullable(),
});

export const drawSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  organ: z.string(),
  regionCode: z.string(),
  departmentId: z.string().nullable(),
  planId: z.string().nullable(),
  status: z.enum(DRAW_STATUSES),
  n: z.number(),
  objectsCount: z.number(),
  inspectorsCount: z.number(),
  algorithm: z.string(),
  objectsHash: z.string(),
  inspectorsHash: z.string(),
  commitment: z.string(),
  committedAt: z.string(),
  drawAt: z.string(),
  publicValueSource: z.string(),
  publicValue: z.string().nullable(),
  performedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  allowedActions: z.array(z.enum(DRAW_ACTIONS)),
});
export type DrawSummary = z.infer<typeof drawSummarySchema>;

/** A page of draws, with what the actor may do besides opening one (start a new draw). */
export const drawPageSchema = z.object({
  items: z.array(drawSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  allowedActions: z.array(z.enum(['create'])),
});
export type DrawPage = z.infer<typeof drawPageSchema>;

export const drawDetailSchema = drawSummarySchema.extend({
  filters: drawFiltersSchema,
  classWeights: drawClassWeightsSchema,
  allowOtherRegions: z.boolean(),
  plannedOn: z.string(),
  cancelReason: z.string().nullable(),
  objects: z.array(drawObjectViewSchema),
  inspectors: z.array(drawInspectorViewSchema),
  /** Revealed once drawn (null before: knowing it would let anyone predict the draw). */
  serverNonce: z.string().nullable(),
  seed: z.string().nullable(),
  picks: z.array(drawPickViewSchema),
});
export type DrawDetail = z.infer<typeof drawDetailSchema>;

/** The public record (一公开): lists and the nonce once drawn; no internal ids but the hashed ones. */
export const publicDrawSummarySchema = drawSummarySchema.omit({ departmentId: true, planId: true, allowedActions: true });
export type PublicDrawSummary = z.infer<typeof publicDrawSummarySchema>;
export const publicDrawSchema = publicDrawSummarySchema.extend({
  classWeights: drawClassWeightsSchema,
  allowOtherRegions: z.boolean(),
  serverNonce: z.string().nullable(),
  seed: z.string().nullable(),
  objects: z.array(drawObjectViewSchema.omit({ regionCode: true })),
  inspectors: z.array(drawInspectorViewSchema.omit({ regionCode: true })),
  picks: z.array(drawPickViewSchema.omit({ inspectionId: true })),
});
export type PublicDraw = z.infer<typeof publicDrawSchema>;

// Officers' registry.

export const officerInputSchema = z.object({
  userId: z.uuid(bi('请选择人员', 'Choose a person')),
  certificateNo: z
    .string()
    .trim()
    .min(1, bi('请填写执法证号', 'The certificate number is required'))
    .max(50, bi('最多 50 个字符', 'At most 50 characters')),
  validUntil: isoDate.nullable().optional(),
});
export const officerPatchSchema = z.object({
  active: z.boolean().optional(),
  certificateNo: z.string().trim().min(1, bi('请填写执法证号', 'The certificate number is required')).max(50).optional(),
  validUntil: isoDate.nullable().optional(),
});
export const conflictInputSchema = z.object({
  enterpriseId: z.uuid(bi('请选择企业', 'Choose an enterprise')),
  reason: z.string().trim().min(1, bi('请填写回避原因', 'A reason is required')).max(500, bi('最多 500 个字符', 'At most 500 characters')),
});

export const officerConflictSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  reason: z.string(),
  recordedAt: z.string(),
});
export const officerSchema = z.object({
  userId: z.string(),
  name: z.string(),
  username: z.string(),
  role: z.string(),
  regionCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  certificateNo: z.string(),
  validUntil: z.string().nullable(),
  /** Certificate in force today and the officer active: may be drawn and sign. */
  valid: z.boolean(),
  active: z.boolean(),
  conflicts: z.array(officerConflictSchema),
  allowedActions: z.array(z.enum(OFFICER_ACTIONS)),
});
export type Officer = z.infer<typeof officerSchema>;

/** The registry, with what the actor may do besides acting on one officer (register another). */
export const officerListSchema = z.object({ items: z.array(officerSchema), allowedActions: z.array(z.enum(['add'])) });
export type OfficerList = z.infer<typeof officerListSchema>;
