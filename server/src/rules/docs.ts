// Where each rule's documentation lives; the Diagnostic's codeDescription links here.
export const DOCS_BASE = 'https://github.com/radlint/radlint/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
