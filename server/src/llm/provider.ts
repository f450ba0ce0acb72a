// One chat completion against any OpenAI-compatible endpoint, through the `openai` package.
// Everything the client would otherwise take from OPENAI_* environment variables is given
// explicitly, so what is configured is what is used.
import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatMessage } from './prompt';
import { ANSWER_JSON_SCHEMA, extractJson } from './schema';

export interface ProviderConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** The most one request may take, retries included. */
  timeoutMs: number;
  /** Retries after a 429, a 5xx or a dropped connection, within timeoutMs. */
  maxRetries: number;
  temperature: number;
  /** Azure OpenAI: the api-version; when set the Azure client is used. */
  azureApiVersion?: string;
  azureDeployment?: string;
  stream?: boolean;
  /** 'prompt': never ask for a schema-held answer (radlint.llm.structuredOutput). */
  structuredOutput?: 'auto' | 'prompt';
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

/** "30 s", "0.3 s". */
export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Map whatever the openai client threw to a short, key-free reason. */
export function classify(error: unknown, config: Pick<ProviderConfig, 'baseUrl' | 'model' | 'timeoutMs'>): LlmError {
  if (error instanceof LlmError) return error;
  if (causes(error).some((e) => e instanceof ResponseTooLarge)) return new LlmError('too-large', 'the answer was too large');
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new LlmError('timeout', `gave up after ${seconds(config.timeoutMs)}: no answer`);
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
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return new LlmError('cancelled', 'cancelled');
  return new LlmError('connection', `request failed: ${error instanceof Error ? error.message || error.name : 'unknown error'}`);
}

/** The JSON schema an answer is asked to follow (response_format json_schema). */
export interface AnswerSchema {
  name: string;
  schema: Record<string, unknown>;
}
const ISSUES_SCHEMA: AnswerSchema = { name: 'radlint_issues', schema: ANSWER_JSON_SCHEMA as unknown as Record<string, unknown> };

/**
 * How the answer's JSON is asked for: OpenAI's `json_schema` (OpenAI, Azure, vLLM, llama.cpp's
 * llama-server, Ollama), `json_object` with the schema beside it (llama-cpp-python's server, which
 * rejects `json_schema`), or in the prompt only (endpoints that take neither).
 */
export type JsonMode = 'json_schema' | 'json_object' | 'prompt';
const JSON_MODES: JsonMode[] = ['json_schema', 'json_object', 'prompt'];

export interface Completion {
  content: string;
  /** How the JSON was asked for (and accepted). */
  mode: JsonMode;
}

export interface CompleteOptions {
  /** The answer's length limit in tokens (max_tokens; dropped for endpoints that reject it). */
  maxTokens?: number;
  /** When the whole exchange must be over (Date.now() time); by default timeoutMs from now. */
  deadlineAt?: number;
}

/** Optional request parameters some endpoints reject; dropped one at a time on a 400. */
type Optional = 'temperature' | 'max_tokens';

/**
 * The context limit in an endpoint's 400 (OpenAI's and llama.cpp's wording), with the tokens the
 * messages alone take (0 when not said), or undefined.
 */
