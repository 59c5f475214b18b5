// Audit labels of credit files, commitments, intermediaries and partner keys (issue 26), spread into audit/actions.ts.
type Label = { zh: string; en: string };

export const CREDIT_AUDIT_ACTIONS = {
  'credit.recompute': { zh: '重新计算信用等级', en: 'Recompute credit levels' },
  'credit.commitmentSign': { zh: '签署安全承诺', en: 'Sign a safety commitment' },
  'credit.commitmentBreach': { zh: '记录违背安全承诺', en: 'Record a broken commitment' },
  'credit.intermediaryCreate': { zh: '新增中介机构', en: 'Add an intermediary' },
  'credit.intermediaryUpdate': { zh: '修改中介机构', en: 'Edit an intermediary' },
  'credit.intermediaryDelete': { zh: '删除中介机构', en: 'Delete an intermediary' },
  'credit.reportCreate': { zh: '登记中介机构报告', en: 'Record an intermediary report' },
  'credit.reportFalse': { zh: '认定虚假报告', en: 'Find a report false' },
  'credit.partnerKeyIssue': { zh: '签发联合惩戒查询密钥', en: 'Issue a partner key' },
  'credit.partnerKeyRevoke': { zh: '吊销联合惩戒查询密钥', en: 'Revoke a partner key' },
} as const satisfies Record<string, Label>;
export const CREDIT_AUDIT_ENTITIES = {
  creditFile: { zh: '信用档案', en: 'Credit file' },
  safetyCommitment: { zh: '安全承诺', en: 'Safety commitment' },
  intermediary: { zh: '中介机构', en: 'Intermediary' },
  intermediaryReport: { zh: '中介机构报告', en: 'Intermediary report' },
  partnerKey: { zh: '合作部门密钥', en: 'Partner key' },
} as const satisfies Record<string, Label>;
