// Who may do what in 队伍、专家与值班 (issue 27). Owner: teams (救援队伍、专家、值班).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, isAdmin, isSupervisor } from '../auth/roles.ts';

export function teamsAbilities(a: Actor): Record<string, boolean> {
  return {
    'teams.view': isAdmin(a) || isSupervisor(a),
  };
}
