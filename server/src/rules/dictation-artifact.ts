import { z } from 'zod';
import dictationData from './dictation.json';
import type { Report, Token } from '../report/types';
import type { Problem, Edit } from '../problem';
import { defineRule, type Rule } from './types';
import { allMatches } from '../report/matches';

const DictationSchema = z.object({
  note: z.string(),
  legitimateRepeats: z.array(z.string().regex(/^[a-z]+$/)),
  repeatsAfter: z.array(z.object({ word: z.string().regex(/^[a-z]+$/), after: z.array(z.string().regex(/^[a-z]+(?: [a-z]+)*$/)).min(1) })),
  commands: z.array(
    z.object({
      phrases: z.array(z.string().regex(/^[a-z]+(?: [a-z]+)*$/)).min(1),
      means: z.enum(['paragraph', 'line', 'delete']),
      hint: z.string().min(1).optional(),
      midSentence: z.boolean().default(false),
    }),
  ),
});
const dictation = DictationSchema.parse(dictationData);

// Words that are correctly doubled in English ("that that", "had had").
const LEGITIMATE_REPEATS: ReadonlySet<string> = new Set(dictation.legitimateRepeats);
// Words doubled correctly only after certain words: "what it is is a cyst".
const REPEATS_AFTER: ReadonlyMap<string, RegExp> = new Map(
  dictation.repeatsAfter.map((r) => [r.word, new RegExp(String.raw`\b(?:${r.after.join('|')})\s+$`, 'i')]),
);

// Spoken commands that speech recognition sometimes types instead of obeying.
// `replacement` says what the command meant, where that can be known.
interface SpokenCommand {
  pattern: RegExp;
  replacement: 'paragraph' | 'line' | 'delete';
  hint?: string;
  midSentence: boolean;
}
const COMMANDS: SpokenCommand[] = dictation.commands.map((c) => ({
  pattern: new RegExp(String.raw`\b(?:${c.phrases.join('|')})\b`, 'gi'),
  replacement: c.means,
  hint: c.hint,
  midSentence: c.midSentence,
}));

// Any command at all: one scan of the text, and the commands one by one only where it finds one.
const ANY_COMMAND = new RegExp(String.raw`\b(?:${dictation.commands.flatMap((c) => c.phrases).join('|')})\b`, 'i');

// "a new line", "the next line": a noun phrase (a central line, a line of text), not a command.
const DETERMINER_BEFORE = /\b(?:a|an|the|this|that|another|one|its|his|her|their|no)\s+$/i;

function repeatedWords(report: Report, rule: Rule): Problem[] {
  const problems: Problem[] = [];
  const { tokens, text } = report;
  for (let i = 1; i < tokens.length; i++) {
    const previous: Token = tokens[i - 1];
    const word: Token = tokens[i];
    if (word.kind !== 'word' || previous.kind !== 'word') continue;
    if (word.lower !== previous.lower || LEGITIMATE_REPEATS.has(word.lower)) continue;
    if (!/^\s+$/.test(text.slice(previous.end, word.start))) continue;
    // A title line's last word opening the next line's heading ("EXAM: MR ANKLE" / "ANKLE MRI: ..."), both in
    // capitals across a line break, is layout, not a stutter.
    if (
      /\n/.test(text.slice(previous.end, word.start)) &&
      previous.text === previous.text.toUpperCase() &&
      word.text === word.text.toUpperCase()
    )
      continue;
    if (REPEATS_AFTER.get(word.lower)?.test(text.slice(Math.max(0, previous.start - 30), previous.start))) continue;
    problems.push({
      rule: rule.id,
      category: rule.category,
      severity: rule.severity,
      message: `Repeated word: "${previous.text} ${word.text}"`,
      start: previous.start,
      end: word.end,
      fixes: [
        {
          title: `Delete the repeated "${word.text}"`,
          edits: [{ start: previous.end, end: word.end, newText: '' }],
          applicability: 'safe',
          isPreferred: true,
        },
      ],
    });
  }
  return problems;
}

function spokenCommands(report: Report, rule: Rule): Problem[] {
  const problems: Problem[] = [];
  const { text, eol } = report;
  if (!ANY_COMMAND.test(text)) return problems;
  for (const command of COMMANDS) {
    for (const m of allMatches(command.pattern, text)) {
      const start = m.index;
      const end = start + m[0].length;
      const after = text.slice(end);
      // Inside a sentence: a lower-case word follows ("the new paragraph right upper lobe").
      const inside = /^[ \t]+[a-z]/.test(after) && /[a-z,][ \t]+$/.test(text.slice(Math.max(0, start - 3), start));
      if (command.replacement !== 'delete') {
        if (DETERMINER_BEFORE.test(text.slice(Math.max(0, start - 12), start)) && !command.midSentence) continue;
        // "new line placement", "next line of the report": followed by more of the phrase.
        if (/^[ \t]+[a-z]/.test(after) && !command.midSentence) continue;
      }
      if (inside && command.midSentence) {
        // Mid-sentence the command broke nothing: delete it with one of the spaces around it.
        const cut = { start, end: end + (/^[ \t]+/.exec(after)?.[0].length ?? 0) };
        problems.push({
          rule: rule.id,
          category: rule.category,
          severity: rule.severity,
          message: `Spoken command left in the text: "${m[0]}"`,
          start,
          end,
          fixes: [{ title: `Delete "${m[0]}"`, edits: [{ ...cut, newText: '' }], applicability: 'safe', isPreferred: true }],
        });
        continue;
      }
      // Take the white space around the command along, so the edit leaves clean text: a break
      // replaces the spaces on both sides, and a break that the text already has is not doubled.
      let cutStart = start;
      const cutEnd = end + (/^[ \t]*[,.;:]?[ \t]*/.exec(after)?.[0].length ?? 0);
      const atLineEnd = cutEnd === text.length || /[\r\n]/.test(text[cutEnd]);
      if (command.replacement !== 'delete' || atLineEnd) {
        while (cutStart > 0 && /[ \t]/.test(text[cutStart - 1])) cutStart--;
      }
      const breaks = command.replacement === 'paragraph' ? 2 : command.replacement === 'line' ? 1 : 0;
      const edit: Edit = {
        start: cutStart,
        end: cutEnd,
        newText: eol.repeat(Math.max(0, breaks - (atLineEnd && cutEnd < text.length ? 1 : 0))),
      };
      const title =
        command.replacement === 'paragraph'
          ? 'Replace with a paragraph break'
          : command.replacement === 'line'
            ? 'Replace with a line break'
            : `Delete "${m[0]}"`;
      const safe = command.replacement !== 'delete' || !command.hint;
      problems.push({
        rule: rule.id,
        category: rule.category,
        severity: rule.severity,
        message: `Spoken command left in the text: "${m[0]}"` + (command.hint ? ` (${command.hint})` : ''),
        start,
        end,
        // A command with a hint ("scratch that") may want the words before it gone too: the user decides.
        fixes: [{ title, edits: [edit], applicability: safe ? 'safe' : 'unsafe', isPreferred: safe }],
      });
    }
  }
  return problems;
}

export const dictationArtifact = defineRule({
  id: 'dictation-artifact',
  category: 'dictation',
  severity: 'warning',
  description: 'Dictation leftovers: repeated words and spoken commands typed as text.',
  check({ report }) {
    return [...repeatedWords(report, this), ...spokenCommands(report, this)];
  },
});
