// UI strings of the whistleblowing pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const whistleblowingMessages = {} as const satisfies Messages;
