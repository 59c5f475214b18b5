// GB 6441-1986 《企业职工伤亡事故分类》: the 20 accident types.
export const ACCIDENT_TYPES = [
  { code: 'objectStrike', zh: '物体打击', en: 'Struck by object' },
  { code: 'vehicle', zh: '车辆伤害', en: 'Vehicle injury' },
  { code: 'machinery', zh: '机械伤害', en: 'Machinery injury' },
  { code: 'lifting', zh: '起重伤害', en: 'Lifting injury' },
  { code: 'electrocution', zh: '触电', en: 'Electrocution' },
  { code: 'drowning', zh: '淹溺', en: 'Drowning' },
  { code: 'scald', zh: '灼烫', en: 'Burns and scalds' },
  { code: 'fire', zh: '火灾', en: 'Fire' },
  { code: 'fallFromHeight', zh: '高处坠落', en: 'Fall from height' },
  { code: 'collapse', zh: '坍塌', en: 'Collapse' },
  { code: 'roofFall', zh: '冒顶片帮', en: 'Roof and rib fall' },
  { code: 'waterInrush', zh: '透水', en: 'Water inrush' },
  { code: 'blasting', zh: '放炮', en: 'Blasting' },
  { code: 'explosiveExplosion', zh: '火药爆炸', en: 'Explosive detonation' },
  { code: 'gasExplosion', zh: '瓦斯爆炸', en: 'Firedamp explosion' },
  { code: 'boilerExplosion', zh: '锅炉爆炸', en: 'Boiler explosion' },
  { code: 'vesselExplosion', zh: '容器爆炸', en: 'Pressure vessel explosion' },
  { code: 'otherExplosion', zh: '其它爆炸', en: 'Other explosion' },
  { code: 'poisoningAsphyxiation', zh: '中毒和窒息', en: 'Poisoning and asphyxiation' },
  { code: 'otherInjury', zh: '其它伤害', en: 'Other injury' },
] as const;
export type AccidentType = (typeof ACCIDENT_TYPES)[number]['code'];
export const ACCIDENT_TYPE_CODES = ACCIDENT_TYPES.map((a) => a.code) as [AccidentType, ...AccidentType[]];
