// Donations (捐赠) and designated producers (定点生产) of 物资调拨 (issue 27). A donation is recorded
// with its donor, use and (optionally) the warehouse it entered — through the supplies ledger, 'in' —
// and its distributions; the public summary (no login) gives totals by item and use and names only
// the donors who did not ask for anonymity. A producer is an enterprise of the directory that can
// make an item on call, with its capacity per day; searchable by item. Owner: dispatch.
import {
  type Actor,
  DONATION_USES,
  donationDistributionSchema,
  donationSchema,
  fieldMessages,
  mayManageDonations,
  mayManageProducers,
  mayMoveWarehouse,
  mayViewDispatch,
  NATIONAL_SCOPE,
  producerSchema,
  publicDonorName,
  regionPrefix,
  type WarehouseKind,
  type WarehouseLevel,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, regionRange, withScope } from '../../db/scope.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { dateOnly, iso } from '../../time.ts';
import { ownRegion } from './dispatch-service.ts';
import { postMovement } from './supplies-ledger.ts';

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new AppError('validation_error', undefined, fieldMessages(r.error.issues));
  return r.data;
}

type DonationRow = {
  id: string;
  region_code: string;
  region_name: string | null;
  donor_kind: 'person' | 'unit';
  donor_name: string;
  donor_contact: string;
  anonymous: boolean;
  item_id: string;
  item_name: string;
  unit: string;
  whole_units: boolean;
  quantity: number;
  distributed: number;
  use: string;
  received_on: Date | string;
  warehouse_id: string | null;
  warehouse_name: string | null;
  note: string;
  created_at: Date | string;
};

const DONATION_SELECT = `SELECT d.id, d.region_code, r.name AS region_name, d.donor_kind, d.donor_name, d.donor_contact, d.anonymous,
    d.item_id, i.name AS item_name, i.unit, i.whole_units, d.quantity::float8 AS quantity,
    coalesce((SELECT sum(x.quantity) FROM dispatch_donation_distributions x WHERE x.donation_id = d.id), 0)::float8 AS distributed,
    d.use, d.received_on, d.warehouse_id, w.name AS warehouse_name, d.note, d.created_at
  FROM dispatch_donations d JOIN supply_items i ON i.id = d.item_id
  LEFT JOIN regions r ON r.code = d.region_code LEFT JOIN supply_warehouses w ON w.id = d.warehouse_id`;

const donationView = (d: DonationRow) => ({
  id: d.id,
  regionCode: d.region_code,
  regionName: d.region_name,
  donorKind: d.donor_kind,
  donorName: d.donor_name,
  donorContact: d.donor_contact,
  anonymous: d.anonymous,
  itemId: d.item_id,
  itemName: d.item_name,
  unit: d.unit,
  quantity: Number(d.quantity),
  distributed: Number(d.distributed),
  use: d.use,
  receivedOn: dateOnly(d.received_on),
  warehouseId: d.warehouse_id,
  warehouseName: d.warehouse_name,
  note: d.note,
  createdAt: iso(d.created_at),
});

