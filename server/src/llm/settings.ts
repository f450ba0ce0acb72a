// `radlint.llm.*` settings, validated with zod. Off by default: nothing leaves the machine until the
// user switches the LLM on and points it at an endpoint.
import { z } from 'zod';
import { DOCS_HOME, ui } from '../settings-ui';

export const RUN_MODES = ['onSave', 'onIdle', 'manual'] as const;
export const REDACT_MODES = ['auto', 'always', 'never'] as const;
export const STRUCTURED_OUTPUT = ['auto', 'prompt'] as const;
export type RunMode = (typeof RUN_MODES)[number];
export type RedactMode = (typeof REDACT_MODES)[number];

const AI = 'AI second reader';
// Scopes are never machine: in a remote window VS Code shows machine settings on the Remote tab only,
// and users set the endpoint and model in the User tab and found nothing happened. Where the report
// goes (the endpoint, redaction, the Azure resource) is application-scoped: the User tab, and never
// a workspace's settings, so a cloned folder cannot send reports elsewhere.

export const llmSettingsSchema = z.object({
  enabled: z
    .boolean()
    .default(false)
    .meta(
      ui({
        group: AI,
        scope: 'window',
        markdownDescription: `Ask an LLM for a second reading (AI suggestions, pushed separately and marked \`radlint AI\`). Off by default: nothing leaves the machine until this is on. See [the RadLint docs](${DOCS_HOME}llm.md), and [a fully local model](${DOCS_HOME}llm.md#a-fully-local-model) for a setup where nothing leaves the machine at all.`,
      }),
    ),
  /** Any OpenAI-compatible endpoint; the default is a local Ollama. */
  baseUrl: z
    .string()
    .url()
    .default('http://localhost:11434/v1')
    .meta(
      ui({
        group: AI,
        scope: 'application',
        markdownDescription: `An OpenAI-compatible endpoint: \`http://localhost:11434/v1\` (Ollama), \`https://api.openai.com/v1\`, vLLM, llama.cpp, LM Studio, or an Azure OpenAI resource (with \`#radlint.llm.azureApiVersion#\`). For a model on this machine see [a fully local model](${DOCS_HOME}llm.md#a-fully-local-model).`,
      }),
    ),
  model: z
    .string()
    .default('')
    .meta(
      ui({
        group: AI,
        scope: 'window',
        markdownDescription: 'The model name the endpoint knows, e.g. `llama3.1:8b` or `gpt-4o-mini`.',
      }),
    ),
  run: z
    .enum(RUN_MODES)
    .default('onSave')
    .meta(
      ui({
        group: AI,
        scope: 'resource',
        description: 'When AI checks run. Never on each keystroke.',
        markdownEnumDescriptions: [
          'After each save.',
          'After the report has not changed for `#radlint.llm.idleDelayMs#`.',
          'Only by the command "RadLint: Check with AI".',
        ],
      }),
    ),
  idleDelayMs: z
    .number()
    .int()
    .min(200)
    .max(600_000)
    .default(3000)
    .meta(ui({ group: AI, scope: 'resource', description: 'With run = onIdle: milliseconds without changes before an AI check.' })),
  /** One deadline per request, retries included: a stalled or dripping endpoint is given up with a reason. */
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(30_000)
    .meta(
      ui({
        group: AI,
        scope: 'window',
        markdownDescription: `The most time one AI request may take, in milliseconds, retries included; then it is given up and the status says why ("gave up after 30 s: no answer"). A model on a CPU may need more: see [a fully local model](${DOCS_HOME}llm.md#a-fully-local-model).`,
      }),
    ),
  maxRetries: z
    .number()
    .int()
    .min(0)
    .max(5)
    .default(1)
    .meta(
      ui({
        group: AI,
        scope: 'window',
        description: 'Retries after a 429, a server error or a dropped connection, within radlint.llm.timeoutMs.',
      }),
    ),
  temperature: z
    .number()
    .min(0)
    .max(2)
    .default(0)
    .meta(ui({ group: AI, scope: 'window', description: 'Sampling temperature; 0 for reproducible answers.' })),
  maxReportChars: z
    .number()
    .int()
    .positive()
    .default(20_000)
    .meta(ui({ group: AI, scope: 'resource', description: 'Reports longer than this many characters are not sent.' })),
  redact: z
    .enum(REDACT_MODES)
    .default('auto')
    .meta(
      ui({
        group: AI,
        scope: 'application',
        description:
          'Replace names, dates, times, record, accession and phone numbers, e-mail and street addresses with placeholders before the text is sent; restored in the answer.',
        enumDescriptions: [
          'Redact identifiers unless the endpoint is on this machine (localhost, 127.0.0.1, ::1).',
          'Always redact identifiers.',
          'Never redact (only for endpoints you trust with patient data).',
        ],
      }),
    ),
  /** The most severe level an AI suggestion may have. */
  maxSeverity: z
    .enum(['error', 'warning', 'info', 'hint'])
    .default('warning')
    .meta(ui({ group: AI, scope: 'resource', description: 'The most severe level an AI suggestion may have.' })),
  /** Azure OpenAI: api-version query parameter; when set, baseUrl is the Azure resource endpoint. */
  azureApiVersion: z
    .string()
    .default('')
    .meta(
      ui({
        group: AI,
        scope: 'application',
        markdownDescription:
          'Azure OpenAI only: the `api-version`, e.g. `2024-10-21`. When set, `#radlint.llm.baseUrl#` is the resource endpoint (`https://NAME.openai.azure.com`).',
      }),
    ),
  /** Azure OpenAI: deployment name (defaults to model). */
  azureDeployment: z
    .string()
    .default('')
    .meta(
      ui({
        group: AI,
        scope: 'application',
        markdownDescription: 'Azure OpenAI only: the deployment name (defaults to `#radlint.llm.model#`).',
      }),
    ),
  /** Schema-held answers cost a grammar per token on llama.cpp-style servers: too slow for some models on a CPU. */
  structuredOutput: z
    .enum(STRUCTURED_OUTPUT)
    .default('auto')
    .meta(
      ui({
        group: AI,
        scope: 'machine-overridable',
        markdownDescription: `How the answer's JSON is asked for. The answer is validated and every suggestion anchored either way. See [a fully local model](${DOCS_HOME}llm.md#a-fully-local-model).`,
        markdownEnumDescriptions: [
          "Ask the endpoint to hold the answer to the JSON schema (OpenAI `json_schema`, or llama-cpp-python's `json_object` with a schema), falling back to the prompt alone where it takes neither.",
          'Ask for JSON in the prompt only: much faster on a CPU server where a schema grammar slows every token (Gemma 3 on llama-cpp-python: about 5 s per token).',
        ],
      }),
    ),
  /** Ask for the answer as a server-sent event stream. */
  stream: z
    .boolean()
    .default(false)
    .meta(
      ui({
        group: AI,
        scope: 'window',
        description:
          'Ask the endpoint to stream its answer (server-sent events) and collect it before checking; for endpoints or proxies that only answer that way. The result is the same.',
      }),
    ),
});

export type LlmSettings = z.infer<typeof llmSettingsSchema>;

export const LLM_DEFAULTS: LlmSettings = llmSettingsSchema.parse({});
