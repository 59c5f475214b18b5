// Audit labels of 应急演练 (issue 27), spread into audit/actions.ts. Owner: drills (演练计划、实施、评估、频次检查).
// The steps are written as `drills.${action}` (DRILL_STEP_ACTIONS), plus create and the photo.
type Label = { zh: string; en: string };

export const DRILLS_AUDIT_ACTIONS = {
  'drills.create': { zh: '应急演练：登记', en: 'Drill: recorded' },
  'drills.edit': { zh: '应急演练：修改', en: 'Drill: edited' },
  'drills.complete': { zh: '应急演练：登记实施', en: 'Drill: held' },
  'drills.cancel': { zh: '应急演练：取消', en: 'Drill: cancelled' },
  'drills.evaluate': { zh: '应急演练：评估报告', en: 'Drill: evaluation written' },
  'drills.report': { zh: '应急演练：报送', en: 'Drill: reported to the regulator' },
  'drills.spotCheck': { zh: '应急演练：抽查', en: 'Drill: spot-checked' },
  'drills.correct': { zh: '应急演练：改正', en: 'Drill: corrected' },
  'drills.problemToHazard': { zh: '应急演练：问题转隐患', en: 'Drill: problem made a hazard' },
  'drills.problemToRevision': { zh: '应急演练：问题转预案修订', en: 'Drill: problem made a plan revision trigger' },
  'drills.addPhoto': { zh: '应急演练：上传照片', en: 'Drill: photo added' },
} as const satisfies Record<string, Label>;
export const DRILLS_AUDIT_ENTITIES = {
  drill: { zh: '应急演练', en: 'Drill' },
} as const satisfies Record<string, Label>;
