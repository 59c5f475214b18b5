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

/** 138****5678. */
export function maskCasePhone(raw: string): string {
  const v = raw.replace(/\s/g, '');
  if (v.length < 7) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

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
