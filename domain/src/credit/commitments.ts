// Safety commitments (安全承诺, issue 26 item 4): an enterprise signs one commitment a year, from a
// template with the year, the unit and the signer; a supervisor records a broken one (违背承诺)
// with its reason, and that event lowers the credit level (credit/level.ts).
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

/** The commitment's text for a year and unit (the template; the signed text is frozen on the record). */
export function commitmentText(year: number, unitName: string, signer: string): string {
  return [
    `${unitName}${year}年度安全生产承诺书`,
    `本单位郑重承诺，${year}年度严格遵守《中华人民共和国安全生产法》等法律法规：`,
    '一、落实全员安全生产责任制，主要负责人对本单位安全生产工作全面负责；',
    '二、依法取得并保持安全生产许可，不超范围、超能力、超强度组织生产；',
    '三、建立安全风险分级管控和隐患排查治理双重预防机制，重大事故隐患及时报告、按期整改；',
    '四、保证安全生产投入，从业人员经培训合格上岗，特种作业人员持证上岗；',
    '五、发生生产安全事故如实、及时报告，不迟报、漏报、谎报、瞒报。',
    `如违背上述承诺，自愿接受依法处理，并记入本单位信用档案。`,
    `承诺人（主要负责人）：${signer}`,
  ].join('\n');
}

const year = z.coerce
  .number({ message: bi('请填写年度', 'Year is required') })
  .int(bi('年度应为整数', 'Year must be a whole number'))
  .min(2000, bi('年度不早于 2000', 'Year from 2000'))
  .max(2100, bi('年度不晚于 2100', 'Year up to 2100'));

export const signCommitmentSchema = z.strictObject({
  year,
  signer: z
    .string({ message: bi('请填写承诺人', 'The signer is required') })
    .trim()
    .min(2, bi('承诺人姓名至少 2 个字', 'At least 2 characters'))
    .max(40, bi('承诺人姓名最多 40 个字', 'At most 40 characters')),
  signerTitle: z.string().trim().max(40, bi('职务最多 40 个字', 'At most 40 characters')).optional(),
  /** A supervisor records a commitment signed on paper for an enterprise. */
  enterpriseId: z.uuid({ message: bi('企业编号格式不正确', 'Invalid enterprise id') }).optional(),
});
export type SignCommitmentInput = z.infer<typeof signCommitmentSchema>;

export const breachSchema = z.strictObject({
  enterpriseId: z.uuid({ message: bi('企业编号格式不正确', 'Invalid enterprise id') }),
  year,
  reason: z
    .string({ message: bi('请填写违背承诺的事实', 'The reason is required') })
    .trim()
    .min(4, bi('事实至少 4 个字', 'At least 4 characters'))
    .max(1000, bi('事实最多 1000 个字', 'At most 1000 characters')),
  occurredOn: z.iso.date({ message: bi('日期格式应为 YYYY-MM-DD', 'Date as YYYY-MM-DD') }),
});
export type BreachInput = z.infer<typeof breachSchema>;

export const commitmentSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  year: z.number(),
  signer: z.string(),
  signerTitle: z.string().nullable(),
  signedAt: z.string(),
  text: z.string(),
  breaches: z.array(
    z.object({ id: z.string(), reason: z.string(), occurredOn: z.string(), recordedByName: z.string().nullable(), recordedAt: z.string() }),
  ),
});
export type Commitment = z.infer<typeof commitmentSchema>;
