// Titles of the accidents' 工作台 items (server/src/modules/accidents/workbench.ts sends these keys).
import type { Messages } from '../../messages.ts';

export const accidentWorkMessages = {
  accWorkOverdue: { zh: '事故上报超时', en: 'Accident reports overdue in the chain' },
  accWorkWaitingMine: { zh: '待本级上报的事故', en: 'Accidents waiting for my level to forward' },
  accWorkUnacknowledged: { zh: '本级未签收的事故报告', en: 'Accident reports not yet acknowledged at my level' },
  accWorkInvestigationDue: { zh: '调查期限将到或已超期', en: 'Investigations overdue or due within 10 days' },
  accWorkAwaitingApproval: { zh: '待批复的事故调查报告', en: 'Investigation reports awaiting my approval' },
  accWorkLessons: { zh: '待签收的事故警示', en: 'Accident lessons to acknowledge' },
  accWorkNeedsInspection: { zh: '待安排事故后检查的企业事故', en: 'Accidents at enterprises awaiting a follow-up inspection' },
} satisfies Messages;
