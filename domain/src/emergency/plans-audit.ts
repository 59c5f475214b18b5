// Audit labels of 应急预案与备案 (issue 27), spread into audit/actions.ts. Owner: plans (预案、备案、评估修订、应急处置卡).
type Label = { zh: string; en: string };

export const EMERGENCY_PLANS_AUDIT_ACTIONS = {
  'emergencyPlans.create': { zh: '应急预案：新建', en: 'Emergency plan: created' },
  'emergencyPlans.edit': { zh: '应急预案：修改内容', en: 'Emergency plan: content edited' },
  'emergencyPlans.recordReview': { zh: '应急预案：登记评审/论证', en: 'Emergency plan: review recorded' },
  'emergencyPlans.sign': { zh: '应急预案：主要负责人签署', en: 'Emergency plan: signed by the principal' },
  'emergencyPlans.publish': { zh: '应急预案：公布', en: 'Emergency plan: published' },
  'emergencyPlans.revise': { zh: '应急预案：修订（新版本）', en: 'Emergency plan: revision started (new version)' },
  'emergencyPlans.evaluate': { zh: '应急预案：定期评估', en: 'Emergency plan: periodic evaluation' },
  'emergencyPlans.abolish': { zh: '应急预案：废止', en: 'Emergency plan: abolished' },
  'emergencyPlans.recordTrigger': { zh: '应急预案：登记修订情形', en: 'Emergency plan: revision trigger recorded' },
  'emergencyPlans.submitFiling': { zh: '应急预案备案：提交', en: 'Plan filing: submitted' },
  'emergencyPlans.returnFiling': { zh: '应急预案备案：一次性告知补正', en: 'Plan filing: one-time notice of missing items' },
  'emergencyPlans.resubmitFiling': { zh: '应急预案备案：补正后重新提交', en: 'Plan filing: resubmitted' },
  'emergencyPlans.acceptFiling': { zh: '应急预案备案：予以备案', en: 'Plan filing: accepted' },
  'emergencyPlans.deemFiling': { zh: '应急预案备案：逾期视为已备案', en: 'Plan filing: deemed filed' },
} as const satisfies Record<string, Label>;
export const EMERGENCY_PLANS_AUDIT_ENTITIES = {
  emergencyPlan: { zh: '应急预案', en: 'Emergency plan' },
  emergencyPlanFiling: { zh: '应急预案备案', en: 'Emergency plan filing' },
} as const satisfies Record<string, Label>;
