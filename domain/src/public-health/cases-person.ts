// A case's person: identity documents (GB 11643 citizen ID with its check digit, passport,
// 港澳居民来往内地通行证, 台湾居民来往大陆通行证), the normalised key input and masking. Pure.

export type PhIdType = 'resident' | 'passport' | 'hkMacauPermit' | 'taiwanPermit';
export const PH_ID_TYPES: readonly PhIdType[] = ['resident', 'passport', 'hkMacauPermit', 'taiwanPermit'];

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643-1999 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * (W[i] as number);
  return CHECK[s % 11] as string;
}

export type IdProblem = 'format' | 'checksum' | 'birthDate';

/** Why an ID number is not valid for its type, or null. */
export function idProblem(type: PhIdType, raw: string, today = new Date()): IdProblem | null {
  const v = normaliseId(type, raw);
  switch (type) {
    case 'resident': {
      if (!/^\d{17}[\dX]$/.test(v)) return 'format';
      const y = Number(v.slice(6, 10));
      const m = Number(v.slice(10, 12));
      const d = Number(v.slice(12, 14));
      const date = new Date(Date.UTC(y, m - 1, d));
      if (
        y < 1900 ||
        date.getUTCFullYear() !== y ||
        date.getUTCMonth() !== m - 1 ||
        date.getUTCDate() !== d ||
        date.getTime() > today.getTime()
      )
        return 'birthDate';
      if (idCheckChar(v.slice(0, 17)) !== v[17]) return 'checksum';
      return null;
    }
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(v) ? null : 'format';
    case 'hkMacauPermit':
      // 回乡证: H or M + 8 digits (older 10-digit forms accepted).
      return /^[HM]\d{8}(\d{2})?$/.test(v) ? null : 'format';
    case 'taiwanPermit':
      // 台胞证: 8 digits (10-digit older form accepted).
      return /^\d{8}(\d{2})?$/.test(v) ? null : 'format';
  }
}

export function normaliseId(type: PhIdType, raw: string): string {
  const v = raw.replace(/[\s-]/g, '').toUpperCase();
  return type === 'resident' ? v : v;
}

/** The string the person key is computed from (type + normalised number). */
export function personKeyInput(type: PhIdType, raw: string): string {
  return `${type}:${normaliseId(type, raw)}`;
}

/** Birth date (yyyy-mm-dd) and sex of a valid resident ID. */
export function residentIdFacts(id: string): { birthDate: string; sex: 'male' | 'female' } {
  const v = normaliseId('resident', id);
  return { birthDate: `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`, sex: Number(v[16]) % 2 === 1 ? 'male' : 'female' };
}

/** 张三 → 张*, 张三丰 → 张*丰, 欧阳小明 → 欧**明; Latin names keep the first letter. */
export function maskCaseName(name: string): string {
  const c = [...name.trim()];
  if (c.length <= 1) return '*';
  if (c.length === 2) return `${c[0]}*`;
  return `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
}

/** First 6 + stars + last 4 (resident); other documents keep the first 2 and last 2. */
export function maskIdNumber(type: PhIdType, raw: string): string {
  const v = normaliseId(type, raw);
  if (type === 'resident' && v.length === 18) return `${v.slice(0, 6)}********${v.slice(14)}`;
  if (v.length <= 4) return '*'.repeat(v.length);
  return `${v.slice(0, 2)}${'*'.repeat(v.length - 4)}${v.slice(-2)}`;
}

/**
 * A phone number masked: 11 characters or more keep the first 3 and last 4 (138****5678, the form
 * people know); a shorter number has at least half hidden: a landline of 8 digits keeps its
 * first and last 2 (62****78); 7 digits its first 1 and last 2 (6****34); shorter, nothing.
 * The one phone mask of the public-health cards, their contacts and the 12345 callers: 3 + 4 kept
 * of 7 or 8 characters gave the number away whole or all but one digit.
 */
export function maskPhoneNumber(raw: string): string {
  const v = raw.replace(/\s/g, '');
  const [head, tail] = v.length >= 11 ? [3, 4] : v.length >= 8 ? [2, 2] : v.length >= 7 ? [1, 2] : [0, 0];
  if (head === 0) return '*'.repeat(Math.max(v.length, 4));
  return `${v.slice(0, head)}${'*'.repeat(v.length - head - tail)}${v.slice(-tail)}`;
}

/** A card's phone: 138****5678 (maskPhoneNumber). */
export const maskCasePhone = maskPhoneNumber;

export type CasePerson = { name: string; idType: PhIdType; idNumber: string; phone?: string | null; address?: string | null };
export type MaskedPerson = { name: string; idType: PhIdType; idNumber: string; phone: string | null };

export function maskPerson(p: CasePerson): MaskedPerson {
  return {
    name: maskCaseName(p.name),
    idType: p.idType,
    idNumber: maskIdNumber(p.idType, p.idNumber),
    phone: p.phone ? maskCasePhone(p.phone) : null,
  };
}
