// `npm run bench`: every benchmark on both databases (BENCH_DB=pglite|postgresql for one;
// BENCH_ONLY=directory|hazards|enforcement|accidents|credit|supplies|dispatch|publicHealth for one benchmark).
import { benchAccidentStats, reportAccidentStats } from './accidents.ts';
import { benchCredit, reportCredit } from './credit.ts';
import { benchDirectory, reportDirectory } from './directory.ts';
import { benchDispatch, reportDispatch } from './dispatch.ts';
import { benchEnforcementStats, reportEnforcementStats } from './enforcement.ts';
import { benchKinds, withBenchDatabase } from './harness.ts';
import { benchHazards, reportHazards } from './hazards.ts';
import { benchPublicHealth, reportPublicHealth } from './public-health.ts';
import { benchSupplies, reportSupplies } from './supplies.ts';

const only = process.env.BENCH_ONLY;
const directory = [];
const hazards = [];
const enforcement = [];
const accidents = [];
const credit = [];
const supplies = [];
const dispatch = [];
const publicHealth = [];
for (const kind of benchKinds()) {
  if (!only || only === 'directory') directory.push({ kind, ...(await withBenchDatabase(kind, benchDirectory)) });
  if (!only || only === 'hazards') hazards.push({ kind, ...(await withBenchDatabase(kind, benchHazards)) });
  if (!only || only === 'enforcement') enforcement.push({ kind, ...(await withBenchDatabase(kind, benchEnforcementStats)) });
  if (!only || only === 'accidents') accidents.push({ kind, ...(await withBenchDatabase(kind, benchAccidentStats)) });
  if (!only || only === 'credit') credit.push({ kind, ...(await withBenchDatabase(kind, benchCredit)) });
  if (!only || only === 'supplies') supplies.push({ kind, ...(await withBenchDatabase(kind, benchSupplies)) });
  if (!only || only === 'dispatch') dispatch.push({ kind, ...(await withBenchDatabase(kind, benchDispatch)) });
  if (!only || only === 'publicHealth') publicHealth.push({ kind, ...(await withBenchDatabase(kind, benchPublicHealth)) });
}
if (directory.length) reportDirectory(directory);
if (hazards.length) reportHazards(hazards);
if (enforcement.length) reportEnforcementStats(enforcement);
if (accidents.length) reportAccidentStats(accidents);
if (credit.length) reportCredit(credit);
if (supplies.length) reportSupplies(supplies);
if (dispatch.length) reportDispatch(dispatch);
if (publicHealth.length) reportPublicHealth(publicHealth);
