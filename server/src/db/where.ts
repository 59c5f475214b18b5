// Building a parameterised WHERE clause and its page, so list endpoints do not each repeat the
// push-a-parameter-and-number-it dance.
import { z } from 'zod';

export class Where {
  readonly parts: string[] = [];

  /** `params`: another Where's, for a second WHERE in the same statement (placeholders go on numbering). */
  constructor(readonly params: unknown[] = []) {}

  /** Add a parameter and return its placeholder ($n). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string): this {
    this.parts.push(condition);
    return this;
  }

  /** `column = value`, skipped when the value is undefined (an absent filter). */
  eq(column: string, value: unknown): this {
    if (value !== undefined) this.parts.push(`${column} = ${this.param(value)}`);
    return this;
  }

  /**
   * `column = 'value'` written into the SQL text, for a value from a fixed enumeration (validated
   * before it gets here). The planner then sees the value: a partial index whose predicate names
   * it qualifies, and a prepared statement's one generic plan fits it. The texts this yields are
   * still a bounded set (one per combination of enumerated filters).
   */
  eqConst(column: string, value: string | undefined): this {
    if (value === undefined) return this;
    if (!/^[A-Za-z_]+$/.test(value)) throw new Error(`eqConst: not an enumeration value: ${value}`);
    this.parts.push(`${column} = '${value}'`);
    return this;
  }

  get sql(): string {
    return this.parts.length ? this.parts.join(' AND ') : 'true';
  }

  /** LIMIT/OFFSET placeholders for a page, with the parameters that go with them (a copy). */
  page(page: number, pageSize: number): { limit: string; params: unknown[] } {
    const params = [...this.params, pageSize, (page - 1) * pageSize];
    return { limit: `LIMIT $${params.length - 1} OFFSET $${params.length}`, params };
  }
}

/**
 * LIMIT/OFFSET written into the SQL text, for a prepared statement PostgreSQL should plan once.
 * With them as parameters its generic plan has to assume a tenth of the rows, so it plans the
 * statement again on every execution instead (on the county hazard list, about 0.6 ms of the
 * 1 ms the database spent per page). Each page is then its own text; db.ts bounds how many
 * stay prepared on a connection.
 */
export function pageConst(page: number, pageSize: number): string {
  if (!Number.isSafeInteger(page) || !Number.isSafeInteger(pageSize) || page < 1 || pageSize < 1) {
    throw new Error(`pageConst: not a page: ${page}, ${pageSize}`);
  }
  return `LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
}

/** The `page` and `pageSize` query fields every list takes. */
export const pageFields = (maxPageSize = 200, defaultPageSize = 50) => ({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
});
