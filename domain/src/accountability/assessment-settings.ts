// Settings of this part (issue 26), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: assessment. Declare each with def({...}) from ../settings/define.ts.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { def, type SettingDef } from '../settings/define.ts';

const points = z
  .number()
  .int(bi('应为整数', 'Must be a whole number'))
  .min(1, bi('不能小于 1', 'At least 1'))
  .max(100, bi('不能大于 100', 'At most 100'));
const SHEET_SOURCE =
  'UNCONFIRMED：《省级政府安全生产工作考核办法》（国办发〔2016〕64号）实行百分制、分优秀/良好/合格/不合格四个等次；各等次分数线及评分表未检索到原文（STANDARDS-NEXT §8.2）';

export const ASSESSMENT_SETTINGS = {
  'assessment.gradeExcellent': def({
    group: 'accountability',
    label: { zh: '考核等次·优秀分数线', en: 'Assessment: lowest total for 优秀' },
    description: { zh: '考核总分达到此分数（含）为优秀。', en: 'A total at or above this is graded excellent (优秀).' },
    type: 'integer',
    schema: points,
    default: 90,
    scope: 'province',
    provisional: true,
    source: SHEET_SOURCE,
  }),
  'assessment.gradeGood': def({
    group: 'accountability',
    label: { zh: '考核等次·良好分数线', en: 'Assessment: lowest total for 良好' },
    description: {
      zh: '考核总分达到此分数（含）且低于优秀分数线为良好。',
      en: 'A total at or above this (and below 优秀) is graded good (良好).',
    },
    type: 'integer',
    schema: points,
    default: 80,
    scope: 'province',
    provisional: true,
    source: SHEET_SOURCE,
  }),
  'assessment.gradePass': def({
    group: 'accountability',
    label: { zh: '考核等次·合格分数线', en: 'Assessment: lowest total for 合格' },
    description: {
      zh: '考核总分达到此分数（含）且低于良好分数线为合格；低于此分数为不合格。',
      en: 'At or above this (below 良好) is a pass (合格); below it a fail (不合格).',
    },
    type: 'integer',
    schema: points,
    default: 60,
    scope: 'province',
    provisional: true,
    source: SHEET_SOURCE,
  }),
  'assessment.fixPlanMonths': def({
    group: 'accountability',
    label: { zh: '不合格整改方案报送期限（月）', en: 'Months to submit the fix plan after a fail' },
    description: {
      zh: '考核不合格的地区自考核结果确认之日起，在此月数内制定整改措施并书面报告上一级。',
      en: 'A jurisdiction graded 不合格 reports its written fix plan to the level above within this many months of the confirmation.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(12, bi('不能大于 12', 'At most 12')),
    default: 1,
    scope: 'national',
    provisional: false,
    source: '《省级政府安全生产工作考核办法》（国办发〔2016〕64号）：考核不合格的，通报后 1 个月内制定整改措施并书面报告',
  }),
  'assessment.vetoMonths': def({
    group: 'accountability',
    label: { zh: '一票否决期限（月）', en: 'Months an official is barred (一票否决)' },
    description: {
      zh: '对事故负有领导责任的党政领导干部，自追责决定之日起在此月数内取消考核评优和评选各类先进资格，不得晋升职务、级别或重用任职。',
      en: 'An official held responsible for an accident is barred from commendations and promotion for this many months from the decision.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(120, bi('不能大于 120', 'At most 120')),
    default: 12,
    scope: 'province',
    provisional: true,
    source:
      'UNCONFIRMED：《地方党政领导干部安全生产责任制规定》（2018）“在规定时限内取消考核评优和评选各类先进资格，不得晋升职务、级别或重用任职”（据云南实施细则转述），时限未检索到原文',
  }),
  'assessment.alarmAckMinutes': def({
    group: 'accountability',
    label: { zh: '考核·报警按时确认时限（分钟）', en: 'Assessment: minutes to acknowledge an alarm on time' },
    description: {
      zh: '考核“监测报警按时处置率”时，报警在触发后此分钟数内被确认视为按时处置。',
      en: 'For the assessment’s alarm item, an alarm acknowledged within this many minutes of being raised counts as handled on time.',
    },
    type: 'integer',
    schema: z
      .number()
      .int(bi('应为整数', 'Must be a whole number'))
      .min(1, bi('不能小于 1', 'At least 1'))
      .max(1440, bi('不能大于 1440', 'At most 1440')),
    default: 30,
    scope: 'province',
    provisional: true,
    source: 'UNCONFIRMED：无全国统一的考核时限；本平台暂定 30 分钟',
  }),
} as const satisfies Record<string, SettingDef>;
