// UI strings of 风险等级 (issue 28). Owner: levels. Keys start with phLv. The public page's words are
// ./public/messages.ts (the light entry loads only those); the app has them too through here.
import type { Messages } from '../../messages.ts';
import { openHealthRiskMessages } from './public/messages.ts';

export const phLevelsMessages = {
  ...openHealthRiskMessages,
  phLvMenu: { zh: '风险等级', en: 'Risk levels' },
} satisfies Messages;
