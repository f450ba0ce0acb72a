import {
  CONCEPT_BY_ID,
  QUALIFIERS,
  covers,
  denies,
  fitsExam,
  knownConcept,
  opposites,
  sameFinding,
  sitesAgree,
  wordsPattern,
  wordsRegex,
  type Finding,
} from '../nlp';
import { organsIn, otherOrgan } from '../nlp/normal';
import { ORGANS_OF_CONCEPT, organsNamed } from '../nlp/organs';
import { wordsOf } from '../nlp/words';
import { sentencesIn } from '../report';
import type { Report, Sentence } from '../report/types';
import { isMinor } from '../nlp/minor';
import { NORMAL_STATEMENT, conceptOf, impressionStatements, problemOf, problemsPerPart, type ReportPart } from './consistency';
import type { Problem } from '../problem';
import { defineRule, type Rule } from './types';
import { hasWords } from '../report/regex';
import unsupportedData from './unsupported-impression.json';

// Findings that only point elsewhere ("See impression") describe nothing to compare with.
const FINDINGS_DEFERRED = /\b(?:see (?:impression|below|conclusion)|as (?:per|in) (?:the )?impression)\b/i;

// Descriptions the findings core does not name as a concept but that support an impression's
// diagnosis ("the pulmonary vessels are engorged" supports vascular congestion).
const VESSELS_ABNORMAL = String.raw`(?:vascula\w*|vessels|veins|interstiti\w*|markings)[^.;]{0,40}\b(?:prominen\w*|engorge\w*|congest\w*|indistinct|increas\w*|cephaliz\w*|redistribut\w*|coarse\w*|accentuat\w*|distend\w*|enlarge\w*)|\b(?:prominen\w*|engorge\w*|congest\w*|indistinct|increas\w*|coarse\w*|accentuat\w*|cephaliz\w*|distend\w*)[^.;]{0,40}(?:vascula\w*|vessels|veins|interstiti\w*|markings)|kerley|cuffing|cephalization|redistribution|interstitial (?:opacit|prominence|thickening)`;
// Near a mediastinal or hilar word, words that say it is bigger than it should be.
const BIGGER = String.raw`(?:prominen\w*|enlarge\w*|widen\w*|full\w*|bulk\w*|lobulat\w*|dens(?:e|er|ity))`;
const mediastinalOrHilar = (place: string) =>
  new RegExp(String.raw`\b${place}\b[^.;]{0,40}\b${BIGGER}|\b${BIGGER}\b[^.;]{0,40}\b${place}`, 'i');
/**
 * An echo or CT describes the narrowed aortic valve by its leaflets and its measures (unsupported-impression.json
 * aorticValve): "thick and calcified aortic valve", "aortic valve area 0.8 cm2", "peak velocity 4.6 m/s across the
 * aortic valve". A measure is the aortic valve's only with its words, and no other valve's in between: "mitral valve
 * area 1.2 cm2" shows no aortic stenosis.
 */
function aorticValveEvidence(words: {
  valve: string[];
  look: string[];
  measuredAs: string[];
  measures: string[];
  otherValves: string[];
}): RegExp {
  const valve = String.raw`\b(?:${wordsPattern(words.valve)})\b`;
  const look = String.raw`\b(?:${wordsPattern(words.look)})\b`;
  const measuredAs = String.raw`\b(?:${wordsPattern(words.measuredAs)})\b`;
  const measure = String.raw`\b(?:${wordsPattern(words.measures)})\b`;
  // Up to n characters of the clause that name no other valve or vessel.
  const gap = (n: number) => String.raw`(?:(?!\b(?:${wordsPattern(words.otherValves)})\b)[^.;]){0,${n}}`;
  return new RegExp(
    [
      valve + gap(80) + look,
      look + gap(30) + valve,
      measuredAs + gap(30) + measure,
      measure + gap(60) + String.raw`\b(?:across|through|of|at)\s+(?:the\s+)?` + measuredAs,
    ].join('|'),
    'i',
  );
}

