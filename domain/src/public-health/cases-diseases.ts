// 法定传染病 reference data, versioned by date (STANDARDS-NEXT §7.1). A report is judged by the
// version in force on its diagnosis date. The 2025 law (in force 2025-09-01) is UNCONFIRMED in its
// exact 乙类 list: the versions it implies are marked provisional. Owner: cases. Pure.

export type DiseaseClass = 'A' | 'B' | 'C';
export type DiseaseVersion = {
  diseaseCode: string;
  class: DiseaseClass;
  managedAsClassA: boolean;
  /** ISO date (yyyy-mm-dd), inclusive. */
  effectiveFrom: string;
  /** ISO date, exclusive; null = still in force. */
  effectiveTo: string | null;
  provisional: boolean;
  source: string;
};
export type DiseaseSeed = { code: string; nameZh: string; nameEn: string; versions: Omit<DiseaseVersion, 'diseaseCode'>[] };

const LAW2013 = '传染病防治法（2013-06-29）第三条、第四条';
const N2013 = '国卫疾控发〔2013〕28号';
const LAW2025 = 'UNCONFIRMED：传染病防治法（2025-04-30 修订，2025-09-01 施行）甲类 2、乙类 27、丙类 11，乙类名单未核实';
const START = '2004-12-01';
const L25 = '2025-09-01';

/** A disease whose class is the same under the 2013 list and (provisionally) the 2025 law. */
function steady(
  code: string,
  nameZh: string,
  nameEn: string,
  cls: DiseaseClass,
  managedAsClassA = false,
  from = START,
  src = LAW2013,
): DiseaseSeed {
  return {
    code,
    nameZh,
    nameEn,
    versions: [
      { class: cls, managedAsClassA, effectiveFrom: from, effectiveTo: L25, provisional: false, source: src },
      { class: cls, managedAsClassA, effectiveFrom: L25, effectiveTo: null, provisional: true, source: LAW2025 },
    ],
  };
}

/** The code of 新型冠状病毒感染 (the demo cluster and the levels part use it). */
export const COVID19_CODE = 'covid19';

export const DISEASE_SEED: DiseaseSeed[] = [
  steady('plague', '鼠疫', 'Plague', 'A'),
  steady('cholera', '霍乱', 'Cholera', 'A'),
  steady('sars', '传染性非典型肺炎', 'SARS', 'B', true),
  steady('aids', '艾滋病', 'HIV/AIDS', 'B'),
  steady('hepatitis', '病毒性肝炎', 'Viral hepatitis', 'B'),
  steady('polio', '脊髓灰质炎', 'Poliomyelitis', 'B'),
  {
    code: 'hpai',
    nameZh: '人感染高致病性禽流感',
    nameEn: 'Human highly pathogenic avian influenza',
    versions: [
      { class: 'B', managedAsClassA: true, effectiveFrom: START, effectiveTo: '2013-11-01', provisional: false, source: LAW2013 },
      { class: 'B', managedAsClassA: false, effectiveFrom: '2013-11-01', effectiveTo: L25, provisional: false, source: N2013 },
      { class: 'B', managedAsClassA: false, effectiveFrom: L25, effectiveTo: null, provisional: true, source: LAW2025 },
    ],
  },
  steady('h7n9', '人感染H7N9禽流感', 'Human H7N9 avian influenza', 'B', false, '2013-11-01', N2013),
  steady('measles', '麻疹', 'Measles', 'B'),
  steady('hfrs', '流行性出血热', 'Haemorrhagic fever with renal syndrome', 'B'),
  steady('rabies', '狂犬病', 'Rabies', 'B'),
  steady('jev', '流行性乙型脑炎', 'Japanese encephalitis', 'B'),
  steady('dengue', '登革热', 'Dengue', 'B'),
  steady('anthrax', '炭疽', 'Anthrax', 'B'),
  steady('pulmonaryAnthrax', '肺炭疽', 'Pulmonary anthrax', 'B', true),
  steady('dysentery', '细菌性和阿米巴性痢疾', 'Bacillary and amoebic dysentery', 'B'),
  steady('tuberculosis', '肺结核', 'Pulmonary tuberculosis', 'B'),
  steady('typhoid', '伤寒和副伤寒', 'Typhoid and paratyphoid', 'B'),
  steady('meningitis', '流行性脑脊髓膜炎', 'Meningococcal meningitis', 'B'),
  steady('pertussis', '百日咳', 'Pertussis', 'B'),
  steady('diphtheria', '白喉', 'Diphtheria', 'B'),
  steady('neonatalTetanus', '新生儿破伤风', 'Neonatal tetanus', 'B'),
  steady('scarletFever', '猩红热', 'Scarlet fever', 'B'),
  steady('brucellosis', '布鲁氏菌病', 'Brucellosis', 'B'),
  steady('gonorrhea', '淋病', 'Gonorrhoea', 'B'),
  steady('syphilis', '梅毒', 'Syphilis', 'B'),
  steady('leptospirosis', '钩端螺旋体病', 'Leptospirosis', 'B'),
  steady('schistosomiasis', '血吸虫病', 'Schistosomiasis', 'B'),
  steady('malaria', '疟疾', 'Malaria', 'B'),
  {
    code: 'h1n1',
    nameZh: '甲型H1N1流感',
    nameEn: 'Influenza A (H1N1)',
    versions: [
      // From 2014-01-01 reported as 流行性感冒 (丙类), 国卫疾控发〔2013〕28号.
      { class: 'B', managedAsClassA: false, effectiveFrom: '2009-04-30', effectiveTo: '2014-01-01', provisional: false, source: N2013 },
    ],
  },
  {
    code: COVID19_CODE,
    nameZh: '新型冠状病毒感染',
    nameEn: 'COVID-19',
    versions: [
      {
        class: 'B',
        managedAsClassA: true,
        effectiveFrom: '2020-01-20',
        effectiveTo: '2023-01-08',
        provisional: false,
        source: '国家卫生健康委公告2020年第1号（乙类甲管）',
      },
      {
        class: 'B',
        managedAsClassA: false,
        effectiveFrom: '2023-01-08',
        effectiveTo: L25,
        provisional: false,
        source: '国家卫生健康委公告2022年第7号（乙类乙管，2023-01-08）',
      },
      { class: 'B', managedAsClassA: false, effectiveFrom: L25, effectiveTo: null, provisional: true, source: LAW2025 },
    ],
  },
  steady('mpox', '猴痘', 'Mpox', 'B', false, '2023-09-20', '国家卫生健康委公告2023年第7号'),
  steady('influenza', '流行性感冒', 'Influenza', 'C'),
  steady('mumps', '流行性腮腺炎', 'Mumps', 'C'),
  steady('rubella', '风疹', 'Rubella', 'C'),
  steady('hemorrhagicConjunctivitis', '急性出血性结膜炎', 'Acute haemorrhagic conjunctivitis', 'C'),
  steady('leprosy', '麻风病', 'Leprosy', 'C'),
  steady('typhus', '流行性和地方性斑疹伤寒', 'Epidemic and endemic typhus', 'C'),
  steady('kalaAzar', '黑热病', 'Kala-azar', 'C'),
  steady('echinococcosis', '包虫病', 'Echinococcosis', 'C'),
  steady('filariasis', '丝虫病', 'Filariasis', 'C'),
  steady('otherDiarrhea', '其它感染性腹泻病', 'Other infectious diarrhoea', 'C'),
  steady('hfmd', '手足口病', 'Hand, foot and mouth disease', 'C', false, '2008-05-02', '卫生部 2008 年将手足口病列入丙类（来源未核实）'),
];

