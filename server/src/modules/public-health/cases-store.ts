// SQL of 传染病报告 (issue 28, cases part): diseases and their versions, facilities, case cards,
// their history and merges. Owner: cases.
//
// Cross-part interface: diseaseVersionAt(tx, code, at) → the version of the disease in force on
// the Asia/Shanghai date of `at` (or null), judged like the domain's diseaseVersionOn.
import { type DiseaseVersion, diseaseVersionOn, shanghaiDate } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';

type VersionRow = {
  id: string;
  disease_code: string;
  class: 'A' | 'B' | 'C';
  managed_as_class_a: boolean;
  effective_from: string | Date;
  effective_to: string | Date | null;
  provisional: boolean;
  source: string;
};

const day = (d: string | Date | null) => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : localDay(d));
// A DATE column read as a Date is midnight local time of the server process; take its calendar day.
const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export type DiseaseVersionRecord = DiseaseVersion & { id: string };

export function toVersion(r: VersionRow): DiseaseVersionRecord {
  return {
    id: r.id,
    diseaseCode: r.disease_code,
    class: r.class,
    managedAsClassA: r.managed_as_class_a,
    effectiveFrom: day(r.effective_from) as string,
    effectiveTo: day(r.effective_to),
    provisional: r.provisional,
    source: r.source,
  };
}

export async function diseaseVersions(tx: Queryable, code?: string): Promise<DiseaseVersionRecord[]> {
  const rows = await tx.query<VersionRow>(
    `SELECT id, disease_code, class, managed_as_class_a, effective_from::text AS effective_from, effective_to::text AS effective_to, provisional, source
       FROM ph_disease_versions ${code ? 'WHERE disease_code = $1' : ''} ORDER BY disease_code, effective_from`,
    code ? [code] : [],
  );
  return rows.map(toVersion);
}

/** The version of `code` in force on the Asia/Shanghai date of `at`, or null. */
export async function diseaseVersionAt(tx: Queryable, code: string, at: Date): Promise<DiseaseVersionRecord | null> {
  return diseaseVersionOn(await diseaseVersions(tx, code), code, shanghaiDate(at));
}
