// The findings verifier every rewrite passes before its text reaches the document (the gate in
// index.ts runs it beside the clause reading of verify-clauses.ts): restructure into a template, draft
// the impression, patient summary; deterministic or LLM. It answers in the radiologist's words what the
// rewrite lost, added or changed ("drops: left pleural effusion", "changes side of: nodule (left ->
// right)", "changes 2.1 cm to 2.4 cm"). Pure: the report's analysis and the output in, verdict out.
//
// Two readings of "the same report":
// - verbatim (deterministic rewrites copy text; verify-verbatim.ts): every sentence of the source is
//   in the output and the output adds nothing but scaffolding and declared template text;
// - reworded (LLM text; verify-findings.ts): the findings core run on both sides finds the same
//   findings (concept, assertion, side, site) and the same sizes.
// The findings comparison runs in both modes: a verbatim rewrite that moved a sentence into the
// indication ("pneumonia" becomes a clinical question) has changed what the report says. What each
// kind asks beyond that is in verify-policies.ts.
import { understand, type Understanding } from '../nlp';
import type { Analysis } from '../engine';
import { parseRejoined, rejoined } from './clauses';
import type { Report } from '../report/types';
import { compareFindings, compareSizes } from './verify-findings';
import { checkConsistency, checkDeclared, checkImpressionSupport, checkSummary } from './verify-policies';
import { isImpression, newDiff, note, readingOf, restrict } from './verify-reading';
import { compareSentences, declaredSentences } from './verify-verbatim';
import type { VerifyReason } from './verify-clauses';
import type { RewriteKind } from './kinds';
import { stripListNumber } from './list-number';

export { sizeKey } from './verify-findings';
export { findingName } from './verify-reading';
export { IMPRESSION_CATEGORIES } from './verify-policies';

export interface VerifyOptions {
  kind: RewriteKind;
  mode: 'verbatim' | 'reworded';
  /**
   * Sentences the rewrite inserted on purpose although the source does not hold them (a template's
   * pertinent negatives when the user asked for them). Compared as normalised tokens.
   */
  allowedAdditions?: readonly string[];
  /** An output sentence containing this text is declared inserted template text (the marker itself is ignored). */
  additionMarker?: string;
  /**
   * How a text is read into findings. Defaults to the findings core; a rewrite in other words (a
   * patient summary in lay terms) passes a reader that also knows its vocabulary.
   */
  read?: (report: Report) => Understanding;
  /** The output as `parseRejoined` reads it, when the caller has parsed it already. */
  parsed?: Report;
}

export interface Verification {
  ok: boolean;
  reasons: string[];
  /** The reasons with where each stands in the source and the candidate, when the gate knows. */
  details?: VerifyReason[];
}

/**
 * Whether `output` is a faithful rewrite of the analysed report `source`, and if not, why, one line
 * per reason.
 *
 * kinds: 'restructure' (the same report in other sections), 'impression' (the same report with its
 * impression drafted or replaced: the rest kept, every impression statement resting on the findings,
 * no new omission, laterality, insertion or contradiction problem), 'summary' (a lay rewrite: it names
 * every significant present or possible finding of the source and states none it does not).
 */
export function verifyRewrite(source: Analysis, output: string, options: VerifyOptions): Verification {
  const read = options.read ?? understand;
  // Sentences broken off by "....." are read joined on both sides (a draft joins them).
  const src = readingOf(rejoined(source.report), read);
  const out = readingOf(options.parsed ?? parseRejoined(output), read);
  const diff = newDiff();
  const declared = declaredSentences(out.report, options);
  checkDeclared(src, out, declared, diff);
  const notDeclared = (i: number) => !declared.has(i);

  if (options.kind === 'impression') {
    const keepSrc = (i: number) => !isImpression(src.report, i);
    const keepOut = (i: number) => !isImpression(out.report, i) && notDeclared(i);
    // An impression of list marks only ("1. ") says nothing; an item of its mark alone ("3. ", "5. 6. …") lost its text.
    const lines = out.report.sections
      .filter((s) => s.kind === 'impression')
      .flatMap((s) => out.report.text.slice(s.body.start, s.body.end).split('\n'));
    if (!lines.some((line) => /[a-z0-9]/i.test(stripListNumber(line)))) note(diff, 'has no impression');
    else
      for (const line of lines) {
        const rest = stripListNumber(line);
        if (rest !== line.replace(/^\s+/, '') && (!/[a-z0-9]/i.test(rest) || stripListNumber(rest) !== rest))
          note(diff, `drops the text of an item: "${line.trim()}"`);
      }
    // The report around the impression is untouched.
    compareFindings(restrict(src, keepSrc), restrict(out, keepOut), diff);
    compareSizes(restrict(src, keepSrc), restrict(out, keepOut), diff, false);
    const inImpression = restrict(out, (i) => isImpression(out.report, i) && notDeclared(i));
    // The impression states nothing the findings (or the impression it replaces) do not.
    checkImpressionSupport(src, inImpression, diff);
    compareSizes(src, inImpression, diff, true);
    // The rest of the report is copied in both modes: only the impression is new text.
    compareSentences(src, out, diff, keepSrc, keepOut, declared);
    checkConsistency(source, output, diff);
  } else if (options.kind === 'summary') {
    const outside = restrict(out, notDeclared);
    checkSummary(src, outside, diff);
    compareSizes(src, outside, diff, true);
    if (options.mode === 'verbatim') compareSentences(src, out, diff, () => true, notDeclared, declared);
  } else {
    const outside = restrict(out, notDeclared);
    compareFindings(src, outside, diff);
    compareSizes(src, outside, diff, false);
    if (options.mode === 'verbatim') compareSentences(src, out, diff, () => true, notDeclared, declared);
  }
  return { ok: diff.reasons.length === 0, reasons: diff.reasons };
}
