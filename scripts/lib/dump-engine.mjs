// A dump of what the engine makes of 5,100 texts (IU, MTSamples, CT-RATE 1,000, synthetic, examples): problems,
// understanding (findings, measurements, patient, exam), critical findings and parts. A speed change must leave
// it byte-identical: `node scripts/lib/dump-engine.mjs > before.txt`, change, rebuild, dump again, `cmp`.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { iuReports, mtReports, ctRateReports, syntheticReports } from './corpus.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { checkText, prepareRules } = require(path.join(root, 'out/server/engine.js'));

await prepareRules();
const examples = fs
  .readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.rpt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(root, 'examples', f), 'utf8'));
const texts = [
  ...iuReports({ requireBoth: false }).map((r) => r.text),
  ...mtReports().map((r) => r.text),
  ...ctRateReports().slice(0, 1000),
  ...syntheticReports(),
  ...examples,
];
// Parts and findings hold back-references to the report: print only plain data, once per object.
const plain = (value) => {
  const seen = new WeakSet();
  return JSON.stringify(value, (key, v) => {
    if (key === 'report') return undefined;
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[seen]';
      seen.add(v);
    }
    return v;
  });
};
const out = fs.createWriteStream(process.argv[2] ?? '/dev/stdout');
for (const [i, text] of texts.entries()) {
  const a = checkText(text);
  out.write(
    `#${i}\n${plain(a.problems)}\n${plain(a.understanding)}\n${plain(a.critical)}\n${plain(a.findingTypos)}\n${plain(a.parts)}\n${plain(a.report.sentences)}\n`,
  );
}
out.end();
console.error(`${texts.length} texts`);
