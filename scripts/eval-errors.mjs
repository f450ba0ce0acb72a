// npm run eval:errors: injects the errors that reading studies count (side confusion, omission,
// insertion, contradiction, sex mismatch, measurement changes) into real reports from ../shared/data
// and measures how many the rules catch, and how many warnings the clean reports draw; then the same on CT/MRI/US
// reports, and slips of their own on mammography and obstetric ultrasound reports.
//
// The injections are found with this script's own small term lists, not with the engine's lexicon,
// so the rules are not graded by the same code that built the test.
//
//   node scripts/eval-errors.mjs [--misses N] [--per-category N] [--seed N] [--false-alarms N] [--dump F] [--cross-dump F] [--passed-over]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iuReports, mtReports, breastObstetricReports, haveData, dataDir } from './lib/corpus.mjs';
import { drawsFrom, rng } from './lib/random.mjs';
import { numberOption } from './lib/options.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { checkText, prepareRules } = require(path.join(root, 'out/server/engine.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => numberOption(args, name, fallback);
const SEED = option('seed', 20261128);
const PER_CATEGORY = option('per-category', 400);
const SHOW_MISSES = option('misses', 0);
const SHOW_FALSE_ALARMS = option('false-alarms', 0);
// The omissions not injected because a radiologist may make them (on stderr).
const SHOW_PASSED_OVER = args.includes('--passed-over');
const DUMP = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : null;
// Every warning and error on the clean reports, one JSON line each, to diff two builds' alarms.
const ALARMS_OUT = args.includes('--alarms-out') ? args[args.indexOf('--alarms-out') + 1] : null;

if (!haveData) {
  console.log(`eval:errors skipped: shared data not found at ${dataDir}`);
  process.exit(0);
}

const random = rng(SEED);
const { pick, shuffle } = drawsFrom(random);

// ---------------------------------------------------------------------------------------------
// The eval's own vocabulary: finding families a radiologist would keep apart.
const FAMILIES = {
  effusion: /\b(?:pleural )?effusions?\b/i,
  pneumothorax: /\bpneumothora(?:x|ces)\b/i,
  airspace: /\b(?:consolidations?|consolidative|pneumonias?|infiltrates?|airspace (?:disease|opacit(?:y|ies))|opacit(?:y|ies))\b/i,
  atelectasis: /\batelecta(?:sis|tic)\b/i,
  edema: /\b(?:pulmonary )?edema\b/i,
  cardiomegaly: /\b(?:cardiomegaly|enlarged heart|heart is enlarged|enlarged cardiac silhouette|cardiac silhouette is enlarged)\b/i,
  nodule: /\b(?:nodules?|mass(?:es)?)\b/i,
  fracture: /\bfractures?\b/i,
  hernia: /\bhiatal hernia\b/i,
  adenopathy: /\b(?:lymphadenopathy|adenopathy)\b/i,
  hemorrhage: /\b(?:hemorrhage|hematoma)\b/i,
  infarct: /\binfarcts?(?:ion)?\b/i,
  tear: /\btears?\b/i,
  herniation: /\b(?:disc herniation|herniated disc|disc protrusion|disc extrusion)\b/i,
  stenosis: /\bstenosis\b/i,
  hydronephrosis: /\bhydronephrosis\b/i,
  abscess: /\babscess(?:es)?\b/i,
  appendicitis: /\bappendicitis\b/i,
  obstruction: /\bobstruction\b/i,
  aneurysm: /\baneurysm(?:al)?\b/i,
  cyst: /\bcysts?\b/i,
};
const KINDRED = {
  airspace: ['atelectasis', 'nodule'],
  atelectasis: ['airspace'],
  nodule: ['airspace'],
  edema: ['cardiomegaly'],
  cardiomegaly: ['edema'],
};
const familiesIn = (text) => Object.keys(FAMILIES).filter((f) => FAMILIES[f].test(text));

// Words that make a finding minor, chronic or uncertain: an impression may leave those out.
const MINOR =
  /\b(?:known|persistent|low (?:lung )?volumes?|bronchovascular crowding|mild(?:ly)?|minimal|minor|trace|tiny|borderline|slight(?:ly)?|stable|unchanged|chronic|old|healed|remote|prior|again|redemonstrat\w*|subsegmental|discoid|linear|plate-?like|streaky|scar\w*|granulom\w*|calcified|possibl\w*|probabl\w*|likely|may|might|could|suspect\w*|question\w*|cannot|versus|vs|or|suggest\w*|concern\w*|consider\w*|resolv\w*|resolution|improv\w*|decreas\w*|no|not|without|negative|clear|free|normal|unremarkable|status post|s\/p|history|postoperative|surgical)\b/i;
const NEGATION_BEFORE = /\b(?:no|without|negative for|free of|resolution of|resolved|not)\b/i;

// "No large effusion", "no new opacity": a narrowed denial leaves room for a small or old one.
// A de-identified word (XXXX) between the cue and the term may have been such a word too.
const NARROWED =
  /\b(?:large|significant|new|acute|definite|displaced|gross|frank|sizable|substantial|moderate|severe|overt|confluent|lobar)\b|XXXX/i;

function negatedBefore(sentence, family) {
  const m = FAMILIES[family].exec(sentence);
  if (!m) return false;
  const before = sentence.slice(0, m.index);
  const cue = [...before.matchAll(new RegExp(NEGATION_BEFORE.source, 'gi'))].pop();
  return !!cue && !NARROWED.test(before.slice(cue.index));
}

function sectionText(report, section) {
  return report.text.slice(section.body.start, section.body.end);
}
function sectionsOf(report) {
  const findings = report.sections.find((s) => s.kind === 'findings' && s.body.end > s.body.start);
  const impression = report.sections.find((s) => s.kind === 'impression' && s.body.end > s.body.start);
  return { findings, impression };
}
const sentencesOf = (report, section) => report.sentences.filter((s) => s.start >= section.body.start && s.end <= section.body.end);

/** The impression's statements: numbered items, or sentences. */
function impressionUnits(report, impression) {
  if (impression.items.length >= 2)
    return impression.items.map((i) => ({ start: i.start, end: i.end, numbered: true, number: i.number, marker: i.marker }));
  return sentencesOf(report, impression).map((s) => ({ start: s.start, end: s.end, numbered: false }));
}

/** Adds a statement to the impression: the next numbered item, or a sentence after the last. */
function addToImpression(report, impression, statement) {
  const text = report.text;
  const at = impression.body.end;
  let insert;
  if (impression.items.length >= 1) {
    const n = impression.items[impression.items.length - 1].number + 1;
    const sep = /\n/.test(text.slice(impression.body.start, impression.body.end)) ? report.eol : ' ';
    insert = `${sep}${n}. ${statement}`;
  } else {
    const last = text.slice(impression.body.start, at);
    insert = (/[.!?]$/.test(last) ? ' ' : '. ') + statement;
  }
  const offset = insert.length - statement.length;
  return { text: text.slice(0, at) + insert + text.slice(at), span: { start: at + offset, end: at + insert.length } };
}

const replaceAt = (text, start, end, by) => text.slice(0, start) + by + text.slice(end);

// ---------------------------------------------------------------------------------------------
// Injectors. Each returns an injected case or null when the report offers no place for it.

const SIDE_WORD = /\b(left|right|LEFT|RIGHT|Left|Right)\b/g;
const flipSide = (w) => ({ left: 'right', right: 'left', LEFT: 'RIGHT', RIGHT: 'LEFT', Left: 'Right', Right: 'Left' })[w];
// "Right ventricular wall" names a heart chamber, not a side: flipping it makes another structure.
const CHAMBER = /^\s+(?:ventric|atri|heart|coronary)/i;
const sideWords = (s, skipChambers = false) =>
  [...s.matchAll(SIDE_WORD)].filter((m) => !skipChambers || !CHAMBER.test(s.slice(m.index + m[0].length)));

