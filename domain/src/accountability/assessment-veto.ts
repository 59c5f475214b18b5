// The veto (一票否决, issue 26 item 7) applies to officials, not to the sheet: an official (党政领导干部)
// held responsible for an accident (对事故负有责任, 被追究领导责任) is barred from 评先评优 and from
// promotion (不得晋升职务、级别或重用任职) "在规定时限内" — a period the retrieved texts do not fix
// (STANDARDS-NEXT §8.2: central article UNCONFIRMED), so it is the setting `assessment.vetoMonths`.
// The bar ends by itself when its period does: the state is computed from the dates, no job needed.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';
import { addDaysToDay, addMonthsToDay } from './assessment.ts';

export const vetoSchema = z
  .object({
    officialId: z.uuid(bi('请选择责任人', 'Choose the official')),
    accidentId: z.uuid(bi('请选择事故', 'Choose the accident')),
    reason: z
      .string()
      .trim()
      .min(4, bi('请写明追责依据（至少 4 个字）', 'Give the finding (at least 4 characters)'))
      .max(500, bi('最多 500 个字符', 'At most 500 characters')),
    decidedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, bi('日期格式为 YYYY-MM-DD', 'Date is YYYY-MM-DD'))
      .optional(),
  })
  .strict();
export type VetoInput = z.infer<typeof vetoSchema>;

/** The bar's days: from the decision, `months` long (the last day is the day before the same date `months` later). */
export function vetoPeriod(decidedOn: string, months: number): { from: string; to: string } {
  return { from: decidedOn, to: addDaysToDay(addMonthsToDay(decidedOn, months), -1) };
}

export type VetoState = 'active' | 'ended' | 'revoked' | 'pending';
export const VETO_STATE_LABELS: Record<VetoState, { zh: string; en: string }> = {
  pending: { zh: '未开始', en: 'Not started' },
  active: { zh: '否决期内', en: 'In force' },
  ended: { zh: '已期满', en: 'Ended' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};

/** The state on a Beijing day: in force from its first to its last day inclusive. */
export function vetoState(v: { from: string; to: string; revoked: boolean }, today: string): VetoState {
  if (v.revoked) return 'revoked';
  if (today < v.from) return 'pending';
  return today <= v.to ? 'active' : 'ended';
}

/** Whether the bar touches a year (shown on that year's assessment of the official's jurisdiction). */
export const vetoTouchesYear = (v: { from: string; to: string }, year: number) => v.from <= `${year}-12-31` && v.to >= `${year}-01-01`;

/** What the bar forbids, as the record and the page state it. */
export const VETO_CONSEQUENCE = {
  zh: '在规定时限内取消考核评优和评选各类先进资格，不得晋升职务、级别或重用任职',
  en: 'Barred, for the set period, from commendations and awards and from promotion in post or rank',
} as const;
