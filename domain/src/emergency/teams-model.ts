// Rescue teams (救援队伍), experts (专家), rescue agreements (救援协议) and duty (值班): the kinds,
// fields and roles as data with their labels, the bodies the server accepts (zod, bilingual field
// messages), and the masking of an expert's phone (personal data). Issue 27 item 7–8.
// Owner: teams (救援队伍、专家、值班).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

type Label = { zh: string; en: string };

/** The four kinds of rescue team (综合 / 专业 / 社会 / 企业). */
export const TEAM_KINDS = ['comprehensive', 'professional', 'social', 'enterprise'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
export const TEAM_KIND_LABELS: Record<TeamKind, Label> = {
  comprehensive: { zh: '综合性救援队伍', en: 'Comprehensive rescue team' },
  professional: { zh: '专业救援队伍', en: 'Professional rescue team' },
  social: { zh: '社会救援力量', en: 'Social rescue team' },
  enterprise: { zh: '企业救援队伍', en: 'Enterprise rescue team' },
};

export const TEAM_READINESS = ['ready', 'limited', 'unavailable'] as const;
export type TeamReadiness = (typeof TEAM_READINESS)[number];
export const TEAM_READINESS_LABELS: Record<TeamReadiness, Label> = {
  ready: { zh: '随时可出动', en: 'Ready' },
  limited: { zh: '部分可出动', en: 'Partly available' },
  unavailable: { zh: '暂不可出动', en: 'Unavailable' },
};

/** Experts' fields, as data (the province may add to the list later: the code is free text on the row). */
export const EXPERT_FIELDS = [
  'hazardousChemicals',
  'mining',
  'fire',
  'construction',
  'medical',
  'metallurgy',
  'electricity',
  'specialEquipment',
  'transport',
  'environment',
  'geology',
  'other',
] as const;
export type ExpertField = (typeof EXPERT_FIELDS)[number];
export const EXPERT_FIELD_LABELS: Record<ExpertField, Label> = {
  hazardousChemicals: { zh: '危险化学品', en: 'Hazardous chemicals' },
  mining: { zh: '矿山', en: 'Mining' },
  fire: { zh: '消防', en: 'Fire' },
  construction: { zh: '建筑施工', en: 'Construction' },
  medical: { zh: '医疗卫生', en: 'Medical and health' },
  metallurgy: { zh: '金属冶炼', en: 'Metallurgy' },
  electricity: { zh: '电力', en: 'Electric power' },
  specialEquipment: { zh: '特种设备', en: 'Special equipment' },
  transport: { zh: '交通运输', en: 'Transport' },
  environment: { zh: '生态环境', en: 'Environment' },
  geology: { zh: '地质灾害', en: 'Geological hazards' },
  other: { zh: '其他', en: 'Other' },
};

/** Who keeps a duty roster: a government (by its region), a department, a unit, a rescue team. */
export const DUTY_OWNER_KINDS = ['government', 'department', 'enterprise', 'team'] as const;
export type DutyOwnerKind = (typeof DUTY_OWNER_KINDS)[number];
export const DUTY_OWNER_KIND_LABELS: Record<DutyOwnerKind, Label> = {
  government: { zh: '人民政府', en: 'Government' },
  department: { zh: '部门', en: 'Department' },
  enterprise: { zh: '生产经营单位', en: 'Unit' },
  team: { zh: '救援队伍', en: 'Rescue team' },
};

export const DUTY_ROLES = ['leader', 'officer'] as const;
export type DutyRole = (typeof DUTY_ROLES)[number];
export const DUTY_ROLE_LABELS: Record<DutyRole, Label> = {
  leader: { zh: '带班领导', en: 'Leader on duty' },
  officer: { zh: '值班员', en: 'Duty officer' },
};

const REGION = z
  .string(bi('请选择区划', 'Choose a region'))
  .regex(/^\d{12}$/, bi('区划代码应为 12 位数字', 'The region code has 12 digits'));
const PHONE = z
  .string(bi('请填写电话', 'Give a phone number'))
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, bi('电话号码格式不正确', 'Not a phone number'));
const text = (max: number, zh: string, en: string) =>
  z
    .string(bi(`请填写${zh}`, `Give the ${en}`))
    .trim()
    .min(1, bi(`请填写${zh}`, `Give the ${en}`))
    .max(max, bi(`最多 ${max} 个字符`, `At most ${max} characters`));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, bi(`最多 ${max} 个字符`, `At most ${max} characters`))
    .optional()
    .nullable();
const LAT = z
  .number(bi('纬度应为数字', 'The latitude is a number'))
  .min(-90, bi('纬度在 -90 到 90 之间', 'Latitude is between -90 and 90'))
  .max(90, bi('纬度在 -90 到 90 之间', 'Latitude is between -90 and 90'));
const LNG = z
  .number(bi('经度应为数字', 'The longitude is a number'))
  .min(-180, bi('经度在 -180 到 180 之间', 'Longitude is between -180 and 180'))
  .max(180, bi('经度在 -180 到 180 之间', 'Longitude is between -180 and 180'));
const UUID = z.uuid({ message: bi('编号格式不正确', 'Invalid id') });
const DAY = z.string(bi('请填写日期', 'Give a date')).regex(/^\d{4}-\d{2}-\d{2}$/, bi('日期格式应为 YYYY-MM-DD', 'A date is YYYY-MM-DD'));
const MOMENT = z.iso.datetime({ offset: true, message: bi('时间格式不正确', 'Not a date and time') });

