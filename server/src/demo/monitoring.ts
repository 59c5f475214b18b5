// Demo sensors: four on each of up to three major hazard installations in the demo county
// (combustible gas, toxic gas, tank level, pressure), so the wall is alive after `npm start`
// once the in-process simulator feeds them. Returns what the simulator needs.
import type { Db } from '../db/db.ts';
import type { SimTarget } from '../modules/monitoring/simulator.ts';

const KIT = [
  {
    suffix: 'GT',
    name: '可燃气体探测器',
    type: 'combustibleGas',
    unit: '%LEL',
    rangeMin: 0,
    rangeMax: 100,
    high: 20,
    highHigh: 40,
    hysteresis: 2,
    rateLimit: 60,
  },
  {
    suffix: 'AT',
    name: '有毒气体探测器',
    type: 'toxicGas',
    unit: 'ppm',
    rangeMin: 0,
    rangeMax: 100,
    high: 25,
    highHigh: 50,
    hysteresis: 2,
    rateLimit: null,
  },
  {
    suffix: 'LT',
    name: '储罐液位',
    type: 'level',
    unit: 'm',
    rangeMin: 0,
    rangeMax: 12,
    high: 10,
    highHigh: 11,
    hysteresis: 0.2,
    rateLimit: null,
  },
  {
    suffix: 'PT',
    name: '储罐压力',
    type: 'pressure',
    unit: 'MPa',
    rangeMin: 0,
    rangeMax: 2.5,
    high: 1.6,
    highHigh: 2,
    hysteresis: 0.05,
    rateLimit: null,
  },
] as const;

export async function seedDemoSensors(db: Db): Promise<SimTarget[]> {
  const [county] = await db.query<{ region_code: string }>("SELECT region_code FROM users WHERE username = 'county'");
  if (!county) return [];
  // The demo enterprise's own installation first (entadmin's wall and workbench), then the county's;
  // and two in the second county, so `county2` has a wall too.
  const installations: { id: string; name: string; enterprise_id: string; credit_code: string }[] = [];
  const firstOf: Record<string, string | undefined> = {};
  for (const [username, n] of [
    ['county', 3],
    ['county2', 2],
  ] as const) {
    const [u] = await db.query<{ region_code: string }>('SELECT region_code FROM users WHERE username = $1', [username]);
    if (!u) continue;
    const prefix = u.region_code.slice(0, 6);
    const before = installations.length;
    installations.push(
      ...(await db.query<{ id: string; name: string; enterprise_id: string; credit_code: string }>(
        `SELECT m.id, m.name, m.enterprise_id, e.credit_code FROM major_hazard_installations m JOIN enterprises e ON e.id = m.enterprise_id
         WHERE e.region_code >= $1 AND e.region_code < $2
         ORDER BY EXISTS (SELECT 1 FROM users u WHERE u.username = 'entadmin' AND u.enterprise_id = e.id) DESC, m.grade NULLS LAST, m.name, m.id
         LIMIT ${n}`,
        [prefix, `${prefix}~`],
      )),
    );
    firstOf[username] = installations[before]?.id;
  }
  const [any] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sensors');
  if (!any?.n)
    for (const [i, m] of installations.entries())
      for (const k of KIT)
        await db.query(
          `INSERT INTO sensors (installation_id, enterprise_id, code, name, type, unit, range_min, range_max, high, high_high, hysteresis, rate_limit, offline_seconds)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 120) ON CONFLICT DO NOTHING`,
          [
            m.id,
            m.enterprise_id,
            `${k.suffix}-${i + 1}01`,
            `${m.name}${k.name}`,
            k.type,
            k.unit,
            k.rangeMin,
            k.rangeMax,
            k.high,
            k.highHigh,
            k.hysteresis,
            k.rateLimit,
          ],
        );
  if (!any?.n) await seedDemoAlarms(db, firstOf.county, firstOf.county2);
  const sensors = await db.query<{
    credit_code: string;
    code: string;
    type: string;
    range_min: number;
    range_max: number;
    high: number | null;
    high_high: number | null;
  }>(
    `SELECT e.credit_code, s.code, s.type, s.range_min, s.range_max, s.high, s.high_high FROM sensors s JOIN enterprises e ON e.id = s.enterprise_id
     WHERE s.installation_id = ANY($1::uuid[]) AND s.decommissioned_at IS NULL ORDER BY e.credit_code, s.code`,
    [installations.map((m) => m.id)],
  );
  const byEnterprise = new Map<string, SimTarget>();
  for (const s of sensors) {
    const t = byEnterprise.get(s.credit_code) ?? { creditCode: s.credit_code, sensors: [] };
    t.sensors.push({
      code: s.code,
      type: s.type,
      rangeMin: Number(s.range_min),
      rangeMax: Number(s.range_max),
      high: s.high,
      highHigh: s.high_high,
    });
    byEnterprise.set(s.credit_code, t);
  }
  return [...byEnterprise.values()];
}

/**
 * Alarms the workbench and the wall show at once: on the demo enterprise's tank level, one that
 * came and went with nobody acknowledging it yet, and one handled and cleared last week; in the
 * second county, a toxic gas alarm not yet acknowledged. Not on the combustible gas sensors, which
 * the browser test drives itself.
 */
async function seedDemoAlarms(db: Db, own: string | undefined, second: string | undefined) {
  const alarm = (installation: string | undefined, code: string, values: [number, number], status: string, ago: number, extra = '') =>
    installation
      ? db.query(
          `INSERT INTO alarms (sensor_id, enterprise_id, region_code, industry_code, kind, severity, level, status, condition_active,
             first_value, last_value, peak_value, raised_at, updated_at, condition_cleared_at${extra ? ', acknowledged_by, acknowledged_at, handled_by, handled_at, disposal, cleared_by, cleared_at' : ''})
           SELECT s.id, s.enterprise_id, s.region_code, s.industry_code, 'threshold', 'major', 'high', $3, false, $4, $5, $4,
             now() - make_interval(mins => $6), now() - make_interval(mins => $6 - 5), now() - make_interval(mins => $6 - 5)
             ${extra ? ", 'entadmin', now() - make_interval(mins => $6 - 3), 'entadmin', now() - make_interval(mins => $6 - 20), $7, 'entadmin', now() - make_interval(mins => $6 - 30)" : ''}
           FROM sensors s WHERE s.installation_id = $1 AND s.code LIKE $2 LIMIT 1`,
          extra
            ? [installation, `${code}-%`, status, values[0], values[1], ago, extra]
            : [installation, `${code}-%`, status, values[0], values[1], ago],
        )
      : Promise.resolve([]);
  await alarm(own, 'LT', [10.4, 9.6], 'raised', 25);
  await alarm(own, 'PT', [1.72, 1.4], 'cleared', 7 * 24 * 60, '关闭进料阀，切换备用泄压管线，压力回落至正常');
  await alarm(second, 'AT', [31.5, 18], 'raised', 50);
}
