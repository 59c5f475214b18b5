// UI strings of the workbench pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const workbenchMessages = {} as const satisfies Messages;
