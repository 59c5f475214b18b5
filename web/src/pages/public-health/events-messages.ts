// UI strings of 突发公共卫生事件 (issue 28). Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务). Keys start with phEv.
import type { Messages } from '../../messages.ts';

export const phEventsMessages = {
  phEvMenu: { zh: '突发公共卫生事件', en: 'Health events' },
} satisfies Messages;
