// Settings of 指挥中心 (issue 28), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const hours = () =>
  z
    .number(bi('请填写整数', 'Give a whole number'))
    .int(bi('请填写整数', 'Give a whole number'))
    .min(1, bi('不能小于 1', 'At least 1'))
    .max(720, bi('不能大于 720', 'At most 720'));
const SRC = 'UNCONFIRMED：指挥中心各环节时限无统一规定（STANDARDS-NEXT §7 未给出），暂定值';
const h = (_key: string, zh: string, en: string, d: number) =>
  def({
    group: 'command',
    label: { zh, en },
    description: {
      zh: `${zh}；逾期未完成的信号升级到上一级行政区的指挥看板和工作台。`,
      en: `${en}; an overdue signal escalates to the parent region's board and 工作台.`,
    },
    type: 'integer',
    schema: hours(),
    default: d,
    scope: 'province',
    provisional: true,
    source: SRC,
  });

export const CM_BOARD_SETTINGS = {
  'cmBoard.analyseHours': h('cmBoard.analyseHours', '收集后完成分析的时限（小时）', 'Hours to analyse a collected signal', 1),
  'cmBoard.judgeHours': h('cmBoard.judgeHours', '分析后完成研判及推送的时限（小时）', 'Hours to judge (and push) an analysed signal', 2),
  'cmBoard.feedbackHours': h(
    'cmBoard.feedbackHours',
    '推送后责任单位反馈的默认时限（小时）',
    'Default hours for the unit to give feedback after a push',
    24,
  ),
  'cmBoard.verifyHours': h(
    'cmBoard.verifyHours',
    '反馈后推送方核查的时限（小时）',
    'Hours for the pusher to verify after the feedback',
    24,
  ),
  'cmBoard.closeHours': h('cmBoard.closeHours', '核查后反馈办结的时限（小时）', 'Hours to close with feedback after verification', 24),
} as const satisfies Record<string, SettingDef>;
