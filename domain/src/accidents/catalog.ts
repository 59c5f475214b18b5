// Lists the accident report is made of, kept as data: the statistical industries accidents are published by (the 重点行业领域
// of the national production-safety statistics: 煤矿, 金属非金属矿山, 危险化学品 …), and the bodies
// notified alongside each level (493 Art. 10: 本级人民政府, 公安, 劳动保障, 工会, 人民检察院).
import { ACCIDENT_TYPES, type AccidentType } from '../risks/accident-types.ts';

type Bilingual = { zh: string; en: string };

/** GB 6441's 20 types are the risks module's list (risks/accident-types.ts), shared, not copied. */
export const ACCIDENT_TYPE_LABELS = Object.fromEntries(ACCIDENT_TYPES.map((t) => [t.code, { zh: t.zh, en: t.en }])) as Record<
  AccidentType,
  Bilingual
>;

/** The statistical industries (统计行业领域) accident figures are published by. */
export const STAT_INDUSTRIES = [
  'coalMine',
  'metalMine',
  'chemicals',
  'fireworks',
  'industryTrade',
  'construction',
  'roadTraffic',
  'waterTransport',
  'railway',
  'aviation',
  'fishing',
  'agriculturalMachinery',
  'fire',
  'other',
] as const;
export type StatIndustry = (typeof STAT_INDUSTRIES)[number];
export const STAT_INDUSTRY_LABELS: Record<StatIndustry, Bilingual> = {
  coalMine: { zh: '煤矿', en: 'coal mines' },
  metalMine: { zh: '金属非金属矿山', en: 'metal and non-metal mines' },
  chemicals: { zh: '危险化学品', en: 'hazardous chemicals' },
  fireworks: { zh: '烟花爆竹', en: 'fireworks' },
  industryTrade: { zh: '工贸行业', en: 'industry and trade' },
  construction: { zh: '建筑业', en: 'construction' },
  roadTraffic: { zh: '道路运输（道路交通）', en: 'road traffic' },
  waterTransport: { zh: '水上运输', en: 'water transport' },
  railway: { zh: '铁路运输', en: 'railway' },
  aviation: { zh: '民航', en: 'civil aviation' },
  fishing: { zh: '渔业船舶', en: 'fishing vessels' },
  agriculturalMachinery: { zh: '农业机械', en: 'agricultural machinery' },
  fire: { zh: '火灾（消防）', en: 'fire' },
  other: { zh: '其他', en: 'other' },
};

/** The statistical industry an enterprise's GB/T 4754 division most likely falls in (a suggestion the reporter can change). */
export function suggestStatIndustry(industryCode: string | null | undefined): StatIndustry {
  const d = (industryCode ?? '').slice(0, 2);
  if (d === '06') return 'coalMine';
  if (['07', '08', '09', '10', '11', '12'].includes(d)) return 'metalMine';
  if (['25', '26', '27', '28', '29'].includes(d)) return 'chemicals';
  if (['47', '48', '49', '50'].includes(d)) return 'construction';
  if (d === '54') return 'roadTraffic';
  if (d === '55') return 'waterTransport';
  if (d === '53') return 'railway';
  if (d === '56') return 'aviation';
  if (d === '04') return 'fishing';
  if (Number(d) >= 13 && Number(d) <= 43) return 'industryTrade';
  if (['51', '52', '59', '61', '62'].includes(d)) return 'industryTrade';
  return 'other';
}

/** Bodies notified at each level alongside the report up (493 Art. 10). */
export const PARALLEL_BODIES = ['government', 'police', 'labour', 'union', 'procuratorate'] as const;
export type ParallelBody = (typeof PARALLEL_BODIES)[number];
export const PARALLEL_BODY_LABELS: Record<ParallelBody, Bilingual> = {
  government: { zh: '本级人民政府', en: 'same-level government' },
  police: { zh: '公安机关', en: 'police' },
  labour: { zh: '人力资源社会保障部门', en: 'human resources and social security' },
  union: { zh: '工会', en: 'trade union' },
  procuratorate: { zh: '人民检察院', en: 'procuratorate' },
};

/** Fields of the first report that may be sent as not yet known (Art. 12 asks for them, the report must not wait for them). */
export const UNKNOWABLE_FIELDS = ['deaths', 'seriousInjuries', 'minorInjuries', 'missing', 'directLossWanYuan', 'type', 'cause'] as const;
export type UnknowableField = (typeof UNKNOWABLE_FIELDS)[number];

/** 迟报 / 漏报 / 谎报 / 瞒报: how a report failed the law. Late is computed; the rest a regulator marks with evidence. */
export const REPORT_FAULTS = ['late', 'missed', 'false', 'concealed'] as const;
export type ReportFault = (typeof REPORT_FAULTS)[number];
export const REPORT_FAULT_LABELS: Record<ReportFault, Bilingual> = {
  late: { zh: '迟报', en: 'late report' },
  missed: { zh: '漏报', en: 'missed report' },
  false: { zh: '谎报', en: 'false report' },
  concealed: { zh: '瞒报', en: 'concealed' },
};
