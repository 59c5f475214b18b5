// The label tables /open/blacklist shows, copied from domain because the light entry does not load
// the domain barrel (zod): BLACKLIST_REASON_LABELS and BLACKLIST_SUBJECT_LABELS
// (domain/src/credit/blacklist.ts). e2e/tests/credit.test.ts checks that they still equal domain's.
type Bilingual = { zh: string; en: string };

/** A code's label in a copied table, or the code itself when the table lacks it. */
export const label = (map: Record<string, Bilingual>, code: string, lang: 'zh' | 'en') => map[code]?.[lang] ?? code;

export const OPEN_REASON_LABELS: Record<string, Bilingual> = {
  majorAccident: { zh: '发生重大、特别重大生产安全事故', en: 'Serious or especially serious accident' },
  repeatedSeriousAccidents: { zh: '12个月内发生2起以上较大事故', en: 'Two or more major accidents in 12 months' },
  multipleFine: { zh: '事故罚款被处2倍以上5倍以下', en: 'Accident fine of 2–5 times (Art. 114)' },
  concealedAccident: { zh: '瞒报、谎报生产安全事故', en: 'Concealed or falsely reported accident' },
  desertion: { zh: '事故后不组织抢救、擅离职守或逃匿', en: 'Failed to lead the rescue, left the post or fled' },
  unlicensed: { zh: '未取得许可或许可暂扣吊销期间从事生产经营', en: 'Operated without a valid licence' },
  agencyFraud: { zh: '中介机构租借资质、挂靠、出具虚假报告或证书', en: 'Agency lent its qualification or issued a false report' },
  penaltyNotExecuted: { zh: '有执行能力拒不执行处罚决定', en: 'Refused to carry out a penalty decision' },
  otherSerious: { zh: '其他性质恶劣、情节严重的违法行为', en: 'Other egregious and serious violations' },
};

export const OPEN_SUBJECT_LABELS: Record<string, Bilingual> = {
  unit: { zh: '生产经营单位', en: 'Production unit' },
  agency: { zh: '中介机构', en: 'Intermediary agency' },
  person: { zh: '自然人', en: 'Natural person' },
};
