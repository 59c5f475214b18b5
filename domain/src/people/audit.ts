// Audit labels of certificates, training and publicity (issue 26), spread into audit/actions.ts.
type Label = { zh: string; en: string };

export const PEOPLE_AUDIT_ACTIONS = {
  'person.create': { zh: '登记人员', en: 'Person recorded' },
  'person.update': { zh: '修改人员信息', en: 'Person changed' },
  'certificate.add': { zh: '登记证书', en: 'Certificate recorded' },
  'certificate.review': { zh: '登记证书复审', en: 'Certificate review recorded' },
  'certificate.import': { zh: '批量导入证书', en: 'Certificates imported' },
  'training.add': { zh: '登记培训学时', en: 'Training recorded' },
  'closedCourse.order': { zh: '责令参加强制性封闭培训', en: 'Closed training ordered' },
  'closedCourse.attendance': { zh: '登记封闭培训参训情况', en: 'Closed training attendance recorded' },
  'publicity.record': { zh: '登记安全宣传活动', en: 'Publicity event recorded' },
} as const satisfies Record<string, Label>;
export const PEOPLE_AUDIT_ENTITIES = {
  person: { zh: '人员', en: 'Person' },
  certificate: { zh: '证书', en: 'Certificate' },
  closedCourse: { zh: '封闭培训班', en: 'Closed training course' },
  publicityEvent: { zh: '安全宣传活动', en: 'Publicity event' },
} as const satisfies Record<string, Label>;
