// The current user as /api/v1/me (and a login) answer it; the web's `Me` is inferred from this.
import { z } from 'zod';

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.object({ zh: z.string(), en: z.string() }),
  scope: z.object({
    regionPrefix: z.string(),
    industries: z.array(z.string()).nullable(),
    enterpriseId: z.string().nullable(),
  }),
  /** The user's abilities (auth/abilities.ts): what menus and buttons the web shows. */
  abilities: z.record(z.string(), z.boolean()),
});
export type Me = z.infer<typeof meSchema>;
