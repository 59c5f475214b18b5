// Audit labels of assessments, vetoes and bulletins (issue 26), spread into audit/actions.ts.
type Label = { zh: string; en: string };

export const ASSESSMENT_AUDIT_ACTIONS = {
  'assessment.create': { zh: '创建考核表', en: 'Assessment sheet created' },
  'assessment.compute': { zh: '计算考核得分', en: 'Assessment computed' },
  'assessment.score': { zh: '考核人工评分', en: 'Assessment item scored by hand' },
  'assessment.submit': { zh: '报送考核表', en: 'Assessment submitted' },
  'assessment.confirm': { zh: '确认考核结果', en: 'Assessment confirmed' },
  'assessment.return': { zh: '退回考核表', en: 'Assessment returned' },
  'assessment.submitFixPlan': { zh: '报送考核整改方案', en: 'Fix plan submitted' },
  'assessment.template': { zh: '修订考核模板', en: 'Assessment template revised' },
  'assessment.veto': { zh: '记录一票否决', en: 'Veto recorded' },
  'assessment.vetoRevoke': { zh: '撤销一票否决', en: 'Veto revoked' },
  'assessment.bulletin': { zh: '印发季度通报', en: 'Quarterly bulletin issued' },
} as const satisfies Record<string, Label>;
export const ASSESSMENT_AUDIT_ENTITIES = {
  assessment: { zh: '考核表', en: 'Assessment' },
  assessmentTemplate: { zh: '考核模板', en: 'Assessment template' },
  assessmentVeto: { zh: '一票否决', en: 'Veto' },
  assessmentBulletin: { zh: '季度通报', en: 'Quarterly bulletin' },
} as const satisfies Record<string, Label>;
