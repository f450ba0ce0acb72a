// When AI checks run, per document: on save (default), after an idle delay, or on command. At most
// one request per document is in flight; an edit aborts it; an answer for a version the user has
// typed past is dropped. Between checks the AI problems follow the text they quote.
import type { Problem } from '../problem';
import { AnswerCache } from './cache';
import { checkWithLlm, limitsNote, type LlmStats } from './check';
import { LlmError, Provider, type ProviderConfig } from './provider';
import { isLoopback } from './redact';
import type { LlmSettings } from './settings';

export type AiState = 'off' | 'ready' | 'checking' | 'failed';

export interface AiStatusDetail {
  reason?: string;
  issues?: number;
  dropped?: number;
}

export interface SchedulerHost {
  /** The current text and version of an open document. */
  document(uri: string): { text: string; version: number } | undefined;
  /** The rule problems of the text, to merge with (no duplicates). */
  ruleProblems(uri: string, text: string): Promise<readonly Problem[]>;
  /** The AI problems for a version changed; show them. */
  publish(uri: string, version: number): void;
  status(uri: string, state: AiState, detail: AiStatusDetail): void;
  log(message: string): void;
}

interface DocState {
  controller?: AbortController;
  timer?: ReturnType<typeof setTimeout>;
  version: number;
  problems: Problem[];
  /** The text each problem quoted, to follow it through edits. */
  quotes: string[];
}

export interface CheckOutcome {
  state: 'done' | 'failed' | 'off' | 'cancelled';
  issues: number;
  reason?: string;
  stats?: LlmStats;
}

/** Move a problem (and its fix) to the nearest place its quote still is, or drop it. */
function follow(problem: Problem, quote: string, text: string): Problem | undefined {
  if (text.slice(problem.start, problem.end) === quote) return problem;
  let best = -1;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (best < 0 || Math.abs(at - problem.start) < Math.abs(best - problem.start)) best = at;
  }
  if (best < 0 || quote.length === 0) return undefined;
  const delta = best - problem.start;
  return {
    ...problem,
    start: problem.start + delta,
    end: problem.end + delta,
    fixes: problem.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) })),
  };
}

export class LlmScheduler {
  private readonly docs = new Map<string, DocState>();
  private providerKey = '';
  private provider: Provider | undefined;
  readonly cache: AnswerCache;
  private apiKey: string | undefined;

  constructor(
    private readonly host: SchedulerHost,
    options: { cacheEntries?: number; apiKey?: string; fetch?: typeof fetch } = {},
  ) {
    this.cache = new AnswerCache(options.cacheEntries ?? 256);
    this.apiKey = options.apiKey;
    this.fetchImpl = options.fetch;
  }
  private readonly fetchImpl: typeof fetch | undefined;

  /** The key from SecretStorage (or the environment); undefined clears it. Never logged. */
  setApiKey(key: string | undefined): void {
    this.apiKey = key || undefined;
    this.provider = undefined;
    this.providerKey = '';
  }

  /** Everything logged goes through here, and never contains the key (an endpoint may echo it). */
  private log(message: string): void {
    this.host.log(this.apiKey ? message.split(this.apiKey).join('***') : message);
  }

  get hasApiKey(): boolean {
    return this.apiKey !== undefined;
  }

  private state(uri: string): DocState {
    let s = this.docs.get(uri);
    if (!s) {
      s = { version: -1, problems: [], quotes: [] };
      this.docs.set(uri, s);
    }
    return s;
  }

  /** Whether AI problems are held (so shown) for a document, whatever its version. */
  hasProblems(uri: string): boolean {
    return (this.docs.get(uri)?.problems.length ?? 0) > 0;
  }

  /** The AI problems for this version of the document (none if they belong to another version). */
  problemsFor(uri: string, version: number): Problem[] {
    const s = this.docs.get(uri);
    return s && s.version === version ? s.problems : [];
  }

  /** The endpoint's client for these settings, with the key (kept while the settings stay). Throws LlmError('config'). */
  providerFor(settings: LlmSettings): Provider {
    const config: ProviderConfig = {
      baseUrl: settings.baseUrl,
      model: settings.model,
      apiKey: this.apiKey,
      timeoutMs: settings.timeoutMs,
      maxRetries: settings.maxRetries,
      temperature: settings.temperature,
      azureApiVersion: settings.azureApiVersion || undefined,
      azureDeployment: settings.azureDeployment || undefined,
      stream: settings.stream,
      structuredOutput: settings.structuredOutput,
      fetch: this.fetchImpl,
    };
    const key = JSON.stringify({ ...config, apiKey: undefined, fetch: undefined });
    if (!this.provider || key !== this.providerKey) {
      this.provider = undefined;
      this.provider = new Provider(config); // throws LlmError('config') for what cannot work
      this.providerKey = key;
    }
    return this.provider;
  }

