// User settings (`radlint.*`), validated with zod. Invalid values fall back to defaults with a warning,
// so a typo in settings.json never switches the checker off silently.
import { z } from 'zod';
import type { EngineSettings } from './engine';
import { llmSettingsSchema } from './llm/settings';
import { ui } from './settings-ui';
import { GUIDELINES } from './guidelines';

const GUIDELINE_IDS = GUIDELINES.map((g) => g.id) as [string, ...string[]];

const level = z.enum(['off', 'default', 'error', 'warning', 'info', 'hint']);

export const settingsSchema = z.object({
  enable: z
    .boolean()
    .default(true)
    .meta(ui({ group: 'General', scope: 'resource', description: 'Check radiology reports.' })),
  rules: z
    .record(z.string(), level)
    .default({})
    .meta(
      ui({
        group: 'Rules',
        scope: 'resource',
        markdownDescription:
          'Per-rule level: `off`, `default`, `error`, `warning`, `info` or `hint`, keyed by rule id. Example: `{ "dictation-artifact": "off", "laterality-mismatch": "error" }`.',
      }),
    ),
  /** Language ids checked besides `radreport` (e.g. plaintext, markdown). */
  languages: z
    .array(z.string())
    .default([])
    .meta(
      ui({
        group: 'General',
        scope: 'window',
        markdownDescription: 'Language ids checked besides Radiology Report, e.g. `["plaintext", "markdown"]`. Off by default.',
      }),
    ),
  /** Documents longer than this (characters) are not checked. */
  maxFileSize: z
    .number()
    .int()
    .positive()
    .default(1_048_576)
    .meta(ui({ group: 'General', scope: 'resource', description: 'Documents longer than this many characters are not checked.' })),
  /** Critical-finding list changes by finding name: an urgency adds or re-levels, 'none' removes. */
  critical: z
    .record(z.string(), z.enum(['minutes', 'hours', 'days', 'none']))
    .default({})
    .meta(
      ui({
        group: 'Critical findings',
        scope: 'resource',
        markdownDescription:
          'Changes to the critical-findings list, by finding name (as `radlint findings` prints it): `minutes`, `hours` or `days` adds or re-levels a finding, `none` removes it. Example: `{ "nodule": "days", "rib fracture": "none" }`.',
      }),
    ),
  /** Where "Add to dictionary" writes: the workspace's .vscode/radlint-words.txt, or the user's list. */
  wordListTarget: z
    .enum(['workspace', 'user'])
    .default('workspace')
    .meta(
      ui({
        group: 'Spelling',
        scope: 'resource',
        description: 'Where "Add to dictionary" writes the word. Word lists are plain files, never settings.',
        markdownEnumDescriptions: [
          "The workspace's `.vscode/radlint-words.txt` (shared with the team when committed); the user list when no folder is open.",
          "Your own list, in the extension's storage, for every workspace.",
        ],
      }),
    ),
  /** Where "Turn off this rule" writes radlint.rules (the client does the writing). */
  configurationTarget: z
    .enum(['workspace', 'user'])
    .default('workspace')
    .meta(
      ui({
        group: 'Rules',
        scope: 'window',
        description: 'Where "Turn off this rule" (from the light bulb) writes radlint.rules.',
        enumDescriptions: ["The workspace's settings (shared with the team when committed).", 'Your user settings, for every workspace.'],
      }),
    ),
  /** Per-rule options, read by each rule's own schema (defineRule options); npm run gen declares them. */
  ruleOptions: z
    .record(z.string(), z.unknown())
    .default({})
    .meta(
      ui({
        group: 'Rules',
        scope: 'resource',
        markdownDescription:
          'Options for single rules, keyed by rule id. Today: `{ "spelling": { "confusions": false } }` stops the spelling rule flagging real-word confusions (*ileum* for *ilium*). Word lists come from the dictionary files and critical findings from `#radlint.critical#`, not from here.',
      }),
    ),
  /** `radlint.guidelines.*`: the follow-up recommendations the follow-up-recommendation rule checks. */
  guidelines: z
    .object({
      enabled: z
        .array(z.enum(GUIDELINE_IDS))
        .default([...GUIDELINE_IDS])
        .meta(
          ui({
            group: 'Guidelines',
            scope: 'resource',
            markdownDescription:
              'The guidelines whose follow-up recommendations are checked: ' +
              GUIDELINES.map((g) => `\`${g.id}\` (${g.name})`).join(', ') +
              '.',
          }),
        ),
      defaultRisk: z
        .enum(['unknown', 'low', 'high'])
        .default('unknown')
        .meta(
          ui({
            group: 'Guidelines',
            scope: 'resource',
            markdownDescription:
              "The patient's risk when the report does not say (Fleischner: smoking, age, family history). `unknown` gives both the low- and the high-risk recommendation.",
          }),
        ),
    })
    .prefault({}),
  /** `radlint.templates.*`: restructuring into a template, and the impression draft. */
  templates: z
    .object({
      fillPertinentNegatives: z
        .boolean()
        .default(false)
        .meta(
          ui({
            group: 'Templates',
            scope: 'resource',
            markdownDescription:
              "Restructure into template: put the template's normal sentence into subsections the report does not address, marked `<<from template>>` until you check and unmark it. Off: those subsections stay fields to fill.",
          }),
        ),
      impressionIncludesMinor: z
        .boolean()
        .default(false)
        .meta(
          ui({
            group: 'Templates',
            scope: 'resource',
            description: 'Draft impression: list minor and incidental findings (and lines and tubes) too.',
          }),
        ),
    })
    .prefault({}),
  /** `radlint.summary.*`: the patient-friendly summary. */
  summary: z
    .object({
      placement: z
        .enum(['beside', 'section'])
        .default('beside')
        .meta(
          ui({
            group: 'Patient summary',
            scope: 'resource',
            description: 'Where the patient summary goes.',
            enumDescriptions: ['A new document beside the report.', 'A PATIENT SUMMARY section at the end of the report.'],
          }),
        ),
    })
    .prefault({}),
  /** `radlint.llm.*`: the optional AI second reader (server/src/llm). */
  llm: llmSettingsSchema.prefault({}),
});

/**
 * Settings read by the client alone (vscode-languageclient traces the connection under
 * `radlint.trace.server`); the server never parses them. Declared here so package.json has one source.
 */
export const clientSettingsSchema = z.object({
  trace: z
    .object({
      server: z
        .enum(['off', 'messages', 'verbose'])
        .default('off')
        .meta(
          ui({
            group: 'General',
            scope: 'window',
            description: 'Traces the communication between VS Code and the RadLint language server (in the RadLint log).',
          }),
        ),
    })
    .prefault({}),
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

// Made once per settings object (the server keeps one per document): the engine keeps what it parsed
// from these objects by identity (engine.ts), so a new ruleOptions per check was parsed again each time.
const ENGINE_SETTINGS = new WeakMap<Settings, Pick<EngineSettings, 'rules' | 'critical' | 'ruleOptions'>>();

/** The engine's share of the settings; the adapter adds the word lists it read. Shared: do not change it. */
export function engineSettings(settings: Settings): Pick<EngineSettings, 'rules' | 'critical' | 'ruleOptions'> {
  let shared = ENGINE_SETTINGS.get(settings);
  if (!shared) {
    const followUp = { guidelines: settings.guidelines.enabled, risk: settings.guidelines.defaultRisk };
    shared = {
      rules: settings.rules,
      critical: settings.critical,
      ruleOptions: { 'follow-up-recommendation': followUp, ...settings.ruleOptions },
    };
    ENGINE_SETTINGS.set(settings, shared);
  }
  return shared;
}