export function contextOverflow(message: string): { limit: number; prompt: number } | undefined {
  const llama = /requested tokens \((\d+)\) exceeds? context window of (\d+)/i.exec(message);
  if (llama) return { limit: Number(llama[2]), prompt: Number(llama[1]) };
  const limit = /maximum context length is (\d+)/i.exec(message);
  if (limit) {
    const prompt = /\((\d+) in the messages/i.exec(message) ?? /(?:you requested|resulted in) (\d+) tokens/i.exec(message);
    return { limit: Number(limit[1]), prompt: prompt ? Number(prompt[1]) : 0 };
  }
  if (/context[_ ]length[_ ]exceeded|exceeds? the (?:available )?context/i.test(message)) return { limit: 0, prompt: 0 };
  return undefined;
}

/** The request did not fit the model's context; `limit` and the messages' `prompt` tokens (0 when not said). */
export class ContextOverflow extends LlmError {
  constructor(
    readonly limit: number,
    readonly prompt: number,
  ) {
    const size = prompt > limit && limit ? ` (${prompt} tokens > ${limit})` : limit ? ` (${limit} tokens)` : '';
    super('too-long', `the report does not fit the model's context${size}`);
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

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

export class Provider {
  private readonly client: OpenAI;
  private readonly unsupported = new Set<Optional>();
  /** The strongest JSON mode this endpoint took (or has not refused yet). */
  private jsonMode: JsonMode;

  constructor(readonly config: ProviderConfig) {
    this.jsonMode = config.structuredOutput === 'prompt' ? 'prompt' : 'json_schema';
    if (!config.model && !config.azureDeployment) throw new LlmError('config', 'no model set (radlint.llm.model)');
    let url: URL;
    try {
      url = new URL(config.baseUrl);
    } catch {
      throw new LlmError('config', 'the base URL is not a URL (radlint.llm.baseUrl)');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LlmError('config', 'the base URL must be http or https');
    const common = {
      // The deadline and the retries are this class's own (one deadline for the whole request, retries
      // included); the client's timer is only a backstop.
      timeout: config.timeoutMs + 5_000,
      maxRetries: 0,
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
   * One answer, within one deadline (timeoutMs, retries included). `signal` aborts it (an edit);
   * `schema` names the JSON the answer must have (the AI check's issues by default). Throws LlmError,
   * whose reason says what happened ("gave up after 30 s: no answer").
   */
  async complete(
    messages: ChatMessage[],
    signal?: AbortSignal,
    schema: AnswerSchema = ISSUES_SCHEMA,
    options: CompleteOptions = {},
  ): Promise<Completion> {
    const started = Date.now();
    const deadlineAt = options.deadlineAt ?? started + this.config.timeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), Math.max(0, deadlineAt - started));
    const combined = signal ? anySignal(signal, deadline.signal) : deadline.signal;
    const progress = { chars: 0 };
    let attempts = 0;
    let last: LlmError | undefined;
    try {
      for (;;) {
        const mode = this.jsonMode;
        attempts++;
        try {
          const content = await this.request(messages, mode, combined, schema, options.maxTokens, progress);
          return { content, mode };
        } catch (error) {
          if (signal?.aborted) throw new LlmError('cancelled', 'cancelled');
          if (deadline.signal.aborted) throw this.gaveUp(progress.chars, attempts, last);
          if (error instanceof LlmError) throw error;
          const status = error instanceof OpenAI.APIError ? error.status : undefined;
          const text = String((error as Error).message ?? '');
          // llama-cpp-python's server answers a request shape it does not know with a 500 that names the field.
          const namesField = status === 500 && /literal_error|validation error/i.test(text);
          if (status === 400 || status === 413 || status === 422 || namesField) {
            const overflow = contextOverflow(text);
            if (overflow) throw new ContextOverflow(overflow.limit, overflow.prompt);
            if (this.dropUnsupported(text.toLowerCase(), mode)) {
              attempts--; // the same request again, not a retry
              continue;
            }
          }
          const failure = classify(error, this.config);
          last = failure;
          const retryable = failure.kind === 'rate-limit' || failure.kind === 'server' || failure.kind === 'connection';
          if (!retryable || attempts > this.config.maxRetries) throw failure;
          const wait = retryAfterMs(error) ?? Math.min(8_000, 500 * 2 ** (attempts - 1));
          if (Date.now() + wait >= deadlineAt) throw failure;
          await sleep(wait, combined);
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drop what a 400 names as unsupported (a JSON mode, a temperature, a length limit); true when something was. */
  private dropUnsupported(text: string, mode: JsonMode): boolean {
    if (/max_tokens|max_completion_tokens/.test(text) && !this.unsupported.has('max_tokens')) {
      this.unsupported.add('max_tokens');
      return true;
    }
    if (text.includes('temperature') && !this.unsupported.has('temperature')) {
      this.unsupported.add('temperature');
      return true;
    }
    if (mode !== 'prompt' && /response_format|json_schema|json_object|schema|format|literal_error|input should be/.test(text)) {
      this.jsonMode = JSON_MODES[JSON_MODES.indexOf(mode) + 1];
      return true;
    }
    return false;
  }

  private gaveUp(chars: number, attempts: number, last: LlmError | undefined): LlmError {
    const what = chars > 0 ? `the answer was still arriving (${chars} characters so far)` : 'no answer';
    const tries = attempts > 1 ? ` (${attempts} attempts${last ? `; before: ${last.reason}` : ''})` : '';
    return new LlmError('timeout', `gave up after ${seconds(this.config.timeoutMs)}: ${what}${tries}`);
  }

  private async request(
    messages: ChatMessage[],
    mode: JsonMode,
    signal: AbortSignal,
    schema: AnswerSchema,
    maxTokens: number | undefined,
    progress: { chars: number },
  ): Promise<string> {
    const body = {
      model: this.config.model || this.config.azureDeployment || '',
      messages,
      ...(this.unsupported.has('temperature') ? {} : { temperature: this.config.temperature }),
      ...(maxTokens && !this.unsupported.has('max_tokens') ? { max_tokens: maxTokens } : {}),
      ...(mode === 'json_schema'
        ? { response_format: { type: 'json_schema' as const, json_schema: { name: schema.name, strict: true, schema: schema.schema } } }
        : mode === 'json_object'
          ? // llama-cpp-python's form: the schema beside the type, turned into a grammar by the server.
            { response_format: { type: 'json_object' as const, schema: schema.schema } }
          : {}),
    };
    progress.chars = 0;
    let finish: string | null | undefined;
    let content = '';
    if (this.config.stream) {
      const stream = await this.client.chat.completions.create({ ...body, stream: true }, { signal });
      for await (const chunk of stream) {
        content += chunk.choices[0]?.delta?.content ?? '';
        progress.chars = content.length;
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      // An abort ends openai's stream quietly, as if the answer were whole: it is not.
      if (signal.aborted) throw new Error('aborted while the answer was arriving');
    } else {
      const completion = await this.client.chat.completions.create({ ...body, stream: false }, { signal });
      const choice = completion.choices?.[0];
      const message = choice?.message;
      if (!message) throw new LlmError('invalid-output', 'the answer had no message');
      if (message.refusal) throw new LlmError('invalid-output', 'the model refused to answer');
      content = message.content ?? '';
      finish = choice.finish_reason;
    }
    // Cut off at the length limit: the JSON is unfinished, and saying so beats "not JSON".
    if (finish === 'length' && extractJson(content) === undefined)
      throw new LlmError('invalid-output', `the answer was cut off at the length limit${maxTokens ? ` (${maxTokens} tokens)` : ''}`);
    return content;
  }
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = error instanceof OpenAI.APIError ? error.headers : undefined;
  const value = headers && typeof (headers as Headers).get === 'function' ? (headers as Headers).get('retry-after') : undefined;
  if (value == null || value === '') return undefined;
  const secs = Number(value);
  return Number.isFinite(secs) ? Math.max(0, secs * 1000) : undefined;
}
