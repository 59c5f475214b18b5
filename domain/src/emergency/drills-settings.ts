// Settings of 应急演练 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: drills (演练计划、实施、评估、频次检查). Declare each with def({...}) from ../settings/define.ts, group 'emergency'.
import type { SettingDef } from '../settings/define.ts';

export const DRILLS_SETTINGS = {} as const satisfies Record<string, SettingDef>;
