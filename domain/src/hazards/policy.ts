// Who may do what in hazard investigation (checklists, inspections, schedules, hazards), as
// abilities the web shows buttons and menus by. Rules about one hazard's steps are in lifecycle.ts.
import type { Actor } from '../auth/roles.ts';

/** What the user may do in this capability in general (sent in /api/v1/me). */
export function hazardAbilities(_actor: Actor): Record<string, boolean> {
  return {};
}
