// Demo data of 应急物资 (issue 27), called from main.ts after the teams seed. Owner: supplies
// (分类编码、物资、仓库、库存批次、台账). Reserves at the province (320000), the city of 宿迁 (321300) and
// the county of 宿城区 (321302), a social stock (the county's Red Cross) and the demo enterprise's own
// stock, each on the map; a year of movements written through the ledger (postMovement, dated in
// the past: receipts, issues, a transfer, a stock count with its reason), batches about to expire
// and one expired, and reorder minimums some items are below. Idempotent: a second run adds nothing.
import type { Actor } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { postMovement } from '../modules/emergency/supplies-ledger.ts';
import { demoActor } from './enforcement-inspections.ts';

const DAY = 86_400_000;

type DemoItem = {
  key: string;
  category: string;
  name: string;
  spec: string;
  unit: string;
  whole: boolean;
  pack?: [number, string];
  shelfDays?: number;
};

const ITEMS: DemoItem[] = [
  { key: 'tent', category: '1010102', name: '棉帐篷', spec: '12㎡ 单顶', unit: '顶', whole: true, pack: [1, '包'] },
  { key: 'quilt', category: '1010201', name: '棉被', spec: '1.5×2 m', unit: '床', whole: true, pack: [10, '包'] },
  { key: 'bed', category: '1010203', name: '折叠床', spec: '钢架', unit: '张', whole: true },
  { key: 'water', category: '1010301', name: '瓶装饮用水', spec: '550 ml×24', unit: '箱', whole: true, shelfDays: 365 },
  { key: 'food', category: '1010302', name: '压缩饼干', spec: '900 g', unit: '箱', whole: true, shelfDays: 730 },
  { key: 'mask', category: '1020101', name: '医用防护口罩', spec: 'N95', unit: '个', whole: true, pack: [50, '盒'], shelfDays: 1095 },
  { key: 'suit', category: '1020102', name: '医用防护服', spec: '一次性', unit: '套', whole: true, shelfDays: 1095 },
  { key: 'disinfectant', category: '1020201', name: '含氯消毒液', spec: '5 kg/桶', unit: '千克', whole: false, shelfDays: 365 },
  { key: 'kit', category: '1020301', name: '家庭急救包', spec: '标准型', unit: '个', whole: true },
  { key: 'helmet', category: '2010101', name: '安全帽', spec: 'ABS', unit: '顶', whole: true },
  { key: 'sca', category: '2010201', name: '正压式空气呼吸器', spec: '6.8 L', unit: '套', whole: true },
  { key: 'pump', category: '2020201', name: '大流量排水泵', spec: '300 m³/h', unit: '台', whole: true },
  { key: 'genset', category: '2020401', name: '柴油发电机组', spec: '50 kW', unit: '台', whole: true },
  { key: 'bag', category: '3010101', name: '防汛编织袋', spec: '50×80 cm', unit: '条', whole: true, pack: [100, '捆'] },
];

type DemoWarehouse = {
  key: string;
  name: string;
  kind: 'government' | 'enterprise' | 'social';
  level: 'province' | 'city' | 'county' | null;
  region: string;
  lat: number;
  lng: number;
  address: string;
  contact: [string, string];
};

const WAREHOUSES: DemoWarehouse[] = [
  {
    key: 'province',
    name: '江苏省省级应急物资储备库（宿迁分库）',
    kind: 'government',
    level: 'province',
    region: '320000000000',
    lat: 33.98,
    lng: 118.33,
    address: '宿迁市宿豫区洪泽湖东路 88 号',
    contact: ['周主任', '025-83200000'],
  },
  {
    key: 'city',
    name: '宿迁市市级应急物资储备库',
    kind: 'government',
    level: 'city',
    region: '321300000000',
    lat: 33.95,
    lng: 118.29,
    address: '宿迁市宿城区发展大道 168 号',
    contact: ['刘科长', '0527-84300000'],
  },
  {
    key: 'county',
    name: '宿城区应急物资储备库',
    kind: 'government',
    level: 'county',
    region: '321302000000',
    lat: 33.93,
    lng: 118.24,
    address: '宿迁市宿城区西湖路 20 号',
    contact: ['王站长', '0527-84400000'],
  },
  {
    key: 'social',
    name: '宿城区红十字会备灾仓库',
    kind: 'social',
    level: null,
    region: '321302000000',
    lat: 33.94,
    lng: 118.27,
    address: '宿迁市宿城区幸福路 5 号',
    contact: ['陈干事', '0527-84500000'],
  },
];