const EVIDENCE: Readonly<Record<string, RegExp>> = {
  cardiomegaly:
    /\b(?:heart|cardiac|cardiomediastinal)\b[^.;]{0,60}\b(?:large|enlarge\w*|prominent|top normal|upper limits? of normal|borderline|increased)\b/i,
  'pulmonary-vascular-congestion': new RegExp(VESSELS_ABNORMAL + String.raw`|\bengorge\w*|\bcongest\w*`, 'i'),
  // Alveolar edema shows as perihilar or alveolar consolidation.
  'pulmonary-edema': new RegExp(
    VESSELS_ABNORMAL +
      String.raw`|\bengorge\w*|\bcongest\w*|\b(?:alveolar|perihilar|parahilar|bat-?wing)\b[^.;]{0,30}\b(?:consolidat\w*|opacit\w*|filling)`,
    'i',
  ),
  'heart-failure': new RegExp(VESSELS_ABNORMAL + String.raw`|\bengorge\w*|\bcongest\w*`, 'i'),
  'pulmonary-hypertension': /\b(?:pulmonary arter\w*|hil(?:um|a|ar))\b/i,
  'aortic-valve-stenosis': aorticValveEvidence(unsupportedData.aorticValve),
  // A base, costophrenic angle or hemidiaphragm obscured is what an effusion shows on a film.
  'pleural-effusion':
    /\b(?:costophrenic|blunt\w*|meniscus|pleural fluid)\b|\bobscur\w*\b[^.;]{0,40}\b(?:bases?|hemidiaphragms?|diaphragms?)\b|\b(?:bases?|hemidiaphragms?|diaphragms?)\b[^.;]{0,30}\bobscur\w*/i,
  'fluid-collection': /\b(?:costophrenic|blunt\w*|meniscus|pleural fluid|effusions?)\b/i,
  atelectasis: /\b(?:opacit\w*|opaque|opacif\w*|densit\w*|volume loss|platelike|discoid|linear|streaky|airspace|air space)\b/i,
  'lobar-collapse': /\b(?:opaque|opacif\w*|opacit\w*|volume loss|collapse\w*)\b/i,
  fracture: /\b(?:fractur\w*|deformit\w*|callus|irregularit\w*|cortical (?:disruption|break|step)|compression|lucen\w*)\b/i,
  lymphadenopathy: new RegExp(
    mediastinalOrHilar(String.raw`(?:hil(?:um|a|ar)|mediastin\w*|paratracheal|aortopulmonary|subcarinal)`).source +
      String.raw`|\b(?:lymph )?nodes?\b`,
    'i',
  ),
  'hilar-enlargement': mediastinalOrHilar(String.raw`hil(?:um|a|ar)`),
  'widened-mediastinum': mediastinalOrHilar(String.raw`(?:mediastin\w*|paratracheal)`),
  pneumoperitoneum: /\b(?:free (?:air|gas)|extraluminal|subdiaphragmatic|subphrenic)\b/i,
  // Biometry: an estimated fetal weight or circumference below the 10th percentile, or above the 90th.
  'fetal-growth-restriction':
    /\b(?:weight|EFW|abdominal circumference|AC)\b[^.;]{0,40}?(?:\b(?:below|under|less than)\s+|<\s*)?(?:the\s+)?\b(?:[1-9]|10)(?:st|nd|rd|th)?\s*(?:percentile|centile)/i,
  macrosomia:
    /\b(?:weight|EFW|abdominal circumference|AC)\b[^.;]{0,40}?(?:\b(?:above|over|greater than)\s+|>\s*)?(?:the\s+)?\b9\d(?:st|nd|rd|th)?\s*(?:percentile|centile)/i,
  // "The cervix measures 2.4 cm, shortened": the length read as short beside its measurement.
  'short-cervix': /\bcervi\w*\b(?:[^.;]|\.(?=\d)){0,40}\b(?:shorten\w*|short)\b/i,
  // A valve or vessel "severely restricted", "narrowed", with its pressure gradient.
  stenosis: /\b(?:narrow\w*|restrict\w*|gradients?|stenotic)\b/i,
  // Inflammation shows as more blood flow on Doppler.
  epididymitis: /\b(?:hypervascular\w*|hyperemi\w*|increased (?:\w+ )?(?:vascular )?flow|enlarged epididym\w*)/i,
};
for (const c of ['malignancy', 'lesion', 'mass', 'nodule', 'metastases', 'bone-lesion']) {
  (EVIDENCE as Record<string, RegExp>)[c] =
    /\b(?:mass\w*|nodul\w*|lesions?|opacit\w*|densit\w*|dense|denser|tumou?r\w*|neoplas\w*|lytic|blastic|sclerotic|lucen\w*)\b/i;
}

