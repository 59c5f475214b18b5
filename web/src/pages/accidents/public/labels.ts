// The few label tables /open/accidents shows, copied from domain because the light entry does not
// load the domain barrel (zod): ACCIDENT_GRADE_LABELS (whistleblowing/rewards.ts),
// GRADING_DIMENSION_LABELS and CHAIN_LEVEL_LABELS (accidents/grades.ts), REPORT_SECTION_LABELS
// (accidents/investigation.ts) and the GB 6441 types (risks/accident-types.ts). Kept apart from the
// words (messages.ts, in the light entry itself) so that only the page's chunk carries them;
// e2e/tests/accidents.test.ts checks that they still equal domain's.
type Bilingual = { zh: string; en: string };

export const GRADE_COLOUR: Record<string, string> = { ordinary: 'gold', major: 'orange', serious: 'red', especiallySerious: 'magenta' };
/** A code's label in a copied table, or the code itself when the table lacks it. */
export const label = (map: Record<string, Bilingual>, code: string, lang: 'zh' | 'en') => map[code]?.[lang] ?? code;

export const OPEN_GRADE_LABELS: Record<string, Bilingual> = {
  ordinary: { zh: '一般事故', en: 'ordinary accident' },
  major: { zh: '较大事故', en: 'major accident' },
  serious: { zh: '重大事故', en: 'serious accident' },
  especiallySerious: { zh: '特别重大事故', en: 'especially serious accident' },
};
export const OPEN_DIMENSION_LABELS: Record<string, Bilingual> = {
  deaths: { zh: '死亡人数', en: 'deaths' },
  seriousInjuries: { zh: '重伤人数（含急性工业中毒）', en: 'serious injuries (incl. acute poisoning)' },
  directLoss: { zh: '直接经济损失', en: 'direct economic loss' },
};
export const OPEN_LEVEL_LABELS: Record<string, Bilingual> = {
  county: { zh: '县级', en: 'county' },
  city: { zh: '设区的市级', en: 'city' },
  province: { zh: '省级', en: 'province' },
  national: { zh: '国务院应急管理部门', en: 'national' },
};
export const OPEN_SECTION_LABELS: Record<string, Bilingual> = {
  unit: { zh: '事故发生单位概况', en: 'The unit' },
  course: { zh: '事故发生经过和事故救援情况', en: 'What happened and the rescue' },
  casualties: { zh: '人员伤亡和直接经济损失', en: 'Casualties and direct loss' },
  cause: { zh: '事故发生的原因和事故性质', en: 'Causes and nature' },
  responsibility: { zh: '事故责任的认定以及对事故责任者的处理建议', en: 'Responsibility and proposed sanctions' },
  measures: { zh: '事故防范和整改措施', en: 'Prevention and fixes' },
  rescue: { zh: '应急救援评估（《生产安全事故应急条例》第二十七条）', en: 'Evaluation of the emergency response (Decree 708 Art. 27)' },
};
export const OPEN_TYPE_LABELS: Record<string, Bilingual> = {
  objectStrike: { zh: '物体打击', en: 'Struck by object' },
  vehicle: { zh: '车辆伤害', en: 'Vehicle injury' },
  machinery: { zh: '机械伤害', en: 'Machinery injury' },
  lifting: { zh: '起重伤害', en: 'Lifting injury' },
  electrocution: { zh: '触电', en: 'Electrocution' },
  drowning: { zh: '淹溺', en: 'Drowning' },
  scald: { zh: '灼烫', en: 'Burns and scalds' },
  fire: { zh: '火灾', en: 'Fire' },
  fallFromHeight: { zh: '高处坠落', en: 'Fall from height' },
  collapse: { zh: '坍塌', en: 'Collapse' },
  roofFall: { zh: '冒顶片帮', en: 'Roof and rib fall' },
  waterInrush: { zh: '透水', en: 'Water inrush' },
  blasting: { zh: '放炮', en: 'Blasting' },
  explosiveExplosion: { zh: '火药爆炸', en: 'Explosive detonation' },
  gasExplosion: { zh: '瓦斯爆炸', en: 'Firedamp explosion' },
  boilerExplosion: { zh: '锅炉爆炸', en: 'Boiler explosion' },
  vesselExplosion: { zh: '容器爆炸', en: 'Pressure vessel explosion' },
  otherExplosion: { zh: '其它爆炸', en: 'Other explosion' },
  poisoningAsphyxiation: { zh: '中毒和窒息', en: 'Poisoning and asphyxiation' },
  otherInjury: { zh: '其它伤害', en: 'Other injury' },
};
