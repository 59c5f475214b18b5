// Settings of 风险等级 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图). Declare each with def({...}) from ../settings/define.ts, group 'publicHealth'.
import type { SettingDef } from '../settings/define.ts';

export const PH_LEVELS_SETTINGS = {} as const satisfies Record<string, SettingDef>;
