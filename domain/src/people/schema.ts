// Request shapes of the people capability (issue 26): a person, their certificates, training
// attended, closed training courses and their attendance, and publicity events. The schema is the type.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { SPECIAL_WORK_CODES } from './certificates.ts';
import { PERSON_POSITIONS } from './training.ts';

const day = (zh: string, en: string) => z.iso.date(bi(`${zh}应为日期（年-月-日）`, `${en} must be a date (YYYY-MM-DD)`));
const text = (max: number, zh: string, en: string) =>
  z
    .string(bi(`请填写${zh}`, `${en} is required`))
    .trim()
    .min(1, bi(`请填写${zh}`, `${en} is required`))
    .max(max, bi(`${zh}最多 ${max} 字`, `${en}: at most ${max} characters`));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, bi(`最多 ${max} 字`, `At most ${max} characters`))
    .nullish()
    .transform((s) => (s ? s : null));

/** 18-character 居民身份证号 (17 digits and a digit or X), or 15 digits for the old cards. */
export const idNumberSchema = z
  .string(bi('请填写身份证号', 'ID number is required'))
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^(\d{17}[\dX]|\d{15})$/, bi('身份证号应为 18 位（末位可为 X）', 'ID number: 18 characters (the last may be X)')));

export const personInputSchema = z.strictObject({
  name: text(50, '姓名', 'Name'),
  idNumber: idNumberSchema,
  position: z.enum(PERSON_POSITIONS, bi('岗位应为主要负责人、安全管理人员、特种作业人员或其他', 'Unknown position')),
  hiredOn: day('入职日期', 'Hire date')
    .nullish()
    .transform((d) => d ?? null),
  /** Since when the person has worked their special-work trade (for the 6-year review interval). */
  inTradeSince: day('从事本工种起始日期', 'In the trade since')
    .nullish()
    .transform((d) => d ?? null),
  offJobSince: day('离岗日期', 'Off the job since')
    .nullish()
    .transform((d) => d ?? null),
});
export type PersonInput = z.infer<typeof personInputSchema>;
export const personPatchSchema = personInputSchema.partial().extend({ version: z.number().int() });

export const CERTIFICATE_KINDS = ['qualification', 'special'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, { zh: string; en: string }> = {
  qualification: { zh: '安全生产知识和管理能力考核合格证', en: 'Safety management qualification' },
  special: { zh: '特种作业操作证', en: 'Special-work operation certificate' },
};

export const certificateInputSchema = z
  .strictObject({
    kind: z.enum(CERTIFICATE_KINDS, bi('证书类型应为合格证或特种作业操作证', 'Unknown certificate kind')),
    number: text(40, '证书编号', 'Certificate number'),
    issuedOn: day('发证日期', 'Issue date'),
    /** 合格证: the date it carries; 特种作业操作证: computed (issue + 6 years), ignored if sent. */
    validTo: day('有效期至', 'Valid to')
      .nullish()
      .transform((d) => d ?? null),
    category: z
      .enum(SPECIAL_WORK_CODES, bi('作业类别不在特种作业目录中', 'Not a category of the special-work list'))
      .nullish()
      .transform((c) => c ?? null),
    item: optionalText(60),
    reviewedOn: day('复审日期', 'Review date')
      .nullish()
      .transform((d) => d ?? null),
    extendedReview: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'special' && !c.category)
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: bi('特种作业操作证须填作业类别', 'A special-work certificate needs its category'),
      });
    if (c.kind === 'qualification' && !c.validTo)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: bi('合格证须填有效期至', 'A qualification needs its valid-to date') });
    if (c.validTo && c.validTo <= c.issuedOn)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: bi('有效期至应晚于发证日期', 'Valid-to must be after the issue date') });
    if (c.reviewedOn && c.reviewedOn < c.issuedOn)
      ctx.addIssue({
        code: 'custom',
        path: ['reviewedOn'],
        message: bi('复审日期不能早于发证日期', 'The review cannot precede the issue'),
      });
  });
export type CertificateInput = z.infer<typeof certificateInputSchema>;

export const reviewInputSchema = z.strictObject({
  reviewedOn: day('复审日期', 'Review date'),
});