function injectLaterality(report, skipChambers = false) {
  const { findings, impression } = sectionsOf(report);
  const candidates = [];
  // Findings against impression: the same family with the same single side in both.
  if (findings && impression) {
    const inF = sentencesOf(report, findings);
    const inI = sentencesOf(report, impression);
    for (const [here, there] of [
      [inF, inI],
      [inI, inF],
    ]) {
      for (const s of here) {
        const words = sideWords(s.text, skipChambers);
        if (words.length !== 1) continue;
        const side = words[0][1].toLowerCase();
        for (const family of familiesIn(s.text)) {
          if (negatedBefore(s.text, family)) continue;
          const others = here.filter((o) => o !== s && FAMILIES[family].test(o.text) && sideWords(o.text, skipChambers).length > 0);
          if (others.length) continue;
          const partners = there.filter((o) => FAMILIES[family].test(o.text) && !negatedBefore(o.text, family));
          if (!partners.length) continue;
          const partnerSides = new Set(partners.flatMap((o) => sideWords(o.text, skipChambers).map((w) => w[1].toLowerCase())));
          if (partnerSides.size === 1 && partnerSides.has(side) && !partners.some((o) => /\bbilateral|\bboth\b/i.test(o.text))) {
            candidates.push({
              at: s.start + words[0].index,
              word: words[0][1],
              kind: `${family}, ${here === inF ? 'findings' : 'impression'} flipped`,
            });
          }
        }
      }
    }
  }
  // The exam title names a side; a finding in the body names the same side.
  const exam = report.sections.find((s) => s.kind === 'exam') ?? report.sections[0];
  const titleLine = report.text.slice(exam.body.start, report.text.indexOf('\n', exam.body.start) >>> 0 || exam.body.end);
  const titleSides = sideWords(titleLine, skipChambers).map((w) => w[1].toLowerCase());
  // On CT/MRI/US, a report that names the other side too (a procedure on both breasts) has no side to
  // flip against its title: "the left breast was re-cleansed" there is no slip.
  const otherSideNamed =
    skipChambers &&
    titleSides.length === 1 &&
    sideWords(report.text.slice(exam.body.end), skipChambers).some((w) => w[1].toLowerCase() !== titleSides[0]);
  if (titleSides.length === 1 && findings && !otherSideNamed) {
    for (const s of [...sentencesOf(report, findings), ...(impression ? sentencesOf(report, impression) : [])]) {
      const words = sideWords(s.text, skipChambers);
      if (words.length !== 1 || words[0][1].toLowerCase() !== titleSides[0]) continue;
      if (!familiesIn(s.text).some((f) => !negatedBefore(s.text, f))) continue;
      candidates.push({ at: s.start + words[0].index, word: words[0][1], kind: 'against the exam title' });
    }
  }
  if (!candidates.length) return null;
  const c = pick(candidates);
  const by = flipSide(c.word);
  return { text: replaceAt(report.text, c.at, c.at + c.word.length, by), span: { start: c.at, end: c.at + by.length }, note: c.kind };
}

// Hedge words of real reports: a finding so worded is possible, and still belongs in the impression.
const HEDGED =
  /\b(?:probabl[ey]|possibl[ey]|likely|suspicious for|concerning for|suggestive of|may represent|could represent|cannot (?:be )?exclude[ds]?|not excluded|question of)\b/i;
// What the possible-omission injection still counts as minor: the other minor words, hedges aside.
const MINOR_UNHEDGED = new RegExp(
  MINOR.source.replace(
    /\|possibl\\w\*\|probabl\\w\*\|likely\|may\|might\|could\|suspect\\w\*\|question\\w\*\|cannot\|versus\|vs\|or\|suggest\\w\*\|concern\\w\*\|consider\\w\*/,
    '',
  ),
  'i',
);
if (MINOR_UNHEDGED.source === MINOR.source) throw new Error('eval-errors: the hedge words were not taken out of MINOR');

// What a radiologist may leave out because the rest of the impression accounts for it: a joint
// effusion under the tear or contusion of that joint, nodes under "metastatic disease" or lymphoma,
// edema under the infarct, haemorrhage or mass that causes it, and a mass that the impression refers
// back to by its diagnosis ("The lesion is most consistent with a vestibular schwannoma"). Deleting
// such a statement is no slip, so it is not injected (nodes under the primary tumour alone are) —
// provided the statement is about that finding (it names it first) and names no finding to call about.
const CALLS = /\b(?:midline shift|herniation|hemorrhage|hematoma|pneumothorax|free air|pneumoperitoneum)\b/i;
const leadsWith = (statement, family) =>
  Math.min(...familiesIn(statement).map((f) => FAMILIES[f].exec(statement).index)) === FAMILIES[family].exec(statement).index;
const JOINT_EFFUSION =
  /\b(?:joint|knee|glenohumeral|shoulder|hip|ankle|elbow|wrist|suprapatellar|tibiotalar)\b[\w\s-]{0,20}\beffusions?\b/i;
const ACCOUNTED_FOR = {
  effusion: (statement, other) => JOINT_EFFUSION.test(statement) && /\b(?:tear\w*|sprain|contusions?|fractures?)\b/i.test(other),
  adenopathy: (statement, other) => /\b(?:metasta\w*|lymphoma)\b/i.test(other),
  edema: (statement, other) => /\b(?:infarct\w*|hemorrhage|hematoma|mass|tumou?r|metasta\w*|contusion|fracture)\b/i.test(other),
  nodule: (statement, other) =>
    /\b(?:the|this|these) (?:lesions?|mass(?:es)?|findings?)\b|\bfindings (?:are|is)\b/i.test(other) &&
    /\b(?:tumou?r|schwannoma|neuroma|meningioma|carcinoma|cancer|malignan\w*|sarcoma|adenoma|neoplasm|glioma|lymphoma|hemangioma|lipoma)\b/i.test(
      other,
    ),
};
// Findings routinely left out whatever the rest says: an annular fissure of a disc ("annular tear").
const ROUTINELY_LEFT_OUT = { tear: /\bannular\b/i };

