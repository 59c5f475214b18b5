// UI strings of 应急演练 (issue 27). Owner: drills (演练计划、实施、评估、频次检查). Keys start with emDr.
import type { Messages } from '../../messages.ts';

export const drillsMessages = {
  emDrMenu: { zh: '应急演练', en: 'Drills' },
} satisfies Messages;
