// UI strings of the public serious-discredit list (/open/blacklist), loaded by the light entry; the
// app has them too through ../blacklist-messages.ts. The label tables are ./labels.ts's copies.
import type { Messages } from '../../../messages.ts';

export const openBlacklistMessages = {
  blOpenTitle: { zh: '安全生产严重失信主体名单', en: 'Serious work-safety discredit list' },
  blOpenNote: {
    zh: '依据《安全生产严重失信主体名单管理办法》（应急管理部令第11号），以下为管理期限内的严重失信主体，管理期限为三年，期满或提前移出后不再公示。自然人身份证号码已作隐去处理。',
    en: 'Subjects on the list under Decree No. 11 of the Ministry of Emergency Management, within their three-year term; entries are no longer shown once their term ends or they are removed early. ID numbers are masked.',
  },
  blOpenRegion: { zh: '地区', en: 'Region' },
  blOpenAllRegions: { zh: '全部地区', en: 'All regions' },
  blOpenName: { zh: '名称/姓名', en: 'Name' },
  blOpenSubject: { zh: '主体类型', en: 'Subject' },
  blOpenUscc: { zh: '统一社会信用代码', en: 'USCC' },
  blOpenIdNumber: { zh: '身份证号码', en: 'ID number' },
  blOpenReason: { zh: '列入事由', en: 'Reason' },
  blOpenDecision: { zh: '列入决定书文号', en: 'Decision number' },
  blOpenListedAt: { zh: '列入日期', en: 'Listed on' },
  blOpenExpiresAt: { zh: '管理期限至', en: 'Until' },
  blOpenEmpty: { zh: '暂无严重失信主体', en: 'Nobody is on the list' },
  blOpenLoadError: { zh: '加载失败，请稍后重试', en: 'Could not load; try again later' },
  blOpenTotal: { zh: '共 {n} 条', en: '{n} in all' },
  blOpenPrev: { zh: '上一页', en: 'Previous page' },
  blOpenNext: { zh: '下一页', en: 'Next page' },
} satisfies Messages;
