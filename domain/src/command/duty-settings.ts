// Settings of 值班与简报 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表). Declare each with def({...}) from ../settings/define.ts, group 'command'.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

export const CM_DUTY_SETTINGS = {
  'cmDuty.othersDelayMinutes': def({
    group: 'command',
    label: { zh: '新信号对非值班人员的延后分钟数', en: 'Minutes before others than the duty officer see a new signal' },
    description: {
      zh: '当日值班员立即看到本辖区新收集的信号；辖区其他人员在信号生成满此分钟数后在值班页看到。设为 0 则同时看到。',
      en: 'The duty officer sees a new signal of the jurisdiction at once; the other users of the jurisdiction see it on the duty page once it is this many minutes old. 0: at the same time.',
    },
    type: 'integer',
    schema: z.number(bi('请填写整数', 'Give a whole number')).int(bi('请填写整数', 'Give a whole number')).min(0).max(1440),
    default: 15,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED: issue 28 item 6 ("the duty officer of the day sees new signals first"); no text fixes the delay.',
  }),
} as const satisfies Record<string, SettingDef>;
