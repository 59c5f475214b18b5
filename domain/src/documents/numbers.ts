// Document numbers (文号): a county's documents of one kind are numbered from 1 each year, and
// written by a pattern, e.g. 宿城区〔2026〕隐患第 0123 号. The counting is the server's (one
// counter per kind, county and year, taken in the transaction that creates the document); the
// writing is this pattern, the same wherever a number is shown.

/**
 * Tokens of a pattern: {county} the county's name (the city's where a city has no counties),
 * {issuerShort} the issuing department's short name (简称, e.g. 宿城应急; the county's name where
 * the issuer has none), {year} the year in Beijing, {serial} the number within that county and year, {serial:4} the same
 * zero-padded to 4 digits (never cut: the 10,000th is 10000).
 */
export const DOCUMENT_NUMBER_TOKENS = ['county', 'issuerShort', 'year', 'serial'] as const;

/** Hazards' numbers by default (HAZARD_NUMBER_PATTERN overrides). */
export const DEFAULT_HAZARD_NUMBER_PATTERN = '{county}〔{year}〕隐患第 {serial:4} 号';

export type DocumentNumberParts = { county: string; issuerShort?: string; year: number; serial: number };

/**
 * The documents that take an official number, as data: each numbered per issuer (the issuing
 * department, or the county where there is none), type and Beijing year, written by its pattern.
 * `code` is the 文号代字 (STANDARDS-NEXT §3, the 2018-on 应急… forms of the 安全生产行政执法文书).
 * The 2016/2017 set gives no code for a stand-alone 停产停业整顿 order or a 复产验收 opinion;
 * 应急停整 and 应急复产 are ours (the 2021 official set is UNCONFIRMED, STANDARDS-NEXT §3.1).
 */
