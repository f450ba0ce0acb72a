// Redaction of identifiers before report text leaves the machine, and their restoration in what
// comes back. Each distinct identifier gets a stable placeholder ([NAME_1], [DATE_2], ...) so the
// model can still refer to it and a quote containing it maps back to the original text exactly.
// Pattern-based: it removes the identifier shapes that appear in dictated reports; it is not a
// certified de-identification tool, and docs/llm.md says so.

export const IDENTIFIER_KINDS = ['NAME', 'DATE', 'TIME', 'ID', 'PHONE', 'EMAIL', 'ADDRESS'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface Redaction {
  /** The text with every identifier replaced by its placeholder. */
  text: string;
  /** Placeholder -> original text. */
  originals: Map<string, string>;
  /** How many spans were replaced. */
  count: number;
}

interface Hit {
  start: number;
  end: number;
  kind: IdentifierKind;
}

const MONTH_NAMES = [
  'jan(?:uary)?',
  'feb(?:ruary)?',
  'mar(?:ch)?',
  'apr(?:il)?',
  'may',
  'june?',
  'july?',
  'aug(?:ust)?',
  'sept?(?:ember)?',
  'oct(?:ober)?',
  'nov(?:ember)?',
  'dec(?:ember)?',
];
const capitalise = (m: string) => m[0].toUpperCase() + m.slice(1);
/** Month names as written: Capitalised, UPPER CASE, and lower case (except "may", a common word). */
const MONTH = `(?:${MONTH_NAMES.flatMap((m) => [capitalise(m), m.toUpperCase().replace(/\(\?:/g, '(?:'), ...(m === 'may' ? [] : [m])]).join('|')})`;
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';

/** Whole-match patterns. */
const PATTERNS: [IdentifierKind, RegExp][] = [
  ['EMAIL', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g],
  ['PHONE', /(?<![\w.])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)/g],
  ['DATE', /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b/g],
  // The same separator twice: "7.43/36/398" is a blood gas, not a date.
  ['DATE', /(?<![\d.])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d.]\d)/g],
  ['DATE', new RegExp(`\\b${MONTH}\\.?\\s+${DAY}(?:,?\\s+\\d{4})?\\b`, 'g')],
  ['DATE', new RegExp(`\\b${DAY}[\\s-]+(?:of\\s+)?${MONTH}\\.?(?:,?[\\s-]+\\d{2,4})?\\b`, 'g')],
  ['DATE', new RegExp(`\\b${MONTH}\\.?,?\\s+\\d{4}\\b`, 'g')],
  // Not clock-face positions ("at 10:00 o'clock", "the 12:00 position"), which are anatomy.
  // Nor titers and ratios ("ANA 1:40", "<1:10").
  [
    'TIME',
    /(?<![\d:.])(?<!(?:ANA|ANCA|titers?|titres?|ratio|dilution|[<>=≤≥])\s*(?:of\s+)?)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?![\d:])(?!\s*(?:o['’]?\s?clock|position|on a clock))/g,
  ],
  ['TIME', /\b(?:1[0-2]|0?[1-9])\s*(?:[AaPp]\.[Mm]\.|[AaPp][Mm]\b)/g],
  ['TIME', /\b(?:[01]\d|2[0-3])[0-5]\d\s*(?:hours|hrs|h)\b/gi],
  ['ID', /(?<![\w.])\d{7,}(?![\w.]\d)/g],
  ['ID', /\b[A-Z]{1,4}-?\d{6,}\b/g],
  [
    'ADDRESS',
    /\b\d{1,6}\s+(?:[A-Z][A-Za-z.'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq)\b\.?(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*[A-Za-z0-9-]+)?/g,
  ],
  ['ADDRESS', /\b[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\b/g],
  ['ADDRESS', /\bP\.?\s?O\.?\s+Box\s+\d+\b/gi],
];

/** Patterns whose first group is the identifier; the label before it stays. */
const LABELLED: [IdentifierKind, RegExp][] = [
  [
    'ID',
    /\b(?:MRN|MR\s*#|medical\s+record(?:\s+(?:number|no\.?|#))?|accession(?:\s+(?:number|no\.?|#))?|acc(?:ession)?\s*#|acc\.|patient\s+id|pt\s+id|ID|SSN|NHS\s+(?:number|no\.?)|study\s+id|order\s+(?:number|no\.?|#)|encounter(?:\s+(?:number|no\.?|#))?|visit\s+(?:number|no\.?|#)|case\s+(?:number|no\.?|#))\s*(?:number|no\.?)?\s*[:#]?\s*([A-Za-z0-9-]*\d[A-Za-z0-9-]*)/gi,
  ],
  [
    'PHONE',
    /\b(?:phone|tel|telephone|pager|cell|mobile|fax|ext\.?|extension|beeper|bleep)\s*(?:#|no\.?|number)?\s*[:#]?\s*(\+?\d[\d()\s.-]{1,18}\d)/gi,
  ],
];

// Titles. Capitalised ones with or without a full stop ("Dr Chen", "Ms. Doe"); upper- and
// lower-case ones only with it, because MR, MS, MRS and DR are also mitral regurgitation, multiple
// sclerosis, MR spectroscopy and diabetic retinopathy, and "ms." is milliseconds.
const TITLE = /\b(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof|Doctor)\b\.?|(?:DR|MR|MRS|MS|MISS|PROF|DOCTOR|dr|mr|mrs|prof)\.)[ \t]+/g;
const NAME_FIELD =
  /(?:^|(?<=[\s,;|]))(?:patient(?:\s+name)?|pt(?:\s+name)?|(?<![A-Za-z][ \t])name|referring(?:\s+(?:physician|doctor|provider|clinician))?|ordering(?:\s+(?:physician|provider|clinician))?|attending(?:\s+(?:physician|radiologist))?|radiologist|resident|physician|technologist|dictated\s+by|(?:electronically\s+)?signed\s+by|read\s+by|reported\s+by|transcribed\s+by|verified\s+by|approved\s+by)[ \t]*:[ \t]*/gim;
const CAPITALISED = /^(?:[A-Z]\.[ \t]?)*[A-Z][A-Za-z'’-]+/;
const ANY_WORD = /^[A-Za-z][A-Za-z'’.-]*/;
const NOT_A_NAME = new Set([
  'on',
  'at',
  'the',
  'a',
  'an',
  'and',
  'or',
  'was',
  'were',
  'is',
  'who',
  'of',
  'to',
  'in',
  'for',
  'with',
  'by',
  'on-call',
  'office',
  'not',
  'has',
  'had',
  'will',
]);

function nameHits(text: string): Hit[] {
  const hits: Hit[] = [];
  // A name after a title: up to three capitalised words (initials allowed), or one lower-case word.
  for (const m of text.matchAll(TITLE)) {
    const at = m.index + m[0].length;
    let first = CAPITALISED.exec(text.slice(at, at + 60));
    // "DR. SMITH" in an all-capitals report; "No significant MR. Mitral inflow..." is a sentence end.
    if (first && /^[A-Z]{2,}/.test(m[0]) && /[a-z]/.test(first[0])) first = null;
    if (first) {
      let end = at + first[0].length;
      for (let words = 1; words < 3; words++) {
        const gap = /^[ \t]+/.exec(text.slice(end));
        if (!gap) break;
        const next = CAPITALISED.exec(text.slice(end + gap[0].length, end + gap[0].length + 60));
        // "Dr. Smith CT ..." : an all-capitals word after a mixed-case name is not part of it.
        if (!next || (/^[A-Z]{2,}$/.test(next[0]) && !/^[A-Z]{2,}$/.test(first[0]))) break;
        end += gap[0].length + next[0].length;
      }
      hits.push({ start: at, end, kind: 'NAME' });
      continue;
    }
    // Dictated in lower case: "discussed with dr. alvarez".
    const word = /^[a-z]/.test(m[0]) ? /^[a-z][a-z'’-]+/.exec(text.slice(at, at + 40)) : null;
    if (word && !NOT_A_NAME.has(word[0])) hits.push({ start: at, end: at + word[0].length, kind: 'NAME' });
  }
  // "Patient: Jane Doe", "Name: DOE, JANE", "Signed by: J. Smith, MD": words up to a delimiter,
  // a word with digits in it, or the next "Label:".
  for (const m of text.matchAll(NAME_FIELD)) {
    const start = m.index + m[0].length;
    let end = start;
    let at = start;
    for (let words = 0; words < 5; words++) {
      const word = ANY_WORD.exec(text.slice(at, at + 60));
      if (!word) break;
      const after = at + word[0].length;
      if (text[after] === ':') break; // the next label
      if (/^(?:MD|DO|PhD|RN|MBBS|FRCR|Jr|Sr|II|III)\.?$/.test(word[0]) && words > 0) {
        end = after;
        break;
      }
      end = after;
      const sep = /^(?:,?[ \t])/.exec(text.slice(after, after + 3));
      if (!sep || text.slice(after + sep[0].length).startsWith(' ')) break;
      at = after + sep[0].length;
    }
    if (end > start) hits.push({ start, end: trimEnd(text, start, end), kind: 'NAME' });
  }
  return hits;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s.,]/.test(text[end - 1])) end--;
  return end;
}

function allHits(text: string): Hit[] {
  const hits: Hit[] = nameHits(text);
  for (const [kind, re] of PATTERNS) {
    for (const m of text.matchAll(re)) hits.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  for (const [kind, re] of LABELLED) {
    for (const m of text.matchAll(re)) {
      const value = m[1];
      const start = m.index + m[0].length - value.length;
      hits.push({ start, end: trimEnd(text, start, start + value.length), kind });
    }
  }
  // Earliest first; at the same start the longest wins; overlapping later hits are merged into it.
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Hit[] = [];
  for (const h of hits) {
    if (h.end <= h.start) continue;
    const last = merged[merged.length - 1];
    if (last && h.start < last.end) {
      last.end = Math.max(last.end, h.end);
      continue;
    }
    merged.push({ ...h });
  }
  return merged;
}

/** Replace identifiers with stable placeholders. The same identifier always gets the same one. */
export function redact(text: string): Redaction {
  const hits = allHits(text);
  const originals = new Map<string, string>();
  const byValue = new Map<string, string>();
  const counters = new Map<IdentifierKind, number>();
  let out = '';
  let at = 0;
  for (const h of hits) {
    const value = text.slice(h.start, h.end);
    const key = `${h.kind}\u0000${value}`;
    let placeholder = byValue.get(key);
    if (!placeholder) {
      let n = counters.get(h.kind) ?? 0;
      do placeholder = `[${h.kind}_${++n}]`;
      while (text.includes(placeholder)); // never collide with text that is already there
      counters.set(h.kind, n);
      byValue.set(key, placeholder);
      originals.set(placeholder, value);
    }
    out += text.slice(at, h.start) + placeholder;
    at = h.end;
  }
  out += text.slice(at);
  return { text: out, originals, count: hits.length };
}

const PLACEHOLDER = new RegExp(`\\[(?:${IDENTIFIER_KINDS.join('|')})_\\d+\\]`, 'g');

/** Put the originals back into text that came from the model. Unknown placeholders stay as they are. */
export function restore(text: string, originals: ReadonlyMap<string, string>): string {
  if (originals.size === 0) return text;
  return text.replace(PLACEHOLDER, (p) => originals.get(p) ?? p);
}

/** True when the URL's host is this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  host = host.replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1' || host === '::ffff:7f00:1'
  );
}

/** `auto` redacts unless the endpoint is on this machine. */
export function shouldRedact(mode: 'auto' | 'always' | 'never', baseUrl: string): boolean {
  return mode === 'always' || (mode === 'auto' && !isLoopback(baseUrl));
}