function injectOmission(report, hedged = false) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return null;
  const units = impressionUnits(report, impression);
  if (units.length < 2) return null;
  const findingSentences = sentencesOf(report, findings);
  const candidates = [];
  let passedOver = 0;
  const minor = hedged ? MINOR_UNHEDGED : MINOR;
  for (const u of units) {
    const statement = report.text.slice(u.marker ? u.marker.end : u.start, u.end);
    if (minor.test(statement)) continue;
    for (const family of familiesIn(statement)) {
      if (family === 'cyst') continue; // simple cysts are routinely left out
      // A possible finding: hedged in the findings ("probable right lower lobe pneumonia"), not negated.
      const described = findingSentences.some(
        (s) =>
          FAMILIES[family].test(s.text) &&
          !negatedBefore(s.text, family) &&
          !minor.test(s.text) &&
          (!hedged || (HEDGED.test(s.text) && !/\b(?:versus|vs|or)\b/i.test(s.text))),
      );
      if (!described) continue;
      // The rest of the impression must not name it, nor what it is often called instead
      // (an opacity summarised as atelectasis or a nodule).
      const kin = [family, ...(KINDRED[family] ?? [])];
      const others = units.filter((o) => o !== u).map((o) => report.text.slice(o.start, o.end));
      const elsewhere = others.some((o) => kin.some((k) => FAMILIES[k].test(o)));
      if (elsewhere) continue;
      const leftOut =
        ROUTINELY_LEFT_OUT[family]?.test(statement) ||
        (!CALLS.test(statement) && leadsWith(statement, family) && others.some((o) => ACCOUNTED_FOR[family]?.(statement, o)));
      if (!leftOut) candidates.push({ u, family });
      else {
        passedOver++;
        if (SHOW_PASSED_OVER) console.error(`passed over (${family}): ${statement.trim()}`);
      }
    }
  }
  // A report whose only candidates were passed over still draws its number, so that the rows
  // after this one sample the same reports as before these were passed over.
  if (!candidates.length) {
    if (passedOver) random();
    return null;
  }
  const { u, family } = pick(candidates);
  let text = report.text;
  // Delete the statement with the space before it; renumber the items after it.
  let cut = u.start;
  let end = u.end;
  while (cut > impression.body.start && /[ \t\r\n]/.test(text[cut - 1])) cut--;
  if (cut === impression.body.start) {
    // The first statement: take the space after it instead.
    while (end < text.length && /[ \t]/.test(text[end])) end++;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    cut = u.start;
  }
  text = replaceAt(text, cut, end, '');
  if (u.numbered) {
    const removed = end - cut;
    const later = impression.items.filter((i) => i.start > u.start).sort((a, b) => b.start - a.start);
    for (const item of later) {
      const at = item.marker.start - removed;
      text = replaceAt(text, at, at + String(item.number).length, String(item.number - 1));
    }
  }
  return { text, span: { start: 0, end: text.length }, note: family };
}

// Possible findings left out: the impression statement naming a finding the findings hedge is deleted;
// where no report offers one, a hedged finding in the words of real reports is added to the findings.
const POSSIBLE_FINDINGS = [
  ['Probable right middle lobe pneumonia.', 'airspace'],
  ['Patchy opacity in the left lower lobe, likely pneumonia.', 'airspace'],
  ['Right basilar airspace opacity, suspicious for pneumonia.', 'airspace'],
  ['Cannot exclude a small left pleural effusion.', 'effusion'],
  ['Possible small right pleural effusion.', 'effusion'],
  ['Probable left lower lobe consolidation.', 'airspace'],
  ['Findings may represent pulmonary edema.', 'edema'],
  ['Right hilar fullness, possibly lymphadenopathy.', 'adenopathy'],
  ['Possible nondisplaced fracture of the left seventh rib.', 'fracture'],
];
function injectPossibleOmission(report) {
  const deleted = injectOmission(report, true);
  if (deleted) return { ...deleted, note: `impression statement deleted: ${deleted.note}` };
  return afterFindingsSentence(report, POSSIBLE_FINDINGS, 'hedged finding added');
}

// Critical findings with a qualifier before them: still critical, still belong in the impression.
const QUALIFIED_CRITICAL = [
  ['Small right apical pneumothorax.', 'pneumothorax'],
  ['Small left pneumothorax.', 'pneumothorax'],
  ['Residual small right apical pneumothorax.', 'pneumothorax'],
  ['Probable small left apical pneumothorax.', 'pneumothorax'],
  ['XXXX right apical pneumothorax.', 'pneumothorax'],
  ['Tiny left apical pneumothorax.', 'pneumothorax'],
  ['Small amount of free air under the right hemidiaphragm.', 'free air'],
  ['Probable free intraperitoneal air under the diaphragm.', 'free air'],
];
const FREE_AIR = /\b(?:free air|pneumoperitoneum|free intraperitoneal)\b/i;
function injectCriticalOmission(report) {
  return afterFindingsSentence(report, QUALIFIED_CRITICAL, 'qualified critical added');
}

// On CT, MRI and ultrasound the added finding is one the exam shows (a pneumonia is no slip of a knee
// MRI): per region, hedged and qualified critical findings in the words of such reports. MSK joints have
// no qualified critical finding to add; a region not recognised gets none.
const REGIONS = [
  ['head', /\b(?:head|brain|cranial|intracranial)\b/i],
  ['spine', /\b(?:spine|spinal|lumbosacral)\b/i],
  ['knee', /\bknee\b/i],
  ['shoulder', /\bshoulder\b/i],
  ['ankle', /\b(?:ankle|foot)\b/i],
  ['hip', /\bhip\b/i],
  ['wrist', /\b(?:wrist|hand)\b/i],
  ['abdomen', /\b(?:abdomen|abdominal|pelvis|liver|renal|kidneys?)\b/i],
  ['chest', /\b(?:chest|thorax|thoracic|lungs?|pulmonary)\b/i],
];
const fracture = (where) => [[`Possible nondisplaced fracture of the ${where}.`, 'fracture']];
const REGIONAL = {
  possible: {
    head: [
      ['Probable small acute infarct in the left frontal lobe.', 'infarct'],
      ['Cannot exclude a small right subdural hematoma.', 'hemorrhage'],
      ['Possible small focus of subarachnoid hemorrhage in a left frontal sulcus.', 'hemorrhage'],
    ],
    spine: [
      ['Possible nondisplaced fracture of the left L2 transverse process.', 'fracture'],
      ['Probable small epidural abscess at L4-5.', 'abscess'],
    ],
    knee: fracture('lateral tibial plateau'),
    shoulder: fracture('greater tuberosity'),
    ankle: fracture('lateral malleolus'),
    hip: fracture('femoral neck'),
    wrist: fracture('scaphoid waist'),
    abdomen: [
      ['Findings may represent early acute appendicitis.', 'appendicitis'],
      ['Possible early small bowel obstruction.', 'obstruction'],
      ['Probable small abscess in the right lower quadrant.', 'abscess'],
    ],
    chest: POSSIBLE_FINDINGS,
  },
  critical: {
    head: [
      ['Small acute left subdural hematoma.', 'hemorrhage'],
      ['Small focus of acute subarachnoid hemorrhage in the right sylvian fissure.', 'hemorrhage'],
    ],
    spine: [
      ['Small epidural hematoma at T11-12.', 'hemorrhage'],
      ['Mild cord compression at C5-6.', /\bcord compression\b/i],
    ],
    abdomen: QUALIFIED_CRITICAL.filter(([, fam]) => fam === 'free air'),
    chest: QUALIFIED_CRITICAL,
  },
};
function regionOf(report) {
  const exam = report.sections.find((s) => s.kind === 'exam');
  const title = exam ? report.text.slice(exam.body.start, exam.body.end) : report.text.slice(0, 200);
  return REGIONS.find(([, re]) => re.test(title))?.[0] ?? null;
}
function injectRegional(report, kind) {
  const statements = REGIONAL[kind][regionOf(report)];
  if (!statements) return null;
  return afterFindingsSentence(report, statements, kind === 'possible' ? 'hedged finding added' : 'qualified critical added');
}

/** A statement added after a random findings sentence, for a family the report does not name. */
function afterFindingsSentence(report, statements, kind) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return null;
  const options = statements.filter(([, fam]) => !(fam instanceof RegExp ? fam : (FAMILIES[fam] ?? FREE_AIR)).test(report.text));
  if (!options.length) return null;
  const [statement] = pick(options);
  const sentences = sentencesOf(report, findings);
  if (!sentences.length) return null;
  const at = pick(sentences).end;
  const text = replaceAt(report.text, at, at, ' ' + statement);
  return { text, span: { start: 0, end: text.length }, note: `${kind}: ${statement.replace(/\.$/, '')}` };
}

