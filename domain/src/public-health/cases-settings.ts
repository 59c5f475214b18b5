// Settings of 传染病报告 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并). Declare each with def({...}) from ../settings/define.ts, group 'publicHealth'.
import type { SettingDef } from '../settings/define.ts';

export const PH_CASES_SETTINGS = {} as const satisfies Record<string, SettingDef>;
