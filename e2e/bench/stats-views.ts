// One statistics view measured the way every statistics benchmark does (enforcement, accidents):
// `rounds` times, a fresh server each round — its API from `clients` concurrent clients, then the
// same SQL bare, and on PostgreSQL the same SQL prepared under the API's role and scope — and the
// medians of the rounds with the API's share of the bare throughput.
import { performance } from 'node:perf_hooks';
import type { Scope } from '@taishan/domain';
import { scopeSettings } from '../../server/src/db/scope.ts';
import { apiLogin, startServer } from '../lib/server.ts';
import {
  type BenchDatabase,
  closeIdleConnections,
  getOk,
  measure,
  measureBare,
  median,
  POOL,
  ratio,
  type Statement,
  type Stats,
} from './harness.ts';

export type StatsView = { name: string; user: string; url: string; scope: Scope; statements: Statement[] };
export type ViewResult = { view: string; api: Stats; bare: Stats; barePrepared: Stats | null; ratio: number; one: number };

export async function measureStatsView(d: BenchDatabase, v: StatsView, opts: { rounds: number; clients: number }): Promise<ViewResult> {
  const rounds: { api: Stats; bare: Stats; barePrepared: Stats | null; one: number }[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    const server = await startServer({
      dataDir: d.dataDir,
      databaseUrl: d.databaseUrl,
      env: { DB_POOL_SIZE: String(POOL), SIMULATE: '0' },
    });
    let api: Stats;
    let one: number;
    try {
      const cookie = await apiLogin(server.url, v.user);
      const op = () => getOk(`${server.url}${v.url}`, cookie);
      const s0 = performance.now();
      await op();
      one = Math.round(performance.now() - s0);
      api = await measure(op, opts.clients);
    } finally {
      closeIdleConnections();
      await server.stop();
    }
    const bare = await measureBare(d, () => v.statements, { clients: opts.clients });
    const barePrepared =
      d.kind === 'postgresql'
        ? await measureBare(d, () => v.statements, { clients: opts.clients, prepared: true, session: scopeSettings(v.scope, false) })
        : null;
    rounds.push({ api, bare, barePrepared, one });
    console.log(
      `[${d.kind}] ${v.name}, round ${round + 1} of ${opts.rounds}: API ${api.rps} req/s p95 ${api.p95} ms, bare ${bare.rps} req/s p95 ${bare.p95} ms` +
        (barePrepared ? `, bare as API ${barePrepared.rps} req/s` : ''),
    );
  }
  const api = median(rounds.map((r) => r.api));
  const bare = median(rounds.map((r) => r.bare));
  return {
    view: v.name,
    api,
    bare,
    barePrepared: d.kind === 'postgresql' ? median(rounds.map((r) => r.barePrepared as Stats)) : null,
    ratio: ratio(api, bare),
    one: rounds[0]?.one ?? 0,
  };
}

/** The measured views of every database, one table (API and bare side by side, and their ratios). */
export function printStatsViews(results: { kind: string; views: ViewResult[] }[]) {
  console.table(
    results.flatMap((r) =>
      r.views.map((v) => ({
        database: r.kind,
        view: v.view,
        'first request ms': v.one,
        'API p50 ms': v.api.p50,
        'API p95 ms': v.api.p95,
        'API req/s': v.api.rps,
        'bare p95 ms': v.bare.p95,
        'bare req/s': v.bare.rps,
        ratio: v.ratio,
        'bare as API req/s': v.barePrepared?.rps ?? '-',
        'ratio to it': v.barePrepared ? ratio(v.api, v.barePrepared) : '-',
      })),
    ),
  );
}
