// UI strings of the public risk-level page (/open/health-risk), loaded by the light entry. Owner: levels.
import type { Messages } from '../../../messages.ts';

export const openHealthRiskMessages = {
  phLvOpenTitle: { zh: '疫情风险等级', en: 'Epidemic risk levels' },
  phLvOpenNote: {
    zh: '以下为各县（区）、乡镇（街道）现行疫情风险等级，未列出的地区为低风险。本页不含任何个人信息。',
    en: 'The current risk level of each county and township; regions not listed are low risk. No personal data appears here.',
  },
  phLvOpenRegion: { zh: '地区', en: 'Region' },
  phLvOpenLevel: { zh: '风险等级', en: 'Risk level' },
  phLvOpenSince: { zh: '生效时间', en: 'In force since' },
  phLvOpenAnnouncements: { zh: '调整公告', en: 'Announcements' },
  phLvOpenFailed: { zh: '数据加载失败，请稍后重试', en: 'Could not load the data; try again later' },
  phLvOpenPdf: { zh: '下载公告', en: 'Download' },
  phLvOpenNone: { zh: '暂无公告', en: 'No announcement' },
  phLvOpenMap: { zh: '风险等级地图', en: 'Risk-level map' },
} satisfies Messages;
