// npm run eval:compare: trainee mode against known answers. The reference is a real report from
// ../shared/data (IU chest radiographs, MTSamples); the "trainee" report is the same report with one
// known change (a finding sentence removed, a side flipped, a site moved, a size changed, a finding added, an
// assertion flipped, a finding left out of the impression) or with none that matters (unchanged,
// sentences reordered, a term reworded to a synonym). Per kind: recall (the change was reported as
// that kind, where it was made) and precision (reported discrepancies of that kind that are the change).
// A statement taken out of the impression that names something the findings never describe is
// missed outright, so there a missed discrepancy in that statement counts as right too.
//
// The changes are found with this script's own small term lists, not with the engine's lexicon, so
// the comparison is not graded by the code that built the test.
//
//   node scripts/eval-compare.mjs [--per-change N] [--seed N] [--misses N] [--false-alarms N]
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iuReports, mtReports, haveData, dataDir } from './lib/corpus.mjs';
import { drawsFrom, rng } from './lib/random.mjs';
import { numberOption } from './lib/options.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { compareReports } = require(path.join(root, 'out/server/compare/index.js'));
const { analyze } = require(path.join(root, 'out/server/engine.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => numberOption(args, name, fallback);
const SEED = option('seed', 20261201);
const PER_CHANGE = option('per-change', 300);
const SHOW_MISSES = option('misses', 0);
const SHOW_FALSE_ALARMS = option('false-alarms', 0);

if (!haveData) {
  console.log(`eval:compare skipped: shared data not found at ${dataDir}`);
  process.exit(0);
}

const random = rng(SEED);
const { pick, shuffle } = drawsFrom(random);

// ---------------------------------------------------------------------------------------------
// The eval's own vocabulary: finding families a radiologist keeps apart, and which ones overlap.
const FAMILIES = {
  effusion: /\b(?:pleural )?effusions?\b|\bpleural fluid\b/i,
  pneumothorax: /\bpneumothora(?:x|ces)\b/i,
  airspace: /\b(?:consolidations?|consolidative|pneumonias?|infiltrates?|airspace (?:disease|opacit(?:y|ies)))\b/i,
  opacity: /\b(?:opacit(?:y|ies)|densit(?:y|ies)|opacification)\b/i,
  atelectasis: /\batelecta(?:sis|tic)\b|\bcollapse\b/i,
  edema: /\bedema\b/i,
  cardiomegaly: /\b(?:cardiomegaly|cardiac enlargement|enlarged (?:heart|cardiac)|heart (?:size )?is (?:mildly |moderately )?enlarged)\b/i,
  nodule: /\b(?:nodul(?:e|es|ar)|mass(?:es)?|lesions?|granulomas?|tumou?rs?)\b/i,
  fracture: /\bfractur(?:e|es|ed)\b/i,
  hernia: /\bhern(?:ia|iation|iated)\b/i,
  adenopathy: /\b(?:lymphadenopathy|adenopathy|lymph nodes?)\b/i,
  hemorrhage: /\b(?:hemorrhage|hematoma|bleed)\b/i,
  infarct: /\binfarct(?:s|ion)?\b/i,
  tear: /\btears?\b/i,
  stenosis: /\bstenos[ie]s\b/i,
  hydronephrosis: /\bhydronephrosis\b/i,
  cyst: /\bcysts?\b|\bcystic\b/i,
  stone: /\b(?:stones?|calcul(?:us|i)|lithiasis|nephrolithiasis|cholelithiasis)\b/i,
  emphysema: /\b(?:emphysema|copd|hyperinflat\w*|hyperexpan\w*)\b/i,
  scarring: /\b(?:scar(?:ring|s)?|fibrosis|fibrotic)\b/i,
  aneurysm: /\baneurysm(?:al)?\b/i,
  degenerative: /\b(?:degenerative|spondylosis|osteophytes?|arthritis|arthrosis)\b/i,
  device: /\b(?:catheter|tube|line|pacemaker|port|stent|clips?|wires?|hardware|prosthesis)\b/i,
  collection: /\b(?:collection|abscess|fluid)\b/i,
};
const KINDRED = {
  airspace: ['opacity', 'atelectasis', 'edema'],
  opacity: ['airspace', 'atelectasis', 'nodule', 'scarring', 'edema'],
  atelectasis: ['airspace', 'opacity'],
  nodule: ['opacity', 'cyst', 'adenopathy'],
  cyst: ['nodule', 'collection'],
  edema: ['cardiomegaly', 'airspace', 'opacity'],
  cardiomegaly: ['edema'],
  scarring: ['opacity'],
  effusion: ['collection'],
  collection: ['effusion', 'cyst', 'hemorrhage'],
  hemorrhage: ['collection'],
  hernia: ['degenerative'],
  degenerative: ['hernia', 'stenosis'],
  stenosis: ['degenerative'],
};
const familiesIn = (text) => Object.keys(FAMILIES).filter((f) => FAMILIES[f].test(text));
const kinOf = (family) => [family, ...(KINDRED[family] ?? [])];

// A statement that denies, normalises or hedges away what it names.
const NEGATION =
  /\b(?:no|not|without|negative|free of|clear\w*|resol\w*|remov\w*|normal|unremarkable|absent|absence|exclude[ds]?|rule out|ruled out|nor|none|prior|previous|history|status post|post|s\/p|unchanged|stable|again|redemonstrat\w*|compared|since)\b/i;
const HEDGE =
  /\b(?:borderline|may|might|could|possible|possibly|probable|probably|likely|suspect\w*|suggest\w*|question\w*|versus|vs|or|concern\w*|cannot)\b/i;

// ---------------------------------------------------------------------------------------------
// Sections and sentences, read with the eval's own simple patterns.
const HEADER = /(?:^|\n)[ \t]*([A-Z][A-Z /&()-]{2,48}):/g;
const FINDINGS_HEADER = /\bFINDINGS\b/;
const IMPRESSION_HEADER = /\b(?:IMPRESSION|CONCLUSIONS?|OPINION)\b/;

function sectionsOf(text) {
  const heads = [...text.matchAll(HEADER)].map((m) => ({ name: m[1], bodyStart: m.index + m[0].length }));
  return heads.map((h, i) => {
    const end = i + 1 < heads.length ? heads[i + 1].bodyStart - heads[i + 1].name.length - 1 : text.length;
    // Back off the next header's own line start.
    let bodyEnd = end;
    while (bodyEnd > h.bodyStart && /\s/.test(text[bodyEnd - 1])) bodyEnd--;
    if (i + 1 < heads.length) {
      const nextLine = text.lastIndexOf('\n', heads[i + 1].bodyStart - heads[i + 1].name.length - 1);
      if (nextLine >= h.bodyStart) bodyEnd = Math.min(bodyEnd, nextLine);
      while (bodyEnd > h.bodyStart && /\s/.test(text[bodyEnd - 1])) bodyEnd--;
    }
    return { name: h.name, start: h.bodyStart, end: Math.max(h.bodyStart, bodyEnd) };
  });
}

/** Sentences of text[from, to): up to a full stop that is not a decimal point, or a line end. */
function sentencesOf(text, from, to) {
  const out = [];
  const re = /(?:[^.\n]|\.(?=\d))+(?:\.|$)/gm;
  const body = text.slice(from, to);
  for (const m of body.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const s = m[0].trim();
    if (!/[a-z]{3}/i.test(s) || /^\d+\.$/.test(s)) continue;
    out.push({ start: from + m.index + lead, end: from + m.index + lead + s.length, text: s });
  }
  return out;
}

function partsOf(text) {
  const sections = sectionsOf(text);
  const findings = sections.filter((s) => FINDINGS_HEADER.test(s.name));
  const impression = sections.filter((s) => IMPRESSION_HEADER.test(s.name));
  const fs = findings.flatMap((s) => sentencesOf(text, s.start, s.end).map((x) => ({ ...x, part: 'findings' })));
  const is = impression.flatMap((s) => sentencesOf(text, s.start, s.end).map((x) => ({ ...x, part: 'impression' })));
  return { findings, impression, sentences: [...fs, ...is] };
}

// ---------------------------------------------------------------------------------------------
// Edits on the reference text, with the regions they touch in both texts.

function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  const refRegions = [];
  const traineeRegions = [];
  for (const e of sorted) {
    out += text.slice(at, e.start);
    const tStart = out.length;
    out += e.newText;
    refRegions.push({ start: e.start, end: Math.max(e.end, e.start + 1) });
    traineeRegions.push({ start: tStart, end: Math.max(out.length, tStart + 1) });
    at = e.end;
  }
  out += text.slice(at);
  return { text: out, refRegions, traineeRegions };
}

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const lower = (s) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const onlyFamily = (s, fam) => familiesIn(s.text).every((f) => kinOf(fam).includes(f));
const mentionedElsewhere = (sentences, except, families) =>
  sentences.some((s) => !except.includes(s) && families.some((f) => kinOf(f).some((k) => FAMILIES[k].test(s.text))));

// Each change: (text, parts) -> { edits, kind } or null when the report offers no place for it.
const CHANGES = {
  'finding removed'(text, p) {
    const candidates = p.sentences.filter(
      (s) => s.part === 'findings' && familiesIn(s.text).length && !NEGATION.test(s.text) && !HEDGE.test(s.text),
    );
    for (const s of shuffle(candidates)) {
      const fams = familiesIn(s.text);
      const inImpression = p.sentences.filter((o) => o.part === 'impression' && fams.some((f) => FAMILIES[f].test(o.text)));
      if (inImpression.some((o) => NEGATION.test(o.text) || familiesIn(o.text).some((f) => !fams.includes(f)))) continue;
      if (mentionedElsewhere(p.sentences, [s, ...inImpression], fams)) continue;
      return { kind: 'missed', edits: [s, ...inImpression].map((x) => ({ start: x.start, end: x.end, newText: '' })) };
    }
    return null;
  },

  'side flipped'(text, p) {
    const SIDE = /\b(left|right|Left|Right|LEFT|RIGHT)\b/g;
    const candidates = p.sentences.filter((s) => {
      if (s.part !== 'findings' || NEGATION.test(s.text)) return false;
      const sides = new Set([...s.text.matchAll(SIDE)].map((m) => m[1].toLowerCase()));
      return (
        sides.size === 1 && familiesIn(s.text).length > 0 && !/\b(?:ventric\w*|atri\w*|coronary|anterior descending|heart)\b/i.test(s.text)
      );
    });
    for (const s of shuffle(candidates)) {
      const side = s.text.match(SIDE)[0].toLowerCase();
      const fams = familiesIn(s.text);
      const related = p.sentences.filter(
        (o) => o !== s && fams.some((f) => kinOf(f).some((k) => FAMILIES[k].test(o.text))) && /\b(?:left|right)\b/i.test(o.text),
      );
      const sidesThere = new Set(related.flatMap((o) => [...o.text.matchAll(SIDE)].map((m) => m[1].toLowerCase())));
      if (sidesThere.size > 1 || (sidesThere.size === 1 && !sidesThere.has(side))) continue;
      const flip = (t) =>
        t.replace(SIDE, (w) => ({ left: 'right', right: 'left', Left: 'Right', Right: 'Left', LEFT: 'RIGHT', RIGHT: 'LEFT' })[w]);
      return { kind: 'side', edits: [s, ...related].map((x) => ({ start: x.start, end: x.end, newText: flip(x.text) })) };
    }
    return null;
  },

  'site changed'(text, p) {
    // Upper and lower parts of a lung, as radiologists name them; the swap keeps the side.
    const SITE = /\b(upper lobe|lower lobe|apex|apices|apical|base|bases|basilar|basal|bibasilar|biapical)\b/gi;
    const SWAP = {
      'upper lobe': 'lower lobe',
      'lower lobe': 'upper lobe',
      apex: 'base',
      apices: 'bases',
      apical: 'basilar',
      base: 'apex',
      bases: 'apices',
      basilar: 'apical',
      basal: 'apical',
      bibasilar: 'biapical',
      biapical: 'bibasilar',
    };
    const swap = (t) =>
      t.replace(SITE, (w) => {
        const to = SWAP[w.toLowerCase()];
        return /^[A-Z]/.test(w) ? capital(to) : to;
      });
    const upper = (t) => /\b(?:upper lobe|apex|apices|apical|biapical)\b/i.test(t);
    const lower = (t) => /\b(?:lower lobe|base|bases|basilar|basal|bibasilar)\b/i.test(t);
    const candidates = p.sentences.filter(
      (s) =>
        s.part === 'findings' &&
        !NEGATION.test(s.text) &&
        !HEDGE.test(s.text) &&
        familiesIn(s.text).length &&
        upper(s.text) !== lower(s.text) &&
        !/\b(?:middle lobe|lingula|midlung|costophrenic|hemidiaphragm)\b/i.test(s.text),
    );
    for (const s of shuffle(candidates)) {
      const fams = familiesIn(s.text);
      const related = p.sentences.filter(
        (o) => o !== s && fams.some((f) => kinOf(f).some((k) => FAMILIES[k].test(o.text))) && (upper(o.text) || lower(o.text)),
      );
      if (related.some((o) => upper(o.text) === lower(o.text) || upper(o.text) !== upper(s.text))) continue;
      return { kind: 'site', edits: [s, ...related].map((x) => ({ start: x.start, end: x.end, newText: swap(x.text) })) };
    }
    return null;
  },

  'size changed'(text, p) {
    const SIZE = /(\d+(?:\.\d+)?)(\s*(?:x|by)\s*\d+(?:\.\d+)?)*\s*(mm|cm)\b/gi;
    const candidates = p.sentences.filter(
      (s) => s.part === 'findings' && !/\bno\b|\bwithout\b/i.test(s.text) && SIZE.test(s.text) && familiesIn(s.text).length,
    );
    for (const s of shuffle(candidates)) {
      SIZE.lastIndex = 0;
      const m = [...s.text.matchAll(SIZE)][0];
      const value = Number(m[1]);
      const unit = m[3].toLowerCase();
      const step = unit === 'mm' ? Math.max(value, 5) : Math.max(value, 0.5);
      const next = value + step;
      const written = unit === 'cm' && !Number.isInteger(next) ? next.toFixed(1) : String(Math.round(next * 10) / 10);
      const newText = s.text.slice(0, m.index) + written + s.text.slice(m.index + m[1].length);
      return { kind: 'size', edits: [{ start: s.start, end: s.end, newText }] };
    }
    return null;
  },

  'finding added'(text, p) {
    if (!p.findings.length) return null;
    const ADDITIONS = [
      ['effusion', 'There is a small right pleural effusion.'],
      ['pneumothorax', 'There is a small left apical pneumothorax.'],
      ['nodule', 'A 9 mm nodule is seen in the left upper lobe.'],
      ['airspace', 'There is consolidation in the right lower lobe.'],
      ['fracture', 'There is an acute fracture of the left seventh rib.'],
      ['hernia', 'A small hiatal hernia is present.'],
      ['hydronephrosis', 'There is moderate hydronephrosis on the left.'],
      ['stone', 'There is a 6 mm stone in the right kidney.'],
    ];
    const free = ADDITIONS.filter(([fam]) => kinOf(fam).every((k) => !FAMILIES[k].test(text)));
    if (!free.length) return null;
    const [, sentence] = pick(free);
    const body = p.findings[p.findings.length - 1];
    return { kind: 'extra', edits: [{ start: body.end, end: body.end, newText: ` ${sentence}` }] };
  },

  'assertion flipped'(text, p) {
    const variants = shuffle(['deny', 'assert', 'hedge']);
    for (const variant of variants) {
      const found = assertionChange(p, variant);
      if (found) return found;
    }
    return null;
  },

  'left out of impression'(text, p) {
    const findingsText = p.sentences.filter((s) => s.part === 'findings').map((s) => s.text);
    const candidates = p.sentences.filter(
      (s) =>
        s.part === 'impression' &&
        familiesIn(s.text).length &&
        !NEGATION.test(s.text) &&
        familiesIn(s.text).every((f) => findingsText.some((t) => FAMILIES[f].test(t) && !NEGATION.test(t))) &&
        // Left out means the impression no longer names it, in any words.
        !mentionedElsewhere(
          p.sentences.filter((o) => o.part === 'impression'),
          [s],
          familiesIn(s.text),
        ),
    );
    if (!candidates.length) return null;
    const s = pick(candidates);
    // The numbered marker goes with its item.
    const before = text.slice(0, s.start);
    const marker = /(\d+[.)]\s*)$/.exec(before);
    const start = marker ? s.start - marker[1].length : s.start;
    // A removed statement may also carry a diagnosis the findings never name ("air trapping"): for
    // that one the trainee report now says nothing at all, and missed is the right answer.
    const describedInFindings = (name) => familiesIn(name).some((f) => findingsText.some((t) => FAMILIES[f].test(t)));
    return {
      kind: 'impression',
      alsoRight: (d) => d.kind === 'missed' && !describedInFindings(d.finding),
      edits: [{ start, end: s.end, newText: '' }],
    };
  },

  // Controls: nothing a reader would score.
  unchanged() {
    return { kind: null, edits: [] };
  },

  reordered(text, p) {
    for (const section of shuffle(p.findings)) {
      const ss = sentencesOf(text, section.start, section.end);
      if (ss.length < 3 || text.slice(section.start, section.end).includes('\n')) continue;
      let order = shuffle(ss);
      if (order.every((s, i) => s === ss[i])) order = [...ss.slice(1), ss[0]];
      const newText = order.map((s) => (/[.]$/.test(s.text) ? s.text : `${s.text}.`)).join(' ');
      return { kind: null, edits: [{ start: ss[0].start, end: ss[ss.length - 1].end, newText }] };
    }
    return null;
  },

  reworded(text) {
    const SYNONYMS = [
      [/\bpleural effusion\b(?!s)/g, 'pleural fluid'],
      [/\bconsolidation\b(?!s)/g, 'airspace disease'],
      [/\binfiltrate\b(?!s)/g, 'consolidation'],
      [/\bcardiomegaly\b/g, 'cardiac enlargement'],
      [/\bpneumothorax\b/g, 'pleural air'],
      [/\blymphadenopathy\b/g, 'adenopathy'],
      [/\bkidney stones?\b/g, 'renal calculus'],
      [/\bhiatal hernia\b/g, 'hiatus hernia'],
      [/\batelectasis\b/g, 'atelectatic change'],
      [/\bscarring\b/g, 'scar'],
    ];
    const usable = SYNONYMS.filter(([re]) => {
      re.lastIndex = 0;
      return re.test(text);
    });
    if (!usable.length) return null;
    const [re, to] = pick(usable);
    const edits = [];
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) edits.push({ start: m.index, end: m.index + m[0].length, newText: to });
    return { kind: null, edits };
  },
};