// Every concept the evidence table names must exist, like the ids of relations.json.
for (const id of Object.keys(EVIDENCE)) knownConcept(id, 'unsupported-impression evidence');

// Findings joined to an impression's finding that do not show it (atelectasis is no hiatal hernia).
const NOT_SHOWN_BY: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(unsupportedData.notShownBy).map(([shown, by]) => [
    knownConcept(shown, 'unsupported-impression.json'),
    new Set(by.map((b) => knownConcept(b, 'unsupported-impression.json'))),
  ]),
);
const notShownBy = (g: Finding, f: Finding) => NOT_SHOWN_BY.get(g.concept)?.has(f.concept) ?? false;
// The concepts whose evidence is a nodular opacity or density, and the words that read one as benign.
const TUMOUR_EVIDENCE: ReadonlySet<string> = new Set(['malignancy', 'lesion', 'mass', 'nodule', 'metastases', 'bone-lesion']);
const BENIGN_NODULE = wordsRegex(unsupportedData.benignNodule);
const OTHER_SIDE: Readonly<Record<string, RegExp>> = {
  left: /\bright\b/i,
  right: /\bleft\b/i,
};
const SIDE_NAMED: Readonly<Record<string, RegExp>> = {
  left: /\b(?:left|bilateral\w*|both|bibasilar|biapical)\b/i,
  right: /\b(?:right|bilateral\w*|both|bibasilar|biapical)\b/i,
};

/**
 * The sentence is evidence of g where g lies: not of the other side only ("right upper lobe mass" is not
 * shown by "opacity in the left lung base"), and, for a tumour, not a density the sentence reads as
 * benign or as another finding ("nodular densities of old granulomatous disease", "opacity, likely
 * atelectasis").
 */
function evidenceFor(c: ReportPart, s: Sentence, g: Finding): boolean {
  if (g.side && OTHER_SIDE[g.side]?.test(s.text) && !SIDE_NAMED[g.side].test(s.text)) return false;
  const stated = c.inFindings.filter((f) => f.start >= s.start && f.end <= s.end && f.assertion !== 'absent');
  // Every finding of the sentence lies elsewhere ("bibasilar opacities" under "right upper lobe mass").
  const elsewhere = (f: Finding) =>
    !sitesAgree(f, g) ||
    (!!f.side && (g.side === 'left' || g.side === 'right') && (f.side === 'left' || f.side === 'right') && f.side !== g.side);
  if (stated.length && stated.every(elsewhere)) return false;
  if (!TUMOUR_EVIDENCE.has(g.concept)) return true;
  if (BENIGN_NODULE.test(s.text)) return false;
  return !stated.some(
    (f) =>
      f.concept !== 'opacity' && !sameFinding(f.concept, g.concept) && (sameFinding(f.concept, 'opacity') || covers(f.concept, 'opacity')),
  );
}

