// Notifications RadLint shows (non-modal), kept in a short list too, so the integration tests can see
// what the user was told: a notification itself cannot be read back through the VS Code API.
import * as vscode from 'vscode';

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
  actions: string[];
}

const shown: Notice[] = [];
const KEEP = 50;

/** Shows a notification and resolves with the action clicked (undefined when dismissed). */
export function notify<T extends string>(level: Notice['level'], message: string, ...actions: T[]): Thenable<T | undefined> {
  shown.push({ level, message, actions });
  if (shown.length > KEEP) shown.shift();
  const show =
    level === 'error'
      ? vscode.window.showErrorMessage
      : level === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  return show(message, ...actions);
}

/** The notifications shown so far in this session, oldest first. */
export function notices(): readonly Notice[] {
  return shown;
}
