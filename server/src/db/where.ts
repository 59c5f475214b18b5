// Building a parameterised WHERE clause and its page, so list endpoints do not each repeat the
// push-a-parameter-and-number-it dance.
import { z } from 'zod';

export class Where {
  readonly params: unknown[] = [];
  readonly parts: string[] = [];

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

  get sql(): string {
    return this.parts.length ? this.parts.join(' AND ') : 'true';
  }

  /** LIMIT/OFFSET placeholders for a page, with the parameters that go with them (a copy). */
  page(page: number, pageSize: number): { limit: string; params: unknown[] } {
    const params = [...this.params, pageSize, (page - 1) * pageSize];
    return { limit: `LIMIT $${params.length - 1} OFFSET $${params.length}`, params };
  }
}

/** The `page` and `pageSize` query fields every list takes. */
export const pageFields = (maxPageSize = 200, defaultPageSize = 50) => ({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
});