/** Minor only by its size word ("mild", "small"): not stable, chronic, incidental or behind a de-identified word. */
function onlyMild(report: Report, g: Finding): boolean {
  const sentence = report.sentences[g.sentenceIndex];
  if (!sentence || /XXXX/.test(sentence.text) || QUALIFIERS.minorAnywhere.test(sentence.text)) return false;
  return QUALIFIERS.minorBefore.test(report.text.slice(sentence.start, g.end));
}

/**
 * Another statement of the impression reads as normal ("Unremarkable study.", "1. Stable chest.") or only
 * denies ("No pleural effusion or pneumothorax.", "Unremarkable liver, without gallstones.").
 */
function normalBeside(report: Report, c: ReportPart, g: Finding): boolean {
  return impressionStatements(report, c.impression).some(
    (s) =>
      !(s.start <= g.start && g.end <= s.end) &&
      (NORMAL_STATEMENT.test(s.text) ||
        onlyDenies(c, s) ||
        /^(?:stable (?:chest|study|exam\w*|appearance of the chest)|clear lungs?)\.?$/i.test(s.text) ||
        // An organ's short normal statement: "Normal appendix.", "Negative cervical spine.", "The liver is normal."
        /^(?:(?:normal|negative|unremarkable)\b[^,;]{0,40}|(?:the )?[a-z][a-z -]{0,30}\b(?:is|are) (?:normal|unremarkable))\.?$/i.test(
          s.text,
        )),
  );
}

/** The statement names findings, every one of them denied or normal. */
function onlyDenies(c: ReportPart, s: { start: number; end: number }): boolean {
  const named = c.inImpression.filter((f) => f.start >= s.start && f.end <= s.end);
  return named.length > 0 && named.every((f) => f.assertion === 'absent');
}

type OrgansOf = (from: number, to: number) => ReadonlySet<string>;

/** The organs a stretch of the report names, each stretch read once per report. */
function organsReader(report: Report): OrgansOf {
  const read = new Map<string, ReadonlySet<string>>();
  return (from, to) => {
    const key = `${from}:${to}`;
    let organs = read.get(key);
    if (!organs) read.set(key, (organs = organsIn(report, from, to)));
    return organs;
  };
}

/**
 * The impression's finding is named in one organ ("right lower lobe pneumonia") and the findings'
 * sentence speaks of others only (the sinuses' opacification, a pancreatic neoplastic process).
 */
function inOtherOrgans(report: Report, organsOf: OrgansOf, f: Finding, g: Finding): boolean {
  const statement = report.sentences[g.sentenceIndex];
  const from = Math.max(statement?.start ?? 0, g.start - 40);
  const before = report.text.slice(from, g.start);
  const clause = from + Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), -1) + 1;
  const own = organsOf(clause, Math.min(statement?.end ?? g.end, g.end + 40));
  if (!own.size) return false;
  const sentence = report.sentences[f.sentenceIndex];
  const theirs = sentence ? organsOf(sentence.start, sentence.end) : new Set<string>();
  return theirs.size > 0 && ![...theirs].some((o) => own.has(o));
}

// Whether one word names an organ on its own ("kidney", not "right"): a property of the word, read once.
const organWords = new Map<string, boolean>();
function namesOrgan(word: string): boolean {
  let named = organWords.get(word);
  if (named === undefined) {
    if (organWords.size > 5000) organWords.clear();
    organWords.set(word, (named = organsNamed(wordsOf(word), word).length > 0));
  }
  return named;
}

/**
 * The findings tell the impression's phrase in their own order: "bladder wall thickening" as "the urinary
 * bladder demonstrates a focal area of wall thickening", "atrophic right kidney" as "the right kidney
 * appears to be atrophic". A sentence of the same organ holds every other word of the phrase, not denied.
 */