/** [warehouse, item, quantity received a year ago, batch expiry in days from now (null: none)] */
const STOCK: [string, string, number, number | null][] = [
  ['province', 'tent', 800, null],
  ['province', 'quilt', 3000, null],
  ['province', 'genset', 20, null],
  ['province', 'pump', 40, null],
  ['province', 'suit', 5000, 400],
  ['city', 'tent', 300, null],
  ['city', 'quilt', 1200, null],
  ['city', 'bed', 600, null],
  ['city', 'water', 900, 40],
  ['city', 'food', 500, 300],
  ['city', 'mask', 20000, 25],
  ['city', 'pump', 12, null],
  ['city', 'bag', 20000, null],
  ['county', 'tent', 120, null],
  ['county', 'quilt', 400, null],
  ['county', 'water', 300, -5],
  ['county', 'food', 200, 60],
  ['county', 'mask', 5000, 600],
  ['county', 'disinfectant', 500, 20],
  ['county', 'kit', 150, null],
  ['county', 'bag', 8000, null],
  ['social', 'quilt', 200, null],
  ['social', 'kit', 80, 200],
  ['enterprise', 'sca', 6, null],
  ['enterprise', 'helmet', 60, null],
  ['enterprise', 'kit', 10, 70],
];

/** Reorder minimums: [warehouse, item, minimum] — the county's tents and the enterprise's breathing sets fall below. */
const MINIMUMS: [string, string, number][] = [
  ['county', 'tent', 150],
  ['county', 'kit', 100],
  ['city', 'tent', 200],
  ['city', 'pump', 10],
  ['enterprise', 'sca', 8],
  ['enterprise', 'helmet', 40],
];