export const donationListQuerySchema = z.object({
  use: z.enum(DONATION_USES, { message: '未知的用途||Unknown use' }).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function listDonations(db: Db, actor: Actor, q: z.infer<typeof donationListQuerySchema>) {
  if (!mayViewDispatch(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = [regionRange('d.region_code', actor.scope.regionPrefix, params)];
    if (q.use) {
      params.push(q.use);
      where.push(`d.use = $${params.length}`);
    }
    if (q.q) {
      params.push(`%${q.q}%`);
      where.push(`(d.donor_name ILIKE $${params.length} OR i.name ILIKE $${params.length})`);
    }
    const rows = await tx.query<DonationRow>(
      `${DONATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.received_on DESC, d.created_at DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    const [c] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dispatch_donations d JOIN supply_items i ON i.id = d.item_id WHERE ${where.join(' AND ')}`,
      params,
    );
    return { items: rows.map(donationView), total: c?.n ?? 0, mayManage: mayManageDonations(actor) };
  });
}

export async function createDonation(db: Db, actor: Actor, body: unknown) {
  if (!mayManageDonations(actor)) throw forbidden();
  const b = parse(donationSchema, body);
  return withScope(db, actor.scope, async (tx) => {
    const [item] = await tx.query<{ id: string; whole_units: boolean }>(
      'SELECT id, whole_units FROM supply_items WHERE id = $1 AND active',
      [b.itemId],
    );
    if (!item) throw invalid({ itemId: { zh: '物资不存在', en: 'Unknown item' } });
    if (item.whole_units && !Number.isInteger(b.quantity))
      throw invalid({ quantity: { zh: '该物资按整数计量，请填写整数', en: 'This item is counted in whole units' } });
    if (b.warehouseId) {
      const [w] = await tx.query<{ region_code: string; kind: WarehouseKind; level: WarehouseLevel | null; enterprise_id: string | null }>(
        'SELECT region_code, kind, level, enterprise_id FROM supply_warehouses WHERE id = $1',
        [b.warehouseId],
      );
      if (!w?.region_code.startsWith(actor.scope.regionPrefix))
        throw invalid({ warehouseId: { zh: '只能入本辖区的仓库', en: 'A warehouse of your jurisdiction' } });
      // The supplies part's rule of who moves a warehouse: not an enterprise's own stock, not another level's reserve.
      if (!mayMoveWarehouse(actor, { kind: w.kind, level: w.level, regionCode: w.region_code, enterpriseId: w.enterprise_id }))
        throw forbidden({
          zh: '无权向该仓库入库（企业自有仓库或其他层级的储备）',
          en: 'You may not put stock into this warehouse (an enterprise’s own or another level’s reserve)',
        });
    }
    const [d] = await tx.query<{ id: string }>(
      `INSERT INTO dispatch_donations (region_code, donor_kind, donor_name, donor_contact, anonymous, item_id, quantity, use, received_on, warehouse_id, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        ownRegion(actor),
        b.donorKind,
        b.donorName,
        b.donorContact ?? '',
        b.anonymous,
        b.itemId,
        b.quantity,
        b.use,
        b.receivedOn,
        b.warehouseId ?? null,
        b.note ?? '',
        actor.id,
      ],
    );
    const id = (d as { id: string }).id;
    if (b.warehouseId)
      await postMovement(tx, actor, {
        warehouseId: b.warehouseId,
        itemId: b.itemId,
        kind: 'in',
        quantity: b.quantity,
        batchNo: `捐赠-${b.receivedOn}`,
        refType: 'dispatchDonation',
        refId: id,
        note: '捐赠物资入库',
      });
    await appendAudit(tx, actor, {
      action: 'dispatch.donationCreate',
      entityType: 'dispatchDonation',
      entityId: id,
      regionCode: ownRegion(actor),
      after: {
        donorKind: b.donorKind,
        anonymous: b.anonymous,
        itemId: b.itemId,
        quantity: b.quantity,
        use: b.use,
        warehouseId: b.warehouseId ?? null,
      },
    });
    const [row] = await tx.query<DonationRow>(`${DONATION_SELECT} WHERE d.id = $1`, [id]);
    return donationView(row as DonationRow);
  });
}

export async function distributeDonation(db: Db, actor: Actor, id: string, body: unknown) {
  if (!mayManageDonations(actor)) throw forbidden();
  const b = parse(donationDistributionSchema, body);
  return withScope(db, actor.scope, async (tx) => {
    const [d] = await tx.query<DonationRow>(`${DONATION_SELECT} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
    if (!d) throw notFound();
    const left = Number(d.quantity) - Number(d.distributed);
    if (d.whole_units && !Number.isInteger(b.quantity))
      throw invalid({ quantity: { zh: '该物资按整数计量，请填写整数', en: 'This item is counted in whole units' } });
    if (b.quantity > left)
      throw invalid({ quantity: { zh: `不能超过未分配数量（${left}）`, en: `At most the quantity not yet distributed (${left})` } });
    if (d.warehouse_id) {
      // The goods leave the warehouse the donation entered: out of the donation's batch when it is
      // still there, else earliest expiry first (the ledger's 409 names the balance).
      const [batch] = await tx.query<{ id: string }>(
        'SELECT id FROM supply_stock WHERE warehouse_id = $1 AND item_id = $2 AND batch_no = $3',
        [d.warehouse_id, d.item_id, `捐赠-${dateOnly(d.received_on)}`],
      );
      try {
        await postMovement(tx, actor, {
          warehouseId: d.warehouse_id,
          itemId: d.item_id,
          stockId: batch?.id ?? null,
          kind: 'out',
          quantity: b.quantity,
          refType: 'dispatchDonation',
          refId: id,
          note: `捐赠物资分配 ${b.recipient}`,
        });
      } catch (e) {
        if (e instanceof AppError && e.code === 'conflict') throw new AppError('conflict', e.messages, { quantity: e.messages });
        throw e;
      }
    }
    await tx.query(
      'INSERT INTO dispatch_donation_distributions (donation_id, recipient, quantity, note, by_id) VALUES ($1, $2, $3, $4, $5)',
      [id, b.recipient, b.quantity, b.note ?? '', actor.id],
    );
    await appendAudit(tx, actor, {
      action: 'dispatch.donationDistribute',
      entityType: 'dispatchDonation',
      entityId: id,
      regionCode: d.region_code,
      after: { recipient: b.recipient, quantity: b.quantity },
    });
    const [row] = await tx.query<DonationRow>(`${DONATION_SELECT} WHERE d.id = $1`, [id]);
    const distributions = await tx.query<{ recipient: string; quantity: number; at: Date | string }>(
      'SELECT recipient, quantity::float8 AS quantity, at FROM dispatch_donation_distributions WHERE donation_id = $1 ORDER BY at',
      [id],
    );
    return {
      ...donationView(row as DonationRow),
      distributions: distributions.map((x) => ({ recipient: x.recipient, quantity: Number(x.quantity), at: iso(x.at) })),
    };
  });
}

export const publicDonationQuerySchema = z.object({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字||The region code has 2–12 digits')
    .optional(),
});

/** The public summary (no login): totals by item and use, distributed so far, and the donors who may be named. */
export function publicDonations(db: Db, q: z.infer<typeof publicDonationQuerySchema>) {
  return readScoped(db, NATIONAL_SCOPE, async (tx) => {
    const params: unknown[] = [];
    const prefix = q.regionCode ? regionPrefix(q.regionCode.padEnd(12, '0')) : '';
    const where = regionRange('d.region_code', prefix, params);
    const totals = await tx.query<{
      item_name: string;
      unit: string;
      use: string;
      quantity: number;
      distributed: number;
      donations: number;
    }>(
      `SELECT i.name AS item_name, i.unit, d.use, sum(d.quantity)::float8 AS quantity,
              coalesce(sum((SELECT sum(x.quantity) FROM dispatch_donation_distributions x WHERE x.donation_id = d.id)), 0)::float8 AS distributed,
              count(*)::int AS donations
         FROM dispatch_donations d JOIN supply_items i ON i.id = d.item_id
        WHERE ${where} GROUP BY i.name, i.unit, d.use ORDER BY i.name, d.use`,
      params,
    );
    const donors = await tx.query<{ donor_name: string; anonymous: boolean; donor_kind: string }>(
      `SELECT DISTINCT d.donor_name, d.anonymous, d.donor_kind FROM dispatch_donations d WHERE ${where} AND NOT d.anonymous ORDER BY d.donor_name`,
      params,
    );
    const [anon] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dispatch_donations d WHERE ${where} AND d.anonymous`,
      params,
    );
    return {
      totals: totals.map((t) => ({
        itemName: t.item_name,
        unit: t.unit,
        use: t.use,
        quantity: Number(t.quantity),
        distributed: Number(t.distributed),
        donations: t.donations,
      })),
      donors: donors.map((d) => ({
        name: publicDonorName({ donorName: d.donor_name, anonymous: d.anonymous }) as string,
        kind: d.donor_kind,
      })),
      anonymousDonations: anon?.n ?? 0,
    };
  });
}

// ---- designated producers ---------------------------------------------------------------------------------

type ProducerRow = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  region_name: string | null;
  item_id: string;
  item_name: string;
  unit: string;
  capacity_per_day: number;
  agreement_ref: string;
  valid_until: Date | string | null;
  contact_name: string;
  contact_phone: string;
  active: boolean;
  version: number;
};
const PRODUCER_SELECT = `SELECT p.id, p.enterprise_id, e.name AS enterprise_name, p.region_code, r.name AS region_name, p.item_id, i.name AS item_name, i.unit,
    p.capacity_per_day::float8 AS capacity_per_day, p.agreement_ref, p.valid_until, p.contact_name, p.contact_phone, p.active, p.version
  FROM dispatch_producers p JOIN enterprises e ON e.id = p.enterprise_id JOIN supply_items i ON i.id = p.item_id LEFT JOIN regions r ON r.code = p.region_code`;
const producerView = (actor: Actor, p: ProducerRow) => ({
  id: p.id,
  enterpriseId: p.enterprise_id,
  enterpriseName: p.enterprise_name,
  regionCode: p.region_code,
  regionName: p.region_name,
  itemId: p.item_id,
  itemName: p.item_name,
  unit: p.unit,
  capacityPerDay: Number(p.capacity_per_day),
  agreementRef: p.agreement_ref,
  validUntil: dateOnly(p.valid_until),
  contactName: p.contact_name,
  contactPhone: p.contact_phone,
  active: p.active,
  version: p.version,
  mayEdit: mayManageProducers(actor) && p.region_code.startsWith(actor.scope.regionPrefix),
});

export const producerListQuerySchema = z.object({
  itemId: z.uuid({ message: '编号格式不正确||Invalid id' }).optional(),
  q: z.string().trim().max(100).optional(),
});

export function listProducers(db: Db, actor: Actor, q: z.infer<typeof producerListQuerySchema>) {
  if (!mayViewDispatch(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = ['true'];
    if (q.itemId) {
      params.push(q.itemId);
      where.push(`p.item_id = $${params.length}`);
    }
    if (q.q) {
      params.push(`%${q.q}%`);
      where.push(`(e.name ILIKE $${params.length} OR i.name ILIKE $${params.length})`);
    }
    const rows = await tx.query<ProducerRow>(
      `${PRODUCER_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.name, p.capacity_per_day DESC LIMIT 500`,
      params,
    );
    return { items: rows.map((p) => producerView(actor, p)), total: rows.length, mayManage: mayManageProducers(actor) };
  });
}

export async function saveProducer(db: Db, actor: Actor, id: string | null, body: unknown) {
  if (!mayManageProducers(actor)) throw forbidden();
  const b = parse(producerSchema.extend({ version: z.number().int().optional() }), body);
  return withScope(db, actor.scope, async (tx) => {
    const [e] = await tx.query<{ id: string; region_code: string }>('SELECT id, region_code FROM enterprises WHERE id = $1', [
      b.enterpriseId,
    ]);
    if (!e?.region_code.startsWith(actor.scope.regionPrefix))
      throw invalid({ enterpriseId: { zh: '企业不存在或不在辖区内', en: 'No such enterprise in the jurisdiction' } });
    const [item] = await tx.query<{ id: string }>('SELECT id FROM supply_items WHERE id = $1', [b.itemId]);
    if (!item) throw invalid({ itemId: { zh: '物资不存在', en: 'Unknown item' } });
    let pid = id;
    if (id) {
      const [cur] = await tx.query<{ version: number }>('SELECT version FROM dispatch_producers WHERE id = $1 FOR UPDATE', [id]);
      if (!cur) throw notFound();
      if (b.version !== undefined && b.version !== cur.version) throw conflict();
      await tx.query(
        `UPDATE dispatch_producers SET enterprise_id = $2, region_code = $3, item_id = $4, capacity_per_day = $5, agreement_ref = $6, valid_until = $7,
           contact_name = $8, contact_phone = $9, active = $10, lat = $11, lng = $12, version = version + 1, updated_at = now() WHERE id = $1`,
        [
          id,
          b.enterpriseId,
          e.region_code,
          b.itemId,
          b.capacityPerDay,
          b.agreementRef ?? '',
          b.validUntil ?? null,
          b.contactName,
          b.contactPhone,
          b.active,
          b.lat ?? null,
          b.lng ?? null,
        ],
      );
    } else {
      const rows = await tx.query<{ id: string }>(
        `INSERT INTO dispatch_producers (enterprise_id, region_code, item_id, capacity_per_day, agreement_ref, valid_until, contact_name, contact_phone, active, created_by, lat, lng)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (enterprise_id, item_id) DO NOTHING RETURNING id`,
        [
          b.enterpriseId,
          e.region_code,
          b.itemId,
          b.capacityPerDay,
          b.agreementRef ?? '',
          b.validUntil ?? null,
          b.contactName,
          b.contactPhone,
          b.active,
          actor.id,
          b.lat ?? null,
          b.lng ?? null,
        ],
      );
      if (!rows[0]) throw conflict({ zh: '该企业已登记为此物资的定点生产企业', en: 'This enterprise is already a producer of this item' });
      pid = rows[0].id;
    }
    await appendAudit(tx, actor, {
      action: id ? 'dispatch.producerUpdate' : 'dispatch.producerCreate',
      entityType: 'dispatchProducer',
      entityId: pid as string,
      regionCode: e.region_code,
      after: { enterpriseId: b.enterpriseId, itemId: b.itemId, capacityPerDay: b.capacityPerDay, active: b.active },
    });
    const [row] = await tx.query<ProducerRow>(`${PRODUCER_SELECT} WHERE p.id = $1`, [pid]);
    return producerView(actor, row as ProducerRow);
  });
}
