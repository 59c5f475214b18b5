// UI strings of 风险等级 (issue 28). Owner: levels. Keys start with phLv. The public page's words are
// ./public/messages.ts (the light entry loads only those); the app has them too through here.
import type { Messages } from '../../messages.ts';
import { openHealthRiskMessages } from './public/messages.ts';

export const phLevelsMessages = {
  ...openHealthRiskMessages,
  phLvMenu: { zh: '风险等级', en: 'Risk levels' },
  phLvWorkPending: { zh: '待确认的风险等级调整建议', en: 'Risk-level proposals to confirm' },
} satisfies Messages;
