// GB 18218-2018 identification and grading of a major hazard installation (危险化学品重大危险源).
// S = Σ qᵢ/Qᵢ, major hazard when S ≥ 1. R = α · Σ βᵢ · qᵢ/Qᵢ, grade 1..4 by R.
import { alphaFor, CATEGORIES, type Category, gradeFor, type NamedChemical, TABLE1, TABLE2_Q, TABLE4_BETA } from './gb18218-tables.ts';

export type SubstanceInput = {
  name?: string | undefined;
  cas?: string | undefined;
  /** One Table 2 category, or several (the smallest Q applies). */
  category?: Category | Category[] | undefined;
  quantityTonnes: number;
};

export type PerSubstance = {
  /** What the substance was identified as: a Table 1 name, or the category used. */
  matched: string;
  source: 'table1' | 'table2';
  q: number;
  Q: number;
  beta: number;
  ratio: number;
};

export type Gb18218Result = {
  S: number;
  isMajorHazard: boolean;
  R: number;
  alpha: number;
  grade: 1 | 2 | 3 | 4 | null;
  perSubstance: PerSubstance[];
};

const norm = (s: string) => s.replace(/[\s（）()［］[\]]/g, '').toLowerCase();
const byName = new Map<string, NamedChemical>();
for (const ch of TABLE1) for (const n of [ch.name, ...(ch.aliases ?? [])]) if (!byName.has(norm(n))) byName.set(norm(n), ch);
const byCas = new Map<string, NamedChemical[]>();
for (const ch of TABLE1) if (ch.cas) byCas.set(ch.cas, [...(byCas.get(ch.cas) ?? []), ch]);

export type IdentifyError = { zh: string; en: string };

/** Find a substance in Table 1 (by name, alias or CAS) or Table 2 (by category). */
export function identify(s: SubstanceInput): { chemical?: NamedChemical; categories?: Category[] } | IdentifyError {
  if (s.name) {
    const ch = byName.get(norm(s.name));
    if (ch) return { chemical: ch };
  }
  if (s.cas) {
    const list = byCas.get(s.cas.trim());
    if (list?.length === 1) return { chemical: list[0] };
    if (list && list.length > 1 && !s.category) {
      return {
        zh: `CAS ${s.cas} 对应多个条目（${list.map((x) => x.name).join('；')}），请填写名称`,
        en: `CAS ${s.cas} matches several entries; give the name`,
      };
    }
  }
  const cats = s.category === undefined ? [] : Array.isArray(s.category) ? s.category : [s.category];
  if (cats.length) {
    const unknown = cats.filter((c) => !CATEGORIES.includes(c));
    if (unknown.length) return { zh: `未知类别：${unknown.join('、')}`, en: `Unknown category: ${unknown.join(', ')}` };
    return { categories: cats };
  }
  return {
    zh: '该物质不在表1中，且未给出表2类别',
    en: 'Not a Table 1 chemical and no Table 2 category given',
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Throws RangeError for bad input; callers validate first (see gb18218InputSchema). */
export function gb18218(input: { substances: SubstanceInput[]; peopleWithin500m: number }): Gb18218Result {
  const perSubstance: PerSubstance[] = input.substances.map((s) => {
    if (!(s.quantityTonnes >= 0) || !Number.isFinite(s.quantityTonnes)) throw new RangeError('quantity must be ≥ 0');
    const id = identify(s);
    if ('zh' in id) throw new RangeError(id.en);
    let Q: number;
    let beta: number;
    let matched: string;
    let source: PerSubstance['source'];
    if (id.chemical) {
      const ch = id.chemical;
      Q = ch.Q;
      matched = ch.name;
      source = 'table1';
      // Table 3 first; otherwise the caller's category, else the chemical's own (§4.2.2).
      const given = s.category === undefined ? undefined : Array.isArray(s.category) ? s.category[0] : s.category;
      beta = ch.toxicGasBeta ?? TABLE4_BETA[given ?? ch.betaCategory];
    } else {
      // Several categories: the smallest Q applies, with that category's β (the larger β on a tie).
      const cats = [...(id.categories ?? [])].sort((a, b) => TABLE2_Q[a] - TABLE2_Q[b] || TABLE4_BETA[b] - TABLE4_BETA[a]);
      const cat = cats[0] as Category;
      Q = TABLE2_Q[cat];
      beta = TABLE4_BETA[cat];
      matched = cat;
      source = 'table2';
    }
    return { matched, source, q: s.quantityTonnes, Q, beta, ratio: round(s.quantityTonnes / Q) };
  });
  const S = round(perSubstance.reduce((a, p) => a + p.q / p.Q, 0));
  const alpha = alphaFor(input.peopleWithin500m);
  const R = round(alpha * perSubstance.reduce((a, p) => a + (p.beta * p.q) / p.Q, 0));
  const isMajorHazard = S >= 1;
  return { S, isMajorHazard, R, alpha, grade: isMajorHazard ? gradeFor(R) : null, perSubstance };
}
