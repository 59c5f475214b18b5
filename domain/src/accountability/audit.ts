// Audit labels of responsibility lists, 约谈, 黄牌, 通报 and 巡查 (issue 26), spread into audit/actions.ts.
type Label = { zh: string; en: string };

export const ACCOUNTABILITY_AUDIT_ACTIONS = {
  'responsibility.save': { zh: '保存职责清单', en: 'Save a responsibility list' },
  'official.create': { zh: '登记党政领导干部', en: 'Add an official' },
  'official.update': { zh: '修改党政领导干部职责', en: 'Update an official' },
  'officialWork.create': { zh: '添加年度工作', en: 'Add a yearly work item' },
  'officialWork.complete': { zh: '年度工作完成', en: 'Complete a work item' },
  'accountabilityTrigger.decide': { zh: '约谈情形决定', en: 'Decide on a trigger' },
  'accountabilityRecord.create': { zh: '起草约谈/黄牌/通报', en: 'Draft an interview, yellow card or circular' },
  'accountabilityRecord.edit': { zh: '修改约谈/黄牌/通报', en: 'Edit an interview, yellow card or circular' },
  'accountabilityRecord.issue': { zh: '下发约谈/黄牌/通报', en: 'Issue an interview, yellow card or circular' },
  'accountabilityRecord.recordMeeting': { zh: '登记约谈', en: 'Record an interview meeting' },
  'accountabilityRecord.receiveReport': { zh: '收到书面报告', en: 'Receive the written report' },
  'accountabilityRecord.followUp': { zh: '整改跟踪记录', en: 'Follow-up note' },
  'accountabilityRecord.close': { zh: '办结约谈/黄牌/通报', en: 'Close an interview, yellow card or circular' },
  'accountabilityRecord.cancel': { zh: '撤销约谈/黄牌/通报', en: 'Cancel an interview, yellow card or circular' },
  'accountabilityRecord.publish': { zh: '公开约谈/黄牌/通报', en: 'Publish an interview, yellow card or circular' },
  'tourRound.create': { zh: '制定巡查计划', en: 'Plan an inspection tour round' },
  'tourTarget.add': { zh: '添加巡查对象', en: 'Add a tour target' },
  'tourTarget.visit': { zh: '登记巡查', en: 'Record a tour visit' },
  'tourFinding.create': { zh: '登记巡查问题', en: 'Record a tour finding' },
  'tourFinding.fix': { zh: '巡查问题整改完成', en: 'Close a tour finding' },
} as const satisfies Record<string, Label>;
export const ACCOUNTABILITY_AUDIT_ENTITIES = {
  responsibilityList: { zh: '职责清单', en: 'Responsibility list' },
  official: { zh: '党政领导干部', en: 'Official' },
  officialWorkItem: { zh: '年度工作', en: 'Yearly work item' },
  accountabilityTrigger: { zh: '约谈情形', en: 'Interview trigger' },
  accountabilityRecord: { zh: '约谈/黄牌/通报', en: 'Interview, yellow card or circular' },
  tourRound: { zh: '巡查轮次', en: 'Tour round' },
  tourTarget: { zh: '巡查对象', en: 'Tour target' },
  tourFinding: { zh: '巡查问题', en: 'Tour finding' },
} as const satisfies Record<string, Label>;
