// Audit labels of 传染病报告 (issue 28), spread into audit/actions.ts. Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
type Label = { zh: string; en: string };

export const PH_CASES_AUDIT_ACTIONS = {
  'phCases.report': { zh: '提交传染病报告卡', en: 'Report a case' },
  'phCases.review': { zh: '审核报告卡', en: 'Review a case' },
  'phCases.return': { zh: '退回报告卡', en: 'Return a case' },
  'phCases.resubmit': { zh: '重新提交报告卡', en: 'Resubmit a case' },
  'phCases.revoke': { zh: '删除（撤销）报告卡', en: 'Revoke a case' },
  'phCases.reclassify': { zh: '订正病例分类', en: 'Reclassify a case' },
  'phCases.merge': { zh: '合并重复报告卡', en: 'Merge a duplicate case' },
  'phDiseases.create': { zh: '新增法定传染病病种', en: 'Add a notifiable disease' },
  'phDiseases.change': { zh: '调整病种分类（新版本）', en: 'Change a disease’s class (new version)' },
  'phDiseases.remove': { zh: '病种移出法定报告名录', en: 'Remove a disease from the list' },
  'phDiseases.confirm': { zh: '确认暂定病种版本', en: 'Confirm a provisional disease version' },
} as const satisfies Record<string, Label>;
export const PH_CASES_AUDIT_ENTITIES = {
  phCase: { zh: '传染病报告卡', en: 'Case report' },
  phDisease: { zh: '病种', en: 'Disease' },
} as const satisfies Record<string, Label>;