function toldAcrossSentence(report: Report, organsOf: OrgansOf, sentences: readonly Sentence[], g: Finding): boolean {
  const named = organsOf(g.start, g.end);
  // A phrase naming its organ by an adjective no organ list can hold ("cervical" shortening: cervix or spine?) is
  // of its concept's organ, and told by its head word ("the cervix measures 2.4 cm, shortened").
  const organs = named.size ? named : new Set(ORGANS_OF_CONCEPT.get(g.concept) ?? []);
  if (!organs.size) return false;
  const words: string[] = [];
  for (const [word] of report.text.slice(g.start, g.end).matchAll(/[a-z]+/gi)) {
    if (!namesOrgan(word)) words.push(word.toLowerCase());
  }
  if (!named.size) words.splice(0, words.length - 1);
  if (!words.length) return false;
  const forms = words.map(wordForms);
  const last = words[words.length - 1];
  const head = forms[forms.length - 1] ?? new RegExp(String.raw`\b${last}\b`, 'i');
  return sentences.some((s) => {
    const lower = s.text.toLowerCase();
    return (
      [...organsOf(s.start, s.end)].some((o) => organs.has(o)) &&
      forms.every((w, i) => (w ? w.test(lower) : hasWords(lower, words[i]))) &&
      affirms(s.text, head)
    );
  });
}

/** A change named by its "-ing" noun is told by its participle too: "cervical shortening", "the cervix ... shortened". */
function wordForms(word: string): RegExp | null {
  return word.length > 6 && word.endsWith('ing') ? new RegExp(String.raw`\b${word.slice(0, -3)}(?:ing|ed)\b`, 'i') : null;
}

const DENIED_BEFORE = /\b(?:no|not|without|negative|free of|normal|clear|unremarkable)\b/i;

/** The sentence shows the evidence, not under a denial ("no focal opacity"). */
function affirms(sentence: string, evidence: RegExp): boolean {
  const m = evidence.exec(sentence);
  return !!m && !DENIED_BEFORE.test(sentence.slice(0, m.index)) && !/\b(?:no|not|without|negative)\b/i.test(m[0]);
}

/** A finding stated, or read as probable ("consistent with a singleton pregnancy"), that cannot hold with g. */
export function statedOpposite(findings: readonly Finding[], g: Finding): Finding | undefined {
  const opposite = opposites(g.concept);
  return findings.find(
    (x) => (x.assertion === 'present' || (x.assertion === 'possible' && x.hedge === 'probable')) && opposite.includes(x.concept),
  );
}

/**
 * What the findings say that cannot hold with the impression's finding: its opposite named, or shown
 * without its name ("estimated fetal weight below the 5th percentile" under "macrosomia").
 */
export function oppositeInFindings(report: Report, c: ReportPart, g: Finding): { name: string; start: number; end: number } | null {
  const opposite = opposites(g.concept);
  if (!opposite.length) return null;
  const f = statedOpposite(c.inFindings, g);
  if (f) return { name: f.finding, start: f.start, end: f.end };
  for (const section of c.findingsSections) {
    for (const s of sentencesIn(report, section)) {
      const shown = opposite.find((o) => EVIDENCE[o] && affirms(s.text, EVIDENCE[o]));
      if (shown) return { name: CONCEPT_BY_ID.get(shown)?.name ?? shown, start: s.start, end: s.end };
    }
  }
  return null;
}

export const unsupportedImpression = defineRule({
  id: 'unsupported-impression',
  category: 'insertion',
  severity: 'warning',
  description: 'The impression asserts a finding that the findings do not describe at all.',
  check(context) {
    const { report } = context;
    return problemsPerPart(context, (part) => insertionsIn(this, report, part));
  },
});

