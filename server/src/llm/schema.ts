// What the model must answer, as zod schemas (the check) and as a JSON schema (the request for
// structured output). Anything that does not validate is dropped and counted, never shown.
import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../problem';

const severity = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? (({ information: 'info', informational: 'info', note: 'info', critical: 'error' } as Record<string, string>)[v.toLowerCase()] ??
        v.toLowerCase())
      : v,
  z.enum(SEVERITIES),
);

export const issueSchema = z.object({
  category: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(CATEGORIES)),
  severity,
  quote: z.string().min(1).max(1000),
  message: z.string().trim().min(1).max(600),
  suggestion: z.string().max(1000).nullable().optional(),
});

export type Issue = z.infer<typeof issueSchema>;

export const answerSchema = z.object({ issues: z.array(z.unknown()) });

/** At most this many issues are read from one answer; the rest count as dropped. */
export const MAX_ISSUES = 50;

/** The JSON schema sent as response_format (strict: every property required, nothing else allowed). */
export const ANSWER_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['issues'],
  properties: {
    issues: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['category', 'severity', 'quote', 'message', 'suggestion'],
        properties: {
          category: { type: 'string', enum: [...CATEGORIES] },
          severity: { type: 'string', enum: ['error', 'warning', 'info'] },
          quote: { type: 'string' },
          message: { type: 'string' },
          suggestion: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

export interface ParsedAnswer {
  issues: Issue[];
  /** Issues that did not validate (or were over the limit). */
  invalid: number;
  /** Set when the answer as a whole is unusable. */
  error?: 'not-json' | 'schema';
}

/** Find the JSON in a model's answer: the whole text, a fenced block, or the first balanced object. */
export function extractJson(text: string): unknown {
  const attempts: string[] = [text.trim()];
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  if (fence) attempts.push(fence[1].trim());
  for (const candidate of attempts) {
    try {
      return JSON.parse(candidate);
    } catch {
      // keep looking
    }
  }
  // The first balanced {...} (or [...]) that parses, scanning strings correctly.
  for (let from = 0, tries = 0; tries < 5; tries++) {
    const open = text.slice(from).search(/[{[]/);
    if (open < 0) break;
    const start = from + open;
    const end = balancedEnd(text, start);
    if (end > start) {
      try {
        return JSON.parse(text.slice(start, end));
      } catch {
        // try the next opening bracket
      }
    }
    from = start + 1;
  }
  return undefined;
}

function balancedEnd(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** Validate an answer: the envelope must be right; each issue is kept or dropped on its own. */
export function parseAnswer(content: string): ParsedAnswer {
  const json = extractJson(content);
  if (json === undefined) return { issues: [], invalid: 0, error: 'not-json' };
  const envelope = answerSchema.safeParse(Array.isArray(json) ? { issues: json } : json);
  if (!envelope.success) return { issues: [], invalid: 0, error: 'schema' };
  const issues: Issue[] = [];
  let invalid = Math.max(0, envelope.data.issues.length - MAX_ISSUES);
  for (const raw of envelope.data.issues.slice(0, MAX_ISSUES)) {
    const issue = issueSchema.safeParse(raw);
    if (issue.success) issues.push(issue.data);
    else invalid++;
  }
  return { issues, invalid };
}
