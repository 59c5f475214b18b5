// UI strings of 队伍、专家与值班 (issue 27). Owner: teams (救援队伍、专家、值班). Keys start with emTe.
import type { Messages } from '../../messages.ts';

export const teamsMessages = {
  emTeMenu: { zh: '队伍、专家与值班', en: 'Teams, experts and duty' },
} satisfies Messages;
