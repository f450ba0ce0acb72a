// VS Code side of AI checks: the API key (SecretStorage, handed to the server by a custom request,
// never a setting, never logged), the "Check with AI" command, and the AI language status item.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AiStatusNotification, CheckWithAiRequest, COMMANDS, SetApiKeyRequest, type AiStatusParams } from '../../server/src/protocol';
import { notify } from './notices';

const SECRET_KEY = 'radlint.llm.apiKey';
/** Internal (no palette entry): behind the "Set up" link of the AI item while AI is off. */
export const COMMANDS_SET_UP_AI = 'radlint.setUpAi';
/** The spinner appears only when a check takes longer than this. */
const BUSY_AFTER_MS = 2000;

export interface AiClient {
  /** Call before every (re)start of the language client: listens for AI status. */
  attach(client: LanguageClient): void;
  /** Call after every (re)start of the language client: hands over the API key. */
  started(client: LanguageClient): Promise<void>;
}

export function registerAi(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  log: vscode.LogOutputChannel,
  selector: () => vscode.DocumentSelector,
): AiClient {
  const item = vscode.languages.createLanguageStatusItem('radlint.ai', selector());
  item.name = 'RadLint AI';
  const states = new Map<string, AiStatusParams>();
  let busyTimer: ReturnType<typeof setTimeout> | undefined;

  function show(params: AiStatusParams | undefined): void {
    if (busyTimer) clearTimeout(busyTimer);
    busyTimer = undefined;
    item.busy = false;
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.detail = params?.reason;
    // Off: one click to set it up (the radlint.llm settings); otherwise the log says what happened.
    item.command =
      (params?.state ?? 'off') === 'off'
        ? { command: COMMANDS_SET_UP_AI, title: 'Set up', tooltip: 'Connect a local LLM or an endpoint (radlint.llm settings)' }
        : { command: COMMANDS.showLog, title: 'Show log' };
    switch (params?.state ?? 'off') {
      case 'off':
        item.text = 'AI off';
        item.detail = 'the AI second reader is off';
        break;
      case 'ready':
        item.text = 'AI ready';
        if (params?.issues !== undefined)
          item.detail = `${params.issues} AI suggestion${params.issues === 1 ? '' : 's'}${params?.dropped ? `, ${params.dropped} dropped` : ''}`;
        break;
      case 'checking':
        item.text = 'AI checking';
        busyTimer = setTimeout(() => {
          item.busy = true;
        }, BUSY_AFTER_MS);
        break;
      case 'failed':
        item.text = 'AI failed';
        item.severity = vscode.LanguageStatusSeverity.Warning;
        item.detail = `${params?.reason ?? 'see the log'} (rule checks continue)`;
        break;
    }
  }

  const activeUri = () => vscode.window.activeTextEditor?.document.uri.toString();
  show(undefined);

  /** Messages about a missing piece already shown this session: each once, not on every settings change. */
  const told = new Set<string>();

  /** AI switched on without what it needs: one notification naming what is missing, with a way to set it. */
  async function tellWhatIsMissing(): Promise<void> {
    const llm = vscode.workspace.getConfiguration('radlint.llm');
    if (!llm.get<boolean>('enabled', false)) return;
    const missing = missingForAi(
      llm.get<string>('model', ''),
      llm.get<string>('baseUrl', ''),
      Boolean(await context.secrets.get(SECRET_KEY)),
    );
    if (missing.length === 0) return;
    const message = `RadLint's AI second reader is on, but it has no ${missing.join(' and no ')}. Rule checks continue without it.`;
    if (told.has(message)) return;
    told.add(message);
    log.warn(message);
    const onlyKey = missing.length === 1 && missing[0].startsWith('API key');
    const answer = await notify('warning', message, onlyKey ? 'Set API Key' : 'Set up');
    if (answer === 'Set API Key') await vscode.commands.executeCommand(COMMANDS.setApiKey);
    else if (answer === 'Set up') await vscode.commands.executeCommand(COMMANDS_SET_UP_AI);
  }

  async function sendKey(target = client()): Promise<void> {
    if (!target) return;
    const apiKey = (await context.secrets.get(SECRET_KEY)) ?? null;
    await target.sendRequest(SetApiKeyRequest, { apiKey });
  }

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => {
      const uri = activeUri();
      if (uri && states.has(uri)) show(states.get(uri));
    }),
    vscode.workspace.onDidCloseTextDocument((d) => states.delete(d.uri.toString())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('radlint.languages')) item.selector = selector();
      if (e.affectsConfiguration('radlint.llm')) void tellWhatIsMissing();
    }),
    // Another window set or cleared the key.
    context.secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) void sendKey().catch(() => undefined);
    }),
    vscode.commands.registerCommand(COMMANDS_SET_UP_AI, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', 'radlint.llm'),
    ),
    vscode.commands.registerCommand(COMMANDS.setApiKey, async () => {
      const key = await vscode.window.showInputBox({
        title: 'RadLint: API key for the LLM endpoint',
        prompt: 'Stored in VS Code secret storage; never written to settings.',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' ? 'Enter a key, or use "RadLint: Clear API Key".' : undefined),
      });
      if (key === undefined) return;
      await context.secrets.store(SECRET_KEY, key.trim());
      await sendKey().catch((e) => log.error(`Could not hand the API key to the server: ${e instanceof Error ? e.message : String(e)}`));
      log.info('API key stored in secret storage.');
      void vscode.window.setStatusBarMessage('RadLint: API key stored', 4000);
    }),
    vscode.commands.registerCommand(COMMANDS.clearApiKey, async () => {
      await context.secrets.delete(SECRET_KEY);
      await sendKey().catch(() => undefined);
      log.info('API key removed from secret storage.');
      void vscode.window.setStatusBarMessage('RadLint: API key cleared', 4000);
    }),
    vscode.commands.registerCommand(COMMANDS.checkWithAi, async () => {
      const document = vscode.window.activeTextEditor?.document;
      const running = client();
      if (!document || !running) {
        void vscode.window.setStatusBarMessage('RadLint: open a report to check it with AI', 4000);
        return;
      }
      const result = await running.sendRequest(CheckWithAiRequest, { uri: document.uri.toString() });
      const message =
        result.state === 'done'
          ? `RadLint: ${result.issues} AI suggestion${result.issues === 1 ? '' : 's'}`
          : result.state === 'off'
            ? 'RadLint: AI checks are off (setting radlint.llm.enabled)'
            : `RadLint: AI check ${result.state}${result.reason ? `: ${result.reason}` : ''}`;
      void vscode.window.setStatusBarMessage(message, 5000);
    }),
  );

  void tellWhatIsMissing();

  return {
    attach(running) {
      running.onNotification(AiStatusNotification, (params) => {
        states.set(params.uri, params);
        if (params.state === 'failed') log.warn(`AI check: ${params.reason ?? 'failed'}`);
        if (!activeUri() || activeUri() === params.uri) show(params);
      });
    },
    async started(running) {
      await sendKey(running).catch((e) =>
        log.error(`Could not hand the API key to the server: ${e instanceof Error ? e.message : String(e)}`),
      );
    },
  };
}

/** Hosted services that always want a key (a local or in-house server may not). */
const NEEDS_KEY = /(^|\.)(openai\.com|openai\.azure\.com|azure\.com)$/i;

/** What AI checks still need: a model, a valid endpoint, and a key for a hosted service. */
export function missingForAi(model: string, baseUrl: string, hasKey: boolean): string[] {
  const missing: string[] = [];
  if (!model.trim()) missing.push('model (radlint.llm.model, e.g. llama3.1:8b for Ollama)');
  let host = '';
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    missing.push('valid endpoint (radlint.llm.baseUrl)');
  }
  if (NEEDS_KEY.test(host) && !hasKey) missing.push(`API key for ${host} (RadLint: Set API Key)`);
  return missing;
}