// Statements of a present finding, each with the families it asserts.
const INSERTIONS = [
  ['Right lower lobe pneumonia.', ['airspace']],
  ['Focal consolidation in the left lower lobe, consistent with pneumonia.', ['airspace']],
  ['Moderate left pleural effusion.', ['effusion']],
  ['Small right pleural effusion.', ['effusion']],
  ['Small right apical pneumothorax.', ['pneumothorax']],
  ['Acute fracture of the left seventh rib.', ['fracture']],
  ['Interstitial pulmonary edema.', ['edema']],
  ['Spiculated right upper lobe mass, suspicious for malignancy.', ['nodule']],
  ['Large hiatal hernia.', ['hernia']],
  ['Mediastinal lymphadenopathy.', ['adenopathy']],
  ['Acute appendicitis.', ['appendicitis']],
  ['Acute left subdural hematoma.', ['hemorrhage']],
  ['Moderate right hydronephrosis.', ['hydronephrosis']],
  ['Small bowel obstruction.', ['obstruction']],
  ['Infrarenal abdominal aortic aneurysm.', ['aneurysm']],
];

function injectInsertion(report) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return null;
  const everything = report.text;
  const options = INSERTIONS.filter(([, fams]) => fams.every((f) => !FAMILIES[f].test(everything)));
  if (!options.length) return null;
  const [statement, fams] = pick(options);
  return { ...addToImpression(report, impression, statement), note: fams.join(',') };
}

// An impression that reads normal, and a finding no sentence of the findings describes added beside it:
// "Unremarkable study. Small left apical pneumothorax.", "1. Stable chest. 2. New right hilar mass."
const NORMAL_IMPRESSION = /\b(?:no acute|no active|normal|negative|unremarkable|stable chest|clear)\b/i;
const BESIDE_NORMAL = [
  ['Small left apical pneumothorax.', 'pneumothorax'],
  ['New right hilar mass.', 'nodule'],
  ['Right lower lobe pneumonia.', 'airspace'],
  ['Small right pleural effusion.', 'effusion'],
  ['Left upper lobe consolidation.', 'airspace'],
  ['Mild pulmonary edema.', 'edema'],
  ['Acute fracture of the right fifth rib.', 'fracture'],
];
function injectBesideNormal(report) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return null;
  const units = impressionUnits(report, impression);
  const normal = units.some((u) => NORMAL_IMPRESSION.test(report.text.slice(u.start, u.end)));
  if (!normal) return null;
  const options = BESIDE_NORMAL.filter(([, fam]) => !FAMILIES[fam].test(report.text));
  if (!options.length) return null;
  const [statement, family] = pick(options);
  return { ...addToImpression(report, impression, statement), note: `beside a normal statement: ${family}` };
}

// The exam title's side flipped, every side in the body left as it was.
function injectExamSide(report) {
  const exam = report.sections.find((s) => s.kind === 'exam');
  if (!exam) return null;
  const lineEnd = report.text.indexOf('\n', exam.body.start);
  const title = report.text.slice(exam.body.start, lineEnd < 0 ? exam.body.end : Math.min(lineEnd, exam.body.end));
  const words = sideWords(title);
  if (words.length !== 1) return null;
  return flipTheOneSide(report, exam.body.start + words[0].index, words[0][1], 'exam title side');
}

// The side word at `at` flipped, when the findings and what follows name that side somewhere and never the other,
// so the flipped word is the one outlier.
function flipTheOneSide(report, at, word, note) {
  const { findings } = sectionsOf(report);
  if (!findings) return null;
  const bodySides = new Set(sideWords(report.text.slice(findings.body.start)).map((w) => w[1].toLowerCase()));
  if (!bodySides.has(word.toLowerCase()) || bodySides.size !== 1) return null;
  const by = flipSide(word);
  return {
    text: replaceAt(report.text, at, at + word.length, by),
    span: { start: at, end: at + by.length },
    note,
  };
}

// The side flipped in the technique's statement of what was imaged ("MR imaging of the right elbow was
// performed") when the title names no side ("MRI ELBOW"): the exam's side is stated there only.
function injectTechniqueSide(report) {
  const exam = report.sections.find((s) => s.kind === 'exam');
  const header = report.sections.find((s) => s.header)?.header;
  const titles = [exam && report.text.slice(exam.body.start, exam.body.end).split(/\r?\n/)[0], header?.name].filter(Boolean);
  if (titles.some((t) => sideWords(t).length)) return null;
  const technique = report.sections.find((s) => s.kind === 'technique' && s.body.end > s.body.start);
  if (!technique) return null;
  const line = report.text.slice(technique.body.start, technique.body.end).split(/\.(?:\s|$)|\r?\n/)[0];
  const words = sideWords(line);
  if (words.length !== 1) return null;
  return flipTheOneSide(report, technique.body.start + words[0].index, words[0][1], 'technique side');
}

// Spoken commands typed inside a sentence, and a doubled "is".
const COMMANDS_MID = ['new paragraph', 'next field', 'new paragraph', 'next field'];
function injectCommand(report) {
  const { findings } = sectionsOf(report);
  if (!findings) return null;
  const sentences = sentencesOf(report, findings).filter((s) => /^[A-Za-z].*\s\w+\s\w+/.test(s.text));
  if (!sentences.length) return null;
  const s = pick(sentences);
  if (random() < 0.34) {
    const m = /\b(is|are) /.exec(s.text);
    if (m) {
      const at = s.start + m.index + m[1].length;
      const text = replaceAt(report.text, at, at, ' ' + m[1]);
      return { text, span: { start: at - m[1].length, end: at + 1 + m[1].length }, note: `doubled "${m[1]}"` };
    }
  }
  // Between two words inside the sentence, never at its ends.
  const gaps = [...s.text.matchAll(/[a-z] (?=[a-z])/g)].map((m) => m.index + 1);
  if (!gaps.length) return null;
  const at = s.start + pick(gaps);
  const command = pick(COMMANDS_MID);
  const text = replaceAt(report.text, at, at, ` ${command}`);
  return { text, span: { start: at + 1, end: at + 1 + command.length }, note: command };
}

// Present statements for a family the findings deny; and denials of what the findings describe.
const PRESENT_STATEMENT = {
  effusion: ['Small left pleural effusion.', 'Moderate right pleural effusion.', 'Small bilateral pleural effusions.'],
  pneumothorax: ['Small left apical pneumothorax.', 'Moderate right pneumothorax.'],
  airspace: ['Right lower lobe consolidation, likely pneumonia.', 'Left basilar airspace opacity concerning for pneumonia.'],
  edema: ['Mild pulmonary edema.'],
  fracture: ['Acute fracture of the right sixth rib.', 'Acute fracture.'],
  cardiomegaly: ['Cardiomegaly.'],
  nodule: ['New 8 mm nodule in the right upper lobe.'],
  hernia: ['Hiatal hernia.'],
  hydronephrosis: ['Mild left hydronephrosis.'],
  hemorrhage: ['Small acute subdural hematoma.'],
  abscess: ['Abscess.'],
  adenopathy: ['Hilar lymphadenopathy.'],
};
const DENIAL = {
  effusion: 'No pleural effusion.',
  pneumothorax: 'No pneumothorax.',
  airspace: 'No focal consolidation.',
  edema: 'No pulmonary edema.',
  fracture: 'No acute fracture.',
  cardiomegaly: 'Heart size is normal.',
  nodule: 'No pulmonary nodule or mass.',
  hernia: 'No hiatal hernia.',
  hydronephrosis: 'No hydronephrosis.',
  hemorrhage: 'No intracranial hemorrhage.',
  atelectasis: 'No atelectasis.',
  adenopathy: 'No lymphadenopathy.',
};

// On CT, MRI and ultrasound the chest film's own statements would name another organ ("No pleural
// effusion" over a knee's joint effusion is no contradiction): there the slip repeats the findings' words.
// (Only the CT/MRI/US table injects so, and skips heart-chamber sides, so the chest figures stay comparable.)
const OPENING =
  /^(?:(?:evidence|signs?|findings?) (?:of|for|to suggest)|any|other|demonstrated|definite|focal|obvious|visible|the|a|an)\s+/i;
