// User settings (`radlint.*`), validated with zod. Invalid values fall back to defaults with a warning,
// so a typo in settings.json never switches the checker off silently.
import { z } from 'zod';
import type { EngineSettings } from './engine';
import { llmSettingsSchema } from './llm/settings';

const level = z.enum(['off', 'default', 'error', 'warning', 'info', 'hint']);

export const settingsSchema = z.object({
  enable: z.boolean().default(true),
  rules: z.record(z.string(), level).default({}),
  /** Language ids checked besides `radreport` (e.g. plaintext, markdown). */
  languages: z.array(z.string()).default([]),
  /** Documents longer than this (characters) are not checked. */
  maxFileSize: z.number().int().positive().default(1_048_576),
  /** Critical-finding list changes by finding name: an urgency adds or re-levels, 'none' removes. */
  critical: z.record(z.string(), z.enum(['minutes', 'hours', 'days', 'none'])).default({}),
  /** Where "Add to dictionary" writes: the workspace's .vscode/radlint-words.txt, or the user's list. */
  wordListTarget: z.enum(['workspace', 'user']).default('workspace'),
  /** Per-rule options, passed to the rules as RuleContext.options. */
  ruleOptions: z.record(z.string(), z.unknown()).default({}),
  /** `radlint.llm.*`: the optional AI second reader (server/src/llm). */
  llm: llmSettingsSchema.prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULTS: Settings = settingsSchema.parse({});

export interface ParsedSettings {
  settings: Settings;
  /** Human-readable reasons why some values were ignored. */
  warnings: string[];
}

/** Parse raw settings; each invalid key falls back to its default and is named in `warnings`. */
export function parseSettings(raw: unknown): ParsedSettings {
  const input = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const result = settingsSchema.safeParse(input);
  if (result.success) return { settings: result.data, warnings: [] };
  const bad = new Set(result.error.issues.map((i) => String(i.path[0])));
  const kept: Record<string, unknown> = Object.fromEntries(Object.entries(input).filter(([k]) => !bad.has(k)));
  // Inside radlint.llm only the bad keys fall back, so one typo does not reset the whole group.
  const llm = input.llm;
  if (bad.has('llm') && llm && typeof llm === 'object' && !Array.isArray(llm)) {
    const badLlm = new Set(result.error.issues.filter((i) => i.path[0] === 'llm').map((i) => String(i.path[1])));
    kept.llm = Object.fromEntries(Object.entries(llm).filter(([k]) => !badLlm.has(k)));
  }
  const warnings = result.error.issues.map((i) => `radlint.${i.path.join('.')}: ${i.message}; using the default`);
  const fallback = settingsSchema.safeParse(kept);
  return { settings: fallback.success ? fallback.data : DEFAULTS, warnings };
}

/** The engine's share of the settings; the adapter adds the word lists it read. */
export function engineSettings(settings: Settings): Pick<EngineSettings, 'rules' | 'critical' | 'ruleOptions'> {
  return { rules: settings.rules, critical: settings.critical, ruleOptions: settings.ruleOptions };
}
