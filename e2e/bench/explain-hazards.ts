// Print the plans of the county hazard list and dashboard (diagnostics for the benchmark):
//   tsx e2e/bench/explain-hazards.ts postgres://…/db 321302 'status=open&level=major'
import pg from 'pg';
import { dashboardSql } from '../../server/src/modules/hazards/dashboard.ts';
import { hazardListQuery, hazardListSql } from '../../server/src/modules/hazards/list.ts';

const url = process.argv[2] ?? 'postgres://root@127.0.0.1:5432/test';
const prefix = process.argv[3] ?? '321302';
const filters = process.argv[4] ?? 'status=open';
const scope = { regionPrefix: prefix, industries: null, enterpriseId: null };
const c = new pg.Client({ connectionString: url });
await c.connect();
const list = hazardListSql(scope, hazardListQuery.parse(Object.fromEntries(new URLSearchParams(`${filters}&pageSize=20`))));
for (const role of ['root', 'taishan_app']) {
  await c.query('BEGIN');
  await c.query(
    `SELECT set_config('role', $1, true), set_config('taishan.region_prefix', $2, true), set_config('taishan.enterprise_id', '', true), set_config('taishan.industries', '*', true)`,
    [role, prefix],
  );
  for (const s of [list, dashboardSql(scope, prefix, 9)]) {
    const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${s.sql}`, s.params);
    console.log(`--- ${role} ${filters}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
  }
  await c.query('ROLLBACK');
}
await c.end();
