// Settings of 指挥中心 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板). Declare each with def({...}) from ../settings/define.ts, group 'command'.
import type { SettingDef } from '../settings/define.ts';

export const CM_BOARD_SETTINGS = {} as const satisfies Record<string, SettingDef>;
