// One chat completion against any OpenAI-compatible endpoint, through the `openai` package.
// Everything the client would otherwise take from OPENAI_* environment variables is given
// explicitly, so what is configured is what is used.
import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatMessage } from './prompt';
import { ANSWER_JSON_SCHEMA } from './schema';

export interface ProviderConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  maxRetries: number;
  temperature: number;
  /** Azure OpenAI: the api-version; when set the Azure client is used. */
  azureApiVersion?: string;
  azureDeployment?: string;
  stream?: boolean;
  /** Responses bigger than this are cut off and the check fails ("too large"). */
  maxResponseBytes?: number;
  /** For tests and the benchmark: a fetch that never touches the network. */
  fetch?: typeof fetch;
}

export type FailureKind =
  | 'config'
  | 'auth'
  | 'not-found'
  | 'connection'
  | 'timeout'
  | 'rate-limit'
  | 'server'
  | 'bad-request'
  | 'too-large'
  | 'invalid-output'
  | 'too-long'
  | 'cancelled';

/** A failure with a short reason fit for the status item; never carries the key or the report. */
export class LlmError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly reason: string,
    readonly detail = '',
  ) {
    super(reason);
  }
  /** Failures that will not go away by themselves for the next report (wrong URL, key, model). */
  get persistent(): boolean {
    return this.kind === 'config' || this.kind === 'auth' || this.kind === 'not-found' || this.kind === 'connection';
  }
}

class ResponseTooLarge extends Error {}

export const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024;

/** Headers the openai client adds about the machine it runs on; removed (a null default header removes one). */
const STAINLESS_HEADERS = [
  'x-stainless-os',
  'x-stainless-arch',
  'x-stainless-runtime',
  'x-stainless-runtime-version',
  'x-stainless-lang',
  'x-stainless-package-version',
];

/** A fetch that refuses bodies over a size cap, whether announced by Content-Length or streamed. */
function cappedFetch(inner: typeof fetch, maxBytes: number): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const announced = Number(response.headers.get('content-length') ?? NaN);
    if (announced > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new ResponseTooLarge();
    }
    if (!response.body) return response;
    let seen = 0;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new ResponseTooLarge());
        else controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 6; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Map whatever the openai client threw to a short, key-free reason. */
export function classify(error: unknown, config: Pick<ProviderConfig, 'baseUrl' | 'model' | 'timeoutMs'>): LlmError {
  if (error instanceof LlmError) return error;
  if (causes(error).some((e) => e instanceof ResponseTooLarge)) return new LlmError('too-large', 'the answer was too large');
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new LlmError('timeout', `timed out after ${Math.round(config.timeoutMs / 100) / 10} s`);
  if (error instanceof OpenAI.APIUserAbortError) return new LlmError('cancelled', 'cancelled');
  if (error instanceof OpenAI.APIConnectionError) {
    const code = causes(error)
      .map((e) => (e as { code?: string }).code)
      .find((c) => typeof c === 'string');
    return new LlmError('connection', `cannot reach ${hostOf(config.baseUrl)}${code ? ` (${code})` : ''}`);
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    if (status === 401 || status === 403) return new LlmError('auth', `${status}: the endpoint refused the API key`);
    if (status === 404) return new LlmError('not-found', `404: no model '${config.model}' at ${hostOf(config.baseUrl)}`);
    if (status === 429) return new LlmError('rate-limit', '429: rate limited by the endpoint');
    if (status >= 500) return new LlmError('server', `${status}: the endpoint had an error`);
    return new LlmError('bad-request', `${status}: the endpoint rejected the request`, String((error as Error).message ?? ''));
  }
  return new LlmError('connection', `request failed: ${error instanceof Error ? error.name : 'unknown error'}`);
}

/** The JSON schema an answer is asked to follow (response_format json_schema). */
export interface AnswerSchema {
  name: string;
  schema: Record<string, unknown>;
}
const ISSUES_SCHEMA: AnswerSchema = { name: 'radlint_issues', schema: ANSWER_JSON_SCHEMA as unknown as Record<string, unknown> };

export interface Completion {
  content: string;
  /** Whether the endpoint was asked for JSON-schema output (and accepted it). */
  structured: boolean;
}

