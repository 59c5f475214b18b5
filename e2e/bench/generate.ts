// Bulk data for benchmarks, generated inside the database by one statement.
import type { Db } from '../../server/src/db/db.ts';

/** 100,000 enterprises over every township of Jiangsu, by one INSERT … SELECT. */
export async function generateEnterprises(db: Db, n: number) {
  await db.query(
    `WITH towns AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS k
                    FROM regions WHERE level = 'township' AND code LIKE '32%')
     INSERT INTO enterprises (credit_code, credit_code_warning, name, region_code, industry_code, employees, revenue_wan, high_risk, lacks_safety_director)
     SELECT '91' || left(t.code, 6) || 'B' || lpad(g::text, 8, '0') || 'X', true,
            (ARRAY['恒信','华通','鑫源','瑞丰','宏达','金泰','永安','天成'])[1 + g % 8] ||
            (ARRAY['化工','建筑','物流','钢铁','纺织','商贸','矿业'])[1 + (g / 8) % 7] || '有限公司' || g,
            t.code,
            (ARRAY['2614','4700','5430','3120','1713','5212','0610'])[1 + (g / 8) % 7],
            (g::bigint * 7919) % 1200, ((g::bigint * 104729) % 30000) / 1.0,
            CASE WHEN (g / 8) % 7 IN (0, 1, 3, 6) THEN ARRAY[(ARRAY['hazardousChemicals','construction','','metallurgy','','','mining'])[1 + (g / 8) % 7]] ELSE '{}'::text[] END,
            (g::bigint * 7919) % 1200 >= 100 AND (g / 8) % 7 IN (0, 1, 3, 6)
     FROM generate_series(1, $1::int) g JOIN towns t ON t.i = g % t.k`,
    [n],
  );
  await db.query('ANALYZE enterprises');
}
