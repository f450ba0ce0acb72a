// `radlint.llm.*` settings, validated with zod. Off by default: nothing leaves the machine until the
// user switches the LLM on and points it at an endpoint.
import { z } from 'zod';

export const RUN_MODES = ['onSave', 'onIdle', 'manual'] as const;
export const REDACT_MODES = ['auto', 'always', 'never'] as const;
export type RunMode = (typeof RUN_MODES)[number];
export type RedactMode = (typeof REDACT_MODES)[number];

export const llmSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Any OpenAI-compatible endpoint; the default is a local Ollama. */
  baseUrl: z.string().url().default('http://localhost:11434/v1'),
  model: z.string().default(''),
  run: z.enum(RUN_MODES).default('onSave'),
  idleDelayMs: z.number().int().min(200).max(600_000).default(3000),
  /** Per attempt; openai-node retries timeouts too, so the worst case is timeoutMs × (maxRetries + 1). */
  timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  maxRetries: z.number().int().min(0).max(5).default(1),
  temperature: z.number().min(0).max(2).default(0),
  maxReportChars: z.number().int().positive().default(20_000),
  redact: z.enum(REDACT_MODES).default('auto'),
  /** The most severe level an AI suggestion may have. */
  maxSeverity: z.enum(['error', 'warning', 'info', 'hint']).default('warning'),
  /** Azure OpenAI: api-version query parameter; when set, baseUrl is the Azure resource endpoint. */
  azureApiVersion: z.string().default(''),
  /** Azure OpenAI: deployment name (defaults to model). */
  azureDeployment: z.string().default(''),
  /** Ask for the answer as a server-sent event stream. */
  stream: z.boolean().default(false),
});

export type LlmSettings = z.infer<typeof llmSettingsSchema>;

export const LLM_DEFAULTS: LlmSettings = llmSettingsSchema.parse({});
