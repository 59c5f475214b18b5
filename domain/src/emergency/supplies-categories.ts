// The GB/T 38565-2020《应急物资分类及编码》category code (issue 27; STANDARDS-NEXT §6.1): a
// hierarchical code of 4 levels and 7 digits — 大类 one digit (1/2/3), then 中类, 小类 and 细类 two
// digits each (01–99), "99" being the 收容类目 (other) at every level; line classification, parent
// = prefix. The three 大类 are the standard's; the lower levels' published code table was not
// available (STANDARDS-NEXT §9 item 7), so the seeded sub-categories below are PROVISIONAL: the
// province confirms or extends them (an admin's category follows the same code rule). Owner: supplies.

type Label = { zh: string; en: string };

/** A full (level-4, 细类) code. */
export const SUPPLY_CATEGORY_FULL_CODE = /^[1-3](0[1-9]|[1-9][0-9]){3}$/;
/** A code at any level: 1, 3, 5 or 7 digits. */
export const SUPPLY_CATEGORY_CODE = /^[1-3](0[1-9]|[1-9][0-9]){0,3}$/;

export const SUPPLY_CATEGORY_LEVEL_LABELS: Record<1 | 2 | 3 | 4, Label> = {
  1: { zh: '大类', en: 'Class' },
  2: { zh: '中类', en: 'Division' },
  3: { zh: '小类', en: 'Group' },
  4: { zh: '细类', en: 'Sub-group' },
};

/** Whether `code` is a GB/T 38565 category code at some level (1, 3, 5 or 7 digits). */
export const isSupplyCategoryCode = (code: string) => SUPPLY_CATEGORY_CODE.test(code);

/** The level (1 大类 … 4 细类) of a valid code; null otherwise. */
export function supplyCategoryLevel(code: string): 1 | 2 | 3 | 4 | null {
  if (!isSupplyCategoryCode(code)) return null;
  return ((code.length + 1) / 2) as 1 | 2 | 3 | 4;
}

/** The parent's code (the prefix one level up); null for a 大类 or an invalid code. */
export function supplyCategoryParent(code: string): string | null {
  const level = supplyCategoryLevel(code);
  return level && level > 1 ? code.slice(0, code.length - 2) : null;
}

/** Whether the code is the 收容类目 ("99", other) of its level. */
export const isCatchAllCategory = (code: string) => (supplyCategoryLevel(code) ?? 1) > 1 && code.endsWith('99');

/**
 * Why a new category `code` cannot be added under the existing codes, or null: the code rule, the
 * parent must exist (a 大类 cannot be added: the standard fixes the three), and no duplicate.
 */
export function categoryCodeProblem(code: string, existing: ReadonlySet<string>): Label | null {
  if (!isSupplyCategoryCode(code))
    return {
      zh: '分类代码不符合 GB/T 38565：大类 1 位（1–3），中类、小类、细类各 2 位（01–99，99 为其他）',
      en: 'Not a GB/T 38565 code: class one digit (1–3), then two digits (01–99, 99 = other) per level',
    };
  const parent = supplyCategoryParent(code);
  if (!parent) return { zh: '大类由标准规定（1、2、3），不能新增', en: 'The three classes (1, 2, 3) are fixed by the standard' };
  if (!existing.has(parent)) return { zh: `上级分类 ${parent} 不存在`, en: `The parent category ${parent} does not exist` };
  if (existing.has(code)) return { zh: `分类代码 ${code} 已存在`, en: `Category ${code} exists already` };
  return null;
}

export type SupplyCategorySeed = { code: string; zh: string; en: string; provisional: boolean };

/** The standard's three classes (not provisional). */
export const SUPPLY_TOP_CLASSES: readonly SupplyCategorySeed[] = [
  { code: '1', zh: '基本生活保障物资', en: 'Basic living supplies', provisional: false },
  { code: '2', zh: '应急装备及配套物资', en: 'Emergency equipment and accessories', provisional: false },
  { code: '3', zh: '工程材料与机械加工设备', en: 'Engineering materials and machinery', provisional: false },
];

const p = (code: string, zh: string, en: string): SupplyCategorySeed => ({ code, zh, en, provisional: true });

