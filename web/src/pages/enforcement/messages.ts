// UI strings shared by the enforcement pages (执法监察), Chinese and English side by side (merged in
// i18n.tsx). Each part of the capability keeps its own words in `<part>-messages.ts`.
import type { Messages } from '../../messages.ts';

export const enforcementMessages = {
  enforcement: { zh: '执法监察', en: 'Enforcement' },
  enfMenuPlan: { zh: '分类分级与计划', en: 'Classes and plan' },
  enfMenuDraws: { zh: '双随机抽查', en: 'Random draws' },
  enfMenuInspections: { zh: '执法检查', en: 'Inspections' },
  enfMenuCases: { zh: '行政处罚案件', en: 'Penalty cases' },
  enfMenuStats: { zh: '执法统计', en: 'Statistics' },
  // The documents panel (DocumentsPanel.tsx), shared by inspections and cases.
  docTitle: { zh: '执法文书', en: 'Enforcement documents' },
  docNone: { zh: '尚未签发文书', en: 'No document issued yet' },
  docName: { zh: '文书', en: 'Document' },
  docIssuedAt: { zh: '签发时间', en: 'Issued' },
  docSignature: { zh: '签收', en: 'Signature' },
  docSigned: { zh: '当事人签收', en: 'Signed by the party' },
  docSignedBy: { zh: '签收人', en: 'Signed by' },
  docSignedByRequired: { zh: '请填写签收人', en: 'Who signed is required' },
  docNotSigned: { zh: '未签收', en: 'Not signed' },
  docSignatureRefused: { zh: '拒绝签收', en: 'Refused to sign' },
  docService: { zh: '送达', en: 'Service' },
  docNotServed: { zh: '未送达', en: 'Not served' },
  docServiceMethod: { zh: '送达方式', en: 'Method' },
  docRecipient: { zh: '受送达人', en: 'Received by' },
  docRecipientRequired: { zh: '请填写受送达人', en: 'Who received it is required' },
  docPlace: { zh: '送达地点', en: 'Place' },
  docNote: { zh: '备注', en: 'Note' },
  docTime: { zh: '时间', en: 'Time' },
  docPreview: { zh: '预览/打印', en: 'Preview / print' },
  docRecordSignature: { zh: '记录签收', en: 'Record signature' },
  docRecordService: { zh: '记录送达', en: 'Record service' },
} satisfies Messages;
