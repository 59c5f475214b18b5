// Settings of 应急物资 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: supplies (分类编码、物资、仓库、库存批次、台账). Declare each with def({...}) from ../settings/define.ts, group 'emergency'.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const int = (min: number, max: number) =>
  z
    .number(bi('请填写整数', 'Give a whole number'))
    .int(bi('请填写整数', 'Give a whole number'))
    .min(min, bi(`不能小于 ${min}`, `At least ${min}`))
    .max(max, bi(`不能大于 ${max}`, `At most ${max}`));

export const SUPPLIES_SETTINGS = {
  'supplies.expiryWarningDays': def({
    group: 'emergency',
    label: { zh: '物资临期预警（天）', en: 'Supplies expiry warning (days)' },
    description: {
      zh: '批次有效期在此天数内（含已过期未处理）的物资列入工作台“临期物资”，以便轮换、调剂使用。',
      en: 'Batches expiring within this many days (and expired ones still in stock) are listed in the workbench, for rotation.',
    },
    type: 'integer',
    schema: int(1, 365),
    default: 90,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：无全国统一的临期预警期限；《中央应急抢险救灾物资储备管理暂行办法》要求轮换更新，天数为地方做法，暂按 90 天',
  }),
} as const satisfies Record<string, SettingDef>;