/** Seeded sub-categories: PROVISIONAL (the standard's lower-level table was not retrieved). */
export const SUPPLY_SEED_SUBCATEGORIES: readonly SupplyCategorySeed[] = [
  p('101', '生活类物资', 'Living supplies'),
  p('10101', '帐篷类', 'Tents'),
  p('1010101', '单帐篷', 'Single-layer tent'),
  p('1010102', '棉帐篷', 'Insulated tent'),
  p('1010199', '其他帐篷', 'Other tents'),
  p('10102', '被服类', 'Bedding and clothing'),
  p('1010201', '棉被', 'Quilt'),
  p('1010202', '棉大衣', 'Padded coat'),
  p('1010203', '折叠床', 'Folding bed'),
  p('10103', '饮食类', 'Food and water'),
  p('1010301', '饮用水', 'Drinking water'),
  p('1010302', '方便食品', 'Ready-to-eat food'),
  p('102', '医疗卫生及防疫物资', 'Medical and epidemic-prevention supplies'),
  p('10201', '防护用品', 'Protective articles'),
  p('1020101', '医用防护口罩', 'Medical respirator'),
  p('1020102', '医用防护服', 'Medical protective suit'),
  p('1020103', '护目镜及防护面屏', 'Goggles and face shields'),
  p('1020104', '医用手套', 'Medical gloves'),
  p('10202', '消杀用品', 'Disinfection'),
  p('1020201', '消毒液', 'Disinfectant'),
  p('1020202', '消毒喷雾器', 'Disinfection sprayer'),
  p('10203', '急救药械', 'First aid'),
  p('1020301', '急救包', 'First-aid kit'),
  p('1020302', '担架', 'Stretcher'),
  p('199', '其他基本生活保障物资', 'Other basic living supplies'),
  p('201', '个体防护装备', 'Personal protective equipment'),
  p('20101', '头部防护', 'Head protection'),
  p('2010101', '安全帽', 'Safety helmet'),
  p('20102', '呼吸防护', 'Respiratory protection'),
  p('2010201', '正压式空气呼吸器', 'Self-contained breathing apparatus'),
  p('2010202', '过滤式防毒面具', 'Filter gas mask'),
  p('20103', '躯体防护', 'Body protection'),
  p('2010301', '化学防护服', 'Chemical protective suit'),
  p('2010302', '救生衣', 'Life jacket'),
  p('202', '抢险救援装备', 'Rescue equipment'),
  p('20201', '破拆装备', 'Breaking and cutting'),
  p('2020101', '液压破拆工具组', 'Hydraulic rescue tool set'),
  p('20202', '排水装备', 'Drainage'),
  p('2020201', '排水泵', 'Drainage pump'),
  p('20203', '照明装备', 'Lighting'),
  p('2020301', '移动照明灯塔', 'Mobile lighting tower'),
  p('20204', '发电装备', 'Power generation'),
  p('2020401', '发电机组', 'Generator set'),
  p('203', '通信与监测装备', 'Communication and monitoring'),
  p('20301', '应急通信', 'Emergency communication'),
  p('2030101', '卫星电话', 'Satellite phone'),
  p('20302', '监测检测', 'Monitoring and detection'),
  p('2030201', '便携式气体检测仪', 'Portable gas detector'),
  p('299', '其他应急装备及配套物资', 'Other emergency equipment'),
  p('301', '防汛抗旱物资', 'Flood and drought materials'),
  p('30101', '防汛袋料', 'Flood bags'),
  p('3010101', '编织袋', 'Woven bag'),
  p('3010102', '吸水膨胀袋', 'Water-absorbing sandbag'),
  p('30102', '土工材料', 'Geotextiles'),
  p('3010201', '土工布', 'Geotextile cloth'),
  p('302', '工程机械', 'Construction machinery'),
  p('30201', '挖掘装载机械', 'Excavating and loading'),
  p('3020101', '挖掘机', 'Excavator'),
  p('3020102', '装载机', 'Loader'),
  p('399', '其他工程材料与机械加工设备', 'Other engineering materials and machinery'),
];

/** Every seeded category, parents before children. */
export const SUPPLY_SEED_CATEGORIES: readonly SupplyCategorySeed[] = [...SUPPLY_TOP_CLASSES, ...SUPPLY_SEED_SUBCATEGORIES].sort(
  (a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code),
);
