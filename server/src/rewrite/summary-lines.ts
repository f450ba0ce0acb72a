// A patient summary read as clauses, line by line, for the verifier: a line speaks of the report
// terms it names in brackets and the report sentences it quotes; its plain words, the glossary's,
// are for the patient. verify-clauses.ts checks these clauses against the report's.
import { definitionOf, GLOSSARY, plainTerms, withSide } from '../nlp/glossary';
import { clip } from './clause-changes';
import { readClause, squash, type Clause } from './clauses';
import { LIST_NUMBER } from './list-number';
import { escapeRegExp } from '../report/regex';
import { headingOf } from '../nlp/lay-wording';

// "What the report found:", "- term: meaning", "(pleural effusion)". The headings are the wording data's (lay-wording.json lines).
const WORDS_PART = headingOf('words').toLowerCase();
const PART = new RegExp(
  `^\\s*(${(['found', 'possible', 'denied', 'says', 'more', 'words'] as const).map((k) => escapeRegExp(headingOf(k))).join('|')})\\s*:?\\s*$`,
  'i',
);
const TERM = /\(([^()]+)\)/g;
const QUOTED = /["“]([^"”]+)["”]/g;
const QUOTE_LINE = /^\s*The report (?:also )?says:? ["“]([^"”]+)["”]\s*$/;
/** The glossary's explanations, as the summary writes them ("Lay phrase. Meaning."). */
const MEANINGS = (() => {
  const out = new Set<string>();
  for (const g of GLOSSARY) {
    const { lay, means } = definitionOf(g);
    out.add(squash(`${lay} ${means}`));
    for (const t of [...Object.values(g.terms), ...g.senses, ...(g.unsure ? [g.unsure] : [])])
      if (t.lay && t.means) out.add(squash(`${withSide(t.lay, null)} ${t.means}`));
  }
  return {
    has: (term: string, meaning: string) => out.has(squash(meaning)) || plainTerms(term).some((p) => squash(p) === squash(meaning)),
  };
})();

// Each glossary term's plain phrase, in pieces around its side ("fluid around the", "lung").
const LAY_FRAGMENTS = GLOSSARY.flatMap((g) =>
  [
    [g.term, g.lay],
    ...Object.entries(g.terms).map(([term, t]) => [term, t.lay]),
    // A sense's phrase, for the terms it is said of.
    ...g.senses.flatMap((s) => (s.lay ? (s.terms ?? [g.term, ...Object.keys(g.terms)]).map((term) => [term, s.lay!]) : [])),
    ...(g.unsure ? g.unsure.terms.map((term) => [term, g.unsure!.lay]) : []),
  ].map(([term, lay]) => ({
    term: term.toLowerCase(),
    pieces: lay
      .toLowerCase()
      .split('{side}')
      .map((f) => f.trim())
      .filter((f) => f.length > 3),
  })),
);

const pieceRe = new Map<string, RegExp>();
/** A plain phrase's piece, singular or plural ("small round spot(s)"). */
const pieceOf = (p: string) =>
  pieceRe.get(p) ?? pieceRe.set(p, new RegExp(escapeRegExp(p).replace(/([a-z])(?=\s|$)/g, '$1(?:e?s)?'), 'g')).get(p)!;

/** The line without the plain phrases of the terms it names in brackets. */
function withoutLay(line: string, terms: readonly string[]): string {
  let out = line.toLowerCase();
  for (const t of terms.map((x) => x.toLowerCase()))
    for (const f of LAY_FRAGMENTS)
      if (t === f.term || t.endsWith(` ${f.term}`) || t === `${f.term}s`) for (const p of f.pieces) out = out.replace(pieceOf(p), ' ');
  return out;
}

const LIST_MARKS = new RegExp(LIST_NUMBER.source, 'gm');
const STATEMENT_QUOTE = /(?<=[.?!;:)]\s*)["“”]|["“”](?=\s+[A-Z])/g;
/** Text as its words with clause ends marked ("|"): a quote is a whole clause or sentence of it. */
const marked = (text: string) =>
  text
    // A quotation mark between statements ('… preserved. " Hepatosteatosis " Mild …') ends one; one around words does not.
    .replace(STATEMENT_QUOTE, ' | ')
    .toLowerCase()
    .replace(LIST_MARKS, '|')
    .replace(/[.;:](?!\d)|\n|(?:,?\s+and)?,?\s+(?:but|however|although|whereas)\b/g, ' | ')
    .replace(/[^a-z0-9|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/**
 * The line naming the organ a quoted denial is of ("About your liver:"), or the report's label a quoted value
 * stands under ('About "BPD":'), which the quote's own words do not name.
 */
export const ORGAN_LEAD = 'About your ';
export const LABEL_LEAD = 'About ';
const ORGAN_LINE = /^\s*About (?:your ([a-z][a-z -]*)|"([^"]+)"):\s*$/i;
/** Whether the report says `quote` right after a sentence naming `organ` (one or two clauses before it). */
function saidOf(sourceSaid: string, quote: string, organ: string): boolean {
  const q = marked(quote).replace(/^[|\s]+|[|\s]+$/g, '');
  const words = marked(organ)
    .split(' ')
    .filter((w) => w !== 'and');
  for (let at = sourceSaid.indexOf(` | ${q} | `); q && at >= 0; at = sourceSaid.indexOf(` | ${q} | `, at + 1)) {
    const before = ` ${sourceSaid.slice(0, at).split(' | ').slice(-2).join(' ')} `;
    if (words.every((w) => before.includes(` ${w} `))) return true;
  }
  return false;
}

const CONTRAST_CUT = /;|,?\s+(?:but|however|although|whereas)\b,?/i;
/**
 * A quote's clauses, cut where the report is read: at ";", a contrast, and a stop before a capital outside round
 * brackets — "(endometrial mass? further investigation recommended)" is one clause in the report, not two.
 */
export function quoteClauses(quote: string): string[] {
  return quote.split(CONTRAST_CUT).flatMap((part) => {
    const out: string[] = [];
    let [depth, from] = [0, 0];
    for (let i = 0; i < part.length; i++) {
      const c = part[i];
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      else if (!depth && (c === '.' || c === '!' || c === '?') && /[A-Za-z0-9)]/.test(part[i - 1] ?? '')) {
        const gap = /^\s+(?=[A-Z])/.exec(part.slice(i + 1));
        if (!gap) continue;
        out.push(part.slice(from, i + 1));
        from = i + 1 + gap[0].length;
      }
    }
    out.push(part.slice(from));
    return out;
  });
}
/** Whether `quote` is a clause or sentences of the report as it stands (not "Active disease" cut from "No active disease"). */
function quotes(sourceSaid: string, quote: string): boolean {
  // A clause cut at "…, but …" is quoted from its "but".
  // Clause ends as the source's are spaced ("…disease; however, toxoplasmosis …" is two ends in a row).
  const q = marked(quote)
    .replace(/^[|\s]+|[|\s]+$/g, '')
    .replace(/^(?:but|however|although|whereas)\s+/, '')
    .replace(/\s*\|\s*/g, ' | ');
  return !!q && sourceSaid.includes(` | ${q} | `);
}

