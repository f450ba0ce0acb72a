// node scripts/docs-guidelines.mjs — writes docs/guidelines/ID.md from the guideline data (run after
// tsc -b; then npx prettier --write docs/guidelines), so the table in the docs is the table the rule
// uses. test/unit/guidelines-docs.test.mjs checks.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { GUIDELINES } = require(path.join(root, 'out/server/guidelines/index.js'));
const { RADS_SYSTEMS } = require(path.join(root, 'out/server/guidelines/rads/index.js'));

const WHAT = {
  'fleischner-2017':
    'Management of a pulmonary nodule found incidentally on CT: solid nodules by size, count and patient risk; subsolid (ground-glass and part-solid) nodules by size. Size is the mean of the long and short axes, rounded to the nearest millimetre; where the report gives a volume, the volume thresholds are used instead.',
  'lung-rads-2022':
    'Categories and management for nodules on a lung cancer screening CT: solid, part-solid and non-solid nodules by mean diameter (one decimal), solid component, and whether the nodule is baseline, new or growing. The rule uses it instead of Fleischner when the exam title or history says screening (or LDCT, Lung-RADS).',
  'acr-adrenal-2017':
    'Incidental adrenal masses on CT or MRI in adults: under 1 cm need nothing; 10 HU or less on unenhanced CT is a lipid-rich adenoma; otherwise by size, prior imaging and cancer history.',
  'acr-thyroid-2015':
    'Incidental thyroid nodules on CT, MRI, PET or non-thyroid ultrasound: dedicated thyroid ultrasound by size and age (1 cm under 35, 1.5 cm from 35), or for suspicious features; nothing where life expectancy is limited.',
  'acr-aaa-2013': 'Surveillance intervals for an incidental abdominal aortic aneurysm (or ectatic aorta) by maximal diameter.',
  'acr-renal-2018':
    'Cystic renal masses on CT or MRI by Bosniak class (version 2019): I and II benign, IIF surveillance, III and IV urology. A simple cyst counts as class I; a homogeneous mass of -9 to 20 HU as class II; a cyst the report does not classify leaves the rule silent.',
  'acr-liver-2017':
    'Incidental liver lesions on CT: by patient risk (known cancer or not), size (1 cm) and whether the lesion looks benign (simple cyst, hemangioma) or suspicious. Where the report does not say, the message gives both.',
  'acr-pancreas-2017':
    'Incidental pancreatic cysts on CT or MRI by size band (< 1.5, 1.5–2.5, > 2.5 cm) and worrisome features; only the first follow-up step is modelled.',
  'sru-gallbladder-2022':
    'Gallbladder polyps on ultrasound by morphology (extremely low risk: pedunculated ball-on-the-wall or thin stalk; low risk: sessile or thick stalk) and size. Where the report does not say, the message gives both.',
  'o-rads-us-2020':
    'Simple adnexal (ovarian) cysts on ultrasound by size and menopausal status. Menopausal status from the report; where it says nothing, older than 50 counts as postmenopausal (the O-RADS convention).',
};

const fmtRange = (k, r) => {
  const unit = { sizeMm: 'mm', volumeMm3: 'mm³', solidComponentMm: 'mm solid component', attenuationHu: 'HU', age: 'years' }[k];
  const parts = [];
  if (r.gte !== undefined) parts.push(`≥ ${r.gte}`);
  if (r.gt !== undefined) parts.push(`> ${r.gt}`);
  if (r.lt !== undefined) parts.push(`< ${r.lt}`);
  if (r.lte !== undefined) parts.push(`≤ ${r.lte}`);
  return `${parts.join(' and ')} ${unit}`;
};
const fmtWhen = (w) =>
  Object.entries(w)
    .filter(([k]) => !(k === 'volumeMm3' && w.sizeMm))
    .map(([k, v]) => {
      if (Array.isArray(v)) return `${k}: ${v.join(' or ')}`;
      // Diameter or, where the report gives one, volume.
      if (k === 'sizeMm' && w.volumeMm3) return `${fmtRange(k, v)} (or ${fmtRange('volumeMm3', w.volumeMm3)} by volume)`;
      return fmtRange(k, v);
    })
    .join('; ');
const fmtMonths = (m) => (m[0] === m[1] ? `${m[0]} months` : `${m[0]}–${m[1]} months`);
const esc = (s) => s.replace(/\|/g, '\\|');
const fmtAccepts = (list) =>
  list.map((a) => [a.action, a.modality?.join('/'), a.months ? fmtMonths(a.months) : ''].filter(Boolean).join(' ')).join('; ');

