// `npm run bench`: every benchmark on both databases (BENCH_DB=pglite|postgresql for one;
// BENCH_ONLY=directory|hazards for one benchmark).
import { benchDirectory, reportDirectory } from './directory.ts';
import { benchKinds, withBenchDatabase } from './harness.ts';
import { benchHazards, reportHazards } from './hazards.ts';

const only = process.env.BENCH_ONLY;
const directory = [];
const hazards = [];
for (const kind of benchKinds()) {
  if (!only || only === 'directory') directory.push({ kind, ...(await withBenchDatabase(kind, benchDirectory)) });
  if (!only || only === 'hazards') hazards.push({ kind, ...(await withBenchDatabase(kind, benchHazards)) });
}
if (directory.length) reportDirectory(directory);
if (hazards.length) reportHazards(hazards);
