// Document numbers (文号), counted per kind, county and year (migration 018) and written by a
// pattern (domain: formatDocumentNumber). Hazards first; enforcement and accident documents take
// theirs the same way under their own kind.
import { type DocumentNumberParts, formatDocumentNumber } from '@taishan/domain';
import type { Queryable } from '../db/db.ts';
import { todayInShanghai } from '../time.ts';

export type DocumentKind = 'hazard';

/**
 * The next serial of `kind` in `countyCode` (6 digits) and `year`, from 1. Call it inside the
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

/** A new document's number for a place: the county's next serial this Beijing year, written by `pattern`. */
export async function newDocumentNumber(
  tx: Queryable,
  kind: DocumentKind,
  regionCode: string,
  pattern: string,
  now = new Date(),
): Promise<{ number: string } & DocumentNumberParts> {
  const county = await documentCounty(tx, regionCode);
  const year = Number(todayInShanghai(now).slice(0, 4));
  const serial = await nextDocumentNumber(tx, kind, county.code, year);
  const parts = { county: county.name, year, serial };
  return { number: formatDocumentNumber(pattern, parts), ...parts };
}