for (const g of GUIDELINES) {
  const lines = [
    `# ${g.name} (${g.year})`,
    '',
    `Used by the rule [follow-up-recommendation](../rules/follow-up-recommendation.md); id \`${g.id}\`, cited in messages as "${g.short}".`,
    '',
    '## What it covers',
    '',
    WHAT[g.id],
    '',
    '## When it applies',
    '',
    `- Findings: ${g.subjects.map((s) => `\`${s.concept}\`${s.near.length ? ` (in a sentence naming ${s.near.join(', ')})` : ''}`).join('; ')}, present or possible, in the findings or impression.`,
    `- Exams: ${g.modalities.join(', ')} (from the exam title; a report without one is read as applying).`,
    ...g.inScope.map((s) => `- Only when: ${fmtWhen(s.when)} (${s.reason})`),
    `- Size: the ${g.measure === 'mean-diameter' ? 'mean of long and short axes' : 'largest dimension'}${g.roundMm ? `, rounded to ${g.roundMm} mm` : ''}; with several nodules (a plural, a number word, "multiple", "bilateral", or sized mentions listed apart), the most suspicious drives: the one whose row acts soonest, else the largest.`,
    '',
    '## When it does not apply (the rule is silent; the hover says why)',
    '',
    ...g.outOfScope.map((s) => `- ${s.reason}`),
    `- Other exams than ${g.modalities.join(', ')}.`,
    ...(g.requires.includes('sizeMm') ? ['- A finding without a size.'] : []),
    '',
    '## The table',
    '',
    '| Row | Conditions | Recommendation | Accepted in a report |',
    '| --- | --- | --- | --- |',
    ...g.rows.map(
      (r) =>
        `| ${esc(r.label)}${r.category ? ` (category ${r.category})` : ''} | ${esc(fmtWhen(r.when))} | ${esc(r.recommendation)} | ${esc(
          fmtAccepts(r.accepts) + (r.then ? `; later steps: ${fmtAccepts(r.then)}` : ''),
        )} |`,
    ),
    '',
    'Rows are tried in order; the first that holds wins. Where a fact a row needs is unknown and the guideline lists it as one to ask' +
      (g.ask.length ? ` (here: ${g.ask.join(', ')})` : '') +
      ', the message gives every row it could be, and the quick fix leaves a field to choose.',
    '',
    '## Citation',
    '',
    g.citation,
    '',
    `Source check: ${g.source}`,
    '',
    'The numbers are the paper\u2019s; the wording is ours.',
    '',
  ];
  fs.writeFileSync(path.join(root, 'docs/guidelines', `${g.id}.md`), lines.join('\n'));
}

// The reporting and data systems: one page for the six, each category with its management.
const rads = [
  '# ACR reporting and data systems (RADS)',
  '',
  'Used by the rule [rads-management](../rules/rads-management.md), by `radlint findings` (the `rads` list) and by the hover. Each system is a data file in server/src/guidelines/rads/data/, checked with zod when it loads.',
  '',
  'A category is read wherever the report writes it: the system\u2019s name in any case, with or without its hyphen, then a version, a word such as category, classification, assessment or score, and the value ("BIRADS: 4a", "BI-RADS category 3", "(BIRADS-5)", "Lung-RADS v2022 4B", "PI-RADS v2.1 category 4"); TI-RADS and LI-RADS values also alone ("TR4", "LR-5"). Sub-scores ("PI-RADS v2 T2 score") and other versions ("PI-RADS v1") are not read.',
  '',
];
for (const s of RADS_SYSTEMS) {
  rads.push(`## ${s.name} (${s.short} ${s.version})`, '');
  rads.push(
    `Written as: ${s.names.join(', ')}${s.prefix ? `; values also as ${s.prefix}N alone` : ''}. ${s.overall ? 'An overall category may not be lower than a finding\u2019s.' : 'Each finding has its own category.'}`,
    '',
  );
  rads.push('| Category | Meaning | Likelihood of malignancy | Management | Accepted in a report |', '| --- | --- | --- | --- | --- |');
  for (const c of s.categories) {
    const accepted = c.bySize
      ? c.bySize.map((b) => `${b.gteMm !== undefined ? `≥ ${b.gteMm} mm` : 'smaller'}: ${fmtAccepts(b.accepts)}`).join('; ')
      : c.accepts.length
        ? fmtAccepts(c.accepts)
        : 'not checked';
    rads.push(
      `| ${c.id} | ${esc(c.label)} | ${esc(c.risk ?? '')} | ${esc(c.management)} | ${esc(accepted)}${c.states ? ' (must be stated)' : ''} |`,
    );
  }
  if (s.points)
    rads.push(
      '',
      `Points: ${s.points.groups.map((g) => `${g.group} (${g.options.map((o) => `${o.words[0]} ${o.points}`).join(', ')}${g.additive ? '; these add up' : ''})`).join('; ')}. Category by total: ${s.points.byPoints.map((b) => `${b.min}+ ${b.category}`).join(', ')}.`,
    );
  rads.push('', `Citation: ${s.citation}`, '', `Source: ${s.source}`, '');
}
fs.writeFileSync(path.join(root, 'docs/guidelines', 'rads.md'), rads.join('\n'));
console.log(`wrote ${GUIDELINES.length} pages and rads.md to docs/guidelines/`);
