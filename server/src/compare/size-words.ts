// Size words ("small", "moderate", "large") read before a finding, for trainee mode: a small effusion
// against a moderate one is a size difference even where neither report measured it. The words are
// data (size-words.json); a mention's grade is the range of the grade words just before it.
import { z } from 'zod';
import type { Report } from '../report/types';
import type { Finding } from '../nlp';
import raw from './size-words.json';

const grades = z.object({ note: z.string(), grades: z.array(z.array(z.string().min(1)).min(1)).min(2) }).parse(raw).grades;
const GRADE = new Map(grades.flatMap((words, grade) => words.map((w) => [w.toLowerCase(), grade] as const)));
/** Words looked at before a mention ("small left pleural effusion", "small to moderate effusion"). */
const LOOK_BACK = 5;

export interface SizeGrade {
  low: number;
  high: number;
  /** The words as written, e.g. "small to moderate". */
  words: string;
}

/** The size grade written just before a mention, within its sentence, or null. */
export function sizeGradeOf(report: Report, f: Finding): SizeGrade | null {
  const sentence = report.sentences[f.sentenceIndex];
  const from = sentence ? sentence.start : Math.max(0, f.start - 80);
  // Only the clause before the finding: a comma or "and" starts another finding's words.
  const before =
    report.text
      .slice(from, f.start)
      .split(/[,;:()]|\band\b|\bwith\b/i)
      .pop() ?? '';
  const words =
    before
      .toLowerCase()
      .match(/[a-z]+(?:-[a-z]+)*/g)
      ?.slice(-LOOK_BACK) ?? [];
  const found = words.map((w, i) => ({ w, i, grade: GRADE.get(w) })).filter((x) => x.grade !== undefined);
  if (found.length === 0) return null;
  const low = Math.min(...found.map((x) => x.grade!));
  const high = Math.max(...found.map((x) => x.grade!));
  return { low, high, words: words.slice(found[0].i, found[found.length - 1].i + 1).join(' ') };
}

/** The first size grade among a finding's mentions (findings section first, as they are ordered). */
export function sizeGradeAmong(report: Report, mentions: readonly Finding[]): { mention: Finding; grade: SizeGrade } | null {
  for (const mention of mentions) {
    const grade = sizeGradeOf(report, mention);
    if (grade) return { mention, grade };
  }
  return null;
}

/** How many grades apart two written sizes are (0 when they overlap: one row, or a range that includes the other). */
export function gradeGap(a: SizeGrade, b: SizeGrade): number {
  if (a.high < b.low) return b.low - a.high;
  if (b.high < a.low) return a.low - b.high;
  return 0;
}
