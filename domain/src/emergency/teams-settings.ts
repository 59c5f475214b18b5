// Settings of 队伍、专家与值班 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: teams (救援队伍、专家、值班).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const int = (min: number, max: number) =>
  z
    .number(bi('请填写整数', 'Give a whole number'))
    .int(bi('请填写整数', 'Give a whole number'))
    .min(min, bi(`不能小于 ${min}`, `At least ${min}`))
    .max(max, bi(`不能大于 ${max}`, `At most ${max}`));

export const TEAMS_SETTINGS = {
  'teams.largeHazardousMinEmployees': def({
    group: 'emergency',
    label: { zh: '“规模较大”危险物品单位的从业人员数', en: 'Employees from which a hazardous-goods unit counts as larger' },
    description: {
      zh: '危险物品生产、经营、储存、运输单位从业人员达到此数的，按条例第十四条第二款实行 24 小时应急值班，值班表须无空档。',
      en: 'A hazardous-goods unit with at least this many employees keeps 24-hour duty (Decree 708 Art. 14 ¶2); its roster is checked for gaps.',
    },
    type: 'integer',
    schema: int(1, 100000),
    default: 100,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：《生产安全事故应急条例》第十四条第二款“规模较大、危险性较高”未给出数量标准；100 人为暂定',
  }),
  'teams.governments24h': def({
    group: 'emergency',
    label: { zh: '政府及部门实行 24 小时值班（1 是 / 0 否）', en: 'Governments and departments keep 24-hour duty (1 yes / 0 no)' },
    description: {
      zh: '为 1 时，县级以上人民政府及其部门的值班表按 24 小时检查空档。',
      en: 'When 1, the rosters of governments and their departments are checked for gaps around the clock.',
    },
    type: 'integer',
    schema: int(0, 1),
    default: 1,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：条例第十四条第一项只要求建立应急值班制度、配备值班人员；24 小时值守为各地政府值班工作惯例，条文未核对；《生产安全事故报告和调查处理条例》第十八条要求建立值班制度并向社会公布值班电话',
  }),
  'teams.teams24h': def({
    group: 'emergency',
    label: { zh: '救援队伍实行 24 小时值班（1 是 / 0 否）', en: 'Rescue teams keep 24-hour duty (1 yes / 0 no)' },
    description: {
      zh: '为 1 时，救援队伍的值班表按 24 小时检查空档。',
      en: 'When 1, rescue teams’ rosters are checked for gaps around the clock.',
    },
    type: 'integer',
    schema: int(0, 1),
    default: 1,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：条例第十四条第三项只要求救援队伍建立应急值班制度；24 小时备勤为暂定',
  }),
  'teams.gapHorizonDays': def({
    group: 'emergency',
    label: { zh: '值班空档检查天数', en: 'Days ahead checked for roster gaps' },
    description: {
      zh: '工作台提示今后此天数内 24 小时值班表的空档。',
      en: 'The 工作台 shows the gaps of 24-hour rosters in this many days ahead.',
    },
    type: 'integer',
    schema: int(1, 31),
    default: 7,
    scope: 'province',
    provisional: false,
    source: '平台设置（Issue 27：今后 7 天）',
  }),
} as const satisfies Record<string, SettingDef>;
