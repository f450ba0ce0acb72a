// One AI check of one report: redact, ask (or take from the cache), validate, restore, anchor,
// merge with the rule problems. Returns Problems like any rule's, with source 'llm'.
import type { Span } from '../report/types';
import type { Problem, Severity } from '../problem';
import { SEVERITIES } from '../problem';
import { AnswerCache, cacheKey, type CachedAnswer } from './cache';
import { createAnchorer } from './anchor';
import { PROMPT_VERSION, buildMessages } from './prompt';
import { LlmError, type Provider } from './provider';
import { redact, restore, shouldRedact } from './redact';
import { parseAnswer, type Issue } from './schema';
import { checkFix } from '../rewrite/verify-clauses';
import type { LlmSettings } from './settings';

/** The rule id every AI problem carries (docs/rules/ai-review.md). */
export const AI_RULE = 'ai-review';
export const AI_MESSAGE_PREFIX = 'AI suggestion: ';

export interface LlmStats {
  /** Issues in the answer. */
  received: number;
  /** Dropped: did not validate. */
  invalid: number;
  /** Dropped: quote not found in the report. */
  unanchored: number;
  /** Dropped: same category and overlapping range as a rule problem (or another AI issue). */
  duplicates: number;
  /** Identifiers replaced before sending. */
  redacted: number;
  cached: boolean;
}

export interface LlmCheckResult {
  problems: Problem[];
  stats: LlmStats;
}

export type CheckSettings = Pick<
  LlmSettings,
  'model' | 'baseUrl' | 'redact' | 'maxSeverity' | 'maxReportChars' | 'timeoutMs' | 'maxRetries'
>;

export interface LlmCheckOptions {
  provider: Provider;
  settings: CheckSettings;
  cache: AnswerCache;
  /** Aborts the request (an edit made the text outdated). */
  signal?: AbortSignal;
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** Suggestions that are advice rather than replacement text do not become quick fixes. */
const ADVICE =
  /^(?:consider|add|remove|delete|replace|change|correct|clarify|please|should|recommend|specify|document|state|ensure|verify|check)\b/i;

function asReplacement(quote: string, suggestion: string | null | undefined): string | undefined {
  if (!suggestion) return undefined;
  if (suggestion === quote || suggestion.trim() === '') return undefined;
  if (ADVICE.test(suggestion) && !ADVICE.test(quote)) return undefined;
  if (suggestion.length > Math.max(4 * quote.length, quote.length + 120)) return undefined;
  if (/\[(?:NAME|DATE|TIME|ID|PHONE|EMAIL|ADDRESS)_\d+\]/.test(suggestion)) return undefined; // unknown placeholder
  return suggestion;
}

/**
 * Turn validated issues into anchored Problems. Pure: the original text, the issues as the model
 * gave them (placeholders and all), the placeholder map, the rule problems to merge with.
 */
export function issuesToProblems(
  text: string,
  issues: Issue[],
  originals: ReadonlyMap<string, string>,
  rules: readonly Problem[],
  maxSeverity: Severity,
): { problems: Problem[]; unanchored: number; duplicates: number } {
  const anchor = createAnchorer(text);
  const problems: Problem[] = [];
  let unanchored = 0;
  let duplicates = 0;
  for (const issue of issues) {
    const quote = restore(issue.quote, originals);
    const at = anchor(quote);
    if (!at) {
      unanchored++;
      continue;
    }
    const span = { start: at.start, end: at.end };
    if (
      rules.some((r) => r.category === issue.category && overlaps(r, span)) ||
      problems.some((p) => p.category === issue.category && overlaps(p, span))
    ) {
      duplicates++;
      continue;
    }
    const quoted = text.slice(at.start, at.end);
    const suggested =
      at.exact && at.occurrences === 1
        ? asReplacement(quoted, issue.suggestion == null ? null : restore(issue.suggestion, originals))
        : undefined;
    // Offered only when the verifier passes the fixed report (issue 18): no side, size or certainty it does not state.
    const replacement = suggested !== undefined && checkFix(text, { ...span, newText: suggested }).length === 0 ? suggested : undefined;
    problems.push({
      rule: AI_RULE,
      category: issue.category,
      severity: rank(issue.severity) < rank(maxSeverity) ? maxSeverity : issue.severity,
      message: AI_MESSAGE_PREFIX + restore(issue.message, originals),
      start: at.start,
      end: at.end,
      source: 'llm',
      fixes:
        replacement === undefined
          ? []
          : [
              {
                title: `Replace with "${replacement}" (AI suggestion)`,
                edits: [{ start: at.start, end: at.end, newText: replacement }],
                applicability: 'display-only',
              },
            ],
    });
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return { problems, unanchored, duplicates };
}

/** The worst case the openai client can take (it retries timeouts too), plus a little for back-off. */
export function deadlineMs(settings: Pick<CheckSettings, 'timeoutMs' | 'maxRetries'>): number {
  return settings.timeoutMs * (settings.maxRetries + 1) + 2_000 * settings.maxRetries + 1_000;
}

/** AbortSignal.any, which Node 20.0–20.2 lack. */
export function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

/**
 * One AI check. `rules` are the rule problems to merge with, or a function that computes them:
 * it is called only when the answer has issues, after the answer came.
 */
export async function checkWithLlm(
  text: string,
  rules: readonly Problem[] | (() => Promise<readonly Problem[]>),
  options: LlmCheckOptions,
): Promise<LlmCheckResult> {
  const { settings, cache, provider, signal } = options;
  if (text.length > settings.maxReportChars) {
    throw new LlmError('too-long', `the report is longer than radlint.llm.maxReportChars (${text.length} > ${settings.maxReportChars})`);
  }
  const redaction = shouldRedact(settings.redact, settings.baseUrl)
    ? redact(text)
    : { text, originals: new Map<string, string>(), count: 0 };
  const key = cacheKey(settings.model, PROMPT_VERSION, redaction.text);
  let answer: CachedAnswer | undefined = cache.get(key);
  const cached = answer !== undefined;
  if (!answer) {
    const deadline = AbortSignal.timeout(deadlineMs(settings));
    const combined = signal ? anySignal(signal, deadline) : deadline;
    let content: string;
    try {
      ({ content } = await provider.complete(buildMessages(redaction.text), combined));
    } catch (error) {
      if (deadline.aborted && !signal?.aborted)
        throw new LlmError('timeout', `no answer within ${Math.round(deadlineMs(settings) / 1000)} s`);
      throw error;
    }
    if (signal?.aborted) throw new LlmError('cancelled', 'cancelled');
    const parsed = parseAnswer(content);
    if (parsed.error === 'not-json') throw new LlmError('invalid-output', 'the answer was not JSON');
    if (parsed.error === 'schema') throw new LlmError('invalid-output', 'the answer did not match the expected shape');
    answer = { issues: parsed.issues, invalid: parsed.invalid };
    cache.set(key, answer);
  }
  const ruleProblems = answer.issues.length === 0 ? [] : typeof rules === 'function' ? await rules() : rules;
  const { problems, unanchored, duplicates } = issuesToProblems(
    text,
    answer.issues,
    redaction.originals,
    ruleProblems,
    settings.maxSeverity,
  );
  return {
    problems,
    stats: {
      received: answer.issues.length + answer.invalid,
      invalid: answer.invalid,
      unanchored,
      duplicates,
      redacted: redaction.count,
      cached,
    },
  };
}
