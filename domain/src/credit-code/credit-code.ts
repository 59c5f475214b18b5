// Unified social credit code (统一社会信用代码), GB 32100-2015.
// Structure: 1 registering authority, 2 entity type, 3–8 region code (GB/T 2260),
// 9–17 organisation code, 18 check character. Alphabet excludes I, O, Z, S, V.

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights for positions 1–17: 3^(i−1) mod 31 (GB 32100-2015 §5). */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registering authorities (登记管理部门), GB 32100-2015 Table 1. */
export const REGISTRATION_AUTHORITIES: Record<string, { zh: string; en: string }> = {
  '1': { zh: '机构编制', en: 'Institutional staffing' },
  '2': { zh: '外交', en: 'Foreign affairs' },
  '3': { zh: '司法行政', en: 'Judicial administration' },
  '4': { zh: '文化', en: 'Culture' },
  '5': { zh: '民政', en: 'Civil affairs' },
  '6': { zh: '旅游', en: 'Tourism' },
  '7': { zh: '宗教', en: 'Religious affairs' },
  '8': { zh: '工会', en: 'Trade unions' },
  '9': { zh: '市场监督管理（工商）', en: 'Market regulation (industry and commerce)' },
  A: { zh: '中央军委改革和编制办公室', en: 'Central Military Commission staffing office' },
  N: { zh: '农业', en: 'Agriculture' },
  Y: { zh: '其他', en: 'Other' },
};

/** Entity types (机构类别) by registering authority, GB 32100-2015 Table 1. */
const ENTITY_TYPES: Record<string, Record<string, { zh: string; en: string }>> = {
  '1': {
    '1': { zh: '机关', en: 'Government organ' },
    '2': { zh: '事业单位', en: 'Public institution' },
    '3': { zh: '中央编办直接管理机构编制的群众团体', en: 'Mass organisation' },
    '9': { zh: '其他', en: 'Other' },
  },
  '5': {
    '1': { zh: '社会团体', en: 'Social organisation' },
    '2': { zh: '民办非企业单位', en: 'Private non-enterprise unit' },
    '3': { zh: '基金会', en: 'Foundation' },
    '9': { zh: '其他', en: 'Other' },
  },
  '9': {
    '1': { zh: '企业', en: 'Enterprise' },
    '2': { zh: '个体工商户', en: 'Individual business' },
    '3': { zh: '农民专业合作社', en: 'Farmers’ cooperative' },
  },
  N: {
    '1': { zh: '组级集体经济组织', en: 'Group-level collective' },
    '2': { zh: '村级集体经济组织', en: 'Village-level collective' },
    '3': { zh: '乡镇级集体经济组织', en: 'Township-level collective' },
    '9': { zh: '其他', en: 'Other' },
  },
  Y: { '1': { zh: '其他', en: 'Other' } },
};

export type CreditCodeErrorCode = 'length' | 'character' | 'authority';

export type CreditCodeError = { code: CreditCodeErrorCode; position?: number; zh: string; en: string };

export type CreditCodeResult = {
  /** Normalised input (trimmed, upper-cased). */
  code: string;
  /** Structurally valid: 18 characters from the alphabet with a known registering authority. */
  valid: boolean;
  /** The 18th character equals the computed check character. */
  checkCharacterOk: boolean;
  expectedCheckCharacter: string | null;
  registrationAuthority: { code: string; zh: string; en: string } | null;
  entityType: { code: string; zh: string; en: string } | null;
  regionCode: string | null;
  errors: CreditCodeError[];
};

/** Check character for the first 17 characters (which must be in the alphabet). */
export function computeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`illegal character at position ${i + 1}`);
    sum += value * (CREDIT_CODE_WEIGHTS[i] as number);
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[check === 31 ? 0 : check] as string;
}

export function normaliseCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

/**
 * Validate a credit code. A wrong length or an illegal character makes it invalid; a wrong check
 * character does not, because some genuinely issued codes fail the check (STANDARDS.md), so
 * callers accept those with a warning flag.
 */
export function checkCreditCode(input: string): CreditCodeResult {
  const code = normaliseCreditCode(input);
  const errors: CreditCodeError[] = [];
  if (code.length !== 18) {
    errors.push({
      code: 'length',
      zh: `统一社会信用代码应为 18 位，实际为 ${code.length} 位`,
      en: `A credit code has 18 characters, got ${code.length}`,
    });
  }
  for (let i = 0; i < code.length; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i] as string)) {
      errors.push({
        code: 'character',
        position: i + 1,
        zh: `第 ${i + 1} 位字符“${code[i]}”不合法（不得使用 I、O、Z、S、V 及其他符号）`,
        en: `Illegal character "${code[i]}" at position ${i + 1} (I, O, Z, S, V and symbols are not used)`,
      });
    }
  }
  const authorityChar = code[0];
  const authority = authorityChar ? REGISTRATION_AUTHORITIES[authorityChar] : undefined;
  if (authorityChar && CREDIT_CODE_ALPHABET.includes(authorityChar) && !authority) {
    errors.push({
      code: 'authority',
      position: 1,
      zh: `第 1 位登记管理部门代码“${authorityChar}”不存在`,
      en: `Unknown registering authority "${authorityChar}" at position 1`,
    });
  }
  const valid = errors.length === 0;
  const expected = valid ? computeCheckCharacter(code.slice(0, 17)) : null;
  const typeChar = code[1];
  const type = valid && authorityChar && typeChar ? ENTITY_TYPES[authorityChar]?.[typeChar] : undefined;
  return {
    code,
    valid,
    checkCharacterOk: valid && expected === code[17],
    expectedCheckCharacter: expected,
    registrationAuthority: valid && authority ? { code: authorityChar as string, ...authority } : null,
    entityType: type ? { code: typeChar as string, ...type } : null,
    regionCode: valid ? code.slice(2, 8) : null,
    errors,
  };
}
