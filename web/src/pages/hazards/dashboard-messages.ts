// UI strings of the hazard dashboard's maps, Chinese and English side by side (merged in i18n.tsx).
// The map component's own words are in web/src/components/map-messages.ts.
import type { Messages } from '../../messages.ts';

export const dashboardMessages = {
  mapOpenHazards: { zh: '未销号隐患分布', en: 'Open hazards by district' },
  mapRiskPoints: { zh: '风险点分布', en: 'Risk points by district' },
  mapOpenHazardsCount: { zh: '未销号隐患', en: 'Open hazards' },
  mapOpenMajorCount: { zh: '其中重大隐患', en: 'of which major' },
  mapRiskPointsCount: { zh: '风险点', en: 'Risk points' },
  mapHighestLevel: { zh: '最高风险等级', en: 'Highest level' },
  mapNotAssessed: { zh: '未评估', en: 'Not assessed' },
  mapLegendMajorHazard: { zh: '红框：有未销号重大隐患', en: 'Red outline: a major hazard open' },
  mapLegendMoreOpen: { zh: '未销号隐患越多颜色越深', en: 'Darker: more open hazards' },
  mapLegendNone: { zh: '无', en: 'None' },
} satisfies Messages;
