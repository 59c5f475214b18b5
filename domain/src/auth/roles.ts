// Roles and jurisdiction scope. A user's scope is a region-code prefix, narrowed for department
// inspectors to the industries their department supervises (三管三必须) and for enterprise users
// to their own enterprise. Pure: the server turns a Scope into SQL in one place.

export const ROLES = [
  'platformAdmin',
  'provinceSupervisor',
  'citySupervisor',
  'countySupervisor',
  'townshipSupervisor',
  'gridWorker',
  'departmentInspector',
  'enterpriseAdmin',
  'enterpriseStaff',
  // Issue 28: a hospital or clinic's reporter (scoped to its facility, a directory unit) and the CDC's reviewer.
  'medicalReporter',
  'cdcReviewer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  platformAdmin: { zh: '平台管理员', en: 'Platform admin' },
  provinceSupervisor: { zh: '省级监管人员', en: 'Province supervisor' },
  citySupervisor: { zh: '市级监管人员', en: 'City supervisor' },
  countySupervisor: { zh: '县级监管人员', en: 'County supervisor' },
  townshipSupervisor: { zh: '镇（街道）监管人员', en: 'Township supervisor' },
  gridWorker: { zh: '网格员', en: 'Grid worker' },
  departmentInspector: { zh: '行业部门执法人员', en: 'Department inspector' },
  enterpriseAdmin: { zh: '企业管理员', en: 'Enterprise admin' },
  enterpriseStaff: { zh: '企业安全员', en: 'Enterprise staff' },
  medicalReporter: { zh: '医疗机构报告人', en: 'Medical reporter' },
  cdcReviewer: { zh: '疾控审核人员', en: 'CDC reviewer' },
};

export const SUPERVISOR_ROLES: readonly Role[] = ['provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor'];
export const ENTERPRISE_ROLES: readonly Role[] = ['enterpriseAdmin', 'enterpriseStaff'];

/** Region level a role's home region must have (null: any / none). */
export const ROLE_REGION_LEVEL: Record<Role, RegionLevel | null> = {
  platformAdmin: null,
  provinceSupervisor: 'province',
  citySupervisor: 'city',
  countySupervisor: 'county',
  townshipSupervisor: 'township',
  gridWorker: 'township',
  departmentInspector: null,
  enterpriseAdmin: null,
  enterpriseStaff: null,
  medicalReporter: null,
  cdcReviewer: null,
};

export type RegionLevel = 'province' | 'city' | 'county' | 'township';

export type Scope = {
  /** Region-code prefix; '' means the whole country. */
  regionPrefix: string;
  /** Industry division codes ("26"); null means all industries. */
  industries: string[] | null;
  /** The one enterprise an enterprise user belongs to; null for government users. */
  enterpriseId: string | null;
};

export const NATIONAL_SCOPE: Scope = { regionPrefix: '', industries: null, enterpriseId: null };

/**
 * The significant prefix of a 12-digit region code: province "32", city "3205",
 * county "320582", township "320582100". Trailing zero groups are not significant.
 */
export function regionPrefix(code: string): string {
  const c = code.padEnd(12, '0');
  if (c.slice(2) === '0000000000') return c.slice(0, 2);
  if (c.slice(4) === '00000000') return c.slice(0, 4);
  if (c.slice(6) === '000000') return c.slice(0, 6);
  if (c.slice(9) === '000') return c.slice(0, 9);
  return c;
}

/** Pad a 6-digit GB/T 2260 code (or a 9-digit township code) to the 12-digit statistical code. */
export function toRegionCode12(code: string): string {
  return code.padEnd(12, '0');
}

export type ScopedRecord = { regionCode: string; industryCode?: string | null; enterpriseId?: string | null };

/** Whether a record lies inside a scope — the rule the SQL filter and RLS policies mirror. */
export function inScope(scope: Scope, record: ScopedRecord): boolean {
  if (!record.regionCode.startsWith(scope.regionPrefix)) return false;
  if (scope.enterpriseId !== null && record.enterpriseId !== scope.enterpriseId) return false;
  if (scope.industries !== null) {
    const division = (record.industryCode ?? '').slice(0, 2);
    if (!scope.industries.includes(division)) return false;
  }
  return true;
}

export type Actor = { id: string; username: string; role: Role; scope: Scope };

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.includes(actor.role);
export const isAdmin = (actor: Actor) => actor.role === 'platformAdmin';
export const isSupervisor = (actor: Actor) => SUPERVISOR_ROLES.includes(actor.role);
export const isEnterpriseUser = (actor: Actor) => ENTERPRISE_ROLES.includes(actor.role);
