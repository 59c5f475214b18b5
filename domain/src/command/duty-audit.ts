// Audit labels of 值班与简报 (issue 28), spread into audit/actions.ts. Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
type Label = { zh: string; en: string };

export const CM_DUTY_AUDIT_ACTIONS = {
  'cmDuty.linkOfficer': { zh: '指定值班员账号', en: 'Link a duty shift to a user' },
  'cmDuty.addEntry': { zh: '记录值班日志', en: 'Add a duty log entry' },
  'cmDuty.handOver': { zh: '交接班', en: 'Hand over the duty' },
  'cmDuty.generateBriefing': { zh: '生成每日简报', en: 'Generate the daily briefing' },
} as const satisfies Record<string, Label>;
export const CM_DUTY_AUDIT_ENTITIES = {
  dutyLog: { zh: '值班日志', en: 'Duty log' },
  dailyBriefing: { zh: '每日简报', en: 'Daily briefing' },
} as const satisfies Record<string, Label>;
