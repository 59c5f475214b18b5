// Errors with stable codes, mapped to HTTP statuses in one table. Handlers throw; one Fastify
// error handler turns every error into { error: { code, message, fields } }.
import type { Bilingual } from '@taishan/domain';

export const ERROR_STATUS = {
  validation_error: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  insufficient_storage: 507,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

const DEFAULT_MESSAGES: Record<ErrorCode, Bilingual> = {
  validation_error: { zh: '输入有误，请检查标出的字段', en: 'Invalid input; check the marked fields' },
  unauthenticated: { zh: '请先登录', en: 'Please log in' },
  forbidden: { zh: '无权执行此操作', en: 'You may not do this' },
  not_found: { zh: '记录不存在', en: 'Not found' },
  conflict: { zh: '记录已被他人修改或已存在', en: 'The record changed or already exists' },
  payload_too_large: { zh: '提交内容过大', en: 'Request body too large' },
  unsupported_media_type: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  account_locked: { zh: '登录失败次数过多，账号已临时锁定', en: 'Too many failed logins; account temporarily locked' },
  rate_limited: { zh: '请求过于频繁', en: 'Too many requests' },
  insufficient_storage: { zh: '存储空间不足', en: 'Insufficient storage' },
  internal: { zh: '服务器内部错误', en: 'Internal server error' },
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messages: Bilingual;
  readonly fields: Record<string, Bilingual>;
  /** Extra members of the error object, e.g. allowedActions for a refused transition. */
  readonly extra: Record<string, unknown>;
  constructor(code: ErrorCode, messages?: Bilingual, fields: Record<string, Bilingual> = {}, extra: Record<string, unknown> = {}) {
    super((messages ?? DEFAULT_MESSAGES[code]).en);
    this.code = code;
    this.messages = messages ?? DEFAULT_MESSAGES[code];
    this.fields = fields;
    this.extra = extra;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = (m?: Bilingual) => new AppError('forbidden', m);
export const conflict = (m?: Bilingual) => new AppError('conflict', m);
export const invalid = (fields: Record<string, Bilingual>, m?: Bilingual) => new AppError('validation_error', m, fields);

export type Lang = 'zh' | 'en';

/** Chinese unless the client asks for English first. */
export function langOf(acceptLanguage: string | undefined): Lang {
  return /^\s*en/i.test(acceptLanguage ?? '') ? 'en' : 'zh';
}

export function errorBody(err: AppError, lang: Lang) {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(err.fields)) fields[k] = v[lang];
  return {
    error: {
      code: err.code,
      message: err.messages[lang],
      ...(Object.keys(fields).length ? { fields, fieldMessages: err.fields } : {}),
      ...err.extra,
    },
  };
}