/**
 * A patient summary read line by line: a line's words are the report terms it names in brackets and
 * the report sentences it quotes (the plain words are for the patient); its cues are the whole line's.
 * Lines that name no term must be fixed text or state nothing (no side, size, hedge, time or denial).
 */
export function summaryClauses(
  text: string,
  sourceText: string,
  boilerplate: readonly RegExp[],
  say: (m: string, s?: Clause, c?: Clause) => void,
): Clause[] {
  const sourceSaid = ` | ${marked(sourceText)} | `.replace(/\s*\|\s*/g, ' | ');
  const out: Clause[] = [];
  let part = '';
  let at = 0;
  // The organ an "About your …:" line names, for the quote right after it.
  let organ: { name: string; clause: Clause } | null = null;
  for (const line of text.split('\n')) {
    const span = { start: at, end: at + line.length };
    at += line.length + 1;
    const quote = QUOTE_LINE.exec(line);
    if (organ && !(quote && saidOf(sourceSaid, quote[1], organ.name)))
      say(`tells of the ${organ.name} what the report does not say of it: "${clip(line)}"`, undefined, organ.clause);
    const about = ORGAN_LINE.exec(line);
    organ = about ? { name: (about[1] ?? about[2]).toLowerCase(), clause: readClause(line, span, 'impression', null) } : null;
    if (about) continue;
    const heading = PART.exec(line);
    if (heading) {
      part = heading[1].toLowerCase();
      continue;
    }
    if (!line.trim() || boilerplate.some((b) => b.test(line))) continue;
    if (part === WORDS_PART) {
      const entry = /^\s*-\s*([^:]+):\s*(.+)$/.exec(line);
      if (!entry || !MEANINGS.has(entry[1], entry[2]))
        say(`explains a word in its own words, not the glossary's: "${clip(line)}"`, undefined, {
          ...readClause(line, span, 'other', null),
        });
      continue;
    }
    // Cues are read outside the glossary's plain phrases ("an IV line in a large vein" is no severity).
    if (quote) {
      // The report's own sentences, quoted: read as they stand, and they must be the report's. A lead-in quoted
      // with the clause it leads into ("In the evaluation of both lungs; No mass …") is read, as the report
      // is, clause by clause.
      // Two sentences quoted together (a denial with the sentence naming its organ) are read one by one, and so are
      // clauses a quote keeps together ("Mild tricuspid regurgitation, but only mild …"): where the report is read.
      const pieces = quoteClauses(quote[1]).map((piece) => {
        const c = readClause(piece, span, 'impression', null);
        // A report sentence that calls one thing normal and states another ("Heart size is normal, with mild coronary
        // calcification") is no all-clear: quoted, it says what the report says of both.
        if (c.normal && c.positive) c.specificDenial = true;
        return c;
      });
      if (!quotes(sourceSaid, quote[1])) say(`quotes what the report does not say: "${clip(quote[1])}"`, undefined, pieces[0]);
      out.push(...pieces.filter((c) => /[a-z0-9]/i.test(c.text)));
      continue;
    }
    const bracketed = [...line.matchAll(TERM)].map((m) => m[1]);
    const whole = readClause(withoutLay(line, bracketed), span, 'impression', null);
    whole.text = line.trim();
    const named = [...bracketed, ...[...line.matchAll(QUOTED)].map((m) => m[1])].join('; ');
    if (!named) {
      // A line naming no report term is fixed text (left out above) or a statement read as it stands.
      out.push(whole);
      continue;
    }
    const terms = readClause(named, span, 'impression', null);
    // A line denies what its own words deny, under whichever heading it stands.
    const denied = whole.negated.size > 0 || (whole.normal && /\bno\b/i.test(line));
    const clause: Clause = {
      ...whole,
      words: terms.words,
      hedged: new Set(whole.hedges.length ? terms.words : []),
      negated: new Set(denied ? terms.words : []),
      levels: [...new Set([...whole.levels, ...terms.levels])],
      parts: [{ words: terms.words, sides: whole.sideList, severity: [...whole.severity, ...whole.deniedSeverity] }],
    };
    clause.positive = !denied;
    // "There is no sign of fluid around the lung (pleural effusion)": a denial by name, not "all is well".
    clause.specificDenial = denied;
    out.push(clause);
  }
  return out;
}
