// Request shapes of the accountability API (responsibility lists, officials, 约谈/黄牌/通报, 巡查).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { RECORD_KINDS } from './records.ts';
import { DUTY_CATEGORIES } from './responsibility.ts';

const text = (max: number) =>
  z
    .string(bi('应为文字', 'Must be text'))
    .trim()
    .max(max, bi(`不超过 ${max} 字`, `At most ${max} characters`));
const required = (max: number, zh: string, en: string) => text(max).min(1, bi(`请填写${zh}`, `Give ${en}`));
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((s) => s || null);
const date = z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'Date is YYYY-MM-DD'));
const instant = z.iso.datetime({ offset: true, message: bi('时间格式应为 ISO 8601（含时区）', 'Time is ISO 8601 with an offset') });
const region12 = z.string().regex(/^\d{12}$/, bi('行政区划代码为 12 位数字', 'Region code has 12 digits'));
const version = z.number(bi('缺少版本号', 'Version missing')).int().min(1);

export const responsibilityListSchema = z.strictObject({
  industries: z
    .array(z.string().regex(/^\d{2}$/, bi('行业门类代码为 2 位数字', 'Industry divisions have 2 digits')))
    .max(100)
    .refine((a) => new Set(a).size === a.length, bi('行业不能重复', 'An industry is listed twice')),
  duties: z
    .array(
      z.strictObject({
        category: z.enum(DUTY_CATEGORIES, bi('职责类别不正确', 'Unknown duty category')),
        text: required(500, '职责内容', 'the duty'),
      }),
    )
    .max(100),
  note: optionalText(500),
  /** The version the editor started from (0 when there was none): a concurrent save is refused. */
  baseVersion: z.number().int().min(0),
});
export type ResponsibilityListInput = z.infer<typeof responsibilityListSchema>;

export const officialSchema = z.strictObject({
  name: required(50, '姓名', 'the name'),
  position: required(100, '职务', 'the position'),
  departmentId: z.uuid(bi('部门编号格式不正确', 'Invalid department id')).nullish(),
  duties: z
    .array(required(500, '职责内容', 'the duty'))
    .max(50)
    .default([]),
  active: z.boolean().default(true),
});
export const officialUpdateSchema = officialSchema.partial().extend({ version });

export const officialWorkItemSchema = z.strictObject({
  year: z.number(bi('请填写年度', 'Give the year')).int().min(2000).max(2100),
  title: required(300, '工作内容', 'the work item'),
  dueOn: date.nullish(),
});
export const officialWorkDoneSchema = z.strictObject({ doneOn: date, evidence: required(2000, '完成情况', 'the evidence'), version });

export const triggerDecisionSchema = z
  .strictObject({
    decision: z.enum(['summon', 'dismiss'], bi('决定不正确', 'Unknown decision')),
    reason: optionalText(2000),
  })
  .refine((d) => d.decision === 'summon' || !!d.reason, {
    message: bi('不约谈须说明理由', 'Give the reason not to summon'),
    path: ['reason'],
  });

const summonedPerson = z.strictObject({ name: required(50, '姓名', 'the name'), position: required(100, '职务', 'the position') });

export const recordCreateSchema = z.strictObject({
  kind: z.enum(RECORD_KINDS, bi('类别不正确', 'Unknown kind')),
  targetRegion: region12,
  /** 约谈对象: persons summoned (the government's principal, deputy, enterprises' heads). */
  summoned: z.array(summonedPerson).max(20).default([]),
  /** 约谈人: who summons (e.g. 市政府副市长、市安委会副主任). */
  summonedBy: optionalText(200),
  reason: required(4000, '事由', 'the reason'),
  scheduledAt: instant.nullish(),
  place: optionalText(200),
  /** The trigger this record answers (from /triggers), if any. */
  triggerKey: z.string().max(200).nullish(),
});
export type RecordCreateInput = z.infer<typeof recordCreateSchema>;
export const recordEditSchema = recordCreateSchema.omit({ kind: true, targetRegion: true, triggerKey: true }).partial().extend({ version });

export const recordStepSchema = z.strictObject({
  version,
  /** recordMeeting */
  heldAt: instant.optional(),
  issues: text(4000).optional(),
  measures: text(4000).optional(),
  /** receiveReport / followUp / close / cancel */
  note: optionalText(4000),
});

export const tourRoundSchema = z.strictObject({
  term: required(20, '巡查周期', 'the term'),
  title: required(200, '名称', 'the title'),
  startsOn: date,
  endsOn: date,
});
export const tourTargetSchema = z
  .strictObject({
    kind: z.enum(['government', 'department'], bi('巡查对象类别不正确', 'Unknown target kind')),
    regionCode: region12.nullish(),
    departmentId: z.uuid(bi('部门编号格式不正确', 'Invalid department id')).nullish(),
    plannedOn: date.nullish(),
  })
  .refine((t) => (t.kind === 'government' ? !!t.regionCode : !!t.departmentId), {
    message: bi('请选择巡查对象', 'Pick the target'),
    path: ['regionCode'],
  });
export const tourVisitSchema = z.strictObject({
  visitedOn: date,
  team: optionalText(500),
  summary: required(4000, '巡查情况', 'the summary'),
  version,
});
export const tourFindingSchema = z.strictObject({ text: required(2000, '问题', 'the finding'), fixDueOn: date });
export const tourFindingFixSchema = z.strictObject({ fixedOn: date, note: required(2000, '整改情况', 'the fix'), version });

export { date as accountabilityDate };