  /** Say whether AI checks are off, ready or misconfigured for a document (on open, on settings change). */
  describe(uri: string, settings: LlmSettings): void {
    if (!settings.enabled) {
      this.host.status(uri, 'off', {});
      return;
    }
    if (this.docs.get(uri)?.controller) return; // "checking" stands
    try {
      this.providerFor(settings);
      const hint =
        !this.apiKey && !isLoopback(settings.baseUrl) && !settings.azureApiVersion
          ? 'no API key set; run "RadLint: Set API Key" if the endpoint needs one'
          : settings.run === 'manual'
            ? 'run "RadLint: Check with AI"'
            : undefined;
      this.host.status(uri, 'ready', { reason: hint });
    } catch (error) {
      this.host.status(uri, 'failed', { reason: error instanceof LlmError ? error.reason : 'cannot set up the AI check' });
    }
  }

  /**
   * The text changed (synchronously, before the rule diagnostics are sent): abort the request in
   * flight and move the AI problems along with their quotes. True when there are AI problems to re-send.
   */
  textChanged(uri: string): boolean {
    const s = this.docs.get(uri);
    const doc = this.host.document(uri);
    if (!s || !doc) return false;
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
    if (s.controller) {
      s.controller.abort();
      s.controller = undefined;
      this.host.status(uri, 'ready', { reason: 'the report changed; the AI check was cancelled' });
    }
    if (s.version === doc.version) return false;
    const had = s.problems.length > 0;
    const problems: Problem[] = [];
    const quotes: string[] = [];
    s.problems.forEach((p, i) => {
      const moved = follow(p, s.quotes[i], doc.text);
      if (moved) {
        problems.push(moved);
        quotes.push(s.quotes[i]);
      }
    });
    s.problems = problems;
    s.quotes = quotes;
    s.version = doc.version;
    return had;
  }

  /** After a change: with run = onIdle, check once the user stops typing. */
  changed(uri: string, settings: LlmSettings): void {
    if (!settings.enabled || settings.run !== 'onIdle') return;
    const s = this.state(uri);
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      void this.run(uri, settings);
    }, settings.idleDelayMs);
  }

  saved(uri: string, settings: LlmSettings): void {
    if (settings.enabled && settings.run === 'onSave') void this.run(uri, settings);
  }

  /** "RadLint: Check with AI": whatever `run` says, as long as AI checks are enabled. */
  checkNow(uri: string, settings: LlmSettings): Promise<CheckOutcome> {
    return this.run(uri, settings);
  }

  closed(uri: string): void {
    const s = this.docs.get(uri);
    if (!s) return;
    s.controller?.abort();
    if (s.timer) clearTimeout(s.timer);
    this.docs.delete(uri);
  }

  /** Stop everything (settings changed, key changed, shutdown). */
  cancelAll(): void {
    for (const s of this.docs.values()) {
      s.controller?.abort();
      s.controller = undefined;
      if (s.timer) clearTimeout(s.timer);
      s.timer = undefined;
    }
  }

  async run(uri: string, settings: LlmSettings): Promise<CheckOutcome> {
    if (!settings.enabled) {
      this.host.status(uri, 'off', {});
      return { state: 'off', issues: 0, reason: 'AI checks are off (radlint.llm.enabled)' };
    }
    const doc = this.host.document(uri);
    if (!doc) return { state: 'cancelled', issues: 0, reason: 'the document is not open' };
    const s = this.state(uri);
    s.controller?.abort(); // at most one in flight per document
    const controller = new AbortController();
    s.controller = controller;
    const { text, version } = doc;
    this.host.status(uri, 'checking', {});
    const started = performance.now();
    try {
      const provider = this.providerFor(settings);
      // The rule problems (to merge with) are computed only once there is an answer with issues.
      const rules = () => this.host.ruleProblems(uri, text);
      const result = await checkWithLlm(text, rules, { provider, settings, cache: this.cache, signal: controller.signal });
      if (controller.signal.aborted || this.host.document(uri)?.version !== version) {
        return { state: 'cancelled', issues: 0, reason: 'the report changed' };
      }
      s.problems = result.problems;
      s.quotes = result.problems.map((p) => text.slice(p.start, p.end));
      s.version = version;
      const { stats } = result;
      const dropped = stats.invalid + stats.unanchored;
      this.log(
        `AI check of ${uri}: ${result.problems.length} shown, ${stats.invalid} invalid, ${stats.unanchored} unanchored (quote not in the report), ` +
          `${stats.duplicates} duplicates of rule problems, ${stats.redacted} identifiers redacted, ${stats.cached ? 'from the cache' : `${Math.round(performance.now() - started)} ms`}` +
          (limitsNote(stats) ? `; ${limitsNote(stats)}` : ''),
      );
      this.host.publish(uri, version);
      this.host.status(uri, 'ready', { issues: result.problems.length, dropped });
      return { state: 'done', issues: result.problems.length, stats };
    } catch (error) {
      const failure = error instanceof LlmError ? error : new LlmError('connection', 'the AI check failed');
      if (failure.kind === 'cancelled' || controller.signal.aborted) return { state: 'cancelled', issues: 0, reason: 'the report changed' };
      this.log(`AI check of ${uri} failed: ${failure.reason}${failure.detail ? ` (${failure.detail.slice(0, 200)})` : ''}`);
      this.host.status(uri, 'failed', { reason: failure.reason });
      return { state: 'failed', issues: 0, reason: failure.reason };
    } finally {
      if (s.controller === controller) s.controller = undefined;
    }
  }
}
