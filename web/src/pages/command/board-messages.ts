// UI strings of 指挥中心 (issue 28). Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板). Keys start with cmBo.
import type { Messages } from '../../messages.ts';

export const cmBoardMessages = {
  cmMenuGroup: { zh: '指挥中心', en: 'Command centre' },
  cmBoMenu: { zh: '指挥看板', en: 'Command board' },
} satisfies Messages;
