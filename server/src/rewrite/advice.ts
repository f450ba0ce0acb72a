// Advice, outlook and cause in a patient text (word lists in advice.json), shared by the summary,
// its verification and the LLM path's checks: a summary says them only as the report's own words.
import { z } from 'zod';
import adviceData from './advice.json';
import { squash } from './clauses';
import { sentenceSpans } from './readability';
import { escapeRegExp } from '../report/regex';

export type AdviceKind = 'treatment' | 'prognosis' | 'cause';
const AdviceSchema = z.object({
  note: z.string(),
  treatment: z.array(z.string().min(1)),
  prognosis: z.array(z.string().min(1)),
  cause: z.array(z.string().min(1)),
  had: z.array(z.string().min(1)),
  steps: z
    .object({
      note: z.string(),
      names: z.array(z.string().min(1)).min(1),
      opens: z.array(z.string().min(1)).min(1),
      outcomes: z.array(z.string().min(1)).min(1),
    })
    .strict(),
});
const advice = AdviceSchema.parse(adviceData);
const wordsOf = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegExp(w).replace(/ /g, '\\s+'))
    .join('|');
// A test named, then within the clause a modal and what should become of it: "… ultrasonography of the remaining masses
// should also be performed", "PET scanning may be necessary" (not a reading: "… since the 2023 CT, can be considered benign").
const STEP_ASKED = new RegExp(
  String.raw`\b(?:${wordsOf(advice.steps.names)})\b[^.;:]{0,120}?\b(?:should|must|may|might|could|would|will|can|needs?\s+to|ought\s+to)\s+(?:(?:also|then|still|first|now|further|perhaps|possibly|be\s+)\s*)*(?:be\s+)?(?:${wordsOf(advice.steps.outcomes)})\b(?!\s+(?:benign|typical|consistent|compatible|characteristic|diagnostic|stable|normal|likely|as|to\s+be|a|an)\b)`,
  'i',
);
/**
 * Where the sentence starts asking for a test it names first ("Ultrasonography of the mass should be performed"), or -1;
 * a treatment had and a condition in brackets ask for nothing ("(provided that the tumor was iodine-avid)").
 */
export const stepAskedAt = (sentence: string): number =>
  STEP_ASKED.exec(sentence.replace(HAD, (w) => ' '.repeat(w.length)).replace(/\([^()]*\)/g, (w) => ' '.repeat(w.length)))?.index ?? -1;
// A step asked for by "consider" and the test it names ("Consider chest CT for further evaluation", "Could consider
// dedicated MRI of the knee"), not "consider" before a reading ("Consider atypical infection").
const CONSIDER_STEP = new RegExp(
  String.raw`(?:^[\W\d]*|\b(?:could|may|might|should|would|to|please)\s+)consider(?:ing)?\s+(?:[\p{L}/-]+\s+){0,3}?(?:${wordsOf(advice.steps.names)})\b`,
  'iu',
);
const ADVICE: readonly { kind: AdviceKind; re: RegExp }[] = [
  ...(['treatment', 'prognosis', 'cause'] as const).flatMap((kind) => advice[kind].map((p) => ({ kind, re: new RegExp(p, 'i') }))),
  { kind: 'treatment' as const, re: STEP_ASKED },
  { kind: 'treatment' as const, re: CONSIDER_STEP },
];

export interface AdviceSentence {
  kind: AdviceKind;
  sentence: string;
  start: number;
  end: number;
}

// A treatment the patient had, named as what a finding follows from ("Post biopsy changes", "secondary to radiotherapy",
// "after chemotherapy"): history or the report's reading of a finding, no step asked for.
const HAD = new RegExp(
  String.raw`\b(?:post[- ]?|after\s+|following\s+|status\s+post\s+|s/p\s+|secondary\s+to\s+|due\s+to\s+|related\s+to\s+|from\s+(?:the\s+)?(?:prior\s+|previous\s+|recent\s+)?)(?:[a-z-]+\s+){0,2}?(?:${[...advice.had].sort((a, b) => b.length - a.length).join('|')})\b`,
  'gi',
);
/**
 * The advice kind a report sentence gives for the summary's placement: a treatment it names only as one the patient
 * had ("Post biopsy changes are seen …", "It was evaluated as secondary to radiotherapy.") asks for nothing, and is told
 * with the findings, not apart with the advice.
 */
