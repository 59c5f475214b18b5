// Settings of 物资调拨 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

export const DISPATCH_SETTINGS = {
  'dispatch.writtenOrderHours': def({
    group: 'emergency',
    label: { zh: '电话紧急调拨补办书面申请时限（小时）', en: 'Hours to back an emergency phone order with a written request' },
    description: {
      zh: '紧急情况下以电话（口头）提出的调拨申请，须在此时限内补办书面申请；逾期在工作台提示。',
      en: 'A request made by phone in an emergency must be backed by a written one within this many hours; the 工作台 counts down.',
    },
    type: 'integer',
    schema: z
      .number(bi('请填写整数', 'Give a whole number'))
      .int(bi('请填写整数', 'Give a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(240, bi('不能大于 240', 'At most 240')),
    default: 48,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：邹城市应急物资调拨规定第二条（地方规定）：口头或电话紧急调拨的，应在48小时内补办书面手续（STANDARDS-NEXT §6.2）；全国性规定未核对',
  }),
} as const satisfies Record<string, SettingDef>;
