// UI strings, Chinese first. Every visible string goes through t(); English is the second language.
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';

const zh = {
  appName: '泰山 · 安全生产治理平台',
  appShort: '泰山',
  login: '登录',
  logout: '退出',
  username: '用户名',
  password: '密码',
  loginFailed: '登录失败',
  enterprises: '企业名录',
  admin: '系统管理',
  users: '用户管理',
  departments: '部门管理',
  audit: '审计日志',
  import: '批量导入',
  export: '导出 Excel',
  create: '新增企业',
  search: '搜索',
  searchPlaceholder: '企业名称或统一社会信用代码',
  region: '所属区划',
  industry: '行业',
  highRisk: '高危行业领域',
  lacksSafetyDirector: '应配未配安全总监',
  creditCodeWarning: '信用代码校验位存疑',
  creditCode: '统一社会信用代码',
  name: '企业名称',
  address: '详细地址',
  industryCode: '行业代码（GB/T 4754）',
  employees: '从业人员数',
  revenueWan: '主营业务收入（万元）',
  legalRepresentative: '法定代表人',
  safetyDirector: '安全总监',
  contactPhone: '联系电话',
  updatedAt: '更新时间',
  createdAt: '创建时间',
  actions: '操作',
  edit: '编辑',
  delete: '删除',
  save: '保存',
  cancel: '取消',
  back: '返回',
  detail: '详情',
  confirmDelete: '确定删除该企业？此操作将记入审计日志。',
  saved: '已保存',
  deleted: '已删除',
  total: '共 {n} 条',
  all: '全部',
  yes: '是',
  no: '否',
  notFound: '记录不存在或不在您的辖区内',
  warningCheck: '统一社会信用代码校验位不符（GB 32100），请核实',
  warningDirector: '按安全总监制度应配备安全总监（从业人员≥100人或营收≥2000万元的高危行业企业）',
  importHint:
    '上传 .xlsx 或 .csv 文件。表头：统一社会信用代码、企业名称、行政区划代码、行业代码（必填），详细地址、从业人员数、主营业务收入（万元）、高危行业领域、法定代表人、安全总监、联系电话（选填）。每行单独校验，被拒绝的行不会写入任何数据。',
  chooseFile: '选择文件',
  startImport: '开始导入',
  line: '行号',
  status: '结果',
  reasons: '原因',
  imported: '已导入',
  warning: '警告',
  rejected: '已拒绝',
  importSummary: '共 {total} 行：导入 {imported}，警告 {warning}，拒绝 {rejected}',
  role: '角色',
  displayName: '姓名',
  disabled: '停用',
  locked: '锁定',
  unlock: '解锁',
  enable: '启用',
  newUser: '新增用户',
  newDepartment: '新增部门',
  department: '部门',
  enterprise: '企业',
  industries: '监管行业（三管三必须）',
  verifyChain: '校验哈希链',
  chainOk: '审计链完整：已校验 {n} 条',
  chainBroken: '审计链被破坏：第 {seq} 条（{reason}）',
  time: '时间',
  actor: '操作人',
  action: '动作',
  entity: '对象',
  language: 'English',
  scope: '辖区',
  nationwide: '全国',
  phoneHint: '',
  required: '必填',
  resetPassword: '重置密码',
  newPassword: '新密码',
};
export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appName: 'Taishan · Work-safety governance',
  appShort: 'Taishan',
  login: 'Log in',
  logout: 'Log out',
  username: 'Username',
  password: 'Password',
  loginFailed: 'Login failed',
  enterprises: 'Enterprises',
  admin: 'Administration',
  users: 'Users',
  departments: 'Departments',
  audit: 'Audit log',
  import: 'Import',
  export: 'Export Excel',
  create: 'New enterprise',
  search: 'Search',
  searchPlaceholder: 'Name or credit code',
  region: 'Region',
  industry: 'Industry',
  highRisk: 'High-risk fields',
  lacksSafetyDirector: 'Lacks required safety director',
  creditCodeWarning: 'Credit code check fails',
  creditCode: 'Credit code (USCC)',
  name: 'Name',
  address: 'Address',
  industryCode: 'Industry code (GB/T 4754)',
  employees: 'Employees',
  revenueWan: 'Revenue (10k CNY)',
  legalRepresentative: 'Legal representative',
  safetyDirector: 'Safety director',
  contactPhone: 'Phone',
  updatedAt: 'Updated',
  createdAt: 'Created',
  actions: 'Actions',
  edit: 'Edit',
  delete: 'Delete',
  save: 'Save',
  cancel: 'Cancel',
  back: 'Back',
  detail: 'Detail',
  confirmDelete: 'Delete this enterprise? The deletion is audited.',
  saved: 'Saved',
  deleted: 'Deleted',
  total: '{n} in total',
  all: 'All',
  yes: 'Yes',
  no: 'No',
  notFound: 'Not found, or outside your jurisdiction',
  warningCheck: 'The credit code check character does not match (GB 32100); please verify',
  warningDirector: 'A safety director is required (high-risk field with ≥100 employees or ≥20M CNY revenue)',
  importHint:
    'Upload .xlsx or .csv. Required columns: credit code, name, region code, industry code; optional: address, employees, revenue, high-risk fields, legal representative, safety director, phone. Each row is checked alone; a rejected row writes nothing.',
  chooseFile: 'Choose file',
  startImport: 'Import',
  line: 'Line',
  status: 'Result',
  reasons: 'Reasons',
  imported: 'Imported',
  warning: 'Warning',
  rejected: 'Rejected',
  importSummary: '{total} rows: {imported} imported, {warning} warnings, {rejected} rejected',
  role: 'Role',
  displayName: 'Name',
  disabled: 'Disabled',
  locked: 'Locked',
  unlock: 'Unlock',
  enable: 'Enable',
  newUser: 'New user',
  newDepartment: 'New department',
  department: 'Department',
  enterprise: 'Enterprise',
  industries: 'Supervised industries',
  verifyChain: 'Verify hash chain',
  chainOk: 'Audit chain intact: {n} events verified',
  chainBroken: 'Audit chain broken at event {seq} ({reason})',
  time: 'Time',
  actor: 'Actor',
  action: 'Action',
  entity: 'Entity',
  language: '中文',
  scope: 'Jurisdiction',
  nationwide: 'Nationwide',
  phoneHint: '',
  required: 'Required',
  resetPassword: 'Reset password',
  newPassword: 'New password',
};

export type Lang = 'zh' | 'en';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

type I18n = { lang: Lang; setLang: (l: Lang) => void; t: (k: MessageKey, vars?: Record<string, string | number>) => string };
const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('taishan.lang') === 'en' ? 'en' : 'zh'));
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang: (l) => {
        localStorage.setItem('taishan.lang', l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLangState(l);
      },
      t: (k, vars) => dictionaries[lang][k].replace(/\{(\w+)\}/g, (_, v) => String(vars?.[v] ?? '')),
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('I18nProvider missing');
  return v;
}

/** Pick the label in the current language from a {zh, en} pair. */
export const pick = (lang: Lang, l: { zh: string; en: string }) => l[lang];

/** Dates always shown in China Standard Time. */
export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}
