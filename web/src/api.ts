// The one way the UI talks to the server. Errors keep the server's code and field messages.
import type { Lang } from './i18n.tsx';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

let currentLang: Lang = 'zh';
export const setApiLang = (l: Lang) => {
  currentLang = l;
};

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', currentLang === 'en' ? 'en' : 'zh-CN');
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  // Public report pages pass credentials 'omit': nothing of a session goes with a report.
  const res = await fetch(path, { ...init, headers, body, credentials: init.credentials ?? 'same-origin' });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = data?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.fields ?? {});
  }
  return data as T;
}

/** The enterprise as the server sends it: inferred from domain's enterpriseSchema. */
export type { Enterprise, Me } from '@taishan/domain';

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Reference = {
  industrySections: { code: string; zh: string; en: string }[];
  industryDivisions: { code: string; section: string; zh: string; en: string }[];
  highRiskFlags: { code: string; zh: string; en: string }[];
  roles: { code: string; zh: string; en: string }[];
};

export type Region = { code: string; parentCode: string | null; name: string; level: string; prefix: string; hasChildren: boolean };

/**
 * The server's field messages as Ant Design form errors. A path such as `controlMeasures.0.type`
 * addresses an item of a Form.List; a form whose array field is one widget (a multi-select)
 * passes 'top', so `highRisk.0` lands on `highRisk`.
 */
export function formErrors(e: ApiError, depth: 'path' | 'top' = 'path') {
  return Object.entries(e.fields).map(([name, msg]) => ({
    name: depth === 'top' ? [name.split('.')[0] as string] : name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    errors: [msg],
  }));
}