export const teamBodySchema = z
  .object({
    name: text(100, '队伍名称', 'team name'),
    kind: z.enum(TEAM_KINDS, { message: bi('请选择队伍类型', 'Choose the kind of team') }),
    specialty: optionalText(100),
    size: z
      .number(bi('请填写人数', 'Give the number of members'))
      .int(bi('人数应为整数', 'A whole number of members'))
      .min(1, bi('人数至少为 1', 'At least one member'))
      .max(100000, bi('人数过大', 'Too many members')),
    equipment: z
      .array(text(100, '装备名称', 'equipment'))
      .max(200, bi('装备最多 200 项', 'At most 200 items of equipment'))
      .default([]),
    regionCode: REGION,
    lat: LAT.nullable().optional(),
    lng: LNG.nullable().optional(),
    baseAddress: optionalText(200),
    contactName: text(50, '联系人', 'contact name'),
    contactPhone: PHONE,
    readiness: z.enum(TEAM_READINESS, { message: bi('请选择战备状态', 'Choose the readiness') }).default('ready'),
    enterpriseId: UUID.nullable().optional(),
    note: optionalText(1000),
  })
  .superRefine((b, ctx) => {
    if ((b.lat == null) !== (b.lng == null))
      ctx.addIssue({
        code: 'custom',
        path: [b.lat == null ? 'lat' : 'lng'],
        message: bi('经纬度须同时填写', 'Give both latitude and longitude'),
      });
    if (b.kind === 'enterprise' && !b.enterpriseId)
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseId'],
        message: bi('企业救援队伍须选择所属单位', 'An enterprise team belongs to a unit'),
      });
    if (b.kind !== 'enterprise' && b.enterpriseId)
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseId'],
        message: bi('只有企业救援队伍属于单位', 'Only an enterprise team belongs to a unit'),
      });
  });
export type TeamBody = z.infer<typeof teamBodySchema>;

export const expertBodySchema = z
  .object({
    name: text(50, '姓名', 'name'),
    field: z.enum(EXPERT_FIELDS, { message: bi('请选择专业领域', 'Choose the field') }),
    title: optionalText(100),
    unit: optionalText(200),
    phone: PHONE,
    regionCode: REGION,
    lat: LAT.nullable().optional(),
    lng: LNG.nullable().optional(),
    note: optionalText(1000),
  })
  .superRefine((b, ctx) => {
    if ((b.lat == null) !== (b.lng == null))
      ctx.addIssue({
        code: 'custom',
        path: [b.lat == null ? 'lat' : 'lng'],
        message: bi('经纬度须同时填写', 'Give both latitude and longitude'),
      });
  });
export type ExpertBody = z.infer<typeof expertBodySchema>;

export const agreementBodySchema = z
  .object({
    enterpriseId: UUID,
    teamId: UUID,
    signedOn: DAY,
    validFrom: DAY,
    validUntil: DAY,
    note: optionalText(1000),
  })
  .superRefine((b, ctx) => {
    if (b.validUntil < b.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: bi('到期日不能早于生效日', 'The end is before the start') });
    if (b.signedOn > b.validUntil)
      ctx.addIssue({ code: 'custom', path: ['signedOn'], message: bi('签订日期晚于到期日', 'Signed after the agreement ends') });
  });
export type AgreementBody = z.infer<typeof agreementBodySchema>;

/** The longest single shift the roster accepts (a 24-hour shift plus handover). */
export const MAX_SHIFT_HOURS = 48;

export const shiftBodySchema = z
  .object({
    ownerKind: z.enum(DUTY_OWNER_KINDS, { message: bi('请选择值班主体', 'Choose whose roster') }),
    /** government: the government's region; the others: taken from the owner. */
    regionCode: REGION.optional(),
    departmentId: UUID.optional(),
    enterpriseId: UUID.optional(),
    teamId: UUID.optional(),
    personName: text(50, '值班人员', 'person on duty'),
    role: z.enum(DUTY_ROLES, { message: bi('请选择值班角色', 'Choose the duty role') }),
    phone: PHONE,
    startsAt: MOMENT,
    endsAt: MOMENT,
  })
  .superRefine((b, ctx) => {
    const s = Date.parse(b.startsAt);
    const e = Date.parse(b.endsAt);
    if (e <= s)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: bi('结束时间须晚于开始时间', 'The end must be after the start') });
    else if (e - s > MAX_SHIFT_HOURS * 3_600_000)
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: bi(`单个班次不超过 ${MAX_SHIFT_HOURS} 小时`, `A shift is at most ${MAX_SHIFT_HOURS} hours`),
      });
    const need = { government: 'regionCode', department: 'departmentId', enterprise: 'enterpriseId', team: 'teamId' } as const;
    if (!b[need[b.ownerKind]])
      ctx.addIssue({ code: 'custom', path: [need[b.ownerKind]], message: bi('请选择值班主体', 'Choose whose roster') });
  });
export type ShiftBody = z.infer<typeof shiftBodySchema>;

export const copyWeekBodySchema = z.object({
  ownerKind: z.enum(DUTY_OWNER_KINDS, { message: bi('请选择值班主体', 'Choose whose roster') }),
  ownerId: z.string(bi('请选择值班主体', 'Choose whose roster')).min(1, bi('请选择值班主体', 'Choose whose roster')).max(40),
  /** The Monday (Beijing) of the week to fill from the week before. */
  weekStart: DAY,
});
export type CopyWeekBody = z.infer<typeof copyWeekBodySchema>;

export const dutyPhoneBodySchema = z.object({
  regionCode: REGION,
  departmentId: UUID.nullable().optional(),
  name: text(100, '值班机构名称', 'name of the duty office'),
  phone: PHONE,
  note: optionalText(200),
});
export type DutyPhoneBody = z.infer<typeof dutyPhoneBodySchema>;

/** An expert's phone for those who may not see it: the first 3 and last 2 digits remain. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}