export async function seedDemoSupplies(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query("SELECT 1 FROM supply_warehouses WHERE name = '宿迁市市级应急物资储备库' LIMIT 1");
  if (done) return;
  const [province, city, county, entadmin] = await Promise.all(['province', 'city', 'county', 'entadmin'].map((u) => demoActor(db, u)));
  if (!province || !city || !county) return;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const day = (days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);

  // Items (shared catalogue): reuse one of the same name, else add it.
  const items = new Map<string, string>();
  for (const it of ITEMS) {
    const [found] = await db.query<{ id: string }>('SELECT id FROM supply_items WHERE name = $1 AND category_code = $2 LIMIT 1', [
      it.name,
      it.category,
    ]);
    const id =
      found?.id ??
      (
        await db.query<{ id: string }>(
          `INSERT INTO supply_items (category_code, name, spec, unit, whole_units, pack_size, pack_unit, shelf_life_days, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [it.category, it.name, it.spec, it.unit, it.whole, it.pack?.[0] ?? null, it.pack?.[1] ?? null, it.shelfDays ?? null, province.id],
        )
      )[0]?.id;
    if (id) items.set(it.key, id);
  }

  // Warehouses, and the demo enterprise's own stock where the enterprise is.
  const warehouses = new Map<string, { id: string; actor: Actor }>();
  const actorOf: Record<string, Actor> = { province, city, county, social: county };
  for (const w of WAREHOUSES) {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO supply_warehouses (name, kind, level, region_code, lat, lng, address, contact_name, contact_phone, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [w.name, w.kind, w.level, w.region, w.lat, w.lng, w.address, w.contact[0], w.contact[1], actorOf[w.key]?.id ?? null],
    );
    if (row) warehouses.set(w.key, { id: row.id, actor: actorOf[w.key] as Actor });
  }
  if (entadmin?.scope.enterpriseId) {
    const [e] = await db.query<{ region_code: string; name: string; address: string | null }>(
      'SELECT region_code, name, address FROM enterprises WHERE id = $1',
      [entadmin.scope.enterpriseId],
    );
    if (e) {
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO supply_warehouses (name, kind, region_code, enterprise_id, lat, lng, address, contact_name, contact_phone, created_by)
         VALUES ($1, 'enterprise', $2, $3, 33.91, 118.3, $4, '企业安全总监', '0527-84600000', $5) RETURNING id`,
        [`${e.name}应急物资室`, e.region_code, entadmin.scope.enterpriseId, e.address ?? '', entadmin.id],
      );
      if (row) warehouses.set('enterprise', { id: row.id, actor: entadmin });
    }
  }

  const move = (w: { id: string; actor: Actor }, m: Omit<Parameters<typeof postMovement>[2], 'warehouseId'>) =>
    withScope(db, w.actor.scope, (tx) => postMovement(tx, w.actor, { warehouseId: w.id, ...m }));

  // A year: each stock received 360 days ago (the expiring batches 200 days ago), then issued a little
  // every other month and topped up once, as a reserve is.
  let n = 0;
  for (const [wk, ik, qty, expiresIn] of STOCK) {
    const w = warehouses.get(wk);
    const itemId = items.get(ik);
    if (!w || !itemId) continue;
    n++;
    const year = now.getUTCFullYear() - 1;
    const batchNo = `${year}-${String(n).padStart(3, '0')}`;
    await move(w, {
      itemId,
      kind: 'in',
      quantity: qty,
      batchNo,
      expiresOn: expiresIn === null ? null : day(expiresIn),
      refType: 'purchase',
      note: '年度储备采购入库',
      at: ago(expiresIn !== null && expiresIn < 100 ? 200 : 360),
    });
    for (let month = 10; month >= 2; month -= 2) {
      const take = Math.max(1, Math.floor(qty * (0.02 + ((n + month) % 4) * 0.01)));
      await move(w, {
        itemId,
        kind: 'out',
        quantity: take,
        refType: 'issue',
        note: ['汛期抢险领用', '防汛演练消耗', '救助受灾群众', '社区应急演练', '冬季救助发放'][month % 5] ?? '领用',
        at: ago(month * 30),
      });
    }
    if (n % 3 === 0)
      await move(w, {
        itemId,
        kind: 'in',
        quantity: Math.max(1, Math.floor(qty * 0.1)),
        batchNo: `${now.getUTCFullYear()}-${String(n).padStart(3, '0')}`,
        expiresOn: expiresIn === null ? null : day(expiresIn + 365),
        refType: 'purchase',
        note: '补充储备',
        at: ago(45),
      });
  }

  // A transfer from the county reserve to the Red Cross stock (both the county's), and a stock count.
  const countyWh = warehouses.get('county');
  const socialWh = warehouses.get('social');
  const kit = items.get('kit');
  if (countyWh && socialWh && kit) {
    const transferId = crypto.randomUUID();
    const out = await move(countyWh, {
      itemId: kit,
      kind: 'transferOut',
      quantity: 30,
      refType: 'transfer',
      refId: transferId,
      note: '调剂红十字会备灾仓库',
      at: ago(20),
    });
    for (const m of out.movements)
      await move(socialWh, {
        itemId: kit,
        kind: 'transferIn',
        quantity: -m.delta,
        batchNo: m.batchNo,
        expiresOn: m.expiresOn,
        refType: 'transfer',
        refId: transferId,
        note: '调剂红十字会备灾仓库',
        at: ago(20),
      });
  }
  const tent = items.get('tent');
  if (countyWh && tent) {
    const [b] = await db.query<{ id: string }>(
      'SELECT id FROM supply_stock WHERE warehouse_id = $1 AND item_id = $2 ORDER BY batch_no LIMIT 1',
      [countyWh.id, tent],
    );
    if (b)
      await move(countyWh, {
        itemId: tent,
        stockId: b.id,
        kind: 'adjust',
        quantity: -2,
        refType: 'count',
        note: '季度盘点：2 顶受潮霉变报废',
        at: ago(10),
      });
  }

  for (const [wk, ik, minimum] of MINIMUMS) {
    const w = warehouses.get(wk);
    const itemId = items.get(ik);
    if (w && itemId)
      await db.query('INSERT INTO supply_minimums (warehouse_id, item_id, minimum) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        w.id,
        itemId,
        minimum,
      ]);
  }
}