export const trainingInputSchema = z.strictObject({
  course: text(100, '培训名称', 'Course'),
  provider: optionalText(100),
  attendedOn: day('培训日期', 'Date'),
  hours: z
    .number(bi('学时应为数字', 'Hours must be a number'))
    .positive(bi('学时应大于 0', 'Hours must be more than 0'))
    .max(200, bi('学时不能超过 200', 'At most 200 hours')),
});

export const CLOSED_COURSE_REASONS = ['violation', 'accident'] as const;
export const ATTENDANCE_STATUSES = ['ordered', 'attended', 'absent', 'completed'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, { zh: string; en: string }> = {
  ordered: { zh: '待参训', en: 'Ordered' },
  attended: { zh: '已报到', en: 'Attended' },
  absent: { zh: '缺席', en: 'Absent' },
  completed: { zh: '已结业', en: 'Completed' },
};
/** What may follow an attendance status: report in (or miss it), then finish the course. */
export const ATTENDANCE_NEXT: Record<AttendanceStatus, readonly AttendanceStatus[]> = {
  ordered: ['attended', 'absent'],
  attended: ['completed', 'absent'],
  absent: ['attended'],
  completed: [],
};

export const closedCourseInputSchema = z
  .strictObject({
    title: text(100, '培训班名称', 'Course title'),
    startsOn: day('开班日期', 'Start'),
    endsOn: day('结业日期', 'End'),
    place: text(200, '培训地点', 'Place'),
    reason: z.enum(CLOSED_COURSE_REASONS, bi('事由应为严重违法或事故', 'Reason: violation or accident')),
    /** The case or the accident the order follows from (one of them). */
    caseId: z.uuid(bi('案件编号格式不正确', 'Invalid case id')).nullish(),
    accidentId: z.uuid(bi('事故编号格式不正确', 'Invalid accident id')).nullish(),
    enterpriseId: z.uuid(bi('企业编号格式不正确', 'Invalid enterprise id')),
    personIds: z.array(z.uuid()).min(1, bi('至少选择一名参训人员', 'Choose at least one person')).max(20),
  })
  .superRefine((c, ctx) => {
    if (c.endsOn < c.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: bi('结业日期不能早于开班日期', 'The end precedes the start') });
    if (!c.caseId && !c.accidentId)
      ctx.addIssue({ code: 'custom', path: ['caseId'], message: bi('请关联案件或事故', 'Link the case or the accident') });
  });

export const attendanceInputSchema = z.strictObject({
  status: z.enum(['attended', 'absent', 'completed'], bi('状态应为已报到、缺席或已结业', 'Unknown attendance status')),
  note: optionalText(200),
});

/** 安全宣传"五进": 进企业、进农村、进社区、进学校、进家庭. */
export const PUBLICITY_VENUES = ['enterprise', 'rural', 'community', 'school', 'family'] as const;
export type PublicityVenue = (typeof PUBLICITY_VENUES)[number];
export const PUBLICITY_VENUE_LABELS: Record<PublicityVenue, { zh: string; en: string }> = {
  enterprise: { zh: '进企业', en: 'Enterprises' },
  rural: { zh: '进农村', en: 'Rural areas' },
  community: { zh: '进社区', en: 'Communities' },
  school: { zh: '进学校', en: 'Schools' },
  family: { zh: '进家庭', en: 'Families' },
};

export const publicityInputSchema = z.strictObject({
  title: text(100, '活动名称', 'Title'),
  venue: z.enum(PUBLICITY_VENUES, bi('场所应为企业、农村、社区、学校或家庭', 'Unknown venue')),
  heldOn: day('活动日期', 'Date'),
  place: text(200, '地点', 'Place'),
  organiser: text(100, '组织单位', 'Organiser'),
  reach: z
    .number(bi('覆盖人数应为数字', 'Reach must be a number'))
    .int(bi('覆盖人数应为整数', 'Reach must be whole'))
    .min(0, bi('覆盖人数不能小于 0', 'At least 0'))
    .max(10_000_000, bi('覆盖人数过大', 'Too many')),
  /** 9- or 12-digit region; defaults to the recorder's home region. */
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/, bi('行政区划代码应为 6、9 或 12 位数字', 'Region code has 6, 9 or 12 digits'))
    .transform((c) => c.padEnd(12, '0'))
    .nullish(),
});

export const PEOPLE_FILTERS = ['expiring', 'overdue', 'missingQualification', 'trainingShortfall', 'retest'] as const;
export type PeopleFilter = (typeof PEOPLE_FILTERS)[number];