/** Optional request parameters some endpoints reject; dropped one at a time on a 400. */
type Optional = 'response_format' | 'temperature';

export class Provider {
  private readonly client: OpenAI;
  private readonly unsupported = new Set<Optional>();

  constructor(readonly config: ProviderConfig) {
    if (!config.model && !config.azureDeployment) throw new LlmError('config', 'no model set (radlint.llm.model)');
    let url: URL;
    try {
      url = new URL(config.baseUrl);
    } catch {
      throw new LlmError('config', 'the base URL is not a URL (radlint.llm.baseUrl)');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LlmError('config', 'the base URL must be http or https');
    const common = {
      timeout: config.timeoutMs,
      maxRetries: config.maxRetries,
      fetch: cappedFetch(config.fetch ?? globalThis.fetch, config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
      organization: null,
      project: null,
      webhookSecret: null,
      logLevel: 'off' as const,
      // Nothing about this machine beyond what a request needs: no OS, architecture or runtime version.
      defaultHeaders: Object.fromEntries(STAINLESS_HEADERS.map((h) => [h, null])),
    };
    if (config.azureApiVersion) {
      if (!config.apiKey) throw new LlmError('config', 'Azure OpenAI needs an API key');
      const onResource = !/\/openai(\/|$)/.test(url.pathname);
      this.client = new AzureOpenAI({
        ...common,
        apiKey: config.apiKey,
        apiVersion: config.azureApiVersion,
        deployment: config.azureDeployment || config.model,
        ...(onResource ? { endpoint: config.baseUrl } : { baseURL: config.baseUrl }),
      });
    } else {
      // Local servers (Ollama, llama.cpp) take no key; the client insists on one, so send a dummy.
      this.client = new OpenAI({ ...common, apiKey: config.apiKey || 'no-key', baseURL: config.baseUrl, adminAPIKey: null });
    }
  }

  /**
   * One answer. `signal` aborts it (an edit, a deadline); `schema` names the JSON the answer must
   * have (the AI check's issues by default). Throws LlmError.
   */
  async complete(messages: ChatMessage[], signal?: AbortSignal, schema: AnswerSchema = ISSUES_SCHEMA): Promise<Completion> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const structured = !this.unsupported.has('response_format');
      try {
        const content = await this.request(messages, structured, signal, schema);
        return { content, structured };
      } catch (error) {
        // Endpoints that do not know response_format or a temperature answer 400 (or 422):
        // ask again without it, and remember for this endpoint.
        const status = error instanceof OpenAI.APIError ? error.status : undefined;
        if ((status === 400 || status === 422) && !signal?.aborted) {
          const text = String((error as Error).message).toLowerCase();
          const drop: Optional | undefined =
            text.includes('temperature') && !this.unsupported.has('temperature')
              ? 'temperature'
              : /response_format|json_schema|schema|format/.test(text) && !this.unsupported.has('response_format')
                ? 'response_format'
                : undefined;
          if (drop) {
            this.unsupported.add(drop);
            continue;
          }
        }
        throw classify(error, this.config);
      }
    }
    throw new LlmError('bad-request', 'the endpoint rejected the request');
  }

  private async request(
    messages: ChatMessage[],
    structured: boolean,
    signal: AbortSignal | undefined,
    schema: AnswerSchema,
  ): Promise<string> {
    const body = {
      model: this.config.model || this.config.azureDeployment || '',
      messages,
      ...(this.unsupported.has('temperature') ? {} : { temperature: this.config.temperature }),
      ...(structured
        ? {
            response_format: {
              type: 'json_schema' as const,
              json_schema: { name: schema.name, strict: true, schema: schema.schema },
            },
          }
        : {}),
    };
    if (this.config.stream) {
      const stream = await this.client.chat.completions.create({ ...body, stream: true }, { signal });
      let content = '';
      for await (const chunk of stream) content += chunk.choices[0]?.delta?.content ?? '';
      return content;
    }
    const completion = await this.client.chat.completions.create({ ...body, stream: false }, { signal });
    const message = completion.choices?.[0]?.message;
    if (!message) throw new LlmError('invalid-output', 'the answer had no message');
    if (message.refusal) throw new LlmError('invalid-output', 'the model refused to answer');
    return message.content ?? '';
  }
}
