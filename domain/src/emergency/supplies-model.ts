// 应急物资 (issue 27): the enumerations with their labels, the quantity rule, and the zod schemas
// of every body the supplies routes take (bilingual field messages). Owner: supplies.
// The category code rule is supplies-categories.ts; who may do what is supplies-policy.ts.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { isSupplyCategoryCode } from './supplies-categories.ts';

type Label = { zh: string; en: string };

export const WAREHOUSE_KINDS = ['government', 'enterprise', 'social'] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];
export const WAREHOUSE_KIND_LABELS: Record<WarehouseKind, Label> = {
  government: { zh: '政府储备', en: 'Government reserve' },
  enterprise: { zh: '企业储备', en: 'Enterprise stock' },
  social: { zh: '社会储备', en: 'Social stock' },
};

export const WAREHOUSE_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type WarehouseLevel = (typeof WAREHOUSE_LEVELS)[number];
export const WAREHOUSE_LEVEL_LABELS: Record<WarehouseLevel, Label> = {
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '县级', en: 'County' },
  township: { zh: '乡镇级', en: 'Township' },
};

export const MOVEMENT_KINDS = ['in', 'out', 'adjust', 'transferOut', 'transferIn'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_KIND_LABELS: Record<MovementKind, Label> = {
  in: { zh: '入库', en: 'In' },
  out: { zh: '出库', en: 'Out' },
  adjust: { zh: '盘点调整', en: 'Count adjustment' },
  transferOut: { zh: '调出', en: 'Transfer out' },
  transferIn: { zh: '调入', en: 'Transfer in' },
};

/** The signed change a movement of `kind` and `quantity` makes ('adjust' is already signed). */
export function movementDelta(kind: MovementKind, quantity: number): number {
  return kind === 'out' || kind === 'transferOut' ? -quantity : quantity;
}

/**
 * Why `quantity` is not a valid quantity for a movement of `kind` of an item counted in
 * `unit` (whole units or not); null when it is. 'adjust' may be signed but not zero; every other
 * kind takes a positive quantity. A whole-unit item (顶, 件) takes whole numbers only.
 */
export function quantityProblem(kind: MovementKind, quantity: number, item: { unit: string; wholeUnits: boolean }): Label | null {
  if (!Number.isFinite(quantity)) return { zh: '请填写数量', en: 'Give a quantity' };
  if (kind === 'adjust' ? quantity === 0 : quantity <= 0)
    return kind === 'adjust'
      ? { zh: '调整数量不能为零', en: 'An adjustment cannot be zero' }
      : { zh: '数量须大于零', en: 'The quantity must be above zero' };
  if (item.wholeUnits && !Number.isInteger(quantity))
    return { zh: `该物资按整${item.unit}计，数量须为整数`, en: `This item is counted in whole units (${item.unit}); give a whole number` };
  if (Math.abs(quantity * 1000 - Math.round(quantity * 1000)) > 1e-6) return { zh: '数量最多保留三位小数', en: 'At most three decimals' };
  return null;
}

/** "3 箱" / "3 boxes": a quantity with its unit, for messages. */
export const withUnit = (quantity: number, unit: string) => `${Number(quantity.toFixed(3))} ${unit}`;

/** The 409 of a movement that would take stock below zero, naming the balance. */
export function belowZeroMessage(balance: number, unit: string): Label {
  return {
    zh: `库存不足：当前结存 ${withUnit(balance, unit)}`,
    en: `Not enough stock: the balance is ${withUnit(balance, unit)}`,
  };
}

// ---- schemas ------------------------------------------------------------------------------------

const text = (max: number) =>
  z
    .string(bi('应为文本', 'Expected text'))
    .trim()
    .max(max, bi(`最多 ${max} 个字`, `At most ${max} characters`));
const required = (max: number) => text(max).min(1, bi('不能为空', 'Must not be empty'));
const uuid = z.string(bi('必填', 'Required')).uuid(bi('编号无效', 'Invalid id'));
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bi('日期格式应为 YYYY-MM-DD', 'Date as YYYY-MM-DD'));
const quantity = z.number(bi('请填写数量', 'Give a quantity')).finite(bi('请填写数量', 'Give a quantity'));
const positive = quantity.positive(bi('数量须大于零', 'The quantity must be above zero'));

export const supplyCategorySchema = z.object({
  code: z.string(bi('必填', 'Required')).refine(isSupplyCategoryCode, {
    message: bi(
      '分类代码应为 GB/T 38565 的 1、3、5 或 7 位层次码（大类 1–3，其后每层两位 01–99）',
      'A GB/T 38565 code of 1, 3, 5 or 7 digits (class 1–3, then two digits 01–99 per level)',
    ),
  }),
  nameZh: required(60),
  nameEn: text(120).default(''),
});
export type SupplyCategoryInput = z.infer<typeof supplyCategorySchema>;

