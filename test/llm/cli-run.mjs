// Runs the bundled CLI asynchronously (the fake endpoint lives in this process, so no spawnSync).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './helpers.mjs';

export const CLI = path.join(root, 'dist/cli.js');

/** Environment without any LLM variables the developer may have set. */
export function cleanEnv(extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(RADLINT_|OPENAI_|AZURE_OPENAI)/.test(k)) delete env[k];
  return { ...env, ...extra };
}

export function runCli(args, { env = {}, input, cwd = root, timeoutMs = 90_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`radlint ${args.join(' ')} took over ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

export function workspace(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-llm-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
