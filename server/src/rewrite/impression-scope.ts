// The side a report gives once for the sentences after it: "On the right, …", "Left kidney: 11 cm.", "Right
// frontal lobe: …" opens a run of sentences that all speak of that side, until the next such label or a blank
// line. An item lifted from a later sentence of the run ("The popliteal artery is occluded.") says nothing of its
// side without the label, so the label goes before it as written ("On the right, the popliteal artery is occluded.").
import type { Report } from '../report/types';
import { BLANK_LINE } from '../report/regex';
import { capitalise, decapitalise, SIDE_TEXT } from './impression-phrase';
import { labelText, tidy } from './impression-excerpt';
import { sourceOf } from './impression-whole';
import type { ImpressionItem } from './impression-kept';
import { labelName } from './clauses';

// "On the right,", "On the left side,", "For the left,": a clause that is only the side.
const SIDE_CLAUSE = /^\s*(?:on|for|at) the (right|left)(?: side)?\s*,\s*/i;
// "Right:", "LEFT KIDNEY:", "Right frontal lobe:", "Left common femoral artery:": a label that names a side.
const SIDE_LABEL = /^\s*((?:right|left)(?:[ \t]+[a-z]+){0,3})[ \t]*:\s*/i;
// Any label opening a line ("BLADDER:", "Liver:", "Impression 2:"), not a time ("at 14:35").
const ANY_LABEL = new RegExp(`^\\s*${labelName(40)}[ \\t]*:(?!\\d)`);
// How far back a label still scopes (sentences): a paragraph of a side seldom runs longer.
const REACH = 8;
// (After a capital or a number too: "… in segment 6. The …".)
const SENTENCE_END = /(?<=[A-Za-z0-9)]\.)\s+(?=[A-Z])/;

interface Scope {
  /** The label as the item is to open on it: "On the right, " or "Right kidney: ". */
  opening: string;
  side: 'right' | 'left';
  /** The sentence the label opens. */
  at: number;
}

/** The side label of sentence `i`, if it opens on one. */
function labelOf(text: string, at: number): Scope | undefined {
  const clause = SIDE_CLAUSE.exec(text);
  if (clause) return { opening: `${capitalise(clause[0].trim())} `, side: side(clause[1]), at };
  const label = SIDE_LABEL.exec(text);
  if (label) return { opening: labelText(label[1].trim().replace(/\s+/g, ' ')), side: side(label[1]), at };
  return undefined;
}
/** How long the side label that opens `text` is. */
const labelLength = (text: string) => (SIDE_CLAUSE.exec(text) ?? SIDE_LABEL.exec(text))?.[0].length ?? 0;
const side = (word: string): 'right' | 'left' => (/^r/i.test(word) ? 'right' : 'left');
const OTHER: Readonly<Record<'right' | 'left', RegExp>> = { right: /\bleft\b/i, left: /\bright\b/i };

/** Whether only white space (or a section header, or a list mark) stands between the line's start and `offset`. */
function opensLine(report: Report, offset: number): boolean {
  const line = report.text.slice(report.text.lastIndexOf('\n', offset - 1) + 1, offset);
  const header = report.sections.find((s) => s.header && s.header.start <= offset && offset <= s.body.start)?.header;
  const rest = header && header.end <= offset ? report.text.slice(Math.max(header.end, offset - line.length), offset) : line;
  return /^[\s\d.)•·*-]*$/.test(rest);
}

/**
 * Whether sentence `at` is a line of its own after labels of both sides that each carry their statement on their line
 * ("RIGHT KIDNEY: 10.5 cm. ⏎LEFT KIDNEY: 11 cm. ⏎There is moderate hydronephrosis."), the last the `label`'s (a
 * sentence index) of `labelSide`: which side it speaks of the report does not say, so it is given none.
 */
export function afterBothSides(report: Report, at: number, label: number, labelSide: 'right' | 'left'): boolean {
  const x = report.sentences[label];
  if (!x || label >= at) return false;
  const ownLine = report.sentences.slice(label + 1, at + 1).some((s) => opensLine(report, s.start));
  const inline = x.text.slice(labelLength(x.text)).trim() !== '';
  const other = labelSide === 'right' ? 'left' : 'right';
  const otherBefore = report.sentences
    .slice(Math.max(0, label - REACH), label)
    .some((s) => s.section === x.section && opensLine(report, s.start) && labelOf(s.text, 0)?.side === other);
  return ownLine && inline && otherBefore;
}

/** The side label the report sentence `at` stands under (its own opening, or one of the sentences before it in its paragraph). */
export function scopeOf(report: Report, at: number): Scope | undefined {
  const sentence = report.sentences[at];
  if (!sentence) return undefined;
  for (let j = at; j >= 0 && at - j <= REACH; j--) {
    const x = report.sentences[j];
    if (x.section !== sentence.section) return undefined;
    if (j < at && BLANK_LINE.test(report.text.slice(x.end, report.sentences[j + 1].start))) return undefined;
    // (A label opens its line: "On the left, especially in the middle part of the ureter, …" within a paragraph is one statement.)
    const line = opensLine(report, x.start);
    const found = line ? labelOf(x.text, j) : undefined;
    // (Another label ends the side's run: "LEFT KIDNEY: 11 cm. ⏎BLADDER: There is a 2 cm stone." is the bladder's.)
    if (!found && line && ANY_LABEL.test(x.text)) return undefined;
    if (!found) continue;
    // (A sentence on the way that names the other side has left the label's run: "… The right kidney is normal.")
    const between = report.sentences.slice(j + 1, at + 1).map((s) => s.text);
    if (between.some((t) => OTHER[found.side].test(t))) return undefined;
    return afterBothSides(report, at, j, found.side) ? undefined : found;
  }
  return undefined;
}

/**
 * Each item with no side of its own, written from a report sentence under a side label, opened on that label:
 * as the label alone ("On the right, the popliteal artery is occluded.") or, `whole`, as the label's sentence as
 * written before the item ("Right kidney: 10.5 cm. Mild hydronephrosis."). Items the old impression writes are the
 * radiologist's own and stay as they are (`saidInImpression`).
 */
export function withTheirSides(
  report: Report,
  items: readonly ImpressionItem[],
  saidInImpression: (text: string) => boolean,
  whole = false,
): ImpressionItem[] {
  return items.map((item) => {
    if (SIDE_TEXT.test(item.text) || saidInImpression(item.text)) return item;
    const first = item.text.split(SENTENCE_END)[0];
    const at = sourceOf(report, first);
    const scope = at >= 0 ? scopeOf(report, at) : undefined;
    if (!scope) return item;
    if (!whole) return { ...item, text: `${scope.opening}${decapitalise(item.text)}` };
    const label = tidy(report.sentences[scope.at].text);
    if (scope.at < at) return { ...item, text: `${label} ${item.text}` };
    // Cut from the label's own sentence: the sentence whole in its place.
    const bare = (t: string) =>
      t
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    return bare(label).includes(bare(first)) ? { ...item, text: label + item.text.slice(first.length) } : item;
  });
}
