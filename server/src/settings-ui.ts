// How each `radlint.*` setting appears in VS Code's settings editor, attached to its zod schema with
// `.meta()`. package.json's contributes.configuration is generated from the schemas and this metadata
// (scripts/gen-configuration.mjs), so a setting the server reads is always declared, with its real default.

/** The titled groups of the settings editor, in the order shown. Empty groups are left out. */
export const SETTINGS_GROUPS = [
  'General',
  'Rules',
  'Critical findings',
  'Spelling',
  'Guidelines',
  'AI second reader',
  'Templates',
  'Patient summary',
] as const;
export type SettingsGroup = (typeof SETTINGS_GROUPS)[number];

/** VS Code's configuration scopes (where a value may be set). */
export type SettingScope = 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource' | 'language-overridable';

// A type alias, not an interface: zod's .meta() wants an object type with an index signature.
export type SettingUi = {
  group: SettingsGroup;
  scope: SettingScope;
  /** Plain text, or `markdownDescription` for links, code and `#radlint.other#` setting links. */
  description?: string;
  markdownDescription?: string;
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  /** JSON-schema detail the settings editor should know beyond what zod states (merged over it). */
  jsonSchema?: Record<string, unknown>;
};

/** Typed `.meta()` argument for a setting. Descriptions must not name files the .vsix does not ship. */
export const ui = (meta: SettingUi): SettingUi => meta;

/** Where the documentation lives for users: docs/ is not in the .vsix, so settings link here. */
export const DOCS_HOME = 'https://github.com/radlint/radlint/blob/main/docs/';
