import type { Token, TokenKind } from '../report/types';
import { allMatches } from '../report/matches';
import { kindOf } from '../report/parse';
import { normWord } from '../report/norm';

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

/** A word part of a hyphenated token, or a word of other text: the tokenizer's shape (one shape for every word read). */
function wordAt(start: number, text: string, kind: TokenKind): Token {
  const lower = text.toLowerCase();
  return { start, end: start + text.length, text, kind, lower, norm: kind === 'deid' ? 'xxxx' : normWord(text, lower) };
}

function pushParts(out: Word[], start: number, text: string): void {
  let offset = 0;
  for (const part of text.split('-')) {
    if (part) out.push(wordAt(start + offset, part, /^XXXX+$/.test(part) ? 'deid' : 'word'));
    offset += part.length + 1;
  }
}

/** Words of a report from its tokens. */
export function wordsFromTokens(tokens: readonly Token[]): Word[] {
  const out: Word[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    // A hyphen joining two words ("left-sided") is not a word boundary of its own.
    if (t.text === '-' && k > 0 && k + 1 < tokens.length && tokens[k - 1].end === t.start && tokens[k + 1].start === t.end) continue;
    // A token is its own word (its norm made by the tokenizer): no second object per word.
    if (t.kind === 'word' && t.text.includes('-')) pushParts(out, t.start, t.text);
    else out.push(t);
  }
  return out;
}

/** Words of any text (lexicon phrases, exam titles). */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of allMatches(TOKEN, text)) {
    const kind = kindOf(m[0]);
    if (kind === 'word' && m[0].includes('-')) pushParts(out, m.index, m[0]);
    else out.push(wordAt(m.index, m[0], kind));
  }
  return out;
}
