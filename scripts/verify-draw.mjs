#!/usr/bin/env node
// Re-derives a 双随机 draw from its public record, independently of the platform's code: only
// Node and node:crypto. Give it the JSON of GET /api/v1/public/enforcement/draws/<id> (a file,
// a URL, or '-' for standard input):
//
//   node scripts/verify-draw.mjs draw.json
//   node scripts/verify-draw.mjs https://taishan.example.gov.cn/api/v1/public/enforcement/draws/<id>
//   curl -s …/draws/<id> | node scripts/verify-draw.mjs -
//
// Prints OK when the published lists give the published hashes, the hashes and the revealed nonce
// give the commitment published before the draw, the nonce and the public value give the seed, and
// the seed gives exactly the published picks (enterprises, ranks, officers); otherwise each
// difference, with exit code 1. The algorithm (taishan-draw-v1) is described in the README
// ("双随机") and in domain/src/enforcement/draws.ts; this file implements it again on purpose.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const ALGORITHM = 'taishan-draw-v1';
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const objectsText = (objects) =>
  [...objects]
    .sort((a, b) => byString(a.enterpriseId, b.enterpriseId))
    .map((o) => `${o.enterpriseId};${o.class};${o.weight}\n`)
    .join('');
const inspectorsText = (inspectors) =>
  [...inspectors]
    .sort((a, b) => byString(a.userId, b.userId))
    .map((i) => `${i.userId};${[...i.conflicts].sort(byString).join(',')}\n`)
    .join('');

function normalizePublicValue(value) {
  const s = value.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s.replace(/[,\s]/g, ''));
  if (!m || (!m[2] && !m[3])) return s;
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

/** Unsigned 32-bit big-endian words of SHA-256(`${seed}:${j}`), j = 0, 1, …; uniform(k) by rejection. */
function random(seed) {
  let block = 0;
  let words = [];
  return {
    uniform(k) {
      const limit = 2 ** 32 - (2 ** 32 % k);
      for (;;) {
        if (!words.length) {
          const digest = createHash('sha256').update(`${seed}:${block++}`, 'utf8').digest();
          words = Array.from({ length: 8 }, (_, i) => digest.readUInt32BE(i * 4));
        }
        const u = words.shift();
        if (u < limit) return u % k;
      }
    },
  };
}

/** The draw, written the plain way (a walk over the remaining objects), to check the platform's faster one. */
function draw({ objects, inspectors, n, seed }) {
  const rnd = random(seed);
  const remaining = [...objects].sort((a, b) => byString(a.enterpriseId, b.enterpriseId));
  const people = [...inspectors].sort((a, b) => byString(a.userId, b.userId));
  let total = remaining.reduce((s, o) => s + o.weight, 0);
  const selected = [];
  const count = Math.min(n, remaining.length);
  for (let step = 0; step < count; step++) {
    const r = rnd.uniform(total);
    let i = 0;
    for (let sum = remaining[0].weight; sum <= r; sum += remaining[i].weight) i++;
    const [o] = remaining.splice(i, 1);
    total -= o.weight;
    selected.push(o);
  }
  const load = new Map(people.map((p) => [p.userId, 0]));
  return selected.map((o, k) => {
    const chosen = [];
    for (let slot = 0; slot < 2; slot++) {
      const eligible = people.filter((p) => !p.conflicts.includes(o.enterpriseId) && !chosen.includes(p.userId));
      if (!eligible.length) throw new Error(`fewer than 2 inspectors free of conflicts for ${o.enterpriseId}`);
      const min = Math.min(...eligible.map((p) => load.get(p.userId)));
      const candidates = eligible.filter((p) => load.get(p.userId) === min);
      const p = candidates[rnd.uniform(candidates.length)];
      chosen.push(p.userId);
      load.set(p.userId, load.get(p.userId) + 1);
    }
    return { rank: k + 1, enterpriseId: o.enterpriseId, officerIds: chosen };
  });
}

export function verify(d) {
  const problems = [];
  const expect = (what, published, derived) => {
    if (published !== derived) problems.push(`${what}: published ${published}, derived ${derived}`);
  };
  if (d.algorithm !== ALGORITHM) return [`algorithm ${d.algorithm}: this script knows ${ALGORITHM}`];
  if (d.status !== 'drawn' || !d.serverNonce) return [`the draw is ${d.status}: its nonce is revealed once it is drawn`];
  const objectsHash = sha256(objectsText(d.objects));
  const inspectorsHash = sha256(inspectorsText(d.inspectors));
  expect('objectsHash', d.objectsHash, objectsHash);
  expect('inspectorsHash', d.inspectorsHash, inspectorsHash);
  expect('objects count', d.objectsCount, d.objects.length);
  expect('commitment', d.commitment, sha256(`${objectsHash}\n${inspectorsHash}\n${d.algorithm}\n${d.n}\n${d.serverNonce}`));
  const seed = sha256(`${d.serverNonce}\n${normalizePublicValue(d.publicValue)}`);
  expect('seed', d.seed, seed);
  const picks = draw({ objects: d.objects, inspectors: d.inspectors, n: d.n, seed });
  expect('number of picks', d.picks.length, picks.length);
  picks.forEach((p, i) => {
    const q = d.picks[i];
    const show = (x) => (x ? `${x.enterpriseId} [${x.officerIds.join(', ')}]` : 'nothing');
    if (!q || q.rank !== p.rank || q.enterpriseId !== p.enterpriseId || q.officerIds.join() !== p.officerIds.join())
      problems.push(`pick ${i + 1}: published ${show(q)}, derived ${show(p)}`);
  });
  return problems;
}

async function read(source) {
  if (source === '-') return readFileSync(0, 'utf8');
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
    return res.text();
  }
  return readFileSync(source, 'utf8');
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('verify-draw.mjs')) {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: node scripts/verify-draw.mjs <draw.json | URL | ->');
    process.exit(2);
  }
  const d = JSON.parse(await read(source));
  const problems = verify(d);
  if (problems.length) {
    for (const p of problems) console.log(`DIFFERENT ${p}`);
    process.exit(1);
  }
  console.log(`OK ${d.title ?? d.id}: commitment ${d.commitment} holds; ${d.picks.length} picks re-derived from seed ${d.seed}`);
}
