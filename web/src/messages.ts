// A capability's UI strings: `web/src/pages/<cap>/messages.ts` holds them with Chinese and
// English side by side, and i18n.tsx merges every capability's into the dictionaries. Shared words
// (buttons, the app's name, common fields) stay in i18n.tsx. Labels of domain enums come from the
// domain's *_LABELS, never from keys built out of a code.
export type Messages = Record<string, { zh: string; en: string }>;

/** The zh or en half of some capabilities' messages, refusing a key two of them define. */
export function half(lang: 'zh' | 'en', ...sets: Messages[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const set of sets) {
    for (const [key, m] of Object.entries(set)) {
      if (Object.hasOwn(out, key)) throw new Error(`i18n: message ${key} defined twice`);
      out[key] = m[lang];
    }
  }
  return out;
}
