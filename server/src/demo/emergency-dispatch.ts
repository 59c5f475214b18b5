// Demo data of 物资调拨 (issue 27), taken through the real commands with their times set in the past:
// a county's request against the city's reserve in transit (宿城区 321302, order issued, shipped,
// not yet received), one received and partly consumed, a township's emergency phone order awaiting
// the county's approval (its written request still due: the 工作台's 48 h countdown), a second
// county's request awaiting the city's approval; donations (one from a person who asked for
// anonymity) and designated producers. It uses the supplies demo's reserves when there are any and
// otherwise sets up a city and a county reserve of its own. Idempotent. Owner: dispatch.
import type { Actor } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { createDonation, saveProducer } from '../modules/emergency/dispatch-donations.ts';
import { createRequest, takeDispatchStep } from '../modules/emergency/dispatch-service.ts';
import { postMovement } from '../modules/emergency/supplies-ledger.ts';
import { demoActor } from './enforcement-inspections.ts';

const HOUR = 3_600_000;
const CITY = '321300000000';
const COUNTY = '321302000000';
// 宿迁市区 and 宿城区 (approximate centres), for straight-line distances.
const CITY_AT = { lat: 33.963, lng: 118.275 };
const COUNTY_AT = { lat: 33.942, lng: 118.242 };

async function item(db: Db, code: string, name: string, unit: string): Promise<string> {
  const [found] = await db.query<{ id: string }>(
    'SELECT id FROM supply_items WHERE category_code = $1 AND active ORDER BY created_at, id LIMIT 1',
    [code],
  );
  if (found) return found.id;
  const [made] = await db.query<{ id: string }>(
    `INSERT INTO supply_items (category_code, name, spec, unit, whole_units) VALUES ($1, $2, '', $3, true) RETURNING id`,
    [code, name, unit],
  );
  return (made as { id: string }).id;
}

async function reserve(db: Db, level: 'city' | 'county', region: string, name: string, at: { lat: number; lng: number }): Promise<string> {
  const [found] = await db.query<{ id: string }>(
    `SELECT id FROM supply_warehouses WHERE kind = 'government' AND level = $1 AND region_code = $2 AND active ORDER BY created_at, id LIMIT 1`,
    [level, region],
  );
  if (found) return found.id;
  const [made] = await db.query<{ id: string }>(
    `INSERT INTO supply_warehouses (name, kind, level, region_code, lat, lng, address, contact_name, contact_phone)
     VALUES ($1, 'government', $2, $3, $4, $5, $6, '储备库值班员', '0527-84300000') RETURNING id`,
    [name, level, region, at.lat, at.lng, `${name}（演示）`],
  );
  return (made as { id: string }).id;
}

async function holding(db: Db, warehouseId: string, itemId: string) {
  const [r] = await db.query<{ q: number }>(
    'SELECT coalesce(sum(quantity), 0)::float8 AS q FROM supply_stock WHERE warehouse_id = $1 AND item_id = $2',
    [warehouseId, itemId],
  );
  return Number(r?.q ?? 0);
}

