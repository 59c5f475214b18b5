// Responsibility lists (职责清单, 三管三必须: 管行业必须管安全、管业务必须管安全、管生产经营必须管安全)
// and the resolution of an enterprise to the departments that supervise it: a department of the
// enterprise's county, city or province whose list holds the enterprise's industry division
// (GB/T 4754, two digits). A division present among a jurisdiction's enterprises that no such
// department holds is a gap.

export const DUTY_CATEGORIES = ['industry', 'business', 'production'] as const;
export type DutyCategory = (typeof DUTY_CATEGORIES)[number];
export const DUTY_CATEGORY_LABELS: Record<DutyCategory, { zh: string; en: string }> = {
  industry: { zh: '管行业', en: 'Industry' },
  business: { zh: '管业务', en: 'Business' },
  production: { zh: '管生产经营', en: 'Production and operation' },
};

export type SupervisingDepartment = { id: string; name: string; regionCode: string; industries: readonly string[] };

/** The county, city and province governments over a 12-digit region code. */
export function governmentsOver(regionCode: string): string[] {
  return [`${regionCode.slice(0, 6)}000000`, `${regionCode.slice(0, 4)}00000000`, `${regionCode.slice(0, 2)}0000000000`];
}

/** The departments supervising an enterprise (its industry, its region), nearest level first. */
export function supervisorsOf<D extends SupervisingDepartment>(
  e: { regionCode: string; industryCode: string },
  departments: readonly D[],
): D[] {
  const division = e.industryCode.slice(0, 2);
  const levels = governmentsOver(e.regionCode);
  return departments
    .filter((d) => levels.includes(d.regionCode) && d.industries.includes(division))
    .sort((a, b) => levels.indexOf(a.regionCode) - levels.indexOf(b.regionCode) || a.name.localeCompare(b.name));
}

export type EnterpriseGroup = { countyCode: string; division: string; enterprises: number };
export type ResponsibilityGap = { countyCode: string; division: string; enterprises: number };

/** The (county, division) groups of enterprises that no department supervises. */
export function responsibilityGaps(groups: readonly EnterpriseGroup[], departments: readonly SupervisingDepartment[]): ResponsibilityGap[] {
  return groups
    .filter((g) => supervisorsOf({ regionCode: g.countyCode.padEnd(12, '0'), industryCode: g.division }, departments).length === 0)
    .map((g) => ({ ...g }))
    .sort((a, b) => a.countyCode.localeCompare(b.countyCode) || a.division.localeCompare(b.division));
}
