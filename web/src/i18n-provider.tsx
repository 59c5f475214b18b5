// The language of the UI and t(), given the dictionaries to read. Apart from i18n.tsx (which holds
// the shared words and merges every capability's messages) so that the light entry
// (public/main.tsx) can give its pages only their words (README "Web delivery").
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
// Type only (erased at run time): t() is typed by the app's keys; the light entry never loads i18n.tsx.
import type { MessageKey } from './i18n.tsx';

export type Lang = 'zh' | 'en';
export type Dictionaries = Record<Lang, Record<string, string>>;

type I18n = { lang: Lang; setLang: (l: Lang) => void; t: (k: MessageKey, vars?: Record<string, string | number>) => string };
const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ dictionaries, children }: { dictionaries: Dictionaries; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('taishan.lang') === 'en' ? 'en' : 'zh'));
  // <html lang> follows the language on load too (index.html says zh-CN), so a screen reader
  // reads English as English after a reload (issue 22 item 22).
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang: (l) => {
        localStorage.setItem('taishan.lang', l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLangState(l);
      },
      // A key missing from these dictionaries (a light page asking for a word of the app's) shows as
      // itself, which the label sweep of e2e/tests/labels.test.ts reports.
      t: (k, vars) => (dictionaries[lang][k] ?? k).replace(/\{(\w+)\}/g, (_, v) => String(vars?.[v] ?? '')),
    }),
    [lang, dictionaries],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('I18nProvider missing');
  return v;
}

/** Pick the label in the current language from a {zh, en} pair. */
export const pick = (lang: Lang, l: { zh: string; en: string }) => l[lang];

/** Dates always shown in China Standard Time. */
/** A moment in Beijing time; `dayOnly` for events that keep only their day (a public report's submission). */
export function formatTime(iso: string, lang: Lang, dayOnly = false): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    ...(dayOnly ? {} : { timeStyle: 'short' as const }),
  }).format(new Date(iso));
}
