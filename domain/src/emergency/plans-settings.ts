// Settings of 应急预案与备案 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: plans (预案、备案、评估修订、应急处置卡). Declare each with def({...}) from ../settings/define.ts, group 'emergency'.
import type { SettingDef } from '../settings/define.ts';

export const EMERGENCY_PLANS_SETTINGS = {} as const satisfies Record<string, SettingDef>;
