// Document numbers (文号): a county's documents of one kind are numbered from 1 each year, and
// written by a pattern, e.g. 宿城区〔2026〕隐患第 0123 号. The counting is the server's (one
// counter per kind, county and year, taken in the transaction that creates the document); the
// writing is this pattern, the same wherever a number is shown.

/**
 * Tokens of a pattern: {county} the county's name (the city's where a city has no counties),
 * {year} the year in Beijing, {serial} the number within that county and year, {serial:4} the same
 * zero-padded to 4 digits (never cut: the 10,000th is 10000).
 */
export const DOCUMENT_NUMBER_TOKENS = ['county', 'year', 'serial'] as const;

/** Hazards' numbers by default (HAZARD_NUMBER_PATTERN overrides). */
export const DEFAULT_HAZARD_NUMBER_PATTERN = '{county}〔{year}〕隐患第 {serial:4} 号';

export type DocumentNumberParts = { county: string; year: number; serial: number };

const TOKEN = /\{(\w+)(?::(\d{1,2}))?\}/g;

/** Why a pattern cannot number documents, or null: every token known, and the serial in it. */
export function documentNumberPatternError(pattern: string): { zh: string; en: string } | null {
  const tokens = [...pattern.matchAll(TOKEN)];
  const unknown = tokens.map((m) => m[1] as string).filter((t) => !(DOCUMENT_NUMBER_TOKENS as readonly string[]).includes(t));
  if (unknown.length)
    return { zh: `文号格式含未知占位符：${unknown.join('、')}`, en: `Unknown placeholders in the number pattern: ${unknown.join(', ')}` };
  if (!tokens.some((m) => m[1] === 'serial'))
    return { zh: '文号格式须含序号 {serial}', en: 'The number pattern needs the serial {serial}' };
  return null;
}

/** The number as written by `pattern`. */
export function formatDocumentNumber(pattern: string, parts: DocumentNumberParts): string {
  return pattern.replace(TOKEN, (whole, token: string, width?: string) => {
    if (token === 'county') return parts.county;
    if (token === 'year') return String(parts.year);
    if (token === 'serial') return String(parts.serial).padStart(Number(width ?? 0), '0');
    return whole;
  });
}
