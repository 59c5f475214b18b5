// Labels, not codes: every audit action the server writes, every object type it names and the
// accounts that are not people (the system's jobs, the demo seed, a public reporter), each with the
// words a person reads in Chinese and English. appendAudit takes an AuditAction, so an action
// written without a label here does not typecheck.
type Label = { zh: string; en: string };

export const AUDIT_ACTION_LABELS = {
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.loginFailed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.locked': { zh: '账号锁定', en: 'Account locked' },
  'user.create': { zh: '新建用户', en: 'User created' },
  'user.update': { zh: '修改用户', en: 'User changed' },
  'department.create': { zh: '新建行业部门', en: 'Department created' },
  'department.update': { zh: '修改行业部门', en: 'Department changed' },
  'enterprise.create': { zh: '新建企业', en: 'Enterprise created' },
  'enterprise.update': { zh: '修改企业信息', en: 'Enterprise changed' },
  'enterprise.delete': { zh: '删除企业', en: 'Enterprise deleted' },
  'enterprise.import': { zh: '批量导入企业', en: 'Enterprises imported' },
  'enterpriseChange.request': { zh: '申请变更企业监管要素', en: 'Enterprise change requested' },
  'enterpriseChange.approve': { zh: '批准企业监管要素变更', en: 'Enterprise change approved' },
  'enterpriseChange.reject': { zh: '驳回企业监管要素变更', en: 'Enterprise change rejected' },
  'enterpriseChange.withdraw': { zh: '撤回企业监管要素变更申请', en: 'Enterprise change request withdrawn' },
  'checklist.publish': { zh: '发布检查表', en: 'Checklist published' },
  'inspection.plan': { zh: '安排检查', en: 'Inspection planned' },
  'inspection.submit': { zh: '提交检查结果', en: 'Inspection submitted' },
  'schedule.create': { zh: '新建自查计划', en: 'Schedule created' },
  'schedule.pause': { zh: '暂停自查计划', en: 'Schedule paused' },
  'schedule.resume': { zh: '恢复自查计划', en: 'Schedule resumed' },
  'hazard.report': { zh: '上报隐患', en: 'Hazard reported' },
  'hazard.fixes': { zh: '填写“五落实”', en: 'Five fixes recorded' },
  'hazard.assign': { zh: '交办整改', en: 'Hazard assigned' },
  'hazard.start': { zh: '开始整改', en: 'Rectification started' },
  'hazard.submit': { zh: '提交验收', en: 'Submitted for acceptance' },
  'hazard.accept': { zh: '验收销号', en: 'Accepted and closed' },
  'hazard.sendBack': { zh: '退回整改', en: 'Sent back' },
  'hazard.cancel': { zh: '撤销隐患', en: 'Hazard cancelled' },
  'hazard.list': { zh: '挂牌督办', en: 'Hazard listed for supervision' },
  'hazard.escalate': { zh: '逾期升级', en: 'Escalated when overdue' },
  'hazard.photo': { zh: '上传隐患照片', en: 'Hazard photo added' },
  'hazard.dossierNumberIssued': { zh: '编发隐患档案编号', en: 'Dossier number issued' },
  'riskPoint.create': { zh: '新建风险点', en: 'Risk point created' },
  'riskPoint.update': { zh: '修改风险点', en: 'Risk point changed' },
  'riskPoint.assess': { zh: '风险评估', en: 'Risk assessed' },
  'riskPoint.delete': { zh: '删除风险点', en: 'Risk point deleted' },
  'riskThresholds.set': { zh: '设置风险分级阈值', en: 'Risk thresholds set' },
  'sitePlan.upload': { zh: '上传厂区平面图', en: 'Site plan uploaded' },
  'riskArea.create': { zh: '新建风险区域', en: 'Risk area created' },
  'riskArea.update': { zh: '修改风险区域', en: 'Risk area changed' },
  'riskArea.delete': { zh: '删除风险区域', en: 'Risk area deleted' },
  'installation.create': { zh: '新建危险化学品单元', en: 'Installation created' },
  'installation.update': { zh: '修改危险化学品单元', en: 'Installation changed' },
  'installation.delete': { zh: '删除危险化学品单元', en: 'Installation deleted' },
  'riskReport.create': { zh: '起草风险报告', en: 'Risk report drafted' },
  'riskReport.submit': { zh: '报送风险报告', en: 'Risk report submitted' },
  'riskReport.acknowledge': { zh: '确认收到风险报告', en: 'Risk report acknowledged' },
  'riskReport.return': { zh: '退回风险报告', en: 'Risk report returned' },
  'sensor.create': { zh: '新建监测点', en: 'Sensor created' },
  'sensor.update': { zh: '修改监测点', en: 'Sensor changed' },
  'sensor.decommission': { zh: '停用监测点', en: 'Sensor decommissioned' },
  'sensor.delete': { zh: '删除监测点', en: 'Sensor deleted' },
  'gatewayCredential.issue': { zh: '签发网关凭据', en: 'Gateway credential issued' },
  'gatewayCredential.revoke': { zh: '吊销网关凭据', en: 'Gateway credential revoked' },
  'telemetry.expire': { zh: '清理过期监测数据', en: 'Old readings removed' },
  'alarm.raise': { zh: '产生报警', en: 'Alarm raised' },
  'alarm.severityRise': { zh: '报警级别升高', en: 'Alarm severity rose' },
  'alarm.escalate': { zh: '报警逾期升级', en: 'Alarm escalated' },
  'alarm.acknowledge': { zh: '确认报警', en: 'Alarm acknowledged' },
  'alarm.handle': { zh: '处置报警', en: 'Alarm handled' },
  'alarm.clear': { zh: '解除报警', en: 'Alarm cleared' },
  'report.receive': { zh: '收到举报', en: 'Report received' },
  'report.reporterMessage': { zh: '举报人留言', en: 'Reporter message' },
  'report.reporterFile': { zh: '举报人补充材料', en: 'Reporter file added' },
  'report.accept': { zh: '受理举报', en: 'Report accepted' },
  'report.reject': { zh: '不予受理', en: 'Report rejected' },
  'report.verify': { zh: '开始核查', en: 'Verification started' },
  'report.substantiate': { zh: '核查属实', en: 'Substantiated' },
  'report.unsubstantiate': { zh: '核查不属实', en: 'Not substantiated' },
  'report.decideReward': { zh: '决定奖励', en: 'Reward decided' },
  'report.payReward': { zh: '发放奖励', en: 'Reward paid' },
  'report.close': { zh: '办结举报', en: 'Report closed' },
  'report.merge': { zh: '合并办理', en: 'Report merged' },
  'report.escalate': { zh: '举报逾期升级', en: 'Report escalated' },
  'report.file': { zh: '上传办理材料', en: 'Handling file added' },
  'report.message': { zh: '答复举报人', en: 'Message to the reporter' },
  'report.rewardRule': { zh: '修改奖励规则', en: 'Reward rule changed' },
  'report.revealRequest': { zh: '申请查看举报人身份', en: 'Identity reveal requested' },
  'report.revealApprove': { zh: '批准查看举报人身份', en: 'Identity reveal approved' },
  'report.revealRefuse': { zh: '拒绝查看举报人身份', en: 'Identity reveal refused' },
  'report.reveal': { zh: '查看举报人身份', en: 'Reporter identity viewed' },
  'calendarDay.set': { zh: '设置节假日安排', en: 'Calendar day set' },
  'calendarDay.delete': { zh: '删除节假日安排', en: 'Calendar day removed' },
  'report.purge': { zh: '到期清除举报人信息', en: 'Reporter data purged' },
  'regionBoundaries.upload': { zh: '上传行政区划边界', en: 'Region boundaries uploaded' },
  'setting.update': { zh: '修改系统设置', en: 'Setting changed' },
  'setting.removeOverride': { zh: '删除省级设置（恢复全国值）', en: 'Province setting removed (national value applies)' },
  // Enforcement documents (issue 24, the shared documents core).
  'enforcementDocument.issue': { zh: '签发执法文书', en: 'Enforcement document issued' },
  'enforcementDocument.serve': { zh: '送达执法文书', en: 'Enforcement document served' },
  'enforcementDocument.sign': { zh: '当事人签收文书', en: 'Document signed by the party' },
  'enforcementDocument.refuseSignature': { zh: '当事人拒绝签收', en: 'The party refused to sign' },
} as const satisfies Record<string, Label>;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** The kind of object an audit event names. */
export const AUDIT_ENTITY_LABELS = {
  user: { zh: '用户', en: 'User' },
  department: { zh: '行业部门', en: 'Department' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  checklist: { zh: '检查表', en: 'Checklist' },
  inspection: { zh: '检查', en: 'Inspection' },
  inspectionSchedule: { zh: '自查计划', en: 'Schedule' },
  hazard: { zh: '隐患', en: 'Hazard' },
  riskPoint: { zh: '风险点', en: 'Risk point' },
  riskThresholds: { zh: '风险分级阈值', en: 'Risk thresholds' },
  riskArea: { zh: '风险区域', en: 'Risk area' },
  installation: { zh: '危险化学品单元', en: 'Installation' },
  riskReport: { zh: '风险报告', en: 'Risk report' },
  sensor: { zh: '监测点', en: 'Sensor' },
  gatewayCredential: { zh: '网关凭据', en: 'Gateway credential' },
  readings: { zh: '监测数据', en: 'Readings' },
  alarm: { zh: '报警', en: 'Alarm' },
  report: { zh: '举报', en: 'Public report' },
  rewardRule: { zh: '奖励规则', en: 'Reward rule' },
  calendarDay: { zh: '节假日安排', en: 'Calendar day' },
  regionBoundaries: { zh: '行政区划边界', en: 'Region boundaries' },
  setting: { zh: '系统设置', en: 'Setting' },
  enforcementDocument: { zh: '执法文书', en: 'Enforcement document' },
} as const satisfies Record<string, Label>;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_LABELS;

/** Accounts that are not a person: who the trail and a history name instead of a user. */
export const SYSTEM_ACTOR_LABELS = {
  system: { zh: '系统自动处理', en: 'Automatic (system)' },
  demo: { zh: '演示数据', en: 'Demo data' },
  public: { zh: '公众举报人', en: 'Public reporter' },
} as const satisfies Record<string, Label>;
export type SystemActor = keyof typeof SYSTEM_ACTOR_LABELS;

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(table, key);

/** An actor as a person reads it: a system account's label, else the user name as stored. */
export function actorLabel(actor: string, lang: 'zh' | 'en'): string {
  return has(SYSTEM_ACTOR_LABELS, actor) ? SYSTEM_ACTOR_LABELS[actor][lang] : actor;
}
/** An audit action's label; an action unknown to this build (a newer server) shows as written. */
export function auditActionLabel(action: string, lang: 'zh' | 'en'): string {
  return has(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action][lang] : action;
}
export function auditEntityLabel(entityType: string, lang: 'zh' | 'en'): string {
  return has(AUDIT_ENTITY_LABELS, entityType) ? AUDIT_ENTITY_LABELS[entityType][lang] : entityType;
}