function insertionsIn(rule: Rule, report: Report, c: ReportPart): Problem[] {
  const { findings } = c;
  const findingsText = c.findingsSections.map((s) => report.text.slice(s.body.start, s.body.end)).join('\n');
  if (findingsText.length < 20 || FINDINGS_DEFERRED.test(findingsText)) return [];
  const findingsLower = findingsText.toLowerCase();
  // Findings that name nothing at all ("AP and lateral views of the chest") give nothing to compare.
  if (!c.inFindings.length && !/\b(?:normal|clear|unremarkable|intact|no|negative|within)\b/i.test(findingsText)) return [];
  const findingSentences: Sentence[] = [];
  for (const s of c.findingsSections) findingSentences.push(...sentencesIn(report, s));

  const problems: Problem[] = [];
  const done = new Set<string>();
  const organsOf = organsReader(report);
  for (const g of c.inImpression) {
    if (g.assertion !== 'present' || !g.significant || done.has(g.concept)) continue;
    // "Stable mild cardiomegaly": what an impression may add in passing is not worth a warning.
    // Beside a normal statement ("No acute cardiopulmonary abnormality. Mild pulmonary edema.") a mild
    // finding makes the impression contradict itself; a stable or chronic one may still be carried over.
    if (g.critical !== 'minutes' && isMinor(report, g) && !(normalBeside(report, c, g) && onlyMild(report, g))) continue;
    // A mention in the findings, or a denial of this very finding (the contradiction rule's business);
    // "normal vasculature" does not describe pulmonary edema.
    // Another finding explains it only at the same place ("right upper lobe mass" is not
    // supported by "bibasilar opacities"), and in the same organ (the sinuses' opacification does not
    // describe "right lower lobe pneumonia", nor abdominal fat stranding a rib fracture).
    const samePlace = (f: Finding) =>
      sitesAgree(f, g) && (!f.side || !g.side || f.side === g.side || f.side === 'bilateral' || g.side === 'bilateral');
    // A diagnosis outside the exam's body part ("acute appendicitis" on an elbow MRI) is not explained by
    // what it would cover there (the elbow's muscle edema): only its own name in the findings supports it.
    const inExam = fitsExam(c.u, g, report);
    const described = c.inFindings.some((f) =>
      f.assertion === 'absent'
        ? denies(conceptOf(report, f), conceptOf(report, g)) &&
          (!f.normal || (samePlace(f) && !otherOrgan(report, f, g))) &&
          !inOtherOrgans(report, organsOf, f, g)
        : f.concept === g.concept ||
          (sameFinding(f.concept, g.concept) && !notShownBy(g, f) && !inOtherOrgans(report, organsOf, f, g)) ||
          (inExam &&
            (covers(f.concept, g.concept) || covers(g.concept, f.concept)) &&
            !notShownBy(g, f) &&
            // An opacity shows a tumour only when its sentence does not read it as benign or as another finding.
            (!TUMOUR_EVIDENCE.has(g.concept) ||
              !report.sentences[f.sentenceIndex] ||
              evidenceFor(c, report.sentences[f.sentenceIndex], g)) &&
            samePlace(f) &&
            !inOtherOrgans(report, organsOf, f, g) &&
            // What a one-sided diagnosis explains supports it only where placed ("surrounding edema" is no rib fracture).
            (!(g.side === 'left' || g.side === 'right') || !!f.side || f.site.length > 0)),
    );
    if (described || findingsLower.includes(report.text.slice(g.start, g.end).toLowerCase())) continue;
    if (toldAcrossSentence(report, organsOf, findingSentences, g)) continue;
    // Findings that show its opposite (growth restriction under "macrosomia"): the contradiction rule's business.
    if (oppositeInFindings(report, c, g)) continue;
    const evidence = EVIDENCE[g.concept];
    if (evidence && findingSentences.some((s) => affirms(s.text, evidence) && evidenceFor(c, s, g))) continue;
    done.add(g.concept);
    problems.push(
      problemOf(rule, {
        start: g.start,
        end: g.end,
        message: `The impression names ${g.finding}${g.side ? ` (${g.side})` : ''}, but the findings do not describe it.`,
        related: [{ start: findings.body.start, end: findings.body.end, message: 'Not described in the findings' }],
        finding: g.finding,
        side: g.side ?? undefined,
      }),
    );
  }
  return problems;
}
