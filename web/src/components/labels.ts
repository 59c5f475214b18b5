import type { Reference } from '../api.ts';
import { type Lang, pick } from '../i18n.tsx';

export function industryLabel(ref: Reference | undefined, code: string, lang: Lang): string {
  const d = ref?.industryDivisions.find((x) => x.code === code.slice(0, 2));
  return d ? `${code} ${pick(lang, d)}` : code;
}

export function flagLabel(ref: Reference | undefined, code: string, lang: Lang): string {
  const f = ref?.highRiskFlags.find((x) => x.code === code);
  return f ? pick(lang, f) : code;
}
