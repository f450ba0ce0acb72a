// Rule commands run by the client: "Turn off this rule" (writes radlint.rules where
// radlint.configurationTarget says) and the rule docs shipped in the extension, opened offline in
// the Markdown preview.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { COMMANDS } from '../../server/src/protocol';

const RULE_ID = /^[a-z][a-z0-9-]*$/;

/** The rule ids that have a docs page in the extension (docs/rules/ID.md). */
export function documentedRules(context: vscode.ExtensionContext): string[] {
  try {
    return fs
      .readdirSync(context.asAbsolutePath('docs/rules'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort();
  } catch {
    return [];
  }
}

/** Sets radlint.rules[ruleId] = 'off' in the user or workspace settings; returns where it went. */
export async function disableRule(ruleId: string): Promise<'user' | 'workspace'> {
  const config = vscode.workspace.getConfiguration('radlint');
  const wanted = config.get<string>('configurationTarget', 'workspace');
  // Without a folder there are no workspace settings to write.
  const where = wanted === 'user' || !vscode.workspace.workspaceFolders?.length ? 'user' : 'workspace';
  const inspected = config.inspect<Record<string, string>>('rules');
  // Only the chosen level's own value is copied, so user entries never leak into the workspace.
  const current = (where === 'user' ? inspected?.globalValue : inspected?.workspaceValue) ?? {};
  await config.update(
    'rules',
    { ...current, [ruleId]: 'off' },
    where === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace,
  );
  return where;
}

export function registerRuleCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  async function pickRule(title: string): Promise<string | undefined> {
    return vscode.window.showQuickPick(documentedRules(context), { title, placeHolder: 'rule id' });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.disableRule, async (ruleId?: unknown) => {
      const id = typeof ruleId === 'string' ? ruleId : await pickRule('RadLint: turn off a rule');
      if (!id || !RULE_ID.test(id)) return undefined;
      try {
        const where = await disableRule(id);
        log.info(`Rule ${id} turned off in the ${where} settings (radlint.rules).`);
        void vscode.window.setStatusBarMessage(`RadLint: rule "${id}" turned off in the ${where} settings`, 6000);
        return where;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`Could not turn off rule ${id}: ${message}`);
        void vscode.window.showWarningMessage(`RadLint could not turn off the rule "${id}": ${message}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(COMMANDS.openRuleDocs, async (ruleId?: unknown) => {
      const id = typeof ruleId === 'string' ? ruleId : await pickRule('RadLint: rule docs');
      if (!id) return undefined;
      const file = RULE_ID.test(id) ? context.asAbsolutePath(`docs/rules/${id}.md`) : '';
      if (!file || !fs.existsSync(file)) {
        void vscode.window.setStatusBarMessage(`RadLint: no docs for the rule "${id}"`, 5000);
        return undefined;
      }
      const uri = vscode.Uri.file(file);
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      return uri.toString();
    }),
  );
}
