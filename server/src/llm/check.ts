// One AI check of one report: redact, ask (or take from the cache), validate, restore, anchor,
// merge with the rule problems. Returns Problems like any rule's, with source 'llm'.
import type { Span } from '../report/types';
import type { Problem, Severity } from '../problem';
import { SEVERITIES } from '../problem';
import { AnswerCache, cacheKey, type CachedAnswer } from './cache';
import { createAnchorer } from './anchor';
import { PROMPT_VERSION, buildMessages, type ChatMessage } from './prompt';
import { ContextOverflow, LlmError, anySignal, type JsonMode, type Provider } from './provider';
import { parseReport } from '../report';
import type { SectionKind } from '../report/types';
import { redact, restore, shouldRedact } from './redact';
import { parseAnswer, type Issue, type ParsedAnswer } from './schema';
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
  /** Sections not sent because the report did not fit the model's context (their headers). */
  leftOut: string[];
  /** How the JSON was asked for; 'prompt' when the endpoint takes no schema (undefined from the cache). */
  jsonMode?: JsonMode;
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

/**
 * A backstop for callers that add their own signal: the provider gives up at timeoutMs (retries
 * included) with a reason that says so, a moment before this fires.
 */
export function deadlineMs(settings: Pick<CheckSettings, 'timeoutMs'>): number {
  return settings.timeoutMs + 1_000;
}

export { anySignal };

/** The answer's length limit, and the least worth asking for when the context is short. */
const ANSWER_TOKENS = 1024;
const MIN_ANSWER_TOKENS = 256;

/** Says, in the words of a log line, what the endpoint's limits changed about a check (or ''). */
export function limitsNote(stats: Pick<LlmStats, 'leftOut' | 'jsonMode'>): string {
  const notes: string[] = [];
  if (stats.leftOut.length) notes.push(`sent without ${stats.leftOut.join(', ')} to fit the model's context`);
  if (stats.jsonMode === 'prompt') notes.push('JSON was asked for in the prompt only, without a schema');
  return notes.join('; ');
}

/** What may be left out when the report does not fit the model's context, least needed first. Never findings or impression. */
const LEAVE_OUT: SectionKind[] = ['technique', 'comparison', 'history', 'exam', 'other'];

/**
 * The report without whole sections, least needed first, until it should fit `overflow` (estimated
 * from the characters per token of the request that did not fit). Undefined when leaving out every
 * such section is not enough: a finding is never cut.
 */
export function fitToContext(
  text: string,
  promptChars: number,
  overflow: { limit: number; prompt: number },
): { text: string; leftOut: string[] } | undefined {
  const report = parseReport(text);
  const charsPerToken = overflow.prompt > 0 ? promptChars / overflow.prompt : 3;
  const budget =
    overflow.limit > 0 ? (overflow.limit - Math.min(ANSWER_TOKENS, overflow.limit / 4)) * charsPerToken - (promptChars - text.length) : 0;
  const dropped = new Set<number>();
  let length = text.length;
  for (const kind of LEAVE_OUT) {
    for (const [i, section] of report.sections.entries()) {
      if (section.kind !== kind || (overflow.limit > 0 && length <= budget)) continue;
      dropped.add(i);
      length -= section.end - section.start;
    }
  }
  if (dropped.size === 0 || (overflow.limit > 0 && length > budget)) return undefined;
  const kept = report.sections.filter((_, i) => !dropped.has(i)).map((s) => text.slice(s.start, s.end).trimEnd());
  const leftOut = report.sections.filter((_, i) => dropped.has(i)).map((s) => s.header?.name ?? s.kind);
  return { text: kept.join('\n') + '\n', leftOut };
}

/** The answer to the check's prompt, fitted to the model's context and re-asked once for JSON. */
async function ask(
  provider: Provider,
  text: string,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<{ parsed: ParsedAnswer; leftOut: string[]; mode: JsonMode }> {
  const deadlineAt = Date.now() + timeoutMs; // one deadline for everything below
  let messages = buildMessages(text);
  let leftOut: string[] = [];
  let maxTokens = ANSWER_TOKENS;
  let completion;
  try {
    completion = await provider.complete(messages, signal, undefined, { maxTokens, deadlineAt });
  } catch (error) {
    if (!(error instanceof ContextOverflow)) throw error;
    if (error.prompt > 0 && error.limit - error.prompt >= MIN_ANSWER_TOKENS) {
      // The messages fit, the answer's room did not (OpenAI counts max_tokens in): a shorter answer.
      maxTokens = error.limit - error.prompt;
      completion = await provider.complete(messages, signal, undefined, { maxTokens, deadlineAt });
    } else {
      const promptChars = messages.reduce((n, m) => n + m.content.length, 0);
      const fitted = fitToContext(text, promptChars, error);
      if (!fitted) throw new LlmError('too-long', `${error.reason}; its findings and impression alone are too long for it`);
      leftOut = fitted.leftOut;
      messages = buildMessages(fitted.text, leftOut);
      try {
        completion = await provider.complete(messages, signal, undefined, { maxTokens, deadlineAt });
      } catch (again) {
        if (again instanceof ContextOverflow) throw new LlmError('too-long', `${again.reason}, even without ${leftOut.join(', ')}`);
        throw again;
      }
    }
  }
  let parsed = parseAnswer(completion.content);
  if (parsed.error === 'not-json' && !signal?.aborted && Date.now() < deadlineAt) {
    // Small models answer in prose now and then; asked once more, most give the JSON.
    const reask: ChatMessage[] = [
      ...messages,
      { role: 'assistant', content: completion.content.slice(0, 4000) },
      { role: 'user', content: 'Answer with the JSON object only: {"issues":[...]}, or {"issues":[]} if there are no problems.' },
    ];
    completion = await provider.complete(reask, signal, undefined, { maxTokens, deadlineAt });
    parsed = parseAnswer(completion.content);
    if (parsed.error === 'not-json') throw new LlmError('invalid-output', 'the answer was not JSON, even when asked again');
  }
  return { parsed, leftOut, mode: completion.mode };
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
  let leftOut: string[] = [];
  let jsonMode: JsonMode | undefined;
  if (!answer) {
    const asked = await ask(provider, redaction.text, signal, settings.timeoutMs);
    if (signal?.aborted) throw new LlmError('cancelled', 'cancelled');
    const { parsed } = asked;
    ({ leftOut, mode: jsonMode } = asked);
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
      leftOut,
      jsonMode,
    },
  };
}