export const supplyItemSchema = z
  .object({
    categoryCode: z.string(bi('请选择分类', 'Choose a category')).min(1, bi('请选择分类', 'Choose a category')),
    code: text(40).optional(),
    name: required(100),
    spec: text(200).default(''),
    unit: required(10),
    wholeUnits: z.boolean().default(true),
    packSize: positive.optional().nullable(),
    packUnit: text(10).optional().nullable(),
    shelfLifeDays: z
      .number()
      .int(bi('请填写整数', 'Give a whole number'))
      .positive(bi('须大于零', 'Must be above zero'))
      .optional()
      .nullable(),
    note: text(500).default(''),
  })
  .superRefine((v, ctx) => {
    if ((v.packSize == null) !== (v.packUnit == null || v.packUnit === ''))
      ctx.addIssue({
        code: 'custom',
        path: [v.packSize == null ? 'packSize' : 'packUnit'],
        message: bi('包装数量与包装单位须同时填写', 'Give the pack size and the pack unit together'),
      });
  });
export type SupplyItemInput = z.infer<typeof supplyItemSchema>;

export const warehouseSchema = z
  .object({
    name: required(100),
    kind: z.enum(WAREHOUSE_KINDS, bi('请选择类型', 'Choose a kind')),
    level: z.enum(WAREHOUSE_LEVELS, bi('请选择级别', 'Choose a level')).optional().nullable(),
    regionCode: z.string(bi('请选择地区', 'Choose a region')).regex(/^\d{12}$/, bi('地区代码应为 12 位', 'A 12-digit region code')),
    enterpriseId: uuid.optional().nullable(),
    departmentId: uuid.optional().nullable(),
    lat: z.number().min(-90, bi('纬度无效', 'Invalid latitude')).max(90, bi('纬度无效', 'Invalid latitude')).optional().nullable(),
    lng: z.number().min(-180, bi('经度无效', 'Invalid longitude')).max(180, bi('经度无效', 'Invalid longitude')).optional().nullable(),
    address: text(200).default(''),
    contactName: text(40).default(''),
    contactPhone: text(40).default(''),
    note: text(500).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'government' && !v.level)
      ctx.addIssue({ code: 'custom', path: ['level'], message: bi('政府储备须选择级别', 'A government reserve needs its level') });
    if (v.kind !== 'government' && v.level)
      ctx.addIssue({ code: 'custom', path: ['level'], message: bi('只有政府储备有级别', 'Only a government reserve has a level') });
    if (v.kind === 'enterprise' && !v.enterpriseId)
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseId'],
        message: bi('企业储备须选择企业', 'An enterprise stock needs its enterprise'),
      });
    if (v.kind !== 'enterprise' && v.enterpriseId)
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseId'],
        message: bi('只有企业储备属于企业', 'Only an enterprise stock belongs to an enterprise'),
      });
    if ((v.lat == null) !== (v.lng == null))
      ctx.addIssue({
        code: 'custom',
        path: [v.lat == null ? 'lat' : 'lng'],
        message: bi('经纬度须同时填写', 'Give latitude and longitude together'),
      });
  });
export type WarehouseInput = z.infer<typeof warehouseSchema>;

/** A movement posted by hand (入库 / 出库); counts and transfers have their own bodies. */
export const movementSchema = z.object({
  itemId: uuid,
  kind: z.enum(['in', 'out'], bi('请选择入库或出库', 'Choose in or out')),
  quantity: positive,
  stockId: uuid.optional().nullable(),
  batchNo: text(60).optional(),
  expiresOn: day.optional().nullable(),
  note: text(500).default(''),
});
export type MovementInput = z.infer<typeof movementSchema>;

/** 盘点: the quantity counted on the shelf for one batch; the difference is an 'adjust' movement. */
export const stockCountSchema = z.object({
  stockId: uuid,
  counted: quantity.min(0, bi('盘点数量不能为负', 'A counted quantity cannot be negative')),
  reason: required(300),
});
export type StockCountInput = z.infer<typeof stockCountSchema>;

export const transferSchema = z.object({
  toWarehouseId: uuid,
  itemId: uuid,
  quantity: positive,
  stockId: uuid.optional().nullable(),
  note: text(500).default(''),
});
export type TransferInput = z.infer<typeof transferSchema>;

export const minimumSchema = z.object({
  itemId: uuid,
  minimum: quantity.min(0, bi('最低库存不能为负', 'A minimum cannot be negative')),
});
export type MinimumInput = z.infer<typeof minimumSchema>;
