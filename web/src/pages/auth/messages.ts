// UI strings of the auth pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const authMessages = {} as const satisfies Messages;
