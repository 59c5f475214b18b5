// 值班日志 (duty log) and who the duty officer is (issue 28). A jurisdiction's log of one Beijing day
// is a small state machine: open → handedOver (交接班). Entries (call received, signal handled,
// handover, note, instruction relayed) are added while it is open. Pure; table-tested in duty-log.test.ts.
// Owner: duty.
import { z } from 'zod';

export const DUTY_LOG_STATES = ['open', 'handedOver'] as const;
export type DutyLogState = (typeof DUTY_LOG_STATES)[number];
export const DUTY_LOG_ACTIONS = ['addEntry', 'handOver'] as const;
export type DutyLogAction = (typeof DUTY_LOG_ACTIONS)[number];
export const DUTY_ENTRY_KINDS = ['call', 'signal', 'handover', 'note', 'instruction'] as const;
export type DutyEntryKind = (typeof DUTY_ENTRY_KINDS)[number];

export const DUTY_LOG_STATE_LABELS = {
  open: { zh: '值班中', en: 'Open' },
  handedOver: { zh: '已交接', en: 'Handed over' },
} as const;
export const DUTY_ENTRY_KIND_LABELS = {
  call: { zh: '接报来电', en: 'Call received' },
  signal: { zh: '处置信号', en: 'Signal handled' },
  handover: { zh: '交接班', en: 'Handover' },
  note: { zh: '值班记事', en: 'Note' },
  instruction: { zh: '传达指示', en: 'Instruction relayed' },
} as const;

/**
 * The actor's relation to a jurisdiction's log: 'officer' = linked to a shift of that government's
 * roster holding now; 'supervisor' = a supervisor whose scope covers the jurisdiction; 'other'.
 */
export type DutyRelation = 'officer' | 'supervisor' | 'other';

/** The officer writes entries and hands over; a supervisor of the jurisdiction may add entries (e.g. an instruction); nobody changes a handed-over log. */
export function dutyLogAllowed(state: DutyLogState, rel: DutyRelation, action: DutyLogAction): boolean {
  if (state !== 'open') return false;
  if (action === 'addEntry') return rel === 'officer' || rel === 'supervisor';
  return rel === 'officer';
}

export const dutyLogAllowedActions = (state: DutyLogState, rel: DutyRelation): DutyLogAction[] =>
  DUTY_LOG_ACTIONS.filter((a) => dutyLogAllowed(state, rel, a));

/** The state after an action, or null when the action is refused (409 for the state, 403 for the role). */
export function dutyLogNext(state: DutyLogState, rel: DutyRelation, action: DutyLogAction): DutyLogState | null {
  if (!dutyLogAllowed(state, rel, action)) return null;
  return action === 'handOver' ? 'handedOver' : state;
}

/**
 * Who sees a new signal now: the duty officer at once; the others of the jurisdiction once it is
 * `delayMinutes` old (setting cmDuty.othersDelayMinutes) — so that the officer sees it first and the
 * rest are not flooded; a signal is never hidden for longer than the delay.
 */
export function signalVisibleAt(createdAt: string, isOfficer: boolean, delayMinutes: number): string {
  if (isOfficer) return createdAt;
  return new Date(new Date(createdAt).getTime() + delayMinutes * 60_000).toISOString();
}

const m = (zh: string, en: string) => ({ message: `${zh}||${en}` });

export const dutyEntryBodySchema = z.object({
  kind: z.enum(DUTY_ENTRY_KINDS, m('请选择记录类型', 'Choose the kind of entry')),
  text: z
    .string(m('请填写内容', 'Write the text'))
    .trim()
    .min(1, '请填写内容||Write the text')
    .max(2000, '内容不超过 2000 字||At most 2000 characters'),
});
export type DutyEntryBody = z.infer<typeof dutyEntryBodySchema>;

export const dutyHandoverBodySchema = z.object({
  note: z
    .string(m('请填写交接事项', 'Write what is handed over'))
    .trim()
    .min(1, '请填写交接事项||Write what is handed over')
    .max(2000, '交接事项不超过 2000 字||At most 2000 characters'),
  version: z.number(m('缺少版本号', 'The version is missing')).int(),
});

export const dutyOfficerBodySchema = z.object({
  shiftId: z.uuid(m('请选择班次', 'Choose a shift')),
  userId: z.uuid(m('请选择用户', 'Choose a user')),
});

export const briefingBodySchema = z.object({
  day: z
    .string(m('请选择日期', 'Choose a day'))
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD||The day is YYYY-MM-DD')
    .refine(isDutyDay, '日期不存在||Not a real calendar day'),
});

/** A real calendar day (2026-02-31 is not): the day survives a round trip through a UTC date. */
export function isDutyDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** The signal sources and stages as the duty page and the briefing name them (board's enums, 052). */
export const CM_DUTY_SOURCE_LABELS: Record<string, { zh: string; en: string }> = {
  accident: { zh: '生产安全事故', en: 'Accident' },
  majorHazard: { zh: '重大事故隐患', en: 'Major hazard' },
  alarm: { zh: '监测预警', en: 'Monitoring alarm' },
  publicReport: { zh: '群众举报', en: 'Public report' },
  healthEvent: { zh: '突发公共卫生事件', en: 'Health event' },
  supplyRequest: { zh: '物资请求', en: 'Supply request' },
  hotline: { zh: '热线来电', en: 'Hotline call' },
};
export const CM_DUTY_SEVERITY_LABELS: Record<string, { zh: string; en: string }> = {
  low: { zh: '低', en: 'Low' },
  normal: { zh: '一般', en: 'Normal' },
  high: { zh: '高', en: 'High' },
  critical: { zh: '紧急', en: 'Critical' },
};
