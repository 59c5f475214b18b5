// UI strings of the risks pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const risksMessages = {} as const satisfies Messages;