export async function seedDemoDispatch(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query("SELECT 1 FROM dispatch_requests WHERE region_code >= '3213' AND region_code < '3213~' LIMIT 1");
  if (done) return;
  const [county, county2, city, township] = await Promise.all(['county', 'county2', 'city', 'township'].map((u) => demoActor(db, u)));
  if (!county || !city || !township || !county2) return;
  const ago = (h: number) => new Date(now.getTime() - h * HOUR);

  const tent = await item(db, '1010101', '单帐篷', '顶');
  const quilt = await item(db, '1010201', '棉被', '床');
  const water = await item(db, '1010301', '饮用水', '箱');
  const mask = await item(db, '1020101', '医用防护口罩', '只');
  const bag = await item(db, '3010101', '编织袋', '条');
  const cityWh = await reserve(db, 'city', CITY, '宿迁市应急物资储备库', CITY_AT);
  await reserve(db, 'county', COUNTY, '宿城区应急物资储备库', COUNTY_AT);
  // Enough in the city's reserve for the requests below (topped up only where the supplies demo left less).
  for (const [id, need] of [
    [tent, 120],
    [quilt, 400],
    [water, 300],
    [bag, 5000],
  ] as const) {
    const have = await holding(db, cityWh, id);
    if (have < need)
      await postMovement(db, null, {
        warehouseId: cityWh,
        itemId: id,
        kind: 'in',
        quantity: need - have,
        batchNo: 'DISPATCH-DEMO',
        note: '调拨演示入库',
        at: ago(24 * 30),
      });
  }
  const countyWh = await reserve(db, 'county', COUNTY, '宿城区应急物资储备库', COUNTY_AT);

  const step = async (
    who: Actor,
    id: string,
    action: Parameters<typeof takeDispatchStep>[3],
    at: Date,
    body: Record<string, unknown> = {},
  ) => {
    const [r] = await db.query<{ version: number }>('SELECT version FROM dispatch_requests WHERE id = $1', [id]);
    return takeDispatchStep(db, who, id, action, { version: r?.version ?? 1, ...body }, at);
  };
  const base = (deliverTo: string, receiverUnit: string, at: Date, extra: Record<string, unknown>) => ({
    purpose: '强降雨防汛抢险，转移安置受灾群众',
    eventRef: '2026年7月宿迁强降雨',
    deliverTo,
    deliverLat: COUNTY_AT.lat + 0.01,
    deliverLng: COUNTY_AT.lng + 0.01,
    receiverUnit,
    receiverName: '周建国',
    receiverPhone: '13805270001',
    neededBy: new Date(at.getTime() + 6 * HOUR).toISOString(),
    priority: 'urgent',
    submit: true,
    ...extra,
  });
  const ship = { vehicle: '苏N·A1234', driverName: '刘师傅', driverPhone: '13905270002' };
  const order = { supplierContact: '宿迁市应急管理局物资保障科 陈科长', supplierPhone: '0527-84301234' };

  // 1. Received: water for the shelters, approved, shipped, received into the county's reserve, partly consumed.
  const t1 = ago(72);
  const r1 = await createRequest(
    db,
    county,
    base('宿城区幸福街道安置点', '宿城区应急管理局', t1, { lines: [{ itemId: water, quantity: 100 }] }),
    t1,
  );
  await step(city, r1.id, 'approve', ago(71), { lines: [{ lineId: r1.lines[0]?.id, quantity: 100 }] });
  await step(city, r1.id, 'issueOrder', ago(70.5), order);
  const s1 = await step(city, r1.id, 'ship', ago(70), {
    ...ship,
    warehouseId: cityWh,
    lines: [{ lineId: r1.lines[0]?.id, quantity: 100 }],
  });
  const sh1 = s1.shipments[0];
  if (sh1)
    await step(county, r1.id, 'receive', ago(68), {
      shipmentId: sh1.id,
      receiverName: '周建国',
      warehouseId: countyWh,
      lines: [{ shipmentLineId: sh1.lines[0]?.id, quantity: 100 }],
    });
  await step(county, r1.id, 'consume', ago(20), { lineId: r1.lines[0]?.id, quantity: 64, note: '安置点发放' });

  // 2. In transit: tents and quilts, the tents partly approved (the city keeps a reserve).
  const t2 = ago(10);
  const r2 = await createRequest(
    db,
    county,
    base('宿城区蔡集镇临时安置点', '宿城区应急管理局', t2, {
      lines: [
        { itemId: tent, quantity: 80 },
        { itemId: quilt, quantity: 300 },
        { itemId: bag, quantity: 2000 },
      ],
    }),
    t2,
  );
  const [l1, l2, l3] = r2.lines;
  await step(city, r2.id, 'approve', ago(9), {
    lines: [
      { lineId: l1?.id, quantity: 60 },
      { lineId: l2?.id, quantity: 300 },
      { lineId: l3?.id, quantity: 2000 },
    ],
    note: '帐篷市级储备保留20顶，其余照批',
  });
  await step(city, r2.id, 'issueOrder', ago(8.5), order);
  await step(city, r2.id, 'ship', ago(8), {
    ...ship,
    warehouseId: cityWh,
    eta: ago(6).toISOString(),
    lines: [
      { lineId: l1?.id, quantity: 60 },
      { lineId: l2?.id, quantity: 300 },
      { lineId: l3?.id, quantity: 2000 },
    ],
  });

  // 3. A township's emergency phone order to the county, awaiting approval; its written request is due.
  const t3 = ago(30);
  await createRequest(
    db,
    township,
    base('蔡集镇卫生院', '蔡集镇人民政府', t3, {
      viaPhone: true,
      priority: 'high',
      purpose: '安置点防疫消杀',
      lines: [{ itemId: mask, quantity: 2000 }],
    }),
    t3,
  );

  // 4. A second county's request awaiting the city's approval.
  const t4 = ago(2);
  await createRequest(
    db,
    county2,
    base('城区临时安置点', '区应急管理局', t4, {
      deliverLat: CITY_AT.lat + 0.05,
      deliverLng: CITY_AT.lng + 0.08,
      priority: 'high',
      lines: [
        { itemId: tent, quantity: 20 },
        { itemId: water, quantity: 50 },
      ],
    }),
    t4,
  );

  // Donations (one person asked for anonymity) and designated producers (the county's enterprises).
  const day = (h: number) => ago(h).toISOString().slice(0, 10);
  await createDonation(db, county, {
    donorKind: 'unit',
    donorName: '宿迁市爱心企业商会',
    itemId: water,
    quantity: 200,
    use: 'relief',
    receivedOn: day(48),
    warehouseId: countyWh,
  });
  await createDonation(db, county, {
    donorKind: 'unit',
    donorName: '江苏某医药有限公司',
    itemId: mask,
    quantity: 5000,
    use: 'medical',
    receivedOn: day(40),
  });
  await createDonation(db, county, {
    donorKind: 'person',
    donorName: '张某',
    anonymous: true,
    itemId: quilt,
    quantity: 50,
    use: 'relief',
    receivedOn: day(30),
  });
  const firms = await db.query<{ id: string }>(
    `SELECT e.id FROM enterprises e WHERE e.region_code >= '321302' AND e.region_code < '321302~'
       AND NOT EXISTS (SELECT 1 FROM users u WHERE u.enterprise_id = e.id) ORDER BY e.credit_code LIMIT 2`,
  );
  const [f1, f2] = firms;
  if (f1)
    await saveProducer(db, county, null, {
      enterpriseId: f1.id,
      itemId: mask,
      capacityPerDay: 50000,
      agreementRef: '宿城应急〔2026〕定产1号',
      contactName: '孙经理',
      contactPhone: '13905270011',
      lat: COUNTY_AT.lat - 0.02,
      lng: COUNTY_AT.lng + 0.03,
    });
  if (f2)
    await saveProducer(db, county, null, {
      enterpriseId: f2.id,
      itemId: tent,
      capacityPerDay: 300,
      agreementRef: '宿城应急〔2026〕定产2号',
      contactName: '吴经理',
      contactPhone: '13905270012',
      lat: COUNTY_AT.lat + 0.03,
      lng: COUNTY_AT.lng - 0.02,
    });
}
