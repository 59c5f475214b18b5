// Settings of this part (issue 26), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: accountability. Declare each with def({...}) from ../settings/define.ts.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const int = (min: number, max: number) =>
  z
    .number()
    .int(bi('应为整数', 'Must be a whole number'))
    .min(min, bi(`不能小于 ${min}`, `At least ${min}`))
    .max(max, bi(`不能大于 ${max}`, `At most ${max}`));

export const ACCOUNTABILITY_SETTINGS = {
  'accountability.reportWorkingDays': def({
    group: 'accountability',
    label: { zh: '约谈后书面报告期限（工作日）', en: 'Written report after an interview (working days)' },
    description: {
      zh: '被约谈方（或被黄牌警示方）书面报送整改落实情况的期限，自约谈之日（黄牌下发之日）起按工作日计算。',
      en: 'Working days, from the meeting (or the yellow card), within which the summoned government reports its measures in writing.',
    },
    type: 'integer',
    schema: int(1, 60),
    default: 5,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：国家层面未见规定；地方示例“被约谈单位 5 个工作日内书面报送落实情况”（漳州），国资约谈 20 日（STANDARDS-NEXT §8.1）',
  }),
  'accountability.publishRecords': def({
    group: 'accountability',
    label: { zh: '约谈情况向社会公开（1 是 / 0 否）', en: 'Publish interviews (1 yes / 0 no)' },
    description: {
      zh: '为 1 时约谈、黄牌警示、通报可向社会公开（记录上出现“向社会公开”）。',
      en: 'With 1, interviews, yellow cards and circulars may be published (the record offers “Publish”).',
    },
    type: 'integer',
    schema: int(0, 1),
    default: 1,
    scope: 'province',
    provisional: false,
    source: '安委〔2018〕2号：约谈情况向社会公开（STANDARDS-NEXT §8.1）',
  }),
  'accountability.triggerLookbackDays': def({
    group: 'accountability',
    label: { zh: '约谈情形待决定期（天）', en: 'Days a trigger awaits a decision' },
    description: {
      zh: '达到约谈情形的事故（凑满起数的那一起）发生后，在此天数内列为待决定；更早的只作历史。',
      en: 'A trigger is listed for a decision for this many days after the accident completing it; older ones are history.',
    },
    type: 'integer',
    schema: int(1, 730),
    default: 180,
    scope: 'province',
    // How long the platform keeps a trigger on the list is a working choice, not a rule of law.
    provisional: false,
    source: '平台工作设置：安委〔2018〕2号未规定约谈情形的决定期限',
  }),
  'accountability.countyMajorCount': def({
    group: 'accountability',
    label: { zh: '约谈县级政府·较大事故起数', en: 'County interview: major accidents' },
    description: {
      zh: '县（区）发生此数的较大事故（多于 1 起时为 6 个月内）即提请市级约谈。',
      en: 'A county with this many major accidents (within 6 months when more than 1) is proposed to the city for an interview.',
    },
    type: 'integer',
    schema: int(1, 10),
    default: 1,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：县级未见国家规定，参照安委〔2018〕2号第五条对市级的规定降一级',
  }),
  'accountability.countyFatalOrdinaryCount': def({
    group: 'accountability',
    label: { zh: '约谈县级政府·6 个月内死亡事故起数', en: 'County interview: fatal accidents in 6 months' },
    description: {
      zh: '县（区）6 个月内发生此数的死亡一般事故即提请市级约谈。',
      en: 'A county with this many fatal ordinary accidents within 6 months is proposed to the city for an interview.',
    },
    type: 'integer',
    schema: int(1, 20),
    default: 3,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：县级未见国家规定，参照安委〔2018〕2号第五条“6 个月内 3 起较大事故”降一级',
  }),
} as const satisfies Record<string, SettingDef>;
