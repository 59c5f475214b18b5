// Bilingual validation messages. Custom rule messages are written "中文||English" so one zod
// schema carries both languages; built-in zod issues are translated here by issue code.
import type { z } from 'zod';

export type Bilingual = { zh: string; en: string };

export const bi = (zh: string, en: string) => `${zh}||${en}`;

export function splitBilingual(message: string): Bilingual | null {
  const i = message.indexOf('||');
  return i < 0 ? null : { zh: message.slice(0, i), en: message.slice(i + 2) };
}

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  array: '数组',
  object: '对象',
  date: '日期',
};

/** Translate one zod issue into Chinese and English. */
export function issueMessage(issue: z.core.$ZodIssue): Bilingual {
  const custom = splitBilingual(issue.message);
  if (custom) return custom;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return { zh: '必填', en: 'Required' };
      return {
        zh: `应为${TYPE_ZH[issue.expected] ?? issue.expected}`,
        en: `Expected ${issue.expected}`,
      };
    }
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? { zh: '不能为空', en: 'Must not be empty' }
          : { zh: `至少 ${issue.minimum} 个字符`, en: `At least ${issue.minimum} characters` };
      if (issue.origin === 'array') return { zh: `至少 ${issue.minimum} 项`, en: `At least ${issue.minimum} items` };
      return {
        zh: `不能小于 ${issue.minimum}`,
        en: `Must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`,
      };
    case 'too_big':
      if (issue.origin === 'string') return { zh: `最多 ${issue.maximum} 个字符`, en: `At most ${issue.maximum} characters` };
      if (issue.origin === 'array') return { zh: `最多 ${issue.maximum} 项`, en: `At most ${issue.maximum} items` };
      return { zh: `不能大于 ${issue.maximum}`, en: `Must be at most ${issue.maximum}` };
    case 'invalid_format':
      return { zh: '格式不正确', en: `Invalid format (${issue.format})` };
    case 'invalid_value':
      return {
        zh: `取值应为：${issue.values.map(String).join('、')}`,
        en: `Allowed values: ${issue.values.map(String).join(', ')}`,
      };
    case 'unrecognized_keys':
      return { zh: `不支持的字段：${issue.keys.join('、')}`, en: `Unknown fields: ${issue.keys.join(', ')}` };
    case 'not_multiple_of':
      return { zh: `应为 ${issue.divisor} 的倍数`, en: `Must be a multiple of ${issue.divisor}` };
    default:
      return { zh: '取值无效', en: 'Invalid value' };
  }
}

/** Field path → message in both languages; the first issue per field wins. */
export function fieldMessages(issues: readonly z.core.$ZodIssue[]): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    if (!(key in out)) out[key] = issueMessage(issue);
  }
  return out;
}
