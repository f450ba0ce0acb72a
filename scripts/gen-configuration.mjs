// Writes package.json's contributes.configuration from the zod settings schemas, so what VS Code
// declares (keys, types, limits, defaults) is what the server reads. Needs the compiled output:
//   npx tsc -b && node scripts/gen-configuration.mjs          (writes package.json)
//   node scripts/gen-configuration.mjs --check                 (exit 1 when package.json is stale)
//   --package FILE                                             (another manifest; for the tests)
// test/unit/settings-manifest.test.mjs runs the check in `npm test`.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => require(path.join(root, 'out/server', p));

// The SettingUi keys (server/src/settings-ui.ts) that steer generation rather than being copied out.
const STEERING = ['group', 'jsonSchema'];

const unwrap = (schema) => {
  let s = schema;
  while (['default', 'prefault', 'optional'].includes(s._zod.def.type)) s = s._zod.def.innerType;
  return s;
};

/** The JSON schema zod states for one setting, trimmed to what VS Code's settings editor uses. */
function leafSchema(z, field) {
  const out = z.toJSONSchema(field, { io: 'input', unrepresentable: 'throw' });
  delete out.$schema;
  delete out.propertyNames; // record keys are strings anyway
  for (const k of [...STEERING, 'scope', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions'])
    delete out[k];
  if (out.type === 'integer') {
    // zod states int() as the safe-integer range and positive() as exclusiveMinimum 0: say it plainly.
    if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
    if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
    if (typeof out.exclusiveMinimum === 'number') {
      out.minimum = out.exclusiveMinimum + 1;
      delete out.exclusiveMinimum;
    }
  }
  return out;
}

/**
 * Every setting as [key, group, property], in schema order. An object field without its own
 * metadata (`llm`) is a namespace: its fields become `radlint.llm.*`.
 */
function settingsOf(z, schema, prefix) {
  const found = [];
  for (const [name, field] of Object.entries(unwrap(schema).shape)) {
    const key = `${prefix}.${name}`;
    const meta = field.meta();
    if (!meta?.group) {
      if (unwrap(field)._zod.def.type === 'object') {
        found.push(...settingsOf(z, field, key));
        continue;
      }
      throw new Error(`${key} has no settings-editor metadata: add .meta(ui({ group, scope, description })) to its schema`);
    }
    if (!meta.scope) throw new Error(`${key}: metadata needs a scope`);
    if (!meta.description && !meta.markdownDescription) throw new Error(`${key}: metadata needs a description`);
    const { type, ...rest } = { ...leafSchema(z, field), ...(meta.jsonSchema ?? {}) };
    const { default: def, ...limits } = rest;
    const property = { type, ...limits, default: def, scope: meta.scope };
    for (const k of ['description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions'])
      if (meta[k]) property[k] = meta[k];
    found.push([key, meta.group, property]);
  }
  return found;
}

/** `radlint.rules`: one property per registered rule id, so the editor offers ids and levels. */
function withRuleIds(property, rules) {
  const levels = property.additionalProperties?.enum;
  if (!levels) throw new Error('radlint.rules: expected a record of levels');
  const properties = Object.fromEntries(
    rules.map((r) => [r.id, { type: 'string', enum: levels, description: `${r.description} Default level: ${r.severity}.` }]),
  );
  // additionalProperties stays: ids added later, and old ids kept as redirects, are still accepted.
  const { additionalProperties, ...rest } = property;
  return { ...rest, properties, additionalProperties };
}

/** `radlint.ruleOptions`: one property per rule with options, from the zod schema it gives defineRule(). */
function withRuleOptions(z, property, rules) {
  const properties = Object.fromEntries(
    rules
      .filter((r) => r.options)
      .map((r) => {
        const schema = z.toJSONSchema(r.options, { io: 'input', unrepresentable: 'any' });
        // The fallback a rule's schema catches to is how it reads bad input, not a default to show.
        delete schema.$schema;
        delete schema.default;
        return [r.id, schema];
      }),
  );
  const { type, additionalProperties, ...rest } = property;
  return { type, additionalProperties, properties, ...rest };
}

/**
 * contributes.configuration: titled groups in SETTINGS_GROUPS order, empty ones left out.
 * Inputs are passed in so tests can feed schemas that should be refused.
 */
export function buildConfiguration({ z, schemas, groups, rules }) {
  const settings = schemas.flatMap((s) => settingsOf(z, s, 'radlint'));
  const byGroup = new Map(groups.map((g) => [g, {}]));
  const seen = new Set();
  for (const [key, group, property] of settings) {
    if (seen.has(key)) throw new Error(`${key} is declared twice`);
    seen.add(key);
    const properties = byGroup.get(group);
    if (!properties) throw new Error(`${key}: unknown group '${group}' (one of ${groups.join(', ')})`);
    const generated =
      key === 'radlint.rules'
        ? withRuleIds(property, rules)
        : key === 'radlint.ruleOptions'
          ? withRuleOptions(z, property, rules)
          : property;
    properties[key] = { ...generated, order: Object.keys(properties).length };
  }
  return [...byGroup]
    .filter(([, properties]) => Object.keys(properties).length > 0)
    .map(([title, properties], order) => ({ title, order, properties }));
}

/** The configuration the compiled schemas and registry give today. */
export function currentConfiguration() {
  const { settingsSchema, clientSettingsSchema } = load('settings.js');
  const { SETTINGS_GROUPS } = load('settings-ui.js');
  const { RULES } = load('rules/registry.js');
  return buildConfiguration({ z: require('zod'), schemas: [settingsSchema, clientSettingsSchema], groups: SETTINGS_GROUPS, rules: RULES });
}

function main() {
  const at = process.argv.indexOf('--package');
  const file = at > 0 ? path.resolve(process.argv[at + 1]) : path.join(root, 'package.json');
  const text = fs.readFileSync(file, 'utf8');
  const pkg = JSON.parse(text);
  pkg.contributes.configuration = currentConfiguration();
  const next = JSON.stringify(pkg, null, 2) + '\n';
  if (process.argv.includes('--check')) {
    if (next !== text) {
      console.error(`${path.relative(process.cwd(), file)}: contributes.configuration is stale; run \`npm run gen\``);
      process.exitCode = 1;
    }
    return;
  }
  if (next !== text) fs.writeFileSync(file, next);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
