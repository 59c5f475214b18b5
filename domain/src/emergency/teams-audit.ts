// Audit labels of 队伍、专家与值班 (issue 27), spread into audit/actions.ts. Owner: teams (救援队伍、专家、值班).
// An expert's phone is personal data: the audit events name the expert, never the number.
type Label = { zh: string; en: string };

export const TEAMS_AUDIT_ACTIONS = {
  'teams.createTeam': { zh: '登记救援队伍', en: 'Rescue team registered' },
  'teams.updateTeam': { zh: '修改救援队伍', en: 'Rescue team changed' },
  'teams.createExpert': { zh: '登记应急专家', en: 'Expert registered' },
  'teams.updateExpert': { zh: '修改应急专家', en: 'Expert changed' },
  'teams.createAgreement': { zh: '登记救援协议', en: 'Rescue agreement recorded' },
  'teams.endAgreement': { zh: '终止救援协议', en: 'Rescue agreement ended' },
  'teams.addShift': { zh: '排班', en: 'Duty shift added' },
  'teams.removeShift': { zh: '删除班次', en: 'Duty shift removed' },
  'teams.copyWeek': { zh: '复制上周值班表', en: 'Last week’s roster copied' },
  'teams.setDutyPhone': { zh: '设置值班电话', en: 'Duty phone set' },
} as const satisfies Record<string, Label>;
export const TEAMS_AUDIT_ENTITIES = {
  rescueTeam: { zh: '救援队伍', en: 'Rescue team' },
  emergencyExpert: { zh: '应急专家', en: 'Emergency expert' },
  rescueAgreement: { zh: '救援协议', en: 'Rescue agreement' },
  dutyShift: { zh: '值班班次', en: 'Duty shift' },
  dutyPhone: { zh: '值班电话', en: 'Duty phone' },
} as const satisfies Record<string, Label>;
