// UI strings of the hazards pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const hazardsMessages = {} as const satisfies Messages;
