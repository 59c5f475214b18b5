// Settings of 值班与简报 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表). Declare each with def({...}) from ../settings/define.ts, group 'command'.
import type { SettingDef } from '../settings/define.ts';

export const CM_DUTY_SETTINGS = {} as const satisfies Record<string, SettingDef>;
