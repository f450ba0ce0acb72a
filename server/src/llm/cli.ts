// `radlint check --llm`: the AI check over files, configured from the environment. A failure never
// costs the rule diagnostics: it is one line on stderr and the exit status stays the rules' own.
import type { Problem } from '../problem';
import { AnswerCache } from './cache';
import { checkWithLlm, limitsNote } from './check';
import { LlmError, Provider } from './provider';
import { llmSettingsSchema, type LlmSettings, type RedactMode } from './settings';

export const LLM_ENV_HELP = `--llm reads RADLINT_LLM_BASE_URL (default http://localhost:11434/v1, a local Ollama), RADLINT_LLM_MODEL,
RADLINT_API_KEY (or OPENAI_API_KEY), and optionally RADLINT_LLM_TIMEOUT_MS, RADLINT_LLM_MAX_RETRIES,
RADLINT_LLM_MAX_SEVERITY, RADLINT_LLM_STRUCTURED_OUTPUT (auto|prompt), RADLINT_LLM_AZURE_API_VERSION, RADLINT_LLM_AZURE_DEPLOYMENT.`;

export interface AiFile {
  path: string;
  text: string;
  /** The rule problems; AI problems are added here. */
  problems: Problem[];
}

type Env = Record<string, string | undefined>;

/** Settings from the environment; undefined and a reason when they cannot work. */
export function settingsFromEnv(env: Env, redact: RedactMode | undefined): { settings?: LlmSettings; error?: string } {
  const num = (name: string) => (env[name] !== undefined && env[name] !== '' ? Number(env[name]) : undefined);
  const raw = {
    enabled: true,
    baseUrl: env.RADLINT_LLM_BASE_URL || undefined,
    model: env.RADLINT_LLM_MODEL || undefined,
    timeoutMs: num('RADLINT_LLM_TIMEOUT_MS'),
    maxRetries: num('RADLINT_LLM_MAX_RETRIES'),
    maxSeverity: env.RADLINT_LLM_MAX_SEVERITY || undefined,
    azureApiVersion: env.RADLINT_LLM_AZURE_API_VERSION || undefined,
    azureDeployment: env.RADLINT_LLM_AZURE_DEPLOYMENT || undefined,
    stream: env.RADLINT_LLM_STREAM === '1' || undefined,
    structuredOutput: env.RADLINT_LLM_STRUCTURED_OUTPUT || undefined,
    redact,
  };
  const parsed = llmSettingsSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `invalid ${String(issue.path[0])} in the environment (${issue.message})` };
  }
  if (!parsed.data.model && !parsed.data.azureDeployment) return { error: 'set RADLINT_LLM_MODEL' };
  return { settings: parsed.data };
}

/** The endpoint's client from the environment, or why there is none. */
export function providerFromEnv(
  env: Env,
  redact: RedactMode | undefined,
  fetchImpl?: typeof fetch,
): { provider: Provider; settings: LlmSettings; apiKey?: string } | { error: string } {
  const { settings, error } = settingsFromEnv(env, redact);
  if (!settings) return { error: error ?? 'cannot set up the AI endpoint' };
  const apiKey = env.RADLINT_API_KEY || env.OPENAI_API_KEY || undefined;
  try {
    const provider = new Provider({
      ...settings,
      apiKey,
      azureApiVersion: settings.azureApiVersion || undefined,
      azureDeployment: settings.azureDeployment || undefined,
      fetch: fetchImpl,
    });
    return { provider, settings, apiKey };
  } catch (e) {
    return { error: e instanceof LlmError ? e.reason : 'cannot set up the AI endpoint' };
  }
}

/**
 * Adds AI problems to each file. `warn` gets one line per failure; after a failure that will not go
 * away (no connection, refused key, unknown model) the remaining files are not tried.
 */
export async function addAiProblems(
  files: AiFile[],
  options: { redact?: RedactMode; env: Env; fetch?: typeof fetch },
  warn: (line: string) => void,
): Promise<void> {
  const endpoint = providerFromEnv(options.env, options.redact, options.fetch);
  if ('error' in endpoint) {
    warn(`AI check skipped: ${endpoint.error}; rule diagnostics only`);
    return;
  }
  const { provider, settings, apiKey } = endpoint;
  const cache = new AnswerCache(64);
  const scrub = (s: string) => (apiKey ? s.split(apiKey).join('***') : s);
  let saidPromptOnly = false; // once per run
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    try {
      const { problems, stats } = await checkWithLlm(file.text, file.problems, { provider, settings, cache });
      file.problems.push(...problems);
      file.problems.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
      const note = limitsNote({ ...stats, jsonMode: stats.jsonMode === 'prompt' && !saidPromptOnly ? 'prompt' : undefined });
      if (stats.jsonMode === 'prompt') saidPromptOnly = true;
      if (note) warn(`${file.path}: AI: ${note}`);
      const dropped = stats.invalid + stats.unanchored;
      if (dropped > 0)
        warn(
          `${file.path}: AI: ${dropped} suggestion${dropped === 1 ? '' : 's'} dropped (${stats.unanchored} quoting text not in the report, ${stats.invalid} invalid)`,
        );
    } catch (e) {
      const failure = e instanceof LlmError ? e : new LlmError('connection', 'the AI check failed');
      if (failure.persistent) {
        const rest = files.length - i;
        warn(scrub(`AI check failed: ${failure.reason}; rule diagnostics only${rest > 1 ? ` (${rest} files not AI-checked)` : ''}`));
        return;
      }
      warn(scrub(`${file.path}: AI check failed: ${failure.reason}; rule diagnostics only`));
    }
  }
}
