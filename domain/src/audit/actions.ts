// Labels, not codes: every audit action the server writes, every object type it names and the
// accounts that are not people (the system's jobs, the demo seed, a public reporter), each with the
// words a person reads in Chinese and English. appendAudit takes an AuditAction, so an action
// written without a label here does not typecheck.
import { ASSESSMENT_AUDIT_ACTIONS, ASSESSMENT_AUDIT_ENTITIES } from '../accountability/assessment-audit.ts';
import { ACCOUNTABILITY_AUDIT_ACTIONS, ACCOUNTABILITY_AUDIT_ENTITIES } from '../accountability/audit.ts';
import { CM_BOARD_AUDIT_ACTIONS, CM_BOARD_AUDIT_ENTITIES } from '../command/board-audit.ts';
import { CM_DUTY_AUDIT_ACTIONS, CM_DUTY_AUDIT_ENTITIES } from '../command/duty-audit.ts';
import { CREDIT_AUDIT_ACTIONS, CREDIT_AUDIT_ENTITIES } from '../credit/audit.ts';
import { BLACKLIST_AUDIT_ACTIONS, BLACKLIST_AUDIT_ENTITIES } from '../credit/blacklist-audit.ts';
import { DISPATCH_AUDIT_ACTIONS, DISPATCH_AUDIT_ENTITIES } from '../emergency/dispatch-audit.ts';
import { DRILLS_AUDIT_ACTIONS, DRILLS_AUDIT_ENTITIES } from '../emergency/drills-audit.ts';
import { EMERGENCY_PLANS_AUDIT_ACTIONS, EMERGENCY_PLANS_AUDIT_ENTITIES } from '../emergency/plans-audit.ts';
import { SUPPLIES_AUDIT_ACTIONS, SUPPLIES_AUDIT_ENTITIES } from '../emergency/supplies-audit.ts';
import { TEAMS_AUDIT_ACTIONS, TEAMS_AUDIT_ENTITIES } from '../emergency/teams-audit.ts';
import { PEOPLE_AUDIT_ACTIONS, PEOPLE_AUDIT_ENTITIES } from '../people/audit.ts';
import { PH_CASES_AUDIT_ACTIONS, PH_CASES_AUDIT_ENTITIES } from '../public-health/cases-audit.ts';
import { PH_EVENTS_AUDIT_ACTIONS, PH_EVENTS_AUDIT_ENTITIES } from '../public-health/events-audit.ts';
import { PH_LEVELS_AUDIT_ACTIONS, PH_LEVELS_AUDIT_ENTITIES } from '../public-health/levels-audit.ts';

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
  // enforcement: classes and plans
  'enterpriseClass.recompute': { zh: '重新计算企业分类分级', en: 'Enterprise classes recomputed' },
  'enterpriseClass.override': { zh: '人工调整企业分类分级', en: 'Enterprise class set by hand' },
  'enterpriseClass.clearOverride': { zh: '取消人工调整的分类分级', en: 'Hand-set enterprise class cleared' },
  'enforcementPlan.generate': { zh: '生成年度监督检查计划', en: 'Annual plan generated' },
  'enforcementPlan.editItem': { zh: '修改年度计划条目', en: 'Annual plan item changed' },
  'enforcementPlan.submit': { zh: '提交年度计划审批', en: 'Annual plan submitted' },
  'enforcementPlan.approve': { zh: '批准年度计划', en: 'Annual plan approved' },
  'enforcementPlan.publish': { zh: '公布年度计划', en: 'Annual plan published' },
  'enforcementPlan.revise': { zh: '年度计划退回修改', en: 'Annual plan sent back to draft' },
  'enforcementPlan.schedule': { zh: '安排计划内检查', en: 'Planned inspection scheduled' },
  'enforcementCampaign.create': { zh: '新建专项整治', en: 'Campaign created' },
  // enforcement: draws
  'enforcementDraw.commit': { zh: '双随机抽取：公示承诺', en: 'Random draw committed' },
  'enforcementDraw.perform': { zh: '双随机抽取：执行抽取', en: 'Random draw performed' },
  'enforcementDraw.cancel': { zh: '双随机抽取：取消', en: 'Random draw cancelled' },
  'enforcementOfficer.add': { zh: '登记执法人员', en: 'Enforcement officer registered' },
  'enforcementOfficer.update': { zh: '修改执法人员信息', en: 'Enforcement officer changed' },
  'enforcementOfficer.conflict': { zh: '登记执法人员回避事项', en: 'Officer conflict of interest recorded' },
  // enforcement: inspections
  'enforcementInspection.create': { zh: '安排执法检查', en: 'Enforcement inspection planned' },
  'enforcementInspection.start': { zh: '开始现场检查', en: 'On-site inspection started' },
  'enforcementInspection.addFinding': { zh: '记录检查发现的问题', en: 'Finding recorded' },
  'enforcementInspection.removeFinding': { zh: '删除检查发现的问题', en: 'Finding removed' },
  'enforcementInspection.record': { zh: '制作现场检查记录', en: 'Inspection record made' },
  'enforcementInspection.review': { zh: '整改复查', en: 'Rectification reviewed' },
  'enforcementInspection.cancel': { zh: '取消执法检查', en: 'Enforcement inspection cancelled' },
  // enforcement: cases
  'enforcementCase.open': { zh: '立案', en: 'Case filed' },
  'enforcementCase.investigate': { zh: '案件转入调查取证', en: 'Case investigation started' },
  'enforcementCase.editFacts': { zh: '修改案件事实与证据', en: 'Case facts and evidence recorded' },
  'enforcementCase.notify': { zh: '拟处罚并告知当事人', en: 'Penalty proposed and party notified' },
  'enforcementCase.requestHearing': { zh: '当事人申请听证', en: 'Hearing requested' },
  'enforcementCase.recordHearing': { zh: '记录听证', en: 'Hearing recorded' },
  'enforcementCase.submitReview': { zh: '案件提交审核', en: 'Case submitted for review' },
  'enforcementCase.approve': { zh: '审核通过并作出处罚决定', en: 'Penalty decided after review' },
  'enforcementCase.sendBack': { zh: '案件退回补充调查', en: 'Case sent back' },
  'enforcementCase.serve': { zh: '送达处罚决定书', en: 'Decision served' },
  'enforcementCase.recordPayment': { zh: '登记罚款缴纳', en: 'Payment recorded' },
  'enforcementCase.remind': { zh: '催告缴纳罚款', en: 'Payment reminder issued' },
  'enforcementCase.decideLateFee': { zh: '决定加处罚款', en: 'Late fee decided' },
  'enforcementCase.recordDailyPenalty': { zh: '按日连续处罚', en: 'Daily penalty recorded' },
  'enforcementCase.acceptResumption': { zh: '复产验收', en: 'Resumption accepted' },
  'enforcementCase.close': { zh: '结案', en: 'Case closed' },
  'enforcementCase.transfer': { zh: '案件移送司法机关', en: 'Case transferred to the judiciary' },
  'enforcementCase.drop': { zh: '不予处罚/撤销立案', en: 'Case dropped' },
  'enforcementCase.publish': { zh: '公开处罚决定', en: 'Decision published' },
  'enforcementCase.recordInterference': { zh: '记录插手干预', en: 'Interference recorded' },
  // accidents (issue 25)
  'accident.report': { zh: '事故快报', en: 'Accident reported' },
  'accident.followUp': { zh: '事故续报', en: 'Accident follow-up report' },
  'accident.photo': { zh: '上传事故现场照片', en: 'Accident scene photo added' },
  'accident.endReporting': { zh: '事故终报', en: 'Accident final report' },
  'accident.forward': { zh: '事故上报', en: 'Accident forwarded up' },
  'accident.acknowledge': { zh: '签收事故报告', en: 'Accident report acknowledged' },
  'accident.notifyParallel': { zh: '通报有关部门', en: 'Bodies notified of the accident' },
  'accident.markFault': { zh: '认定迟报/漏报/谎报/瞒报', en: 'Reporting fault recorded' },
  'accident.startInvestigation': { zh: '启动事故调查', en: 'Accident investigation started' },
  'accident.takeOver': { zh: '提级调查', en: 'Investigation taken over' },
  'accident.addMember': { zh: '调查组成员', en: 'Investigation team members added' },
  'accident.pause': { zh: '技术鉴定（暂停计时）', en: 'Investigation paused for appraisal' },
  'accident.resume': { zh: '鉴定结束（恢复计时）', en: 'Investigation resumed' },
  'accident.extend': { zh: '延长调查期限', en: 'Investigation deadline extended' },
  'accident.submitReport': { zh: '提交事故调查报告', en: 'Investigation report submitted' },
  'accident.returnReport': { zh: '退回事故调查报告', en: 'Investigation report returned' },
  'accident.approve': { zh: '批复事故调查报告', en: 'Investigation report approved' },
  'accident.publish': { zh: '公开事故调查报告', en: 'Investigation report published' },
  'accident.evaluate': { zh: '事故整改评估', en: 'Fixes evaluated' },
  'accident.pushLesson': { zh: '事故警示推送', en: 'Accident lessons pushed' },
  'accidentLesson.acknowledge': { zh: '签收事故警示并自查', en: 'Accident lesson acknowledged' },
  // credit and accountability (issue 26): each part keeps its labels beside its rules
  ...CREDIT_AUDIT_ACTIONS,
  ...BLACKLIST_AUDIT_ACTIONS,
  ...ACCOUNTABILITY_AUDIT_ACTIONS,
  ...ASSESSMENT_AUDIT_ACTIONS,
  ...PEOPLE_AUDIT_ACTIONS,
  ...EMERGENCY_PLANS_AUDIT_ACTIONS,
  ...DRILLS_AUDIT_ACTIONS,
  ...SUPPLIES_AUDIT_ACTIONS,
  ...DISPATCH_AUDIT_ACTIONS,
  ...TEAMS_AUDIT_ACTIONS,
  ...PH_CASES_AUDIT_ACTIONS,
  ...PH_EVENTS_AUDIT_ACTIONS,
  ...PH_LEVELS_AUDIT_ACTIONS,
  ...CM_BOARD_AUDIT_ACTIONS,
  ...CM_DUTY_AUDIT_ACTIONS,
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
  // enforcement entities: classes and plans
  enterpriseClass: { zh: '企业分类分级', en: 'Enterprise class' },
  enforcementPlan: { zh: '年度监督检查计划', en: 'Annual enforcement plan' },
  enforcementCampaign: { zh: '专项整治', en: 'Campaign' },
  // enforcement entities: draws
  enforcementDraw: { zh: '双随机抽取', en: 'Random draw' },
  enforcementOfficer: { zh: '执法人员', en: 'Enforcement officer' },
  // enforcement entities: inspections
  enforcementInspection: { zh: '执法检查', en: 'Enforcement inspection' },
  // enforcement entities: cases
  enforcementCase: { zh: '行政处罚案件', en: 'Penalty case' },
  // accidents
  accident: { zh: '事故', en: 'Accident' },
  accidentLesson: { zh: '事故警示', en: 'Accident lesson' },
  ...CREDIT_AUDIT_ENTITIES,
  ...BLACKLIST_AUDIT_ENTITIES,
  ...ACCOUNTABILITY_AUDIT_ENTITIES,
  ...ASSESSMENT_AUDIT_ENTITIES,
  ...PEOPLE_AUDIT_ENTITIES,
  ...EMERGENCY_PLANS_AUDIT_ENTITIES,
  ...DRILLS_AUDIT_ENTITIES,
  ...SUPPLIES_AUDIT_ENTITIES,
  ...DISPATCH_AUDIT_ENTITIES,
  ...TEAMS_AUDIT_ENTITIES,
  ...PH_CASES_AUDIT_ENTITIES,
  ...PH_EVENTS_AUDIT_ENTITIES,
  ...PH_LEVELS_AUDIT_ENTITIES,
  ...CM_BOARD_AUDIT_ENTITIES,
  ...CM_DUTY_AUDIT_ENTITIES,
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