/** The version of `code` in force on `date` (yyyy-mm-dd or a Date, judged in Asia/Shanghai), or null. */
export function diseaseVersionOn<V extends Pick<DiseaseVersion, 'diseaseCode' | 'effectiveFrom' | 'effectiveTo'>>(
  versions: readonly V[],
  code: string,
  date: string | Date,
): V | null {
  const day = typeof date === 'string' ? date.slice(0, 10) : shanghaiDate(date);
  let best: V | null = null;
  for (const v of versions) {
    if (v.diseaseCode !== code) continue;
    if (v.effectiveFrom <= day && (v.effectiveTo === null || day < v.effectiveTo)) {
      if (!best || v.effectiveFrom > best.effectiveFrom) best = v;
    }
  }
  return best;
}

/** All seed versions flattened with their disease code. */
export function seedVersions(): DiseaseVersion[] {
  return DISEASE_SEED.flatMap((d) => d.versions.map((v) => ({ ...v, diseaseCode: d.code })));
}

/** The calendar date in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A change to a disease's class from a date (a new version), or its removal from the list
 * (`removed`): what the reference data becomes. History is never rewritten — a report is judged by
 * the version of its diagnosis date, so a change only appends: it starts after every existing
 * version's start, and the version still in force on that date is closed there.
 */
export type DiseaseChange = {
  class: DiseaseClass;
  managedAsClassA: boolean;
  /** yyyy-mm-dd, inclusive. */
  effectiveFrom: string;
  provisional: boolean;
  source: string;
  removed?: boolean;
};
export type DiseaseChangeProblem = {
  field: 'effectiveFrom' | 'managedAsClassA' | 'removed';
  reason: 'notAfterLatest' | 'onlyClassB' | 'notInForce';
};
export type DiseaseChangePlan =
  | { ok: true; close: { id: string; effectiveTo: string } | null; insert: boolean }
  | { ok: false; problems: DiseaseChangeProblem[] };

export function planDiseaseChange(
  versions: readonly (Pick<DiseaseVersion, 'effectiveFrom' | 'effectiveTo'> & { id: string })[],
  change: DiseaseChange,
): DiseaseChangePlan {
  const problems: DiseaseChangeProblem[] = [];
  // 乙类 managed as 甲类 is the law's only such measure (传染病防治法 第四条).
  if (change.managedAsClassA && change.class !== 'B' && !change.removed) problems.push({ field: 'managedAsClassA', reason: 'onlyClassB' });
  const latest = versions.reduce<(typeof versions)[number] | null>((a, v) => (!a || v.effectiveFrom > a.effectiveFrom ? v : a), null);
  if (latest && change.effectiveFrom <= latest.effectiveFrom) problems.push({ field: 'effectiveFrom', reason: 'notAfterLatest' });
  const inForce = latest && (latest.effectiveTo === null || change.effectiveFrom < latest.effectiveTo) ? latest : null;
  if (change.removed && !inForce && !problems.length) problems.push({ field: 'removed', reason: 'notInForce' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, close: inForce ? { id: inForce.id, effectiveTo: change.effectiveFrom } : null, insert: !change.removed };
}
