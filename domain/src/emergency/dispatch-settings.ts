// Settings of 物资调拨 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产). Declare each with def({...}) from ../settings/define.ts, group 'emergency'.
import type { SettingDef } from '../settings/define.ts';

export const DISPATCH_SETTINGS = {} as const satisfies Record<string, SettingDef>;
