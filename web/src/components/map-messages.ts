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
  mapApprovalNumber: { zh: '审图号：{n}', en: 'Map approval number (审图号): {n}' },
  mapDrillDown: { zh: '查看{name}', en: 'Open {name}' },
} satisfies Messages;
