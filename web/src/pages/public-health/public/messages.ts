// UI strings of the public risk-level page (/open/health-risk), loaded by the light entry. Owner: levels.
import type { Messages } from '../../../messages.ts';

export const openHealthRiskMessages = {
  phLvOpenTitle: { zh: '疫情风险等级', en: 'Epidemic risk levels' },
} satisfies Messages;
