// 工作台 (workbench): each capability registers a provider that says what waits for a user in
// its part of the platform — counts with the filtered list each opens. GET /api/v1/workbench
// gathers them under the caller's scope. A provider runs inside readScoped (row-level security as
// the caller) and must also put the caller's scope into every query it writes (the first wall):
// the simplest way, used by every provider here, is to count with the WHERE builder of the list
// it links to, so the count is the list's total by construction.
import { type Actor, orderWorkItems, type Scope, type WorkDefinition, type WorkItem } from '@taishan/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped } from '../../db/scope.ts';

export type WorkbenchProvider = (actor: Actor, scope: Scope, tx: Scoped) => Promise<WorkItem[]>;

export class Workbench {
  readonly #providers: { capability: string; provider: WorkbenchProvider }[] = [];

  /** Add a capability's provider; its items appear in the order providers were registered. */
  register(capability: string, provider: WorkbenchProvider): this {
    if (this.#providers.some((p) => p.capability === capability)) throw new Error(`workbench: ${capability} registered twice`);
    this.#providers.push({ capability, provider });
    return this;
  }

  get capabilities(): string[] {
    return this.#providers.map((p) => p.capability);
  }

  /**
   * Every provider's items for this user, the most pressing first. Each provider reads in its own
   * scoped read, so one that fails (logged, and named in `unavailable`) leaves the others' items.
   */
  async gather(db: Db, actor: Actor, log?: FastifyBaseLogger): Promise<{ items: WorkItem[]; unavailable: string[] }> {
    const items: WorkItem[] = [];
    const unavailable: string[] = [];
    for (const { capability, provider } of this.#providers) {
      try {
        items.push(...(await readScoped(db, actor.scope, (tx) => provider(actor, tx.scope, tx))));
      } catch (err) {
        log?.error({ err, capability }, 'workbench provider failed');
        unavailable.push(capability);
      }
    }
    return { items: orderWorkItems(items), unavailable };
  }
}

/** A work item from its definition, its count, and where the list lives (the page and its API). */
export const counted = (def: WorkDefinition, where: { path: string; apiPath: string }, count: number, capped = false): WorkItem => ({
  ...def,
  ...where,
  count,
  capped,
});

/** Count each definition with `count` (the list's own count for those filters). */
export async function countEach(
  defs: WorkDefinition[],
  where: { path: string; apiPath: string },
  count: (query: WorkDefinition['query']) => Promise<number | { count: number; capped: boolean }>,
): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  for (const def of defs) {
    const n = await count(def.query);
    items.push(typeof n === 'number' ? counted(def, where, n) : counted(def, where, n.count, n.capped));
  }
  return items;
}
