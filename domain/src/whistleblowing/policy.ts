// Who may do what with whistleblower reports (举报), as abilities the web shows menus by.
import type { Actor } from '../auth/roles.ts';

/** What the user may do in this capability in general (sent in /api/v1/me). */
export function whistleblowingAbilities(_actor: Actor): Record<string, boolean> {
  return {};
}
