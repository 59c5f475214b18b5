// GB 18218-2018 《危险化学品重大危险源辨识》 tables, as data. Q in tonnes.
// Table 1: named chemicals with their own critical quantity; Table 2: categories; Table 3: β of
// named toxic gases; Table 4: β by category. Figures as STANDARDS.md gives them.
//
// β of a named chemical not in Table 3 follows its hazard category (§4.2.2). The `betaCategory`
// below is Taishan's reading of each chemical's GHS classification; a caller who knows better
// passes `category` and that category's β is used instead.

export type Category =
  | 'J1'
  | 'J2'
  | 'J3'
  | 'J4'
  | 'J5'
  | 'W1.1'
  | 'W1.2'
  | 'W1.3'
  | 'W2'
  | 'W3'
  | 'W4'
  | 'W5.1'
  | 'W5.2'
  | 'W5.3'
  | 'W5.4'
  | 'W6.1'
  | 'W6.2'
  | 'W7.1'
  | 'W7.2'
  | 'W8'
  | 'W9.1'
  | 'W9.2'
  | 'W10'
  | 'W11';

/** Table 2: critical quantity by category. */
export const TABLE2_Q: Record<Category, number> = {
  J1: 5,
  J2: 50,
  J3: 50,
  J4: 50,
  J5: 500,
  'W1.1': 1,
  'W1.2': 10,
  'W1.3': 50,
  W2: 10,
  W3: 150,
  W4: 50,
  'W5.1': 10,
  'W5.2': 50,
  'W5.3': 1000,
  'W5.4': 5000,
  'W6.1': 10,
  'W6.2': 50,
  'W7.1': 10,
  'W7.2': 50,
  W8: 50,
  'W9.1': 50,
  'W9.2': 200,
  W10: 200,
  W11: 200,
};

export const CATEGORY_LABELS: Record<Category, string> = {
  J1: '急性毒性类别1（所有暴露途径，气体）',
  J2: '急性毒性类别1（所有暴露途径，固体、液体）',
  J3: '急性毒性类别2、3（所有暴露途径，气体）',
  J4: '急性毒性类别2、3（吸入途径，固体、液体）',
  J5: '急性毒性类别3（经口、经皮，固体、液体）',
  'W1.1': '不稳定爆炸物、1.1项爆炸物',
  'W1.2': '1.2、1.3、1.5、1.6项爆炸物',
  'W1.3': '1.4项爆炸物',
  W2: '易燃气体类别1和类别2',
  W3: '气溶胶类别1和类别2',
  W4: '氧化性气体类别1',
  'W5.1': '易燃液体类别1；类别2和3（工作温度高于沸点）',
  'W5.2': '易燃液体类别2和3（具有引发重大事故的特殊工艺条件）',
  'W5.3': '不属于W5.1或W5.2的其他类别2易燃液体',
  'W5.4': '不属于W5.1或W5.2的其他类别3易燃液体',
  'W6.1': '自反应物质和混合物A型和B型；有机过氧化物A型和B型',
  'W6.2': '自反应物质和混合物C至F型；有机过氧化物C至F型',
  'W7.1': '氧化性液体和固体类别1',
  'W7.2': '氧化性液体和固体类别2、3',
  W8: '自燃液体和自燃固体类别1',
  'W9.1': '遇水放出易燃气体的物质和混合物类别1',
  'W9.2': '遇水放出易燃气体的物质和混合物类别2、3',
  W10: '易燃固体类别1',
  W11: '易燃固体类别2',
};

export const CATEGORIES = Object.keys(TABLE2_Q) as Category[];

/** Table 4: β by category. */
export const TABLE4_BETA: Record<Category, number> = {
  J1: 4,
  J2: 1,
  J3: 2,
  J4: 2,
  J5: 1,
  'W1.1': 2,
  'W1.2': 2,
  'W1.3': 2,
  W2: 1.5,
  W3: 1,
  W4: 1,
  'W5.1': 1.5,
  'W5.2': 1,
  'W5.3': 1,
  'W5.4': 1,
  'W6.1': 1.5,
  'W6.2': 1,
  'W7.1': 1.5,
  'W7.2': 1,
  W8: 1,
  'W9.1': 1,
  'W9.2': 1,
  W10: 1,
  W11: 1,
};

export type NamedChemical = {
  name: string;
  /** Other names users type (e.g. 光气 for 碳酰氯). */
  aliases?: string[];
  cas: string | null;
  Q: number;
  /** Table 3 β for named toxic gases. */
  toxicGasBeta?: number;
  /** Category whose Table 4 β applies when the chemical is not in Table 3. */
  betaCategory: Category;
};

const c = (name: string, cas: string | null, Q: number, betaCategory: Category, extra: Partial<NamedChemical> = {}): NamedChemical => ({
  name,
  cas,
  Q,
  betaCategory,
  ...extra,
});

