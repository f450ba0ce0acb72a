// How the verifier reads a patient summary: the plain words are for the patient, but every finding
// line also names the report's term in brackets ("fluid around the left lung (pleural effusion)").
// This turns those lines back into short report sentences ("Left pleural effusion 2.3 x 1.5 cm.")
// so the findings core can compare them with the source, like any other rewrite.
import { understand, type Understanding } from '../nlp';
import { parseReport } from '../report';
import type { Report } from '../report/types';
import { headingOf } from '../nlp/lay-wording';
import { CUES } from './clauses';

const UNIT: Record<string, string> = { millimeter: 'mm', millimeters: 'mm', centimeter: 'cm', centimeters: 'cm' };
// (A range too: "about 2 to 3 millimeters" is the report's "2-3 mm", not 3 mm.)
const SIZE = /(\d+(?:\.\d+)?)(?: to (\d+(?:\.\d+)?))?((?: by \d+(?:\.\d+)?){0,2}) (millimeters?|centimeters?)/g;
// The glossary list's heading (lay-wording.json lines), with or without its colon: what follows explains words, states nothing.
const WORDS_HEADING = headingOf('words').toLowerCase();
// The headings lines stand under (lay-wording.json lines): only the denials' lines are denied.
const HEADINGS = (['found', 'possible', 'denied', 'says', 'more'] as const).map((part) => ({ part, name: headingOf(part).toLowerCase() }));
// The words that deny what follows them (cues.json denialWords: one list for every reader of a summary line).
const DENIAL = new RegExp(`\\b(?:${CUES.denialWords.join('|')})\\b`, 'i');
const QUOTE = /The report (?:also )?says:? ["“]([^"”]+)["”]/;

export function layToReport(text: string): string {
  const out: string[] = [];
  let denied = false;
  for (const line of text.split(/\r?\n/)) {
    // A heading sets how the lines under it are read: only the denials' are denied.
    const named = line
      .trim()
      .replace(/\s*:\s*$/, '')
      .toLowerCase();
    const under = HEADINGS.find((h) => h.name === named);
    if (under) denied = under.part === 'denied';
    if (line.trim().toLowerCase().startsWith(WORDS_HEADING)) break;
    const quoted = QUOTE.exec(line);
    if (quoted) {
      out.push(quoted[1].trim().replace(/([^.!?])$/, '$1.'));
      continue;
    }
    const terms = [...line.matchAll(/\(([^()]+)\)/g)].map((m) => m[1].trim());
    // A finding line whose plain words are the report's term ("There is an enlarged heart.") names it in no
    // brackets: the line itself is read.
    if (terms.length === 0 && !denied && /^\s*-\s*There (?:is|are|may be)\b/i.test(line)) {
      out.push(line.replace(/^\s*-\s*/, '').trim());
      continue;
    }
    if (terms.length === 0) continue;
    // The side the plain words give; a term's own words ("(left ventricular ejection fraction …)") are read with it.
    const plain = line.replace(/\([^()]*\)/g, '');
    const side = /\bboth (?:sides|lungs|kidneys)\b/i.test(plain)
      ? 'bilateral'
      : /\bleft\b/i.test(plain)
        ? 'left'
        : /\bright\b/i.test(plain)
          ? 'right'
          : '';
    const sizes = [...line.matchAll(SIZE)].map((m) =>
      m[2] ? `${m[1]}-${m[2]} ${UNIT[m[4]]}` : `${[m[1], ...m[3].split(' by ').slice(1)].join(' x ')} ${UNIT[m[4]]}`,
    );
    const negative = denied || /\bno (?:clear )?sign of\b|\bthere is no\b/i.test(line);
    const hedge = /\b(?:may|might|likely|possibl\w*|probabl\w*)\b/i.test(line) ? 'possible ' : '';
    for (const term of terms) {
      out.push(negative ? `No ${term}.` : `${hedge}${side} ${term}${sizes.length ? ' ' + sizes.join(', ') : ''}.`.replace(/^\s+/, ''));
    }
    // A line that states a finding over a bracketed denial ("There is a sign of an enlarged heart (heart is not
    // enlarged)") is read by its plain words too: the denial in brackets must not make the statement pass.
    if (!negative && terms.some((term) => DENIAL.test(term))) out.push(plain.replace(/^\s*-\s*/, '').trim());
  }
  return `IMPRESSION:\n${out.join('\n')}\n`;
}

/** The verifier's reader for summaries (VerifyOptions.read). */
export function readLay(report: Report): Understanding {
  return understand(parseReport(layToReport(report.text)));
}
