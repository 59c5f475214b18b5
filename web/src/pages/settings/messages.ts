// UI strings of the settings page (系统设置), Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const settingsMessages = {
  settingsTitle: { zh: '系统设置', en: 'Settings' },
  settingsHelp: {
    zh: '全国值由平台管理员设置；标为“省级可覆盖”的设置，省级监管人员可为本省设置覆盖值，未设置时沿用全国值；从未设置时使用默认值。',
    en: 'The national value is the platform admin’s. Settings marked “province may override” may be set by a province’s supervisor for that province; without an override the national value applies, and the default where none was ever set.',
  },
  settingsRegion: { zh: '查看范围', en: 'Showing' },
  settingsNational: { zh: '全国', en: 'National' },
  settingsSetting: { zh: '设置项', en: 'Setting' },
  settingsNationalValue: { zh: '全国值', en: 'National value' },
  settingsProvinceValue: { zh: '本省覆盖值', en: 'Province override' },
  settingsEffective: { zh: '生效值', en: 'In force' },
  settingsDefault: { zh: '默认值', en: 'Default' },
  settingsUnset: { zh: '未设置', en: 'Not set' },
  settingsEmpty: { zh: '（空）', en: '(empty)' },
  settingsOriginDefault: { zh: '默认', en: 'default' },
  settingsOriginNational: { zh: '全国', en: 'national' },
  settingsOriginProvince: { zh: '本省', en: 'province' },
  settingsProvisional: { zh: '暂定', en: 'Provisional' },
  settingsProvisionalHelp: {
    zh: '该规则尚未核对法规原文，默认值为暂定值，请按本地规定确认。依据：',
    en: 'The rule is not yet checked against its primary text; the default is provisional, confirm it against local rules. Source: ',
  },
  settingsSource: { zh: '依据', en: 'Source' },
  settingsProvinceScope: { zh: '省级可覆盖', en: 'Province may override' },
  settingsPublic: { zh: '公开', en: 'Public' },
  settingsEdit: { zh: '修改', en: 'Edit' },
  settingsEditTitle: { zh: '修改设置：{label}', en: 'Edit setting: {label}' },
  settingsEditFor: { zh: '设置范围：{region}', en: 'Applies to: {region}' },
  settingsRemoveOverride: { zh: '恢复全国值', en: 'Use the national value' },
  settingsRemoveConfirm: {
    zh: '删除本省覆盖值，恢复使用全国值？此操作将记入审计日志。',
    en: 'Remove the province’s override and use the national value? The change is audited.',
  },
  settingsAuditTrail: { zh: '修改记录', en: 'Change history' },
  settingsValue: { zh: '值', en: 'Value' },
} as const satisfies Messages;
