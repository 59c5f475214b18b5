// Settings of 突发公共卫生事件 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务). Declare each with def({...}) from ../settings/define.ts, group 'publicHealth'.
import type { SettingDef } from '../settings/define.ts';

export const PH_EVENTS_SETTINGS = {} as const satisfies Record<string, SettingDef>;