const NOT_A_NAME = new Set([
  'a',
  'an',
  'the',
  'is',
  'are',
  'was',
  'were',
  'of',
  'with',
  'and',
  'or',
  'there',
  'small',
  'large',
  'moderate',
  'mild',
  'severe',
  'minimal',
  'trace',
  'tiny',
  'new',
  'some',
  'no',
]);

/** "no enhancing intra-axial or extraaxial mass" -> "Extraaxial mass.": the last item of the denied list, stated. */
function deniedPhrase(sentence, family) {
  const m = FAMILIES[family].exec(sentence);
  const before = sentence.slice(0, m.index);
  const cue = [...before.matchAll(new RegExp(NEGATION_BEFORE.source, 'gi'))].pop();
  // The head noun may follow the family's word: "no mass effect", "no enhancing mass lesions".
  const head = /^\s+(?:effect|lesions?|formation)\b/i.exec(sentence.slice(m.index + m[0].length))?.[0] ?? '';
  let phrase = sentence.slice(cue.index + cue[0].length, m.index + m[0].length) + head;
  phrase = phrase
    .split(/,|;|\bor\b|\band\b|\bnor\b/)
    .pop()
    .trim();
  while (OPENING.test(phrase)) phrase = phrase.replace(OPENING, '');
  return phrase.charAt(0).toUpperCase() + phrase.slice(1) + '.';
}

/** "There is a small joint effusion" -> "No joint effusion.": the finding's word with the one naming word before it. */
function denialOf(sentence, family) {
  const m = FAMILIES[family].exec(sentence);
  const previous = /([A-Za-z-]+)\s+$/.exec(sentence.slice(0, m.index))?.[1].toLowerCase();
  return `No ${previous && !NOT_A_NAME.has(previous) && !MINOR.test(previous) ? `${previous} ` : ''}${m[0].toLowerCase()}.`;
}

function injectContradiction(report, ownWords = false) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return null;
  const findingSentences = sentencesOf(report, findings);
  const impressionText = sectionText(report, impression);
  const denied = Object.keys(PRESENT_STATEMENT).filter(
    (f) => findingSentences.some((s) => FAMILIES[f].test(s.text) && negatedBefore(s.text, f)) && !FAMILIES[f].test(impressionText),
  );
  const present = Object.keys(DENIAL).filter(
    (f) =>
      findingSentences.some((s) => FAMILIES[f].test(s.text) && !negatedBefore(s.text, f) && !MINOR.test(s.text)) &&
      !FAMILIES[f].test(impressionText),
  );
  const kinds = [];
  if (denied.length) kinds.push('denied above, present below', 'denied above, present below');
  if (present.length) kinds.push('present above, denied below', 'normal impression over a finding');
  if (!kinds.length) return null;
  const kind = pick(kinds);
  if (kind === 'denied above, present below') {
    const family = pick(denied);
    const statement = ownWords
      ? deniedPhrase(findingSentences.find((s) => FAMILIES[family].test(s.text) && negatedBefore(s.text, family)).text, family)
      : pick(PRESENT_STATEMENT[family]);
    return { ...addToImpression(report, impression, statement), note: `${kind}: ${family}` };
  }
  const family = pick(present);
  if (kind === 'present above, denied below') {
    // Deny the very word the findings use: "no focal consolidation" does not deny an opacity.
    const said =
      findingSentences
        .map((x) => FAMILIES[family].exec(x.text)?.[0])
        .find(Boolean)
        ?.toLowerCase() ?? '';
    const denial = ownWords
      ? denialOf(
          findingSentences.find((x) => FAMILIES[family].test(x.text) && !negatedBefore(x.text, family) && !MINOR.test(x.text)).text,
          family,
        )
      : family !== 'airspace'
        ? DENIAL[family]
        : /consolidat/.test(said)
          ? 'No focal consolidation.'
          : /pneumonia/.test(said)
            ? 'No pneumonia.'
            : /infiltrate/.test(said)
              ? 'No infiltrates.'
              : /airspace disease/.test(said)
                ? 'No airspace disease.'
                : 'No focal opacity.';
    return { ...addToImpression(report, impression, denial), note: `${kind}: ${family}` };
  }
  const normal = pick([
    ...(ownWords ? [] : ['No acute cardiopulmonary process.']),
    'No acute disease.',
    'Normal examination.',
    'No acute abnormality.',
  ]);
  return { ...addToImpression(report, impression, normal), note: `${kind}: ${family}` };
}

const SEX = /\b(?:\d+|XXXX)[- ](?:year|yr)s?[- ]old (female|woman|lady|girl|male|man|gentleman|boy)\b/i;
const FEMALE_WORDS = new Set(['female', 'woman', 'lady', 'girl']);
const MALE_ORGANS = [
  'The prostate is enlarged, measuring 5.5 cm.',
  'The testes are normal in size and echotexture.',
  'Small left hydrocele.',
  'Prostatic calcifications are noted.',
  'The seminal vesicles are unremarkable.',
  'Status post prostatectomy.',
];
const FEMALE_ORGANS = [
  'The uterus is normal in size.',
  'The ovaries are unremarkable.',
  'Small right ovarian cyst.',
  'The endometrial stripe measures 6 mm.',
  'No adnexal mass.',
  'Status post hysterectomy.',
];

function injectSex(report) {
  const m = SEX.exec(report.text);
  if (!m) return null;
  const { findings } = sectionsOf(report);
  if (!findings) return null;
  const female = FEMALE_WORDS.has(m[1].toLowerCase());
  const statement = pick(female ? MALE_ORGANS : FEMALE_ORGANS);
  // After a random sentence of the findings.
  const after = pick(sentencesOf(report, findings));
  if (!after) return null;
  const at = after.end;
  const insert = ' ' + statement;
  return {
    text: replaceAt(report.text, at, at, insert),
    span: { start: at + 1, end: at + insert.length },
    note: female ? 'male organ, female patient' : 'female organ, male patient',
  };
}

const MEASURE = /\b(\d+(?:\.\d+)?)(?:\s*(?:x|by|×)\s*\d+(?:\.\d+)?)*\s*(mm|cm)\b/gi;

// A size as millimetres, so "21 mm" and "2.1 cm" pair up.
function sizeKey(m) {
  const numbers = m[0].match(/\d+(?:\.\d+)?/g).map(Number);
  const factor = m[2].toLowerCase() === 'cm' ? 10 : 1;
  return numbers.map((n) => (n * factor).toFixed(2)).join('x');
}

// "3-4 cm from the ankle joint", "5 cm from the nipple": a distance from a landmark, not a size.
const DISTANCE = /^\s*(?:from|proximal to|distal to|above|below|superior to|inferior to|FN)\b/i;
// "6:00 o'clock, N+6.2 cm": so far from the nipple.
const FROM_NIPPLE = /(?:\bN\s*\+|\bFN)\s*$/i;
const sizesIn = (text) =>
  [...text.matchAll(MEASURE)].filter(
    (m) => !DISTANCE.test(text.slice(m.index + m[0].length)) && !FROM_NIPPLE.test(text.slice(Math.max(0, m.index - 6), m.index)),
  );

