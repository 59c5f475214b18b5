// UI strings of the map component (RegionMap.tsx), shared by every capability that draws a map;
// Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../messages.ts';

export const mapMessages = {
  mapRegion: { zh: '区划', en: 'District' },
  mapValue: { zh: '数量', en: 'Count' },
  mapNoBoundaries: {
    zh: '该区划尚无边界数据，以下为表格；管理员可上传下级区划边界。',
    en: 'No boundaries for this region yet; the numbers are in the table below. An administrator can upload them.',
  },
  mapParentFallback: {
    zh: '尚无下级区划边界：地图显示本区划在上级区划中的位置和合计，各下级的数字见下表。',
    en: 'No boundaries of the districts below yet: the map shows this region within its parent, with its total; the districts are in the table.',
  },
  mapApprovalNumber: { zh: '审图号：{n}', en: 'Map approval number (审图号): {n}' },
  mapDrillDown: { zh: '查看{name}', en: 'Open {name}' },
} satisfies Messages;
