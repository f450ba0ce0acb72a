// Rule commands run by the client: "Turn off this rule" (writes radlint.rules where
// radlint.configurationTarget says; the picker shows each rule's description and level now) and the
// rule docs shipped in the extension, opened offline in the Markdown preview.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { COMMANDS } from '../../server/src/protocol';
import { notify } from './notices';

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

/** Where a rule was turned off, and its level there before, so it can be undone exactly. */
export interface TurnedOff {
  ruleId: string;
  where: 'user' | 'workspace';
  previous: string | undefined;
}

/** Sets radlint.rules[ruleId] = 'off' in the user or workspace settings; says where and what was there. */
export async function disableRule(ruleId: string): Promise<TurnedOff> {
  const config = vscode.workspace.getConfiguration('radlint');
  const wanted = config.get<string>('configurationTarget', 'workspace');
  // Without a folder there are no workspace settings to write.
  const where = wanted === 'user' || !vscode.workspace.workspaceFolders?.length ? 'user' : 'workspace';
  const previous = levelAt(ruleId, where);
  await setLevel(ruleId, where, 'off');
  return { ruleId, where, previous };
}

const targetOf = (where: 'user' | 'workspace') =>
  where === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;

/** The rule's own entry in the user or workspace settings (not the merged value). */
export function levelAt(ruleId: string, where: 'user' | 'workspace'): string | undefined {
  const inspected = vscode.workspace.getConfiguration('radlint').inspect<Record<string, string>>('rules');
  return (where === 'user' ? inspected?.globalValue : inspected?.workspaceValue)?.[ruleId];
}

/** Writes one rule's level at one place (undefined removes the entry), leaving the other entries there. */
export async function setLevel(ruleId: string, where: 'user' | 'workspace', level: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('radlint');
  const inspected = config.inspect<Record<string, string>>('rules');
  // Only the chosen level's own value is copied, so user entries never leak into the workspace.
  const current = { ...((where === 'user' ? inspected?.globalValue : inspected?.workspaceValue) ?? {}) };
  if (level === undefined) delete current[ruleId];
  else current[ruleId] = level;
  await config.update('rules', Object.keys(current).length ? current : undefined, targetOf(where));
}

/** Each rule's one-line description and default level, from the settings schema in package.json. */
export function ruleCatalogue(context: vscode.ExtensionContext): { id: string; description: string; defaultLevel: string }[] {
  type Json = {
    contributes?: { configuration?: { properties?: Record<string, { properties?: Record<string, { description?: string }> }> }[] };
  };
  const groups = (context.extension.packageJSON as Json).contributes?.configuration ?? [];
  const rules = groups.map((g) => g.properties?.['radlint.rules']?.properties).find(Boolean) ?? {};
  return Object.entries(rules)
    .map(([id, schema]) => {
      const text = schema.description ?? '';
      const level = /Default level: (\w+)\.?$/.exec(text);
      return { id, description: level ? text.slice(0, level.index).trim() : text, defaultLevel: level?.[1] ?? 'default' };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The "Turn off a rule" picker's entries: each rule with its description and the level it runs at now. */
export function ruleItems(context: vscode.ExtensionContext): (vscode.QuickPickItem & { id: string })[] {
  const levels = vscode.workspace.getConfiguration('radlint').get<Record<string, string>>('rules', {});
  return ruleCatalogue(context).map(({ id, description, defaultLevel }) => {
    const set = levels[id];
    const now = !set || set === 'default' ? `${defaultLevel} (default)` : set;
    return { id, label: id, description: `now: ${now}`, detail: description };
  });
}

export function registerRuleCommands(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  turnedOff: (done: TurnedOff) => void,
): void {
  async function pickRule(title: string): Promise<string | undefined> {
    return vscode.window.showQuickPick(documentedRules(context), { title, placeHolder: 'rule id' });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.disableRule, async (ruleId?: unknown) => {
      const id =
        typeof ruleId === 'string'
          ? ruleId
          : (
              await vscode.window.showQuickPick(ruleItems(context), {
                title: 'RadLint: turn off a rule',
                placeHolder: 'The rule to turn off (its level now on the right)',
                matchOnDescription: true,
                matchOnDetail: true,
              })
            )?.id;
      if (!id || !RULE_ID.test(id)) return undefined;
      try {
        const done = await disableRule(id);
        log.info(`Rule ${id} turned off in the ${done.where} settings (radlint.rules).`);
        turnedOff(done);
        return done.where;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`Could not turn off rule ${id}: ${message}`);
        void notify('warning', `RadLint could not turn off the rule "${id}": ${message}`);
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
