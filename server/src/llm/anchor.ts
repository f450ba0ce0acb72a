// The hallucination guard: an AI issue is shown only where its quote is found in the report.
// First an exact match; then one that ignores differences in white space, letter case, typographic
// quotes and dashes, and a trailing full stop the model added or left out.

export interface Anchor {
  start: number;
  end: number;
  /** The quote is in the text character for character. */
  exact: boolean;
  /** How often the quote occurs (1 or more); the first occurrence is used. */
  occurrences: number;
}

/** Quotes shorter than this (letters and digits) could anchor almost anywhere; they are not trusted. */
const MIN_QUOTE_CHARS = 3;

function foldChar(c: string): string {
  if (c === '\u2018' || c === '\u2019' || c === '\u201B' || c === '`') return "'";
  if (c === '\u201C' || c === '\u201D' || c === '\u201F') return '"';
  if (c === '\u2010' || c === '\u2011' || c === '\u2012' || c === '\u2013' || c === '\u2014' || c === '\u2212') return '-';
  const lower = c.toLowerCase();
  return lower.length === 1 ? lower : c; // keep offsets one-to-one
}

interface Folded {
  text: string;
  /** For each folded character, the offset of the original character it came from. */
  map: number[];
}

function fold(text: string): Folded {
  let out = '';
  const map: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      const from = i;
      while (i < text.length && /\s/.test(text[i])) i++;
      out += ' ';
      map.push(from);
      continue;
    }
    out += foldChar(text[i]);
    map.push(i);
    i++;
  }
  return { text: out, map };
}

function countOf(haystack: string, needle: string, first: number): number {
  let n = 1;
  for (let at = haystack.indexOf(needle, first + 1); at >= 0 && n < 10; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

/** Strip what models put around a quote: surrounding quotation marks and white space. */
export function cleanQuote(quote: string): string {
  let q = quote.trim();
  const pairs: [string, string][] = [
    ['"', '"'],
    ['\u201C', '\u201D'],
    ["'", "'"],
    ['`', '`'],
  ];
  for (const [open, close] of pairs) {
    if (q.length > 2 && q.startsWith(open) && q.endsWith(close)) q = q.slice(1, -1).trim();
  }
  return q;
}

/** Anchors quotes in one text; folding the text is done once for all the quotes. */
export function createAnchorer(text: string): (quote: string) => Anchor | undefined {
  let folded: Folded | undefined;
  return (raw: string) => {
    const quote = cleanQuote(raw);
    if (quote.replace(/[^\p{L}\p{N}]/gu, '').length < MIN_QUOTE_CHARS) return undefined;
    const exact = text.indexOf(quote);
    if (exact >= 0) return { start: exact, end: exact + quote.length, exact: true, occurrences: countOf(text, quote, exact) };
    folded ??= fold(text);
    const f = folded;
    const q = fold(quote).text.trim();
    for (const candidate of [q, q.replace(/[.,;:]+$/, '')]) {
      if (candidate.replace(/[^\p{L}\p{N}]/gu, '').length < MIN_QUOTE_CHARS) continue;
      const at = f.text.indexOf(candidate);
      if (at < 0) continue;
      const start = f.map[at];
      const end = f.map[at + candidate.length - 1] + 1;
      return { start, end, exact: false, occurrences: countOf(f.text, candidate, at) };
    }
    return undefined;
  };
}

export function anchorQuote(text: string, quote: string): Anchor | undefined {
  return createAnchorer(text)(quote);
}