function injectMeasurement(report) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return null;
  const fText = sectionText(report, findings);
  const iText = sectionText(report, impression);
  const inFindings = sizesIn(fText);
  const candidates = [];
  for (const m of sizesIn(iText)) {
    const same = inFindings.filter((f) => sizeKey(f) === sizeKey(m));
    if (same.length !== 1) continue;
    candidates.push({
      i: { at: impression.body.start + m.index, match: m },
      f: { at: findings.body.start + same[0].index, match: same[0] },
    });
  }
  if (!candidates.length) return null;
  const c = pick(candidates);
  const side = random() < 0.5 ? c.i : c.f;
  const { changed, note } = alteredSize(side.match, side === c.i ? 'impression' : 'findings');
  return {
    text: replaceAt(report.text, side.at, side.at + side.match[0].length, changed),
    span: { start: side.at, end: side.at + changed.length },
    note,
  };
}

/** A size written with the other unit, or with another value (one less, or more). */
function alteredSize(match, where) {
  const [original, value, unit] = match;
  if (random() < 0.5)
    return {
      changed: original.slice(0, original.length - unit.length) + (unit.toLowerCase() === 'cm' ? 'mm' : 'cm'),
      note: `unit changed in the ${where}`,
    };
  const n = Number(value);
  const decimals = value.includes('.') ? value.split('.')[1].length : 0;
  const next = (n >= 2 && random() < 0.5 ? n - 1 : n + (decimals ? 0.7 : 3)).toFixed(decimals);
  return { changed: next + original.slice(value.length), note: `value changed in the ${where}` };
}

// Each row: its injector and the rule categories that count as catching it.
const INJECTORS = {
  // The original six first, so their samples (one random stream) stay those of earlier runs.
  laterality: { inject: injectLaterality, categories: ['laterality'] },
  omission: { inject: injectOmission, categories: ['omission'] },
  // An added finding over "the lungs are clear" is caught as a contradiction: one problem per mistake.
  insertion: { inject: injectInsertion, categories: ['insertion', 'contradiction'] },
  contradiction: { inject: injectContradiction, categories: ['contradiction'] },
  'sex-mismatch': { inject: injectSex, categories: ['sex-mismatch'] },
  measurement: { inject: injectMeasurement, categories: ['measurement'] },
  'omission, possible finding': { inject: injectPossibleOmission, categories: ['omission'], whole: true },
  'omission, qualified critical': { inject: injectCriticalOmission, categories: ['omission'], whole: true },
  // Beside a normal statement the finding may be unsupported (insertion) or contradict "the lungs are clear".
  'insertion beside a normal statement': { inject: injectBesideNormal, categories: ['insertion', 'contradiction'] },
  'exam title side': { inject: injectExamSide, categories: ['laterality'] },
  'command mid-sentence': { inject: injectCommand, categories: ['dictation'] },
};

// ---------------------------------------------------------------------------------------------

await prepareRules();
const sources = [
  ...iuReports().map((r) => ({ id: `iu:${r.uid}`, text: r.text })),
  ...mtReports().map((r) => ({ id: `mt:${r.id}`, text: r.text })),
];

// False alarms: warnings and errors on the clean reports, per rule.
const cleanProblems = new Map();
const perRule = new Map();
let alarms = 0;
const alarmsBySource = { iu: 0, mt: 0 };
const falseAlarmExamples = [];
const allInfo = [];
for (const s of sources) {
  const { problems } = checkText(s.text);
  cleanProblems.set(s.id, problems);
  for (const p of problems) {
    if (ALARMS_OUT && p.severity === 'info') allInfo.push({ id: s.id, p, text: s.text });
    if (p.severity !== 'error' && p.severity !== 'warning') continue;
    alarms++;
    alarmsBySource[s.id.slice(0, 2)]++;
    perRule.set(p.rule, (perRule.get(p.rule) ?? 0) + 1);
    if (falseAlarmExamples.length < 2000) falseAlarmExamples.push({ id: s.id, p, text: s.text });
  }
}

const overlaps = (p, span) =>
  (p.start < span.end && span.start < p.end) || (p.start === p.end && span.start <= p.start && p.start <= span.end);
const key = (p) => `${p.rule}|${p.message}`;

