import { sectionAt } from '../report';
import type { Report, Span } from '../report/types';
import { problemOf, sentenceIndexAt } from './consistency';
import type { Problem, RelatedSpan } from '../problem';
import { defineRule } from './types';

// Sentences about someone else ("mother had ovarian cancer") may name the other sex's organs.
// So may the patient's own birth history ("product of an uncomplicated pregnancy, vaginal delivery").
const SOMEONE_ELSE =
  /\b(?:mother|father|sister|brother|aunt|uncle|grandmother|grandfather|daughter|son|wife|husband|partner|family|familial|born|birth|delivery|delivered|product of|G\d+P\d+)\b/i;
// Words that name a sex-specific thing only in other phrases: a "fetal origin" of the posterior
// cerebral artery is a vascular variant of adults of either sex.
const NOT_SEX_SPECIFIC_AFTER = /^[\s-]+(?:origin|type|configuration|lobulation|PCA|posterior)/i;
const PREGNANCY = /\b(?:pregnan\w*|gestation\w*|fetus|fetal|gravid|placenta\w*|obstetric\w*|intrauterine pregnancy)\b/i;
// A pregnancy denied, asked about or hypothetical is not a pregnancy.
const NOT_ASSERTED = /\b(?:no|not|negative|without|denies|rule out|r\/o|evaluate|evaluation|test|possib\w*|if|unknown|status)\b/i;

const REPORT_PROPER = new Set(['exam', 'technique', 'findings', 'impression', 'preamble']);
const BIRTH = /\b(?:born|birth|delivery|gestation|G\d+P\d+|mother)\b/i;

// Where the report says the patient's sex, for the related information.
const SEX_WORDS: Record<'female' | 'male', RegExp> = {
  female: /\b(?:female|woman|lady|girl|Mrs)\b/i,
  male: /\b(?:male|man|gentleman|boy|Mr)\b/i,
};

function sexStatedAt(report: Report, sex: 'female' | 'male'): Span | undefined {
  const m = SEX_WORDS[sex].exec(report.text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

export const sexMismatch = defineRule({
  id: 'sex-mismatch',
  category: 'sex-mismatch',
  severity: 'error',
  description: 'Anatomy or conditions of one sex in a report of a patient of the other sex, or a pregnancy at an implausible age.',
  check(context) {
    const { report } = context;
    const { patient, sexSpecific } = context.analysis.understanding;
    if (!patient.sex) return [];
    const stated = sexStatedAt(report, patient.sex);
    const related: RelatedSpan[] = stated ? [{ ...stated, message: `Patient: ${patient.sex}` }] : [];
    const problems: Problem[] = [];
    const sentenceAt = (offset: number) => report.sentences[sentenceIndexAt(report, offset)];
    for (const m of sexSpecific) {
      const sentence = sentenceAt(m.start);
      if (sentence && SOMEONE_ELSE.test(sentence.text)) continue;
      const term = report.text.slice(m.start, m.end);
      if (NOT_SEX_SPECIFIC_AFTER.test(report.text.slice(m.end, m.end + 20))) continue;
      // In a history, a pregnancy (and its complications) may be the one the patient was born of.
      const section = sectionAt(report, m.start);
      if (
        section &&
        !REPORT_PROPER.has(section.kind) &&
        (PREGNANCY.test(term) || BIRTH.test(report.text.slice(section.start, section.end)))
      )
        continue;
      if (m.sex !== patient.sex) {
        problems.push(
          problemOf(this, {
            start: m.start,
            end: m.end,
            message: `"${term}" in a report of a ${patient.sex} patient.`,
            related,
            finding: m.term,
          }),
        );
        continue;
      }
      // A pregnancy where age rules it out.
      const age = patient.age;
      if (age !== null && (age >= 60 || age < 9) && PREGNANCY.test(term)) {
        const before = sentence ? report.text.slice(sentence.start, m.start) : '';
        if (NOT_ASSERTED.test(before)) continue;
        problems.push(
          problemOf(this, {
            start: m.start,
            end: m.end,
            message: `"${term}" in a report of a ${age}-year-old patient.`,
            related,
            finding: m.term,
          }),
        );
      }
    }
    return problems;
  },
});
