// Document numbers (文号), counted per type, issuer and year (migration 018; 026 widens the
// counter's county to the issuer: a county's six digits, or an issuing department's id) and written
// by a pattern (domain: formatDocumentNumber, the types and their patterns in DOCUMENT_TYPES).
import { DOCUMENT_TYPES, type DocumentNumberParts, type DocumentType, formatDocumentNumber } from '@taishan/domain';
import type { Queryable } from '../db/db.ts';
import { todayInShanghai } from '../time.ts';

export type DocumentKind = DocumentType;

/** Who issues a document: a department with its key (its id) and short name (简称). Without one, the county issues. */
export type DocumentIssuer = { key: string; short: string | null };

/**
 * The next serial of `kind` for an issuer (`countyCode`: a county's 6 digits, or an issuing
 * department's key) and `year`, from 1. Call it inside the
 * transaction that creates the document: the counter's row stays locked until that transaction
 * ends, so concurrent creations get distinct, consecutive serials, and a rollback gives its serial
 * back (no gaps).
 */
export async function nextDocumentNumber(tx: Queryable, kind: DocumentKind, countyCode: string, year: number): Promise<number> {
  const [r] = await tx.query<{ n: number }>('SELECT next_document_number($1, $2, $3) AS n', [kind, countyCode, year]);
  if (!r) throw new Error('no document number');
  return r.n;
}

/**
 * The county that numbers documents of a place (12-digit region code): its six-digit code and
 * name — the city's where a city has no counties (东莞 441900: its row is the city's).
 */
export async function documentCounty(tx: Queryable, regionCode: string): Promise<{ code: string; name: string }> {
  const code = regionCode.slice(0, 6);
  const [r] = await tx.query<{ name: string }>(`SELECT name FROM regions WHERE code IN ($1, $2) ORDER BY code DESC LIMIT 1`, [
    `${code}000000`,
    `${code.slice(0, 4)}00000000`,
  ]);
  return { code, name: r?.name ?? code };
}

/**
 * A new document's number for a place: the issuer's next serial this Beijing year (the county's
 * where no department is given), written by `pattern`.
 */
export async function newDocumentNumber(
  tx: Queryable,
  kind: DocumentKind,
  regionCode: string,
  pattern: string,
  now = new Date(),
  issuer?: DocumentIssuer,
): Promise<{ number: string } & DocumentNumberParts> {
  const county = await documentCounty(tx, regionCode);
  const year = Number(todayInShanghai(now).slice(0, 4));
  const serial = await nextDocumentNumber(tx, kind, issuer?.key ?? county.code, year);
  const parts = issuer?.short ? { county: county.name, issuerShort: issuer.short, year, serial } : { county: county.name, year, serial };
  return { number: formatDocumentNumber(pattern, parts), ...parts };
}

/**
 * A hazard dossier's official number: the one stored on the hazard, or — the first time its dossier
 * is generated — the county's next 隐患档 number, stored in the same transaction (so it stays the
 * same afterwards, and a concurrent first generation waits on the hazard's row and reads it).
 */
export async function dossierNumber(tx: Queryable, hazardId: string, now = new Date()): Promise<string> {
  const [h] = await tx.query<{ dossier_number: string | null; region_code: string }>(
    'SELECT dossier_number, region_code FROM hazards WHERE id = $1 FOR UPDATE',
    [hazardId],
  );
  if (!h) throw new Error(`no hazard ${hazardId}`);
  if (h.dossier_number) return h.dossier_number;
  const { number } = await newDocumentNumber(tx, 'hazardDossier', h.region_code, DOCUMENT_TYPES.hazardDossier.pattern, now);
  await tx.query('UPDATE hazards SET dossier_number = $2 WHERE id = $1', [hazardId, number]);
  return number;
}
