// Compiled LLM modules (tsc -b writes CommonJS to out/server), for ESM tests.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const llm = require(path.join(root, 'out/server/llm/index.js'));
export const llmCli = require(path.join(root, 'out/server/llm/cli.js'));

/** Settings as the server would have them, with overrides. */
export function settings(overrides = {}) {
  return { ...llm.LLM_DEFAULTS, enabled: true, model: 'fake-model', timeoutMs: 20_000, maxRetries: 0, ...overrides };
}

export function provider(s, extra = {}) {
  return new llm.Provider({
    ...s,
    azureApiVersion: s.azureApiVersion || undefined,
    azureDeployment: s.azureDeployment || undefined,
    ...extra,
  });
}
