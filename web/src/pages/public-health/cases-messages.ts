// UI strings of 传染病报告 (issue 28). Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并). Keys start with phCa.
import type { Messages } from '../../messages.ts';

export const phCasesMessages = {
  phMenuGroup: { zh: '公共卫生', en: 'Public health' },
  phCaMenu: { zh: '传染病报告', en: 'Case reports' },
} satisfies Messages;
