// What the user silenced, visible and reversible: "RadLint: Show Ignores and Turned-Off Rules" lists
// the ignores of this workspace (the server reads .radlint.json: SuppressionsRequest) and the rules
// set to off in the user and workspace settings, each with Remove; "RadLint: Undo Last Ignore or
// Turned-Off Rule" takes back the last one. Ctrl+Z cannot: neither is an edit of the report.
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { COMMANDS, RemoveIgnoreRequest, SuppressionsRequest, type IgnoreEntry } from '../../server/src/protocol';
import { notify } from './notices';
import { levelAt, setLevel, type TurnedOff } from './rules';

export type Suppression =
  { kind: 'ignore'; ignore: IgnoreEntry } | { kind: 'rule'; ruleId: string; where: 'user' | 'workspace'; previous?: string };

const UNDO = 'Undo';
const SHOW = 'Show All';

/** One line naming a suppression, as the list and the notifications say it. */
export function describe(s: Suppression): string {
  return s.kind === 'ignore'
    ? `"${s.ignore.rule}" ignored at "${s.ignore.text}" in ${s.ignore.file}`
    : `rule "${s.ruleId}" off (${s.where} settings)`;
}

const sameIgnore = (a: IgnoreEntry, b: IgnoreEntry) =>
  a.folder === b.folder && a.file === b.file && a.rule === b.rule && a.text === b.text && a.context === b.context;

export interface Suppressions {
  /** Language client middleware: notes the ignore each "Ignore here" adds, for undo. */
  middleware: Pick<Middleware, 'executeCommand'>;
  /** Called by "Turn off the rule". */
  turnedOff(done: TurnedOff): void;
  /** Every ignore of the workspace and every rule off in the user or workspace settings. */
  list(): Promise<Suppression[]>;
  /** Removes one: the ignore from .radlint.json, the rule's entry from the settings. */
  remove(s: Suppression): Promise<boolean>;
  /** Takes back the last "Ignore here" or "Turn off the rule" of this session; what it undid. */
  undo(): Promise<Suppression | undefined>;
}

export function registerSuppressions(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): Suppressions {
  /** This session's suppressions, the last on top. */
  const done: Suppression[] = [];

  async function ignores(): Promise<IgnoreEntry[]> {
    const running = client();
    if (!running) return [];
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const answer = await running.sendRequest(SuppressionsRequest, { uri });
    for (const error of answer.errors) void notify('warning', `RadLint: ${error}`);
    return answer.ignores;
  }

  function rulesOff(): Suppression[] {
    const out: Suppression[] = [];
    for (const where of ['workspace', 'user'] as const) {
      const inspected = vscode.workspace.getConfiguration('radlint').inspect<Record<string, string>>('rules');
      const levels = (where === 'user' ? inspected?.globalValue : inspected?.workspaceValue) ?? {};
      for (const [ruleId, level] of Object.entries(levels)) if (level === 'off') out.push({ kind: 'rule', ruleId, where });
    }
    return out;
  }

  async function list(): Promise<Suppression[]> {
    return [...(await ignores()).map((ignore): Suppression => ({ kind: 'ignore', ignore })), ...rulesOff()];
  }

  async function remove(s: Suppression): Promise<boolean> {
    if (s.kind === 'rule') {
      if (levelAt(s.ruleId, s.where) !== 'off') return false;
      await setLevel(s.ruleId, s.where, s.previous);
      return true;
    }
    const running = client();
    if (!running) return false;
    const answer = await running.sendRequest(RemoveIgnoreRequest, { ignore: s.ignore });
    if (answer.error) void notify('warning', `RadLint could not remove the ignore: ${answer.error}`);
    return answer.removed;
  }

  function remember(s: Suppression): void {
    done.push(s);
    // Said where it can be taken back: Ctrl+Z would undo an edit of the report instead.
    void notify('info', `RadLint: ${describe(s)}.`, UNDO, SHOW).then(async (answer) => {
      if (answer === UNDO && done.includes(s)) {
        done.splice(done.indexOf(s), 1);
        await remove(s);
      } else if (answer === SHOW) await vscode.commands.executeCommand(COMMANDS.showSuppressions);
    });
  }

  async function undo(): Promise<Suppression | undefined> {
    const last = done.pop();
    if (!last) {
      void notify('info', 'RadLint: nothing to undo: no problem was ignored and no rule turned off in this session.', SHOW).then(
        (a) => a && vscode.commands.executeCommand(COMMANDS.showSuppressions),
      );
      return undefined;
    }
    const removed = await remove(last);
    void vscode.window.setStatusBarMessage(`RadLint: ${removed ? 'undone' : 'already gone'}: ${describe(last)}`, 5000);
    return last;
  }

  type Item = vscode.QuickPickItem & { suppression?: Suppression };
  const removeButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Remove (the problems show again)' };

  async function show(): Promise<void> {
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = 'RadLint: ignores and turned-off rules';
    pick.placeholder = 'Select one to remove it (the trash button does the same)';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const fill = async () => {
      pick.busy = true;
      const all = await list();
      const items: Item[] = [];
      const ignored = all.filter((s) => s.kind === 'ignore');
      const off = all.filter((s) => s.kind === 'rule');
      items.push({ label: `Ignored problems (${ignored.length})`, kind: vscode.QuickPickItemKind.Separator });
      for (const s of ignored)
        items.push({
          label: `$(eye-closed) ${s.ignore.rule}: "${s.ignore.text}"`,
          description: s.ignore.file,
          detail: s.ignore.context,
          buttons: [removeButton],
          suppression: s,
        });
      items.push({ label: `Rules turned off (${off.length})`, kind: vscode.QuickPickItemKind.Separator });
      for (const s of off)
        items.push({ label: `$(circle-slash) ${s.ruleId}`, description: `${s.where} settings`, buttons: [removeButton], suppression: s });
      if (all.length === 0) items.push({ label: 'Nothing is ignored or turned off in this workspace.' });
      pick.items = items;
      pick.busy = false;
    };
    const take = async (item: Item | undefined) => {
      if (!item?.suppression) return;
      const s = item.suppression;
      const i = done.findIndex((d) =>
        d.kind === 'ignore' && s.kind === 'ignore' ? sameIgnore(d.ignore, s.ignore) : describe(d) === describe(s),
      );
      if (i >= 0) done.splice(i, 1);
      await remove(s);
      await fill();
    };
    pick.onDidTriggerItemButton((e) => void take(e.item));
    pick.onDidAccept(() => void take(pick.selectedItems[0]));
    pick.onDidHide(() => pick.dispose());
    pick.show();
    await fill();
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showSuppressions, show),
    vscode.commands.registerCommand(COMMANDS.undoSuppression, undo),
  );

  return {
    middleware: {
      async executeCommand(command, args, next) {
        if (command !== COMMANDS.ignoreHere) return next(command, args);
        // The server keeps the ignore; which entry it added is the one the list did not have before.
        const before = await ignores().catch(() => []);
        const result = await next(command, args);
        const added = (await ignores().catch(() => [])).find((e) => !before.some((b) => sameIgnore(b, e)));
        if (added) remember({ kind: 'ignore', ignore: added });
        return result;
      },
    },
    turnedOff: (t) => remember({ kind: 'rule', ruleId: t.ruleId, where: t.where, previous: t.previous }),
    list,
    remove,
    undo,
  };
}
