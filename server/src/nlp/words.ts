import type { Token, TokenKind } from '../report/types';
import { allMatches } from '../report/matches';
import { kindOf } from '../report/parse';

/**
 * A word as the lexicon sees it. Hyphenated tokens are split ("left-sided" -> "left", "sided") so
 * "ground-glass" and "ground glass" meet the same lexicon entry and side words inside compounds count.
 */
export interface Word {
  start: number;
  end: number;
  /** As written (for abbreviations, which match with their capitals). */
  text: string;
  /** Lower case, British spellings folded to American. */
  norm: string;
  kind: TokenKind;
}

// Same shape as the report tokenizer, so lexicon phrases split exactly like report text.
const TOKEN = /XXXX+|\p{L}[\p{L}\p{M}'’-]*\p{L}|\p{L}|\d+(?:[.,]\d+)*|[^\s\p{L}\d]/gu;

const SPELLING: Array<[RegExp, string]> = [
  [/haem/g, 'hem'],
  [/oedem/g, 'edem'],
  [/oesoph/g, 'esoph'],
  [/tumour/g, 'tumor'],
  [/^disks?$/, 'disc'],
  [/’/g, "'"],
];

/** Might SPELLING change this lower-case word: does it hold ’, "haem", "oe" or "tumour", or start with "disk"? */
function mayRespell(w: string): boolean {
  // One pass over the letters, not five string searches: nearly no word holds any of these.
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 0x6f ? w.charCodeAt(i + 1) === 0x65 : c === 0x2019) return true; // "oe", "’"
    if (c === 0x68 ? w.startsWith('aem', i + 1) : c === 0x74 && w.startsWith('umour', i + 1)) return true; // "haem", "tumour"
  }
  return w.startsWith('disk');
}

export function normWord(text: string, lower = text.toLowerCase()): string {
  let w = lower;
  if (mayRespell(w)) for (const [from, to] of SPELLING) w = w.replace(from, to);
  if (w === 'disc' && /s$/i.test(text)) w = 'discs';
  return w;
}

function push(out: Word[], start: number, text: string, kind: TokenKind, lower?: string): void {
  if (kind === 'word' && text.includes('-')) {
    let offset = 0;
    for (const part of text.split('-')) {
      if (part) {
        const deid = /^XXXX+$/.test(part);
        out.push({
          start: start + offset,
          end: start + offset + part.length,
          text: part,
          norm: deid ? 'xxxx' : normWord(part),
          kind: deid ? 'deid' : 'word',
        });
      }
      offset += part.length + 1;
    }
    return;
  }
  out.push({ start, end: start + text.length, text, norm: kind === 'deid' ? 'xxxx' : normWord(text, lower), kind });
}

/** Words of a report from its tokens. */
export function wordsFromTokens(tokens: readonly Token[]): Word[] {
  const out: Word[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    // A hyphen joining two words ("left-sided") is not a word boundary of its own.
    if (t.text === '-' && k > 0 && k + 1 < tokens.length && tokens[k - 1].end === t.start && tokens[k + 1].start === t.end) continue;
    // The token's lower case is made already.
    push(out, t.start, t.text, t.kind, t.lower);
  }
  return out;
}

/** Words of any text (lexicon phrases, exam titles). */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of allMatches(TOKEN, text)) {
    push(out, m.index, m[0], kindOf(m[0]));
  }
  return out;
}
