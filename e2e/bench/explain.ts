// Print the plans of the county directory search (diagnostics for the benchmark).
import { enterpriseQuerySchema } from '@taishan/domain';
import pg from 'pg';
import { searchSql } from '../../server/src/modules/enterprises/store.ts';

const url = process.argv[2] ?? 'postgres://root@127.0.0.1:5432/test';
const prefix = process.argv[3] ?? '321302';
const c = new pg.Client({ connectionString: url });
await c.connect();
for (const q of [{}, { q: '化工' }]) {
  const { list, count } = searchSql({ regionPrefix: prefix, industries: null, enterpriseId: null }, enterpriseQuerySchema.parse(q));
  for (const role of ['root', 'taishan_app']) {
    await c.query('BEGIN');
    await c.query(
      `SELECT set_config('role', $1, true), set_config('taishan.region_prefix', $2, true), set_config('taishan.enterprise_id', '', true), set_config('taishan.industries', '*', true)`,
      [role, prefix],
    );
    for (const s of [list, count]) {
      const r = await c.query(`EXPLAIN (ANALYZE, COSTS OFF) ${s.sql}`, s.params);
      console.log(`--- ${role} ${JSON.stringify(q)}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
    }
    await c.query('ROLLBACK');
  }
}
await c.end();
