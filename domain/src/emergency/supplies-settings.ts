// Settings of 应急物资 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: supplies (分类编码、物资、仓库、库存批次、台账). Declare each with def({...}) from ../settings/define.ts, group 'emergency'.
import type { SettingDef } from '../settings/define.ts';

export const SUPPLIES_SETTINGS = {} as const satisfies Record<string, SettingDef>;
