// `npx tsx e2e/bench/draws.ts`: a 双随机 draw over 100,000 enterprises and 500 inspectors (issue 24
// item 13: < 1 s), pure domain code as the server runs it — the canonical lists hashed, the
// commitment, the seed and the draw — for several sizes of draw. Lists are built beforehand (the
// server reads them from the database, which the draws' API tests measure separately).
import { performance } from 'node:perf_hooks';
import {
  DRAW_ALGORITHM,
  DRAW_CLASSES,
  type DrawInspector,
  type DrawObject,
  drawCommitment,
  drawInspectorsHash,
  drawObjectsHash,
  drawSeed,
  performDraw,
} from '../../domain/src/index.ts';

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 100_000);
const INSPECTORS = Number(process.env.BENCH_INSPECTORS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const uuid = (p: string, i: number) => `${p}${i.toString(16).padStart(7, '0')}-0000-4000-8000-000000000000`;
const weights = { A: 4, B: 3, C: 2, D: 1 };

const objects: DrawObject[] = Array.from({ length: OBJECTS }, (_, i) => {
  const c = DRAW_CLASSES[(i * 7919) % 4] as (typeof DRAW_CLASSES)[number];
  return { enterpriseId: uuid('e', i), class: c, weight: weights[c] };
});
// One inspector in ten has a conflict with three enterprises.
const inspectors: DrawInspector[] = Array.from({ length: INSPECTORS }, (_, i) => ({
  userId: uuid('a', i),
  conflicts: i % 10 === 0 ? [uuid('e', i), uuid('e', i + 1), uuid('e', i + 2)] : [],
}));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rows: Record<string, string | number>[] = [];
for (const n of [100, 5_000, 20_000, OBJECTS]) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const objectsHash = drawObjectsHash(objects);
    const inspectorsHash = drawInspectorsHash(inspectors);
    const nonce = `${run}`.padStart(64, '0');
    drawCommitment({ objectsHash, inspectorsHash, algorithm: DRAW_ALGORITHM, n, serverNonce: nonce });
    const picks = performDraw({ objects, inspectors, n, seed: drawSeed(nonce, '3412.56') });
    times.push(performance.now() - t0);
    if (picks.length !== Math.min(n, OBJECTS)) throw new Error('short draw');
  }
  rows.push({
    enterprises: OBJECTS,
    inspectors: INSPECTORS,
    drawn: n,
    'median ms': Math.round(median(times)),
    'max ms': Math.round(Math.max(...times)),
  });
}
console.table(rows);