function assertionChange(p, variant) {
  const inFindings = p.sentences.filter((s) => s.part === 'findings');
  if (variant === 'assert') {
    // "No pneumothorax." -> "Pneumothorax is present."
    const DENIAL = /^(?:there (is|are) )?no (?:evidence of )?([a-z][a-z -]*)\.?$/i;
    for (const s of shuffle(inFindings)) {
      const m = DENIAL.exec(s.text);
      const fams = familiesIn(s.text);
      // "No change in ..." and "no interval ..." deny a change, not the finding.
      if (!m || fams.length !== 1 || / or | and |,/.test(m[2]) || /^(?:change|interval|increase|decrease|significant change)\b/i.test(m[2]))
        continue;
      if (p.sentences.some((o) => o !== s && FAMILIES[fams[0]].test(o.text) && !NEGATION.test(o.text))) continue;
      const verb = /\b(?:is|are|was|were|seen|identified|noted|present|demonstrated|visualized)\b/i.test(m[2]);
      const newText = m[1] ? `There ${m[1]} ${m[2]}.` : verb ? `${capital(m[2])}.` : `${capital(m[2])} is present.`;
      return { kind: 'assertion', edits: [{ start: s.start, end: s.end, newText }] };
    }
    return null;
  }
  const positive = inFindings.filter(
    (s) => familiesIn(s.text).length === 1 && !NEGATION.test(s.text) && !HEDGE.test(s.text) && !/,| and /.test(s.text),
  );
  for (const s of shuffle(positive)) {
    const fam = familiesIn(s.text)[0];
    if (!onlyFamily(s, fam)) continue;
    const there = /^there (?:is|are) (?:a |an )?/i.exec(s.text);
    if (variant === 'deny') {
      // Only where "no" reads as a denial: "There is a ..." or a short noun phrase ("Mild cardiomegaly.").
      const phrase =
        !there &&
        s.text.split(/\s+/).length <= 6 &&
        !/^(?:the|this|these|that|there|it|interval|increase\w*|decrease\w*)\b/i.test(s.text) &&
        !/\b(?:is|are|was|were|has|have|shows?|measur\w*)\b|:/i.test(s.text);
      if (!there && !phrase) continue;
      const newText = there ? `There is no ${s.text.slice(there[0].length)}` : `No ${lower(s.text)}`;
      return { kind: 'assertion', edits: [{ start: s.start, end: s.end, newText }] };
    }
    // Hedge only where no other findings sentence states the same family outright.
    if (inFindings.some((o) => o !== s && kinOf(fam).some((k) => FAMILIES[k].test(o.text)))) continue;
    const newText = there
      ? `There may be ${s.text.slice(there[0].length - (/ an? $/.test(there[0]) ? 2 : 0)).replace(/^ ?/, '')}`
      : `Possible ${lower(s.text)}`;
    return { kind: 'assertion', edits: [{ start: s.start, end: s.end, newText }] };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

const KINDS = ['missed', 'extra', 'side', 'site', 'size', 'assertion', 'impression'];
const overlaps = (span, regions) => !!span && regions.some((r) => span.start < r.end && r.start < span.end);

const sources = [
  ...shuffle(iuReports()).map((r) => ({ source: 'IU', id: r.uid, text: r.text })),
  ...shuffle(mtReports()).map((r) => ({ source: 'MT', id: r.id, text: r.text.replace(/\r\n/g, '\n') })),
];

const perKind = Object.fromEntries(KINDS.map((k) => [k, { injected: 0, found: 0, reported: 0, correct: 0 }]));
const perChange = {};
const controls = {};
const misses = [];
const falseAlarms = [];
const bySource = { IU: { injected: 0, found: 0 }, MT: { injected: 0, found: 0 } };
const severities = { major: 0, minor: 0 };
let compared = 0;
const started = process.hrtime.bigint();

for (const [change, make] of Object.entries(CHANGES)) {
  const row = (perChange[change] = { pairs: 0, found: 0, IU: 0, MT: 0 });
  // Up to PER_CHANGE pairs, about a third from MTSamples where the change fits there.
  const quota = { IU: Math.ceil(PER_CHANGE * 0.67), MT: Math.floor(PER_CHANGE * 0.33) };
  for (const report of shuffle(sources)) {
    if (row[report.source] >= quota[report.source]) continue;
    const parts = partsOf(report.text);
    const made = make(report.text, parts);
    if (!made) continue;
    const { text: trainee, refRegions, traineeRegions } = applyEdits(report.text, made.edits);
    if (made.kind && trainee === report.text) continue;
    row[report.source]++;
    row.pairs++;
    compared++;
    const c = compareReports(analyze(trainee), analyze(report.text));
    const label = `${report.source} ${report.id}`;
    if (!made.kind) {
      const k = (controls[change] ??= { pairs: 0, clean: 0, discrepancies: 0 });
      k.pairs++;
      if (!c.discrepancies.length) k.clean++;
      k.discrepancies += c.discrepancies.length;
    }
    let found = false;
    for (const d of c.discrepancies) {
      perKind[d.kind].reported++;
      const located = overlaps(d.trainee, traineeRegions) || overlaps(d.reference, refRegions);
      if (made.kind && located && (d.kind === made.kind || made.alsoRight?.(d))) {
        perKind[d.kind].correct++;
        found = true;
        severities[d.severity]++;
      } else falseAlarms.push({ change, label, d, trainee, reference: report.text });
    }
    if (made.kind) {
      perKind[made.kind].injected++;
      bySource[report.source].injected++;
      if (found) {
        perKind[made.kind].found++;
        row.found++;
        bySource[report.source].found++;
      } else misses.push({ change, label, c, edits: made.edits, reference: report.text });
    }
    if (row.pairs >= PER_CHANGE) break;
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '   -  ');
const pad = (s, n) => String(s).padStart(n);
console.log(`eval:compare: ${compared} trainee/reference pairs from ${dataDir} (seed ${SEED}), ${seconds.toFixed(1)} s`);
console.log('');
console.log('kind        injected  found  recall   reported  correct  precision');
for (const k of KINDS) {
  const r = perKind[k];
  console.log(
    `${k.padEnd(10)}  ${pad(r.injected, 8)}  ${pad(r.found, 5)}  ${pad(pct(r.found, r.injected), 6)}   ${pad(r.reported, 8)}  ${pad(r.correct, 7)}  ${pad(pct(r.correct, r.reported), 9)}`,
  );
}
const all = Object.values(perKind).reduce(
  (a, r) => ({
    injected: a.injected + r.injected,
    found: a.found + r.found,
    reported: a.reported + r.reported,
    correct: a.correct + r.correct,
  }),
  { injected: 0, found: 0, reported: 0, correct: 0 },
);
console.log(
  `${'all'.padEnd(10)}  ${pad(all.injected, 8)}  ${pad(all.found, 5)}  ${pad(pct(all.found, all.injected), 6)}   ${pad(all.reported, 8)}  ${pad(all.correct, 7)}  ${pad(pct(all.correct, all.reported), 9)}`,
);
console.log(
  `recall by source: IU ${pct(bySource.IU.found, bySource.IU.injected)} of ${bySource.IU.injected}, MTSamples ${pct(bySource.MT.found, bySource.MT.injected)} of ${bySource.MT.injected}; graded ${severities.major} major, ${severities.minor} minor`,
);
console.log('');
console.log('change                  pairs (IU+MT)  detected');
for (const [change, r] of Object.entries(perChange)) {
  if (controls[change]) continue;
  console.log(`${change.padEnd(22)}  ${pad(`${r.pairs} (${r.IU}+${r.MT})`, 13)}  ${pad(pct(r.found, r.pairs), 8)}`);
}
console.log('');
console.log('control       pairs (IU+MT)  with 0 discrepancies  discrepancies');
for (const [change, k] of Object.entries(controls)) {
  const r = perChange[change];
  console.log(
    `${change.padEnd(12)}  ${pad(`${r.pairs} (${r.IU}+${r.MT})`, 13)}  ${pad(`${k.clean} (${pct(k.clean, k.pairs)})`, 20)}  ${pad(k.discrepancies, 13)}`,
  );
}

const excerpt = (text, span) => (span ? JSON.stringify(text.slice(Math.max(0, span.start - 40), span.end + 40)) : '-');
for (const m of misses.slice(0, SHOW_MISSES)) {
  console.log(`\nMISS ${m.change} ${m.label}`);
  for (const e of m.edits) console.log(`  edit ${JSON.stringify(m.reference.slice(e.start, e.end))} -> ${JSON.stringify(e.newText)}`);
  for (const d of m.c.discrepancies) console.log(`  got ${d.kind} ${d.severity}: ${d.message}`);
}
for (const f of falseAlarms.slice(0, SHOW_FALSE_ALARMS)) {
  console.log(`\nFALSE ALARM (${f.change}) ${f.label}: ${f.d.kind} ${f.d.severity}: ${f.d.message}`);
  console.log(`  trainee ${excerpt(f.trainee, f.d.trainee)}`);
  console.log(`  reference ${excerpt(f.reference, f.d.reference)}`);
}