/** Table 1: the 85 named hazardous chemicals and their critical quantities. */
export const TABLE1: NamedChemical[] = [
  c('氨', '7664-41-7', 10, 'J3', { toxicGasBeta: 2, aliases: ['液氨'] }),
  c('二氟化氧', '7783-41-7', 1, 'J1'),
  c('二氧化氮', '10102-44-0', 1, 'J1', { toxicGasBeta: 10 }),
  c('二氧化硫', '7446-09-5', 20, 'J3', { toxicGasBeta: 2 }),
  c('氟', '7782-41-4', 1, 'J1'),
  c('碳酰氯', '75-44-5', 0.3, 'J1', { toxicGasBeta: 20, aliases: ['光气'] }),
  c('环氧乙烷', '75-21-8', 10, 'W2', { toxicGasBeta: 2 }),
  c('甲醛（含量>90%）', '50-00-0', 5, 'W2', { aliases: ['甲醛'] }),
  c('磷化氢', '7803-51-2', 1, 'J1', { toxicGasBeta: 20 }),
  c('硫化氢', '7783-06-4', 5, 'J3', { toxicGasBeta: 5 }),
  c('氯化氢（无水）', '7647-01-0', 20, 'J3', { toxicGasBeta: 3, aliases: ['氯化氢'] }),
  c('氯', '7782-50-5', 5, 'J3', { toxicGasBeta: 4, aliases: ['氯气', '液氯'] }),
  // 煤气 (CO and mixtures of CO, H₂, CH₄): β of its toxic component 一氧化碳 (Table 3: 2).
  c('煤气（CO，CO和H2、CH4的混合物等）', null, 20, 'W2', { toxicGasBeta: 2, aliases: ['煤气'] }),
  c('砷化氢', '7784-42-1', 1, 'J1', { aliases: ['砷化三氢', '胂'] }),
  c('锑化氢', '7803-52-3', 1, 'J1', { aliases: ['锑化三氢'] }),
  c('硒化氢', '7783-07-5', 1, 'J1'),
  c('溴甲烷', '74-83-9', 10, 'J3', { toxicGasBeta: 3 }),
  c('丙酮氰醇', '75-86-5', 20, 'J2'),
  c('丙烯醛', '107-02-8', 20, 'J2'),
  c('氟化氢', '7664-39-3', 1, 'J1', { toxicGasBeta: 5 }),
  c('1-氯-2,3-环氧丙烷', '106-89-8', 20, 'J4', { aliases: ['环氧氯丙烷'] }),
  c('3-溴-1,2-环氧丙烷', '3132-64-7', 20, 'J4', { aliases: ['环氧溴丙烷'] }),
  c('甲苯二异氰酸酯', '26471-62-5', 100, 'J4', { aliases: ['TDI'] }),
  c('一氯化硫', '10025-67-9', 1, 'J4'),
  c('氰化氢', '74-90-8', 1, 'J1', { toxicGasBeta: 10 }),
  c('三氧化硫', '7446-11-9', 75, 'J4'),
  c('3-氨基丙烯', '107-11-9', 20, 'J4', { aliases: ['烯丙胺'] }),
  c('溴', '7726-95-6', 20, 'J2'),
  c('乙撑亚胺', '151-56-4', 20, 'J2', { aliases: ['氮丙啶'] }),
  c('异氰酸甲酯', '624-83-9', 0.75, 'J2', { toxicGasBeta: 20 }),
  c('叠氮化钡', '18810-58-7', 0.5, 'W1.1'),
  c('叠氮化铅', '13424-46-9', 0.5, 'W1.1'),
  c('雷汞', '628-86-4', 0.5, 'W1.1'),
  c('三硝基苯甲醚', '28653-16-9', 5, 'W1.1'),
  c('2,4,6-三硝基甲苯', '118-96-7', 5, 'W1.1', { aliases: ['TNT', '梯恩梯'] }),
  c('硝化甘油', '55-63-0', 1, 'W1.1'),
  c('硝化纤维素［干的或含水（或乙醇）<25%］', '9004-70-0', 1, 'W1.1'),
  c('硝化纤维素（未改型的，或增塑的，含增塑剂<18%）', '9004-70-0', 1, 'W1.1'),
  c('硝化纤维素（含乙醇≥25%）', '9004-70-0', 10, 'W10'),
  c('硝化纤维素（含氮≤12.6%）', '9004-70-0', 50, 'W10'),
  c('硝化纤维素（含水≥25%）', '9004-70-0', 50, 'W10'),
  // One source states this condition differently (STANDARDS.md); the name here is the 2018 text.
  c('硝化纤维素溶液（含氮量≤12.6%，含硝化纤维素≤55%）', '9004-70-0', 50, 'W5.3'),
  c('硝酸铵（含可燃物>0.2%，包括以碳计算的任何有机物，但不包括任何其他添加剂）', '6484-52-2', 5, 'W1.1'),
  c('硝酸铵（含可燃物≤0.2%）', '6484-52-2', 50, 'W7.2'),
  c('硝酸铵基化肥', null, 200, 'W7.2'),
  c('硝酸钾', '7757-79-1', 1000, 'W7.2'),
  c('1,3-丁二烯', '106-99-0', 5, 'W2', { aliases: ['丁二烯'] }),
  c('二甲醚', '115-10-6', 50, 'W2'),
  c('甲烷，天然气', '74-82-8', 50, 'W2', { aliases: ['甲烷', '天然气'] }),
  c('氯乙烯', '75-01-4', 50, 'W2'),
  c('氢', '1333-74-0', 5, 'W2', { aliases: ['氢气'] }),
  c('液化石油气（含丙烷、丁烷及其混合物）', '68476-85-7', 50, 'W2', { aliases: ['液化石油气', 'LPG'] }),
  c('一甲胺', '74-89-5', 5, 'W2', { aliases: ['甲胺'] }),
  c('乙炔', '74-86-2', 1, 'W2'),
  c('乙烯', '74-85-1', 50, 'W2'),
  c('氧（压缩的或液化的）', '7782-44-7', 200, 'W4', { aliases: ['氧', '氧气', '液氧'] }),
  c('苯', '71-43-2', 50, 'W5.3'),
  c('苯乙烯', '100-42-5', 500, 'W5.4'),
  c('丙酮', '67-64-1', 500, 'W5.3'),
  c('2-丙烯腈', '107-13-1', 50, 'W5.3', { aliases: ['丙烯腈'] }),
  c('二硫化碳', '75-15-0', 50, 'W5.1'),
  c('环己烷', '110-82-7', 500, 'W5.3'),
  c('1,2-环氧丙烷', '75-56-9', 10, 'W5.1', { aliases: ['环氧丙烷'] }),
  c('甲苯', '108-88-3', 500, 'W5.3'),
  c('甲醇', '67-56-1', 500, 'W5.3'),
  c('汽油（乙醇汽油、甲醇汽油）', '86290-81-5', 200, 'W5.1', { aliases: ['汽油'] }),
  c('乙醇', '64-17-5', 500, 'W5.3'),
  c('乙醚', '60-29-7', 10, 'W5.1'),
  c('乙酸乙酯', '141-78-6', 500, 'W5.3'),
  c('正己烷', '110-54-3', 500, 'W5.3'),
  c('过乙酸', '79-21-0', 10, 'W6.1', { aliases: ['过氧乙酸'] }),
  c('过氧化甲基乙基酮（10%<有效氧含量≤10.7%，含A型稀释剂≥48%）', '1338-23-4', 10, 'W6.1', { aliases: ['过氧化甲基乙基酮'] }),
  c('白磷', '12185-10-3', 50, 'W8', { aliases: ['黄磷'] }),
  c('烷基铝（液态）', null, 1, 'W8', { aliases: ['烷基铝'] }),
  c('戊硼烷', '19624-22-7', 1, 'W8'),
  c('过氧化钾', '17014-71-0', 20, 'W7.1'),
  c('过氧化钠', '1313-60-6', 20, 'W7.1'),
  c('氯酸钾', '3811-04-9', 100, 'W7.1'),
  c('氯酸钠', '7775-09-9', 100, 'W7.1'),
  c('发烟硝酸', '52583-42-3', 20, 'W7.1'),
  c('硝酸（发红烟的除外，含硝酸>70%）', '7697-37-2', 100, 'W7.2', { aliases: ['硝酸'] }),
  c('硝酸胍', '506-93-4', 50, 'W7.2'),
  c('碳化钙', '75-20-7', 100, 'W9.1', { aliases: ['电石'] }),
  c('钾', '7440-09-7', 1, 'W9.1', { aliases: ['金属钾'] }),
  c('钠', '7440-23-5', 10, 'W9.1', { aliases: ['金属钠'] }),
];

/**
 * α by people within 500 m outside the installation's boundary (GB 18218-2018 Table 5):
 * ≥ 100 → 2.0; 50–99 → 1.5; 30–49 → 1.2; 1–29 → 1.0; 0 → 0.5.
 */
export function alphaFor(people: number): number {
  if (people >= 100) return 2.0;
  if (people >= 50) return 1.5;
  if (people >= 30) return 1.2;
  if (people >= 1) return 1.0;
  return 0.5;
}

/** Grade by R: 一级 R ≥ 100; 二级 50 ≤ R < 100; 三级 10 ≤ R < 50; 四级 R < 10. */
export function gradeFor(R: number): 1 | 2 | 3 | 4 {
  if (R >= 100) return 1;
  if (R >= 50) return 2;
  if (R >= 10) return 3;
  return 4;
}