export const DOCUMENT_TYPES = {
  hazard: { zh: '隐患', en: 'Hazard', code: '隐患', pattern: DEFAULT_HAZARD_NUMBER_PATTERN },
  hazardDossier: { zh: '隐患档案（一患一档）', en: 'Hazard dossier', code: '隐患档', pattern: '{county}〔{year}〕隐患档第 {serial:4} 号' },
  inspectionRecord: {
    zh: '现场检查记录',
    en: 'On-site inspection record',
    code: '应急检记',
    pattern: '（{issuerShort}）应急检记〔{year}〕{serial}号',
  },
  onSiteMeasures: {
    zh: '现场处理措施决定书',
    en: 'On-site measures decision',
    code: '应急现决',
    pattern: '（{issuerShort}）应急现决〔{year}〕{serial}号',
  },
  rectificationOrder: {
    zh: '责令限期整改指令书',
    en: 'Order to rectify within a time limit',
    code: '应急责改',
    pattern: '（{issuerShort}）应急责改〔{year}〕{serial}号',
  },
  reviewOpinion: {
    zh: '整改复查意见书',
    en: 'Rectification review opinion',
    code: '应急复查',
    pattern: '（{issuerShort}）应急复查〔{year}〕{serial}号',
  },
  seizureDecision: {
    zh: '查封扣押决定书',
    en: 'Seal-up and seizure decision',
    code: '应急查扣',
    pattern: '（{issuerShort}）应急查扣〔{year}〕{serial}号',
  },
  penaltyNotice: {
    zh: '行政处罚告知书',
    en: 'Notice of intended administrative penalty',
    code: '应急罚告',
    pattern: '（{issuerShort}）应急罚告〔{year}〕{serial}号',
  },
  penaltyDecision: {
    zh: '行政处罚决定书',
    en: 'Administrative penalty decision',
    code: '应急罚',
    pattern: '（{issuerShort}）应急罚〔{year}〕{serial}号',
  },
  suspensionOrder: {
    zh: '责令停产停业整顿指令书',
    en: 'Order to suspend production for rectification',
    code: '应急停整',
    pattern: '（{issuerShort}）应急停整〔{year}〕{serial}号',
  },
  resumptionAcceptance: {
    zh: '复产验收意见书',
    en: 'Resumption acceptance opinion',
    code: '应急复产',
    pattern: '（{issuerShort}）应急复产〔{year}〕{serial}号',
  },
  caseFiling: {
    zh: '立案审批表',
    en: 'Case filing approval form',
    code: '应急立',
    pattern: '（{issuerShort}）应急立〔{year}〕{serial}号',
  },
  hearingNotice: {
    zh: '行政处罚听证告知书',
    en: 'Notice of the right to a hearing',
    code: '应急听告',
    pattern: '（{issuerShort}）应急听告〔{year}〕{serial}号',
  },
  paymentReminder: {
    zh: '缴纳罚款催告书',
    en: 'Reminder to pay a fine',
    code: '应急催',
    pattern: '（{issuerShort}）应急催〔{year}〕{serial}号',
  },
  lateFeeDecision: {
    zh: '加处罚款决定书',
    en: 'Late-payment surcharge decision',
    code: '应急加罚',
    pattern: '（{issuerShort}）应急加罚〔{year}〕{serial}号',
  },
  caseClosing: {
    zh: '结案审批表',
    en: 'Case closing approval form',
    code: '应急结',
    pattern: '（{issuerShort}）应急结〔{year}〕{serial}号',
  },
  caseTransfer: {
    zh: '案件移送书',
    en: 'Case transfer letter',
    code: '应急移',
    pattern: '（{issuerShort}）应急移〔{year}〕{serial}号',
  },
  serviceReceipt: {
    zh: '文书送达回执',
    en: 'Receipt of service',
    code: '应急回',
    pattern: '（{issuerShort}）应急回〔{year}〕{serial}号',
  },
  // Credit (issue 26): the serious-discredit list's documents (应急管理部令第11号: 告知, 书面决定,
  // 提前移出). The codes are ours; the Decree gives no 文号代字 (STANDARDS-NEXT §4).
  creditNotice: {
    zh: '列入严重失信主体名单告知书',
    en: 'Notice of intended listing',
    code: '应急失告',
    pattern: '（{issuerShort}）应急失告〔{year}〕{serial}号',
  },
  creditDecision: {
    zh: '列入严重失信主体名单决定书',
    en: 'Listing decision',
    code: '应急失决',
    pattern: '（{issuerShort}）应急失决〔{year}〕{serial}号',
  },
  creditRemoval: {
    zh: '移出严重失信主体名单决定书',
    en: 'Removal decision',
    code: '应急失移',
    pattern: '（{issuerShort}）应急失移〔{year}〕{serial}号',
  },
  // Accountability (issue 26): 约谈, 黄牌警示, 通报 and the quarterly bulletin, issued in the
  // name of the level's 安委会办公室 (the codes are ours).
  interviewNotice: {
    zh: '安全生产约谈通知书',
    en: 'Interview notice',
    code: '安委办约',
    pattern: '{county}安委办约〔{year}〕{serial}号',
  },
  yellowCard: {
    zh: '安全生产黄牌警示通知书',
    en: 'Yellow card',
    code: '安委办警',
    pattern: '{county}安委办警〔{year}〕{serial}号',
  },
  circular: {
    zh: '安全生产通报',
    en: 'Circular',
    code: '安委办通',
    pattern: '{county}安委办通〔{year}〕{serial}号',
  },
  quarterlyBulletin: {
    zh: '安全生产工作季度通报',
    en: 'Quarterly bulletin',
    code: '安委办季',
    pattern: '{county}安委办季〔{year}〕{serial}号',
  },
  // Emergency preparedness (issue 27). The codes are ours: 令第88号 (2019) names the 备案登记表 and
  // the 一次性告知 but gives no 文号代字, and a 调拨指令's number is local practice (STANDARDS-NEXT §5–6).
  planFilingRecord: {
    zh: '生产经营单位生产安全事故应急预案备案登记表',
    en: 'Emergency plan filing record',
    code: '应急预备',
    pattern: '（{issuerShort}）应急预备〔{year}〕{serial}号',
  },
  planFilingNotice: {
    zh: '应急预案备案材料补正告知书',
    en: 'Notice of missing filing items',
    code: '应急预补',
    pattern: '（{issuerShort}）应急预补〔{year}〕{serial}号',
  },
  dispatchOrder: {
    zh: '应急物资调拨指令',
    en: 'Supplies dispatch order',
    code: '应急调',
    pattern: '（{issuerShort}）应急调〔{year}〕{serial}号',
  },
  // Public health and the command centre (issue 28). The codes are ours: the 2006 预案 and 卫生部令第37号
  // name the reports and the 公告 but no 文号代字 (STANDARDS-NEXT §7).
  phEventReport: {
    zh: '突发公共卫生事件报告',
    en: 'Public-health event report',
    code: '卫应报',
    pattern: '（{issuerShort}）卫应报〔{year}〕{serial}号',
  },
  riskLevelNotice: {
    zh: '疫情风险等级调整公告',
    en: 'Risk level announcement',
    code: '防控告',
    pattern: '（{issuerShort}）防控告〔{year}〕{serial}号',
  },
  dailyBriefing: {
    zh: '值班每日简报',
    en: 'Daily duty briefing',
    code: '值班简',
    pattern: '（{issuerShort}）值班简〔{year}〕{serial}号',
  },
} as const satisfies Record<string, { zh: string; en: string; code: string; pattern: string }>;

export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as DocumentType[];

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
    if (token === 'issuerShort') return parts.issuerShort ?? parts.county;
    if (token === 'year') return String(parts.year);
    if (token === 'serial') return String(parts.serial).padStart(Number(width ?? 0), '0');
    return whole;
  });
}

const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const chineseNumber = (n: number) =>
  (n < 10 ? '' : n < 20 ? '十' : `${CHINESE_DIGITS[Math.floor(n / 10)]}十`) + (n % 10 || n < 10 ? CHINESE_DIGITS[n % 10] : '');

/**
 * A date as official documents write it (GB/T 9704-2012 7.3.5.3): 二〇二六年十二月五日. Takes a
 * Beijing calendar date (YYYY-MM-DD): the caller gives today in Beijing, not UTC's.
 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  if (!y || !m || !d) throw new Error(`not a date: ${date}`);
  return `${[...y].map((c) => CHINESE_DIGITS[Number(c)]).join('')}年${chineseNumber(Number(m))}月${chineseNumber(Number(d))}日`;
}
