import type { Report } from '../report/types';
import { matchCase } from '../spelling/checker';
import { CONFUSION_BY_WORD } from '../spelling/confusions';
import { spelling } from './spelling';
import type { Problem } from '../problem';
import { defineRule, type Rule } from './types';

function confusionProblems(rule: Rule, report: Report): Problem[] {
  const problems: Problem[] = [];
  for (const token of report.tokens) {
    const entries = token.kind === 'word' ? CONFUSION_BY_WORD.get(token.lower) : undefined;
    if (!entries) continue;
    const sentence = report.sentences.find((s) => s.start <= token.start && token.end <= s.end);
    const context = (sentence?.text ?? report.text.slice(Math.max(0, token.start - 120), token.end + 120)).toLowerCase();
    for (const c of entries) {
      if (!c.cue.test(context) || c.unless?.test(context)) continue;
      const plural = token.lower === `${c.wrong}s`;
      const replacement = matchCase(plural ? `${c.right}s` : c.right, token.text);
      problems.push({
        rule: rule.id,
        category: rule.category,
        severity: rule.severity,
        message: `"${token.text}" here probably means "${replacement}" (${c.meaning}).`,
        start: token.start,
        end: token.end,
        fixes: [
          {
            title: `Change to "${replacement}"`,
            edits: [{ start: token.start, end: token.end, newText: replacement }],
            applicability: 'unsafe',
            isPreferred: true,
          },
        ],
      });
      break;
    }
  }
  return problems;
}

export const realWordConfusion = defineRule({
  id: 'real-word-confusion',
  category: 'spelling',
  // A different organ or a different word: worth more than an unknown word.
  severity: 'warning',
  description: 'A real word where the sentence shows another was meant: ilium/ileum, perineal/peroneal, plural/pleural.',
  // Needs no dictionary, so it works before the spelling dictionaries have loaded.
  check(context) {
    const { report } = context;
    // ruleOptions.spelling.confusions: false switched these off before they had their own id.
    return context.optionsOf(spelling).confusions ? confusionProblems(this, report) : [];
  },
});
