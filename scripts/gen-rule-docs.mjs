// Writes the header of each docs/rules/ID.md (id, category, default severity, one-line description)
// from the rule registry, between two markers; the rest of the page is hand-written. Needs the
// compiled registry (out/server/rules/registry.js):
//   npx tsc -b && node scripts/gen-rule-docs.mjs        (writes the pages)
//   node scripts/gen-rule-docs.mjs --check               (exit 1 when a header is stale or missing)
//   --dir DIR                                            (another docs folder; for the tests)
// A rule without a page is an error: the page's prose (what it catches, why it matters) is for a person to write.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BEGIN = '<!-- Generated from the rule registry by scripts/gen-rule-docs.mjs (npm run gen): edit the rule, not this block. -->';
export const END = '<!-- End of the generated header. -->';

/** The generated block for one rule. */
export function renderHeader(rule) {
  return [
    BEGIN,
    `# ${rule.id}`,
    '',
    rule.description,
    '',
    `**Rule id:** \`${rule.id}\` · **Category:** ${rule.category} · **Default severity:** ${rule.severity}`,
    '',
    END,
  ].join('\n');
}

// A page written before headers were generated starts with "# id" and a "**Category:** … ·
// **Default severity:** … · " line; those parts are the header's now, the rest of the line stays.
const OLD_TITLE = /^# [a-z-]+[ \t]*\n+/;
const OLD_FACTS = /^\*\*Category:\*\*[^\n]*?\*\*Default severity:\*\*[^·\n]*(?:·\s*|\n|$)/;

/** The page with its header block replaced, or put first. */
export function withHeader(text, rule) {
  const header = renderHeader(rule);
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin !== -1 && end > begin) return text.slice(0, begin) + header + text.slice(end + END.length);
  let rest = text.replace(OLD_TITLE, '');
  rest = rest.replace(OLD_FACTS, '').replace(/^\n+/, '');
  return `${header}\n\n${rest}`;
}

/** [file, current text, wanted text] for every registered rule. Throws for a rule with no page. */
export function pages(rules, dir) {
  return rules.map((rule) => {
    const file = path.join(dir, `${rule.id}.md`);
    if (!fs.existsSync(file))
      throw new Error(
        `${path.relative(root, file)} is missing: write the page (What it catches, Why it matters, Example, How to silence it)`,
      );
    const text = fs.readFileSync(file, 'utf8');
    return [file, text, withHeader(text, rule)];
  });
}

function main() {
  const at = process.argv.indexOf('--dir');
  const dir = at > 0 ? path.resolve(process.argv[at + 1]) : path.join(root, 'docs/rules');
  const { RULES } = require(path.join(root, 'out/server/rules/registry.js'));
  const check = process.argv.includes('--check');
  for (const [file, text, wanted] of pages(RULES, dir)) {
    if (text === wanted) continue;
    if (check) {
      console.error(`${path.relative(process.cwd(), file)}: generated header is stale; run \`npm run gen\``);
      process.exitCode = 1;
    } else {
      fs.writeFileSync(file, wanted);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error.message);
    process.exitCode = 1;
  }
}
