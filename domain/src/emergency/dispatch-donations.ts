// Donations (捐赠) and designated producers (定点生产) of 物资调拨 (issue 27): their bodies and the
// public summary's rule. A person who asked for anonymity is never named, not even to the public
// summary's donor list; a unit is named unless it asked too. Owner: dispatch.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

type Label = { zh: string; en: string };

export const DONOR_KINDS = ['person', 'unit'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];
export const DONOR_KIND_LABELS: Record<DonorKind, Label> = { person: { zh: '个人', en: 'Person' }, unit: { zh: '单位', en: 'Unit' } };

export const DONATION_USES = ['relief', 'medical', 'rescue', 'reserve', 'other'] as const;
export type DonationUse = (typeof DONATION_USES)[number];
export const DONATION_USE_LABELS: Record<DonationUse, Label> = {
  relief: { zh: '受灾群众生活救助', en: 'Relief of those affected' },
  medical: { zh: '医疗防疫', en: 'Medical and epidemic prevention' },
  rescue: { zh: '抢险救援', en: 'Rescue' },
  reserve: { zh: '补充储备', en: 'Reserve' },
  other: { zh: '其他', en: 'Other' },
};

/** The donor's name as the public summary may show it: null when anonymity was asked. */
export const publicDonorName = (d: { donorName: string; anonymous: boolean }) => (d.anonymous ? null : d.donorName);

const text = (zh: string, en: string, max = 200) =>
  z
    .string(bi(`请填写${zh}`, `Give the ${en}`))
    .trim()
    .min(1, bi(`请填写${zh}`, `Give the ${en}`))
    .max(max, bi(`最多 ${max} 个字符`, `At most ${max} characters`));
const positive = z
  .number(bi('请填写数量', 'Give the quantity'))
  .finite(bi('请填写数量', 'Give the quantity'))
  .positive(bi('数量应大于0', 'The quantity must be above zero'));

export const donationSchema = z.object({
  donorKind: z.enum(DONOR_KINDS, { message: bi('请选择捐赠方类型', 'Choose the donor kind') }),
  donorName: text('捐赠方', 'donor', 100),
  donorContact: z.string().trim().max(100).optional(),
  anonymous: z.boolean().default(false),
  itemId: z.uuid({ message: bi('请选择物资', 'Choose the item') }),
  quantity: positive,
  use: z.enum(DONATION_USES, { message: bi('请选择用途', 'Choose the use') }),
  receivedOn: z.iso.date(bi('请填写接收日期', 'Give the date received')),
  warehouseId: z.uuid({ message: bi('编号格式不正确', 'Invalid id') }).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type DonationBody = z.infer<typeof donationSchema>;

export const donationDistributionSchema = z.object({
  recipient: text('分配对象', 'recipient', 200),
  quantity: positive,
  note: z.string().trim().max(2000).optional(),
});

export const producerSchema = z.object({
  enterpriseId: z.uuid({ message: bi('请选择企业', 'Choose the enterprise') }),
  itemId: z.uuid({ message: bi('请选择物资', 'Choose the item') }),
  capacityPerDay: positive,
  agreementRef: z.string().trim().max(100).optional(),
  validUntil: z.iso.date(bi('日期格式不正确', 'Invalid date')).optional(),
  contactName: text('联系人', 'contact', 50),
  contactPhone: z
    .string(bi('请填写联系电话', 'Give the phone'))
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, bi('电话号码格式不正确', 'Not a phone number')),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  active: z.boolean().default(true),
});
export type ProducerBody = z.infer<typeof producerSchema>;
