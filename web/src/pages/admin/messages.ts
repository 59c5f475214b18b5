// UI strings of the admin pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const adminMessages = {
  chainBroken: { zh: '审计链被破坏：第 {seq} 条（{reason}）', en: 'Audit chain broken at event {seq} ({reason})' },
  chainOk: { zh: '审计链完整：已校验 {n} 条', en: 'Audit chain intact: {n} events verified' },
  department: { zh: '部门', en: 'Department' },
  departmentName: { zh: '部门名称', en: 'Department' },
  departmentShortName: { zh: '简称', en: 'Short name' },
  departmentShortNameHint: {
    zh: '用于公文编号，如“宿应急责改〔2026〕12号”中的“宿应急”；未填时以所在区县名称编号',
    en: 'Used in official document numbers, e.g. 宿应急 in 宿应急责改〔2026〕12号; when empty, numbers carry the county’s name',
  },
  enable: { zh: '启用', en: 'Enable' },
  entity: { zh: '对象', en: 'Entity' },
  filterAuditAction: {
    zh: '动作（如 hazard.accept，或 hazard. 表示全部隐患动作）',
    en: 'Action (e.g. hazard.accept, or hazard. for all hazard actions)',
  },
  filterAuditActor: { zh: '操作人（用户名）', en: 'Actor (username)' },
  filterAuditDate: { zh: '日期', en: 'Date' },
  filterAuditEntityId: { zh: '对象编号', en: 'Object id' },
  filterAuditEntityType: { zh: '对象类型', en: 'Object type' },
  locked: { zh: '锁定', en: 'Locked' },
  nationwide: { zh: '全国', en: 'Nationwide' },
  newDepartment: { zh: '新增部门', en: 'New department' },
  newPassword: { zh: '新密码', en: 'New password' },
  newUser: { zh: '新增用户', en: 'New user' },
  resetPassword: { zh: '重置密码', en: 'Reset password' },
  userActive: { zh: '正常', en: 'Active' },
  verifyChain: { zh: '校验哈希链', en: 'Verify hash chain' },
} as const satisfies Messages;
