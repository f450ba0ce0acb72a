// `radlint check --llm`: the AI check over files, configured from the environment. A failure never
// costs the rule diagnostics: it is one line on stderr and the exit status stays the rules' own.
import type { Problem } from '../problem';
import { AnswerCache } from './cache';
import { checkWithLlm } from './check';
import { LlmError, Provider } from './provider';
import { llmSettingsSchema, type LlmSettings, type RedactMode } from './settings';

export const LLM_ENV_HELP = `--llm reads RADLINT_LLM_BASE_URL (default http://localhost:11434/v1, a local Ollama), RADLINT_LLM_MODEL,
RADLINT_API_KEY (or OPENAI_API_KEY), and optionally RADLINT_LLM_TIMEOUT_MS, RADLINT_LLM_MAX_RETRIES,
RADLINT_LLM_MAX_SEVERITY, RADLINT_LLM_AZURE_API_VERSION, RADLINT_LLM_AZURE_DEPLOYMENT.`;

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

/**
 * Adds AI problems to each file. `warn` gets one line per failure; after a failure that will not go
 * away (no connection, refused key, unknown model) the remaining files are not tried.
 */
export async function addAiProblems(
  files: AiFile[],
  options: { redact?: RedactMode; env: Env; fetch?: typeof fetch },
  warn: (line: string) => void,
): Promise<void> {
  const { settings, error } = settingsFromEnv(options.env, options.redact);
  if (!settings) {
    warn(`AI check skipped: ${error}; rule diagnostics only`);
    return;
  }
  const apiKey = options.env.RADLINT_API_KEY || options.env.OPENAI_API_KEY || undefined;
  let provider: Provider;
  try {
    provider = new Provider({
      ...settings,
      apiKey,
      azureApiVersion: settings.azureApiVersion || undefined,
      azureDeployment: settings.azureDeployment || undefined,
      fetch: options.fetch,
    });
  } catch (e) {
    warn(`AI check skipped: ${e instanceof LlmError ? e.reason : 'cannot set up the AI check'}; rule diagnostics only`);
    return;
  }
  const cache = new AnswerCache(64);
  const scrub = (s: string) => (apiKey ? s.split(apiKey).join('***') : s);
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    try {
      const { problems, stats } = await checkWithLlm(file.text, file.problems, { provider, settings, cache });
      file.problems.push(...problems);
      file.problems.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
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
