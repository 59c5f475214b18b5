// Audit labels of 指挥中心 (issue 28), spread into audit/actions.ts. Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
type Label = { zh: string; en: string };

export const CM_BOARD_AUDIT_ACTIONS = {
  'cmBoard.signal.analyse': { zh: '指挥信号完成分析', en: 'Command signal analysed' },
  'cmBoard.signal.judge': { zh: '指挥信号完成研判', en: 'Command signal judged' },
  'cmBoard.signal.dismiss': { zh: '指挥信号研判无需处置', en: 'Command signal dismissed' },
  'cmBoard.signal.push': { zh: '指挥信号推送责任单位', en: 'Command signal pushed' },
  'cmBoard.signal.feedback': { zh: '责任单位反馈处置情况', en: 'Command signal feedback given' },
  'cmBoard.signal.rejectFeedback': { zh: '退回责任单位反馈', en: 'Command signal feedback rejected' },
  'cmBoard.signal.verify': { zh: '指挥信号核查通过', en: 'Command signal verified' },
  'cmBoard.signal.close': { zh: '指挥信号反馈办结', en: 'Command signal closed' },
  'cmBoard.signal.escalate': { zh: '指挥信号逾期升级', en: 'Command signal escalated' },
  'cmBoard.hotline.create': { zh: '登记 12345 来电', en: '12345 call entered' },
} as const satisfies Record<string, Label>;
export const CM_BOARD_AUDIT_ENTITIES = {
  commandSignal: { zh: '指挥信号', en: 'Command signal' },
  commandHotlineCall: { zh: '12345 来电', en: '12345 hotline call' },
} as const satisfies Record<string, Label>;