/** Inject each category's slips into reports drawn from `pool` (after the clean check) and count those caught. */
function injectInto(pool, cleanOf, injectors = INJECTORS) {
  const rows = [];
  const misses = [];
  const injectedKinds = new Map();
  for (const [category, { inject, categories, whole }] of Object.entries(injectors)) {
    let injected = 0;
    let caught = 0;
    for (const s of shuffle(pool)) {
      if (injected >= PER_CATEGORY) break;
      const report = parseReport(s.text);
      const made = inject(report);
      // An injector may offer every slip the report allows (the small mammography and OB set).
      for (const c of Array.isArray(made) ? made : made ? [made] : []) {
        if (injected >= PER_CATEGORY) break;
        injected++;
        const kind = `${category}|${c.note.replace(/:.*$/, '')}`;
        injectedKinds.set(kind, (injectedKinds.get(kind) ?? 0) + 1);
        const before = new Set(cleanOf(s).map(key));
        const { problems } = checkText(c.text);
        // A slip is reported once, at the mention most likely wrong; when nothing tells which side is
        // right that may be the other mention, with the injected word as its related information.
        const at = (p) => overlaps(p, c.span) || (p.category === 'laterality' && (p.related ?? []).some((r) => overlaps(r, c.span)));
        const hit = problems.some(
          (p) => categories.includes(p.category) && !before.has(key(p)) && (category === 'omission' || whole || at(p)),
        );
        if (hit) caught++;
        else
          misses.push({
            category,
            id: s.id,
            note: c.note,
            text: c.text,
            span: c.span,
            problems: problems.filter((p) => categories.includes(p.category)),
            whole: category === 'omission' || !!whole,
          });
      }
    }
    rows.push({ category, injected, caught });
  }
  return { rows, misses, injectedKinds };
}
const { rows, misses, injectedKinds } = injectInto(sources, (s) => cleanProblems.get(s.id));
if (DUMP) fs.writeFileSync(DUMP, JSON.stringify(misses, null, 1));
const CROSS_DUMP = args.includes('--cross-dump') ? args[args.indexOf('--cross-dump') + 1] : null;

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
console.log(
  `Error injection over ${sources.length} real reports (IU X-ray ${sources.filter((s) => s.id.startsWith('iu')).length}, MTSamples ${sources.filter((s) => s.id.startsWith('mt')).length}), seed ${SEED}`,
);
console.log('');
const printRows = (list) => {
  console.log('| category | injected | caught | share |');
  console.log('|---|---:|---:|---:|');
  for (const r of list) console.log(`| ${r.category} | ${r.injected} | ${r.caught} | ${pct(r.caught, r.injected)} |`);
};
printRows(rows);
console.log('');
// Where one row mixes the words of real reports with added statements, how many of each.
for (const category of ['omission, possible finding', 'omission, qualified critical', 'command mid-sentence']) {
  const kinds = [...injectedKinds].filter(([k]) => k.startsWith(`${category}|`)).map(([k, n]) => `${k.split('|')[1]} ${n}`);
  if (kinds.length) console.log(`Injected, ${category}: ${kinds.join(', ')}`);
}
console.log('');
/** How many slips of each kind of injection each category missed. */
function printMissKinds(list) {
  console.log('Misses by kind of injection:');
  for (const category of new Set(list.map((m) => m.category))) {
    const kinds = new Map();
    for (const m of list.filter((x) => x.category === category)) {
      const kind = m.note.replace(/:.*$/, '').replace(/, (?:findings|impression) flipped$/, '');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    if (kinds.size)
      console.log(
        `  ${category}: ${[...kinds]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
      );
  }
}
printMissKinds(misses);
console.log('');
console.log(
  `False alarms: ${alarms} warnings+errors over ${sources.length} clean reports = ${(alarms / sources.length).toFixed(3)} per report (target <= 0.1)`,
);
for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1]))
  console.log(`  ${rule}: ${n} (${(n / sources.length).toFixed(3)} per report)`);
for (const source of ['iu', 'mt']) {
  const count = sources.filter((x) => x.id.startsWith(source)).length;
  console.log(`  ${source === 'iu' ? 'IU X-ray' : 'MTSamples'}: ${(alarmsBySource[source] / count).toFixed(3)} per report`);
}

const context = (text, span, width = 160) =>
  text.slice(Math.max(0, span.start - width), span.start) +
  '[[' +
  text.slice(span.start, span.end) +
  ']]' +
  text.slice(span.end, span.end + width);
if (ALARMS_OUT)
  fs.writeFileSync(
    ALARMS_OUT,
    [...falseAlarmExamples, ...allInfo]
      .map(({ id, p, text }) =>
        JSON.stringify({
          id,
          rule: p.rule,
          severity: p.severity,
          message: p.message,
          start: p.start,
          end: p.end,
          context: context(text, p, 200),
        }),
      )
      .join('\n') + '\n',
  );
/** Up to SHOW_MISSES missed slips per category, each in its context with what the rules said there. */
function printMisses(list) {
  if (!SHOW_MISSES) return;
  console.log('');
  for (const category of new Set(list.map((m) => m.category))) {
    for (const m of list.filter((x) => x.category === category).slice(0, SHOW_MISSES)) {
      console.log(`--- miss ${category} ${m.id} (${m.note})`);
      console.log(m.whole ? m.text : context(m.text, m.span).replace(/\s+/g, ' '));
      for (const p of m.problems) console.log(`    got: ${p.rule} "${m.text.slice(p.start, p.end)}" ${p.message}`);
    }
  }
}
printMisses(misses);
if (SHOW_FALSE_ALARMS) {
  console.log('');
  for (const f of shuffle(falseAlarmExamples).slice(0, SHOW_FALSE_ALARMS)) {
    console.log(`--- ${f.p.rule} ${f.id}: ${f.p.message}`);
    console.log('   ' + context(f.text, f.p, 200).replace(/\s+/g, ' '));
  }
}

// CT, MRI and ultrasound (issue 19): the same slips injected into the cross-sectional imaging reports only —
// MTSamples imaging reports whose title names CT, MRI or ultrasound, and the synthetic CT/MRI reports
// (../shared/data/synthetic-kbressem-gpt4-ct-mri-reports: LLM-written, breadth of exam types, not real
// reports). Drawn after everything above, so the figures above do not move.
const syntheticFile = path.join(dataDir, 'synthetic-kbressem-gpt4-ct-mri-reports/reports.jsonl');
const CROSS_SECTIONAL = /\b(CT|CTA|MRI|MRA|MR|Ultrasound|Sonogra\w*|Doppler|Echo\w*|Duplex)\b/i;
const crossSectional = [
  ...mtReports()
    .filter((r) => CROSS_SECTIONAL.test(r.name) && parseReport(r.text).document === 'imaging')
    .map((r) => ({
      id: `mt:${r.id}`,
      text: r.text,
      modality: /ultra|sono|doppler|echo|duplex/i.test(r.name) ? 'US' : /\bMR/i.test(r.name) ? 'MR' : 'CT',
    })),
  ...(fs.existsSync(syntheticFile)
    ? fs
        .readFileSync(syntheticFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .map((r) => ({ id: `syn:${r.id}`, text: r.free_text, modality: r.exam_type.startsWith('MR') ? 'MR' : 'CT' }))
    : []),
];
const crossClean = new Map(crossSectional.map((s) => [s.id, checkText(s.text).problems]));
const cross = injectInto(crossSectional, (s) => crossClean.get(s.id), {
  ...INJECTORS,
  contradiction: { ...INJECTORS.contradiction, inject: (report) => injectContradiction(report, true) },
  laterality: { ...INJECTORS.laterality, inject: (report) => injectLaterality(report, true) },
  'omission, possible finding': {
    ...INJECTORS['omission, possible finding'],
    inject: (report) => injectOmission(report, true) ?? injectRegional(report, 'possible'),
  },
  'omission, qualified critical': { ...INJECTORS['omission, qualified critical'], inject: (report) => injectRegional(report, 'critical') },
  // Last, so the rows above keep their samples.
  'exam side in the technique': { inject: injectTechniqueSide, categories: ['laterality'] },
});
const byModality = ['CT', 'MR', 'US'].map((m) => `${m} ${crossSectional.filter((s) => s.modality === m).length}`).join(', ');
console.log('');
console.log(
  `CT, MRI and ultrasound reports (${crossSectional.length}: ${byModality}; MTSamples imaging and synthetic CT/MRI), target >= 90% each:`,
);
printRows(cross.rows);
console.log('');
printMissKinds(cross.misses);
printMisses(cross.misses);
if (CROSS_DUMP) fs.writeFileSync(CROSS_DUMP, JSON.stringify(cross.misses, null, 1));

// Mammography and obstetric ultrasound (issue 19): slips that make sense there, injected into the MTSamples
// breast and OB reports and the reports written as test fixtures. The set is small, so every slip a report
// allows is injected (not one drawn per report). Drawn after everything above, so the figures above do not move.
const BREAST_FAMILIES = {
  mass: /\b(?:mass(?:es)?|lesions?|nodules?|fibroadenomas?)\b/i,
  calcifications: /\bcalcifications?\b/i,
  asymmetry: /\basymmetr(?:y|ies)\b/i,
  distortion: /\bdistortion\b/i,
  cyst: /\bcysts?\b/i,
  hematoma: /\bhematoma\b/i,
  node: /\b(?:lymph nodes?|adenopathy|lymphadenopathy)\b/i,
  cancer: /\b(?:cancer|carcinoma|malignancy)\b/i,
};
const OB_FAMILIES = {
  previa: /\bprevia\b/i,
  ectopic: /\bectopic\b/i,
  'subchorionic hemorrhage': /\bsubchorionic (?:hemorrhage|hematoma)\b/i,
  'amniotic fluid': /\b(?:poly|oligo)hydramnios\b/i,
  'short cervix': /\b(?:short cervix|cervical shortening|funneling)\b/i,
  pyelectasis: /\b(?:pyelectasis|hydronephrosis)\b/i,
  ventriculomegaly: /\bventriculomegaly\b/i,
  'growth restriction': /\b(?:growth restriction|small for gestational age|large for gestational age|macrosomia)\b/i,
  demise: /\b(?:demise|without cardiac activity|pregnancy failure|miscarriage)\b/i,
  presentation: /\b(?:breech|transverse lie)\b/i,
};
const familyHits = (families, text) => Object.keys(families).filter((f) => families[f].test(text));
// What makes a statement no finding to carry: a denial, a normal or benign-and-stable statement.
const NOT_A_FINDING = /\b(?:no|not|without|negative|normal|unremarkable|stable|unchanged|benign)\b/i;

// A finding placed in the breast (a mass of the shoulder seen on the same ultrasound is not).
const IN_THE_BREAST = /\b(?:breasts?|o'?clock|quadrant|subareolar|retroareolar|axill\w*)\b/i;
// A side word that places something outside the breast ("the left shoulder" in a breast ultrasound sentence).
const ANOTHER_PART_AFTER = /^\w+\s+(?:\w+\s+)?(?:shoulder|arm|upper extremity|neck|chest wall|back|thigh)\b/i;
/** A negation cue before the finding in its sentence ("revealed no cystic or hypoechoic solid mass"). */
function deniedIn(sentence, family) {
  const m = family.exec(sentence);
  return !!m && /\b(?:no|without|negative for|not)\b/i.test(sentence.slice(0, m.index));
}

/** A breast finding's side flipped where findings and impression give it the same one side. */
function breastSideSlips(report) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return [];
  const inF = sentencesOf(report, findings);
  const inI = sentencesOf(report, impression);
  const slips = [];
  for (const [here, there] of [
    [inF, inI],
    [inI, inF],
  ]) {
    for (const s of here) {
      const words = sideWords(s.text);
      if (words.length !== 1 || !IN_THE_BREAST.test(s.text) || ANOTHER_PART_AFTER.test(s.text.slice(words[0].index))) continue;
      const side = words[0][1].toLowerCase();
      const family = familyHits(BREAST_FAMILIES, s.text).find(
        (f) => !deniedIn(s.text, BREAST_FAMILIES[f]) && there.some((o) => BREAST_FAMILIES[f].test(o.text) && sideWords(o.text).length > 0),
      );
      if (!family) continue;
      const partners = there.filter((o) => BREAST_FAMILIES[family].test(o.text));
      const sides = new Set(partners.flatMap((o) => sideWords(o.text).map((w) => w[1].toLowerCase())));
      if (sides.size !== 1 || !sides.has(side) || partners.some((o) => /\bbilateral|\bboth\b/i.test(o.text))) continue;
      const at = s.start + words[0].index;
      const by = flipSide(words[0][1]);
      slips.push({
        text: replaceAt(report.text, at, at + words[0][1].length, by),
        span: { start: at, end: at + by.length },
        note: `${family}, ${here === inF ? 'findings' : 'impression'} flipped`,
      });
    }
  }
  return slips;
}

// "BI-RADS 4B:", "BIRADS Classification 2 - Benign", "BI-RADS category 0": the category given.
const BIRADS = /\bBI-?RADS(?:®)?(?:\s+(?:category|classification|assessment))?\s*:?\s*(0|1|2|3|4[ABC]?|5|6)\b/gi;
// The category dictated in its stead: benign where the report found something, suspicious where it found nothing.
const WRONG_CATEGORY = { 0: '1', 1: '4', 2: '4', 3: '2', 4: '2', '4A': '2', '4B': '2', '4C': '2', 5: '2', 6: '2' };
function biradsSlips(report) {
  const slips = [];
  for (const m of report.text.matchAll(BIRADS)) {
    const at = m.index + m[0].length - m[1].length;
    const by = WRONG_CATEGORY[m[1].toUpperCase()];
    slips.push({
      text: replaceAt(report.text, at, at + m[1].length, by),
      span: { start: at, end: at + by.length },
      note: `BI-RADS ${m[1]} → ${by}`,
    });
  }
  return slips;
}

/** A size stated in both findings and impression changed in one of them: every such pair, each side. */
function measurementSlips(report) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return [];
  const inFindings = sizesIn(sectionText(report, findings));
  const slips = [];
  for (const m of sizesIn(sectionText(report, impression))) {
    const same = inFindings.filter((f) => sizeKey(f) === sizeKey(m));
    if (same.length !== 1) continue;
    for (const [match, at, where] of [
      [m, impression.body.start + m.index, 'impression'],
      [same[0], findings.body.start + same[0].index, 'findings'],
    ]) {
      const { changed, note } = alteredSize(match, where);
      slips.push({ text: replaceAt(report.text, at, at + match[0].length, changed), span: { start: at, end: at + changed.length }, note });
    }
  }
  return slips;
}

// How many fetuses: "single live intrauterine pregnancy" against "twin pregnancy".
// The word before the pregnancy it counts ("Twin A" names one twin, no number to slip).
const FETAL_NUMBER = /\b(single(?:ton)?|twin)(?=\s+(?:live|intrauterine|gestation\w*|pregnan\w*|fetus|embryo|IUP)\b)/gi;
function fetalNumberSlips(report) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return [];
  const slips = [];
  const fText = sectionText(report, findings);
  const iText = sectionText(report, impression);
  const number = (w) => (/^twin/i.test(w) ? 'twin' : 'single');
  for (const [section, other] of [
    [findings, iText],
    [impression, fText],
  ]) {
    const said = new Set([...other.matchAll(FETAL_NUMBER)].map((m) => number(m[1])));
    if (said.size !== 1) continue;
    for (const m of sectionText(report, section).matchAll(FETAL_NUMBER)) {
      if (number(m[1]) !== [...said][0]) continue;
      const at = section.body.start + m.index;
      const by = number(m[1]) === 'twin' ? (/^[A-Z]/.test(m[1]) ? 'Single' : 'single') : /^[A-Z]/.test(m[1]) ? 'Twin' : 'twin';
      slips.push({
        text: replaceAt(report.text, at, at + m[1].length, by),
        span: { start: at, end: at + by.length },
        note: `fetal number in the ${section === findings ? 'findings' : 'impression'}`,
      });
    }
  }
  return slips;
}

/** An impression statement left out: one naming a finding the findings describe and no other statement names. */
function omissionSlips(report, families) {
  const { findings, impression } = sectionsOf(report);
  if (!findings || !impression) return [];
  const units = impressionUnits(report, impression);
  if (units.length < 2) return [];
  const described = sentencesOf(report, findings).filter((s) => !NOT_A_FINDING.test(s.text));
  const slips = [];
  for (const u of units) {
    const statement = report.text.slice(u.marker ? u.marker.end : u.start, u.end);
    if (NOT_A_FINDING.test(statement) || /\bBI-?RADS\b/i.test(statement)) continue;
    const others = units.filter((o) => o !== u).map((o) => report.text.slice(o.start, o.end));
    const family = familyHits(families, statement).find(
      (f) => described.some((s) => families[f].test(s.text)) && !others.some((o) => families[f].test(o)),
    );
    if (!family) continue;
    let cut = u.start;
    while (cut > impression.body.start && /[ \t\r\n]/.test(report.text[cut - 1])) cut--;
    const text = cut === impression.body.start ? replaceAt(report.text, u.start, u.end, '') : replaceAt(report.text, cut, u.end, '');
    slips.push({ text, span: { start: 0, end: text.length }, note: family });
  }
  return slips;
}

const breastObstetric = breastObstetricReports();
const boClean = new Map(breastObstetric.map((s) => [s.id, checkText(s.text).problems]));
const ofKind = (kind) => breastObstetric.filter((s) => s.kind === kind);
const mg = injectInto(ofKind('MG'), (s) => boClean.get(s.id), {
  'breast finding side': { inject: breastSideSlips, categories: ['laterality'] },
  'BI-RADS assessment': { inject: biradsSlips, categories: ['guideline'] },
  'breast finding left out of the impression': {
    inject: (r) => omissionSlips(r, BREAST_FAMILIES),
    categories: ['omission'],
    whole: true,
  },
});
// Fetal number: findings and impression disagree, and nothing tells which is right, so either mention is the place.
const ob = injectInto(ofKind('OB'), (s) => boClean.get(s.id), {
  'fetal measurement': { inject: measurementSlips, categories: ['measurement'] },
  'fetal number': { inject: fetalNumberSlips, categories: ['contradiction', 'insertion'], whole: true },
  'OB finding left out of the impression': {
    inject: (r) => omissionSlips(r, OB_FAMILIES),
    categories: ['omission'],
    whole: true,
  },
});
console.log('');
console.log(
  `Mammography and obstetric ultrasound (${breastObstetric.length}: mammography/breast ${ofKind('MG').length}, OB ${ofKind('OB').length}; MTSamples ${breastObstetric.filter((s) => s.id.startsWith('mt')).length} and test fixtures), every slip each report allows, target >= 90% each:`,
);
printRows([...mg.rows, ...ob.rows]);
console.log('');
printMissKinds([...mg.misses, ...ob.misses]);
printMisses([...mg.misses, ...ob.misses]);
