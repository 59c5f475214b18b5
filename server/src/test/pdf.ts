// Reading a PDF in tests as a person would: its text through poppler's pdftotext (poppler-utils,
// installed by scripts/test.sh), and how many objects of a kind it embeds.
import { execFileSync } from 'node:child_process';

/** The text of `pdf` with all whitespace removed; `layout` keeps pdftotext's reading of columns. */
export function pdfText(pdf: Buffer, layout = false): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-', '-'], { input: pdf })
    .toString()
    .replace(/\s+/g, '');
}

/** How many objects of `/Subtype /<subtype>` `pdf` holds: Image for pictures, Type0 for CJK fonts. */
export const pdfObjects = (pdf: Buffer, subtype: 'Image' | 'Type0') =>
  pdf.toString('latin1').match(new RegExp(`/Subtype /${subtype}`, 'g'))?.length ?? 0;