export const asksOf = (sentence: string): AdviceKind | undefined => {
  const own = sentence.replace(RESULT_OF_STEP, (w) => ' '.repeat(w.length));
  return adviceKindOf(OPENS_STEP.test(own) && !REPORTS.test(own) ? own : own.replace(HAD, ' '));
};
// A step that already was, told by what it shows ("Follow-up CT after chemotherapy shows …", "Correlation with the prior CT
// demonstrates …"): a result, no step asked for.
const REPORTS = /\b(?:shows?|showed|shown|demonstrates?|demonstrated|reveals?|revealed|confirms?|confirmed)\b/i;
// A sentence that opens on a step asks for it, whatever treatment it times it by ("Repeat radiograph after antibiotic therapy").
const OPENS_STEP = new RegExp(String.raw`^[\W\d]*(?:${wordsOf(advice.steps.opens)})\b`, 'i');
// A test that is the subject of a reporting verb is a result, its opening no step asked for: "Follow-up CT after
// chemotherapy shows enlarging nodes", "Correlation with the prior CT shows the mass has grown", "Repeat ultrasound
// demonstrates …". Only up to the verb, and only with no modal or request before it ("Follow-up CT should show …" is
// none of it), so advice after the result ("…; biopsy is recommended") is still read.
const ASKING = String.raw`(?:should|must|may|might|could|would|will|can|needs?|ought|recommend\w*|suggest\w*|advis\w*|consider\w*|please|to)`;
const RESULT_OF_STEP = new RegExp(
  String.raw`^[\W\d]*(?:(?!${ASKING}\b)[\p{L}'/-]+[\s,-]+){0,4}?(?:${wordsOf(advice.steps.names)})\b(?:(?!\b${ASKING}\b)[^.;:])*?\b(?:shows?|showed|shown|demonstrates?|demonstrated|reveals?|revealed|confirms?|confirmed|documents?|documented)\b`,
  'iu',
);

const CARRIED = /^the report (says|also says)\b[^"“]*["“](.+)["”]\.?$/i;

/** The first advice kind a sentence gives, if any. */
export function adviceKindOf(sentence: string): AdviceKind | undefined {
  return ADVICE.find((a) => a.re.test(sentence))?.kind;
}

/**
 * Sentences of a patient text that give treatment advice, an outlook or a cause. A sentence that
 * quotes the report ("The report says: "...".") is the report's own word and passes, when `source`
 * is given only if the quote is really in it.
 */
export function adviceSentences(text: string, source?: string): AdviceSentence[] {
  const src = source === undefined ? undefined : squash(source);
  const out: AdviceSentence[] = [];
  for (const span of quotedSentenceSpans(text)) {
    const sentence = text.slice(span.start, span.end).trim();
    const kind = adviceKindOf(sentence);
    if (!kind) continue;
    const carried = CARRIED.exec(sentence);
    if (carried && (src === undefined || src.includes(squash(carried[2])))) continue;
    out.push({ kind, sentence, start: span.start, end: span.end });
  }
  return out;
}

/** One-line reasons for the advice sentences of a patient text ("gives treatment advice: ..."). */
export function lintSummary(text: string, source?: string): string[] {
  const what: Record<AdviceKind, string> = { treatment: 'gives treatment advice', prognosis: 'gives an outlook', cause: 'gives a cause' };
  return adviceSentences(text, source).map((a) => `${what[a.kind]}: "${a.sentence}"`);
}

// A quoted report sentence may hold its own full stops; it stays one sentence for the lint.
function quotedSentenceSpans(text: string): { start: number; end: number }[] {
  const spans = sentenceSpans(text);
  const open = (t: string) => (t.match(/"/g)?.length ?? 0) % 2 === 1 || (t.match(/“/g)?.length ?? 0) > (t.match(/”/g)?.length ?? 0);
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i < spans.length; i++) {
    const start = spans[i].start;
    let end = spans[i].end;
    while (open(text.slice(start, end)) && i + 1 < spans.length && !text.slice(end, spans[i + 1].start).includes('\n'))
      end = spans[++i].end;
    out.push({ start, end });
  }
  return out;
}
