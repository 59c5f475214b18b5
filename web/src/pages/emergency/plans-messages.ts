// UI strings of 应急预案与备案 (issue 27). Owner: plans (预案、备案、评估修订、应急处置卡). Keys start with emPl.
import type { Messages } from '../../messages.ts';

export const emergencyPlansMessages = {
  emMenuGroup: { zh: '应急准备', en: 'Emergency preparedness' },
  emPlMenu: { zh: '应急预案与备案', en: 'Plans and filing' },
} satisfies Messages;
