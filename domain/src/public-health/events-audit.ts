// Audit labels of 突发公共卫生事件 (issue 28), spread into audit/actions.ts. Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
// A contact's name and phone are personal data: the audit events name the event, never the person.
type Label = { zh: string; en: string };

export const PH_EVENTS_AUDIT_ACTIONS = {
  'phEvents.detect': { zh: '生成聚集性信号', en: 'Cluster signal raised' },
  'phEvents.create': { zh: '登记突发公共卫生事件', en: 'Health event registered' },
  'phEvents.confirm': { zh: '确认事件', en: 'Event confirmed' },
  'phEvents.dismiss': { zh: '排除信号', en: 'Signal dismissed' },
  'phEvents.grade': { zh: '事件定级', en: 'Event graded' },
  'phEvents.respond': { zh: '启动响应', en: 'Response started' },
  'phEvents.chainStep': { zh: '记录报告链', en: 'Reporting step recorded' },
  'phEvents.report': { zh: '提交事件报告', en: 'Event report filed' },
  'phEvents.close': { zh: '事件结案', en: 'Event closed' },
  'phEvents.linkCase': { zh: '关联病例', en: 'Case linked' },
  'phEvents.addContact': { zh: '登记密切接触者', en: 'Contact registered' },
  'phEvents.addTask': { zh: '新建任务', en: 'Task created' },
  'phEvents.assignTask': { zh: '分派任务', en: 'Task assigned' },
  'phEvents.doneTask': { zh: '完成任务', en: 'Task done' },
  'phEvents.cancelTask': { zh: '取消任务', en: 'Task cancelled' },
} as const satisfies Record<string, Label>;
export const PH_EVENTS_AUDIT_ENTITIES = {
  phEvent: { zh: '突发公共卫生事件', en: 'Health event' },
  phTask: { zh: '公共卫生任务', en: 'Public-health task' },
} as const satisfies Record<string, Label>;
