// UI strings shared by the enforcement pages (执法监察), Chinese and English side by side (merged in
// i18n.tsx). Each part of the capability keeps its own words in `<part>-messages.ts`.
import type { Messages } from '../../messages.ts';

export const enforcementMessages = {
  enforcement: { zh: '执法监察', en: 'Enforcement' },
} satisfies Messages;
