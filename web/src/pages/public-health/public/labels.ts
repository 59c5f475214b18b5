// The level labels /open/health-risk shows, copied from domain (PH_RISK_LEVEL_LABELS in
// domain/src/public-health/levels-rules.ts) because the light entry does not load the domain barrel.
type Bilingual = { zh: string; en: string };

export const OPEN_RISK_LEVEL_LABELS: Record<string, Bilingual> = {
  low: { zh: '低风险', en: 'Low risk' },
  medium: { zh: '中风险', en: 'Medium risk' },
  high: { zh: '高风险', en: 'High risk' },
};
/** Tags use antd's status presets (dark text on a light ground: readable); the map keeps the strong colours. */
export const OPEN_RISK_LEVEL_TAGS: Record<string, string> = { low: 'success', medium: 'warning', high: 'error' };
export const OPEN_RISK_LEVEL_COLORS: Record<string, string> = { low: '#52c41a', medium: '#faad14', high: '#f5222d' };
export const riskLabel = (code: string, lang: 'zh' | 'en') => OPEN_RISK_LEVEL_LABELS[code]?.[lang] ?? code;
