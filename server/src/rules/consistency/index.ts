// What the consistency rules (laterality, omission, insertion, contradiction, sex, measurement)
// share: the findings of each section, which concepts name the same finding or explain one
// another, side words and their flips, and the qualifiers that make a finding minor.
import { CONCEPT_BY_ID, type Finding, type ReportPart, type Understanding } from '../../nlp';
import { sentenceIndexAt as sentenceIndexInReport, sentencesIn } from '../../report';
import type { Report, Section, Sentence } from '../../report/types';
import type { Problem } from '../../problem';
import type { Side } from '../../nlp/types';
import type { Rule, RuleContext } from '../types';

export type { ReportPart };

export interface Consistency {
  u: Understanding;
  parts: ReportPart[];
}

/** The understanding split into report parts, from the check's analysis (computed once for every rule). */
export function consistencyOf(_report: Report, context: RuleContext): Consistency {
  return { u: context.analysis.understanding, parts: context.analysis.parts };
}

// Concept groups an exam of a body part can show; a chest concept in a foot MRI ("a small effusion
// in the tendon sheath") is a word read in the wrong sense, not a finding to report.
const EVERYWHERE = ['general', 'vascular', 'device', 'postsurgical', 'bone'];
const LIMB = [...EVERYWHERE, 'msk'];
const GROUPS_BY_PART: Readonly<Record<string, readonly string[]>> = {
  shoulder: LIMB,
  elbow: LIMB,
  wrist: LIMB,
  hand: LIMB,
  hip: LIMB,
  knee: LIMB,
  ankle: LIMB,
  foot: LIMB,
  'upper extremity': LIMB,
  'lower extremity': LIMB,
  head: [...EVERYWHERE, 'neuro', 'head', 'neck'],
  'cervical spine': [...EVERYWHERE, 'spine', 'neuro', 'neck', 'msk'],
  'thoracic spine': [...EVERYWHERE, 'spine', 'neuro', 'chest', 'msk'],
  'lumbar spine': [...EVERYWHERE, 'spine', 'neuro', 'renal', 'abdomen', 'msk'],
  spine: [...EVERYWHERE, 'spine', 'neuro', 'msk'],
  scrotum: [...EVERYWHERE, 'male'],
};

/** Whether the finding's kind can be seen on this exam (unknown body parts allow everything). */
export function fitsExam(u: Understanding, f: Finding): boolean {
  const groups = u.exam.bodyPart ? GROUPS_BY_PART[u.exam.bodyPart] : undefined;
  const group = CONCEPT_BY_ID.get(f.concept)?.group;
  return !groups || !group || groups.includes(group);
}

/** The index of the sentence that holds an offset, or -1. */
export const sentenceIndexAt = (report: Report, offset: number): number => sentenceIndexInReport(report.sentences, offset);

export function problemOf(rule: Rule, fields: Omit<Problem, 'rule' | 'category' | 'severity'>): Problem {
  return { rule: rule.id, category: rule.category, severity: rule.severity, ...fields };
}

// ---------------------------------------------------------------------------------------------
// Which concepts are the same finding in other words (TIGHT), and which explain or summarise
// one another so that an impression naming one covers the other (LOOSE, one way: key covers values).

const TIGHT: readonly (readonly string[])[] = [
  ['pleural-effusion', 'hemothorax', 'blunted-costophrenic-angle', 'hydropneumothorax', 'hemopneumothorax'],
  ['pneumothorax', 'tension-pneumothorax', 'hydropneumothorax', 'hemopneumothorax'],
  [
    'consolidation',
    'opacity',
    'ground-glass-opacity',
    'airspace-disease',
    'infiltrate',
    'pneumonia',
    'aspiration',
    'pneumonitis',
    'pulmonary-infarct',
    'cavitation',
  ],
  ['atelectasis', 'lobar-collapse', 'volume-loss', 'opacity'],
  ['scarring', 'opacity', 'pulmonary-fibrosis'],
  ['pulmonary-edema', 'pulmonary-vascular-congestion', 'heart-failure', 'edema'],
  ['pulmonary-edema', 'interstitial-lung-disease', 'interstitial-prominence'],
  ['interstitial-prominence', 'interstitial-lung-disease', 'pulmonary-fibrosis', 'opacity'],
  ['nodule', 'mass', 'lesion', 'granuloma', 'calcified-granuloma', 'malignancy', 'metastases', 'pleural-mass', 'cavitation'],
  [
    'intracranial-hemorrhage',
    'subarachnoid-hemorrhage',
    'subdural-hematoma',
    'epidural-hematoma',
    'intraventricular-hemorrhage',
    'hemorrhage',
    'hematoma',
  ],
  ['infarct', 'chronic-infarct', 'large-vessel-occlusion', 'vessel-occlusion'],
  ['fracture', 'compression-fracture'],
  ['tear', 'meniscal-tear', 'rotator-cuff-tear', 'cruciate-ligament-tear', 'labral-tear', 'sprain'],
  ['contusion', 'bone-marrow-edema', 'hematoma'],
  ['fracture', 'old-fracture', 'compression-fracture'],
  ['pericardial-effusion', 'cardiac-tamponade'],
  ['midline-shift', 'mass-effect', 'brain-herniation'],
  ['pleural-thickening', 'pleural-plaque'],
  ['elevated-hemidiaphragm', 'eventration'],
  [
    'malpositioned-tube',
    'endotracheal-tube',
    'enteric-tube',
    'central-venous-catheter',
    'picc',
    'chest-tube',
    'catheter',
    'port',
    'device-fracture',
  ],
  ['intrauterine-pregnancy', 'ectopic-pregnancy', 'pregnancy-failure'],
  ['joint-effusion', 'synovitis'],
  ['benign-neoplasm', 'mass', 'lesion', 'nodule', 'cyst', 'hemangioma'],
  ['narrowing', 'stenosis'],
  ['cyst', 'renal-cyst', 'ovarian-cyst', 'ganglion-cyst', 'bakers-cyst'],
  ['renal-mass', 'mass', 'lesion'],
  ['liver-lesion', 'lesion', 'mass', 'cyst', 'hemangioma', 'metastases'],
  ['adrenal-nodule', 'nodule', 'mass', 'lesion'],
  ['thyroid-nodule', 'nodule', 'goiter'],
  ['breast-mass', 'mass', 'lesion', 'cyst'],
  ['adnexal-mass', 'ovarian-cyst', 'mass', 'cyst'],
  ['testicular-mass', 'mass', 'lesion'],
  ['bone-lesion', 'lesion', 'metastases', 'mass'],
  ['disc-herniation', 'disc-bulge', 'annular-tear'],
  ['spinal-stenosis', 'foraminal-stenosis', 'stenosis', 'cord-compression'],
  ['aortic-aneurysm', 'aneurysm', 'ruptured-aneurysm', 'aortic-dissection'],
  ['deep-vein-thrombosis', 'thrombus', 'venous-thrombosis', 'vessel-occlusion'],
  ['carotid-stenosis', 'stenosis', 'plaque'],
  ['hydronephrosis', 'nephrolithiasis', 'calculus'],
  ['cholelithiasis', 'cholecystitis', 'choledocholithiasis', 'biliary-dilatation', 'calculus'],
  ['bowel-obstruction', 'ileus', 'volvulus', 'hernia', 'intussusception'],
  ['pneumoperitoneum', 'perforation'],
  ['lymphadenopathy', 'hilar-enlargement', 'lymphoma'],
  ['hiatal-hernia', 'hernia', 'diaphragmatic-hernia'],
  ['fluid-collection', 'abscess', 'hematoma', 'ascites'],
  ['dislocation', 'subluxation'],
  ['joint-effusion', 'bursitis', 'bakers-cyst'],
];

// Diagnoses and summaries that account for findings of other names.
const COVERS: Readonly<Record<string, readonly string[]>> = {
  'heart-failure': ['cardiomegaly', 'pulmonary-edema', 'pulmonary-vascular-congestion', 'pleural-effusion', 'edema'],
  // Lung compressed by fluid or a hernia collapses: the cause is what the impression names.
  'pleural-effusion': ['atelectasis', 'volume-loss'],
  pneumothorax: ['subcutaneous-emphysema', 'pneumomediastinum', 'mediastinal-shift'],
  'pulmonary-embolism': ['pulmonary-infarct'],
  sprain: ['edema', 'soft-tissue-swelling'],
  'ovarian-torsion': ['ovarian-cyst', 'adnexal-mass', 'fluid-collection', 'ascites'],
  // "Airspace disease, likely atelectasis": the impression gives the interpretation.
  atelectasis: ['opacity', 'airspace-disease', 'consolidation', 'infiltrate', 'volume-loss'],
  'hiatal-hernia': ['atelectasis', 'air-fluid-level'],
  // A nodule or mass is first seen as an opacity or density.
  nodule: ['opacity', 'calcification'],
  lesion: ['opacity'],
  'pulmonary-edema': ['pulmonary-vascular-congestion'],
  cardiomegaly: ['pericardial-effusion'],
  'pericardial-effusion': ['cardiomegaly'],
  copd: ['emphysema', 'hyperinflation', 'bullae', 'air-trapping'],
  emphysema: ['hyperinflation', 'bullae', 'copd'],
  'interstitial-lung-disease': ['pulmonary-fibrosis', 'scarring', 'opacity', 'bronchiectasis'],
  'pulmonary-fibrosis': ['interstitial-lung-disease', 'scarring', 'opacity', 'bronchiectasis'],
  sarcoidosis: ['lymphadenopathy', 'hilar-enlargement', 'nodule', 'opacity', 'interstitial-lung-disease'],
  tuberculosis: ['opacity', 'cavitation', 'granuloma', 'scarring', 'nodule'],
  'cystic-fibrosis': ['bronchiectasis', 'opacity', 'hyperinflation'],
  'pulmonary-hypertension': ['pulmonary-artery-enlargement', 'hilar-enlargement'],
  'pulmonary-artery-enlargement': ['hilar-enlargement'],
  malignancy: ['opacity', 'mass', 'nodule', 'lymphadenopathy', 'lesion', 'metastases', 'bone-lesion', 'pleural-effusion', 'liver-lesion'],
  metastases: ['mass', 'nodule', 'lesion', 'bone-lesion', 'liver-lesion', 'lymphadenopathy', 'compression-fracture'],
  lymphoma: ['lymphadenopathy', 'mass', 'splenomegaly'],
  appendicitis: ['soft-tissue-swelling', 'fluid-collection', 'ascites', 'abscess', 'edema', 'calcification', 'calculus'],
  cholecystitis: ['soft-tissue-swelling', 'fluid-collection', 'cholelithiasis', 'edema'],
  diverticulitis: ['soft-tissue-swelling', 'fluid-collection', 'abscess', 'diverticulosis', 'edema', 'perforation'],
  pancreatitis: ['soft-tissue-swelling', 'fluid-collection', 'edema', 'ascites'],
  colitis: ['soft-tissue-swelling', 'edema', 'ascites'],
  pyelonephritis: ['soft-tissue-swelling', 'edema'],
  osteomyelitis: ['soft-tissue-swelling', 'edema', 'bone-marrow-edema', 'abscess'],
  cirrhosis: ['ascites', 'splenomegaly', 'liver-lesion'],
  tear: ['edema', 'bone-marrow-edema', 'joint-effusion'],
  'meniscal-tear': ['joint-effusion', 'edema'],
  'cruciate-ligament-tear': ['bone-marrow-edema', 'joint-effusion', 'edema'],
  fracture: ['soft-tissue-swelling', 'edema', 'bone-marrow-edema', 'hematoma', 'dislocation'],
  'subdural-hematoma': ['mass-effect', 'brain-herniation', 'midline-shift'],
  'epidural-hematoma': ['mass-effect', 'brain-herniation', 'midline-shift'],
  'intracranial-hemorrhage': ['mass-effect', 'brain-herniation', 'midline-shift', 'edema', 'cerebral-edema', 'hydrocephalus'],
  hemorrhage: ['mass-effect', 'midline-shift', 'edema', 'cerebral-edema'],
  infarct: ['edema', 'cerebral-edema', 'mass-effect', 'midline-shift'],
  mass: ['opacity', 'mass-effect', 'midline-shift', 'edema', 'cerebral-edema', 'lymphadenopathy'],
  'bowel-obstruction': ['air-fluid-level', 'ascites'],
  'aortic-dissection': ['widened-mediastinum'],
  'disc-herniation': ['spinal-stenosis', 'foraminal-stenosis', 'cord-compression'],
  'degenerative-change': ['spondylosis', 'osteophyte', 'disc-bulge', 'foraminal-stenosis', 'spinal-stenosis', 'osteoarthritis'],
  spondylosis: ['osteophyte', 'disc-bulge', 'foraminal-stenosis', 'spinal-stenosis', 'degenerative-change'],
};

function indexGroups(groups: readonly (readonly string[])[]): Map<string, Set<string>> {
  const byConcept = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const a of group) {
      let s = byConcept.get(a);
      if (!s) byConcept.set(a, (s = new Set([a])));
      for (const b of group) s.add(b);
    }
  }
  return byConcept;
}
const TIGHT_INDEX = indexGroups(TIGHT);

/** The same finding in other words ("opacity" and "consolidation", "cyst" and "renal cyst"). */
export function sameFinding(a: string, b: string): boolean {
  return a === b || (TIGHT_INDEX.get(a)?.has(b) ?? false);
}

/** An impression naming `summary` accounts for the finding `detail`. */
export function covers(summary: string, detail: string): boolean {
  return sameFinding(summary, detail) || (COVERS[summary]?.includes(detail) ?? false);
}

const COVERED_BY = new Map<string, string[]>();
for (const [summary, details] of Object.entries(COVERS)) {
  for (const d of details) {
    let list = COVERED_BY.get(d);
    if (!list) COVERED_BY.set(d, (list = []));
    list.push(summary);
  }
}

// The kin sets below depend on the concept only: computed once, shared by every check.
function memoized(build: (concept: string) => Set<string>): (concept: string) => ReadonlySet<string> {
  const cache = new Map<string, ReadonlySet<string>>();
  return (concept) => {
    let kin = cache.get(concept);
    if (!kin) cache.set(concept, (kin = build(concept)));
    return kin;
  };
}

/** Every concept that is the same finding as `concept`. */
export const sameFindingKin = memoized((concept) => {
  const kin = new Set<string>(TIGHT_INDEX.get(concept) ?? []);
  kin.add(concept);
  return kin;
});

/** Every finding that an impression naming `summary` accounts for. */
export const coveredBy = memoized((summary) => {
  const kin = new Set(sameFindingKin(summary));
  for (const d of COVERS[summary] ?? []) kin.add(d);
  return kin;
});

/** Every concept that is the same finding as `concept`, covers it or is covered by it. */
export const kinOf = memoized((concept) => {
  const kin = new Set<string>(TIGHT_INDEX.get(concept) ?? [concept]);
  kin.add(concept);
  for (const c of [...kin]) {
    for (const d of COVERS[c] ?? []) kin.add(d);
    for (const d of COVERED_BY.get(c) ?? []) kin.add(d);
  }
  return kin;
});

/** Mentions grouped by concept, so rules look up kin instead of scanning every mention. */
export function byConcept(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = map.get(f.concept);
    if (!list) map.set(f.concept, (list = []));
    list.push(f);
  }
  return map;
}

/** The mentions of any of the concepts. */
export function mentionsOf(map: ReadonlyMap<string, Finding[]>, concepts: Iterable<string>): Finding[] {
  const out: Finding[] = [];
  for (const c of concepts) {
    const list = map.get(c);
    if (list) out.push(...list);
  }
  return out;
}

// Lung sites by the part of the lung they lie in: "apex" and "upper lobe" can be one place, "apex"
// and "base" cannot. Sites not listed (lung, hilum, midlung, hemithorax, pleura) span both.
const LUNG_PARTS: Readonly<Record<string, readonly string[]>> = {
  apex: ['upper'],
  'upper lobe': ['upper'],
  lingula: ['upper', 'lower'],
  base: ['lower'],
  'lower lobe': ['lower'],
  'middle lobe': ['lower'],
  'costophrenic angle': ['lower'],
  hemidiaphragm: ['lower'],
  retrocardiac: ['lower'],
  // On a radiograph a shadow "over the 5th rib" lies in the lung field.
  rib: ['upper', 'lower'],
  lung: ['upper', 'lower'],
  hilum: ['upper', 'lower'],
  midlung: ['upper', 'lower'],
  hemithorax: ['upper', 'lower'],
  pleura: ['upper', 'lower'],
};

function siteAgrees(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = LUNG_PARTS[a];
  const pb = LUNG_PARTS[b];
  return !!pa && !!pb && pa.some((p) => pb.includes(p));
}

/** Anatomic sites agree when either is unspecified or they can be the same place. */
export function sitesAgree(a: Finding, b: Finding): boolean {
  if (!a.site.length || !b.site.length) return true;
  return a.site.some((s) => b.site.some((t) => siteAgrees(s, t)));
}

/** Sites that name the very same place (for choosing the closest partner). */
export function sitesMatch(a: Finding, b: Finding): boolean {
  return a.site.some((s) => b.site.includes(s));
}

// A general denial also denies its kinds: "no intracranial hemorrhage" denies a subdural hematoma.
const DENIAL_REACHES: Readonly<Record<string, readonly string[]>> = {
  'intracranial-hemorrhage': [
    'subarachnoid-hemorrhage',
    'subdural-hematoma',
    'epidural-hematoma',
    'intraventricular-hemorrhage',
    'hemorrhage',
  ],
  hemorrhage: [
    'intracranial-hemorrhage',
    'subarachnoid-hemorrhage',
    'subdural-hematoma',
    'epidural-hematoma',
    'intraventricular-hemorrhage',
  ],
  pneumothorax: ['tension-pneumothorax', 'hydropneumothorax', 'hemopneumothorax'],
  'pleural-effusion': ['hemothorax', 'hydropneumothorax'],
  fracture: ['compression-fracture'],
  tear: ['meniscal-tear', 'rotator-cuff-tear', 'cruciate-ligament-tear', 'labral-tear'],
  consolidation: ['pneumonia', 'airspace-disease', 'infiltrate'],
  'airspace-disease': ['consolidation', 'pneumonia', 'infiltrate'],
  pneumonia: ['consolidation', 'airspace-disease', 'infiltrate'],
  infiltrate: ['pneumonia', 'consolidation', 'airspace-disease'],
  opacity: ['consolidation', 'airspace-disease', 'pneumonia', 'infiltrate', 'ground-glass-opacity'],
};
/** What a denial of `concept` denies: itself and its kinds. */
export const deniedBy = (concept: string): string[] => [concept, ...(DENIAL_REACHES[concept] ?? [])];

export const denies = (denied: string, present: string) => denied === present || (DENIAL_REACHES[denied]?.includes(present) ?? false);

// An opacity called airspace or alveolar is the airspace disease that "no focal consolidation" denies.
export function conceptOf(report: Report, f: Finding): string {
  if (f.concept === 'opacity' && /\b(?:air ?space|alveolar|consolidat\w*)\b/i.test(report.text.slice(f.start, f.end)))
    return 'airspace-disease';
  return f.concept;
}

// ---------------------------------------------------------------------------------------------
// Side words as they are written, and their mirror images (keeping the writer's capitals).

const SIDE_WORD = /\b(?:left|right|left-sided|right-sided|leftward|rightward|lt|rt|RLL|LLL|RUL|LUL)\b/gi;
const MIRROR: Readonly<Record<string, string>> = {
  left: 'right',
  right: 'left',
  'left-sided': 'right-sided',
  'right-sided': 'left-sided',
  leftward: 'rightward',
  rightward: 'leftward',
  lt: 'rt',
  rt: 'lt',
  rll: 'lll',
  lll: 'rll',
  rul: 'lul',
  lul: 'rul',
};

function withCaseOf(model: string, word: string): string {
  if (model === model.toUpperCase()) return word.toUpperCase();
  if (model[0] === model[0].toUpperCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

/** The word naming `side`, written like `model`. */
export function sideWordLike(model: string, side: 'left' | 'right'): string {
  const lower = model.toLowerCase();
  if (sideOfWord(model) === side) return model;
  return MIRROR[lower] ? withCaseOf(model, MIRROR[lower]) : side;
}

export function sideOfWord(word: string): 'left' | 'right' | null {
  const w = word.toLowerCase();
  if (w.startsWith('left') || w === 'lt' || (w[0] === 'l' && w.length === 3)) return 'left';
  if (w.startsWith('right') || w === 'rt' || (w[0] === 'r' && w.length === 3)) return 'right';
  return null;
}

const CARDIAC_NAME =
  /^[\s-]+(?:anterior descending|main\b|circumflex|coronary|ventric\w*|atri(?:um|al)|(?:sided )?heart (?:failure|strain|catheter\w*|enlargement|dilat\w*))/i;

export interface SideWord {
  start: number;
  end: number;
  text: string;
  side: 'left' | 'right';
}

/** Left/right words of a sentence. */
export function sideWordsIn(report: Report, sentence: Sentence): SideWord[] {
  const out: SideWord[] = [];
  SIDE_WORD.lastIndex = 0;
  for (const m of sentence.text.matchAll(SIDE_WORD)) {
    const side = sideOfWord(m[0]);
    if (!side) continue;
    // "lt"/"rt" only in lower case or capitals as abbreviations; "RLL" and friends only in capitals.
    if (m[0].length === 3 && m[0] !== m[0].toUpperCase()) continue;
    // "left anterior descending", "right coronary artery", "left ventricle": names, not sides.
    if (CARDIAC_NAME.test(sentence.text.slice(m.index + m[0].length, m.index + m[0].length + 30))) continue;
    out.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, text: m[0], side });
  }
  void report;
  return out;
}

/** The side word that gives a finding its side: the nearest one of that side in its sentence. */
export function sideWordOf(report: Report, finding: Finding, side: Side | null = finding.side): SideWord | undefined {
  if (side !== 'left' && side !== 'right') return undefined;
  const sentence = report.sentences[finding.sentenceIndex];
  if (!sentence) return undefined;
  let best: SideWord | undefined;
  let bestDistance = Infinity;
  for (const w of sideWordsIn(report, sentence)) {
    if (w.side !== side) continue;
    const distance = w.end <= finding.start ? finding.start - w.end : w.start >= finding.end ? (w.start - finding.end) * 1.5 : 0;
    if (distance < bestDistance) {
      best = w;
      bestDistance = distance;
    }
  }
  return best;
}

const BOTH_SIDES = /\b(?:bilateral(?:ly)?|both|bibasilar|bibasal|biapical|bihilar|right and left|left and right)\b/i;

/**
 * The finding's side, or else the side of its sentence when the sentence names one side only
 * ("Patchy opacity, probably within the left lower lobe"): the side binding of the findings core
 * stays inside the noun phrase, a sentence about one finding does not.
 */
export function sideInSentence(report: Report, finding: Finding): Side | null {
  if (finding.side) return finding.side;
  const sentence = report.sentences[finding.sentenceIndex];
  if (!sentence || BOTH_SIDES.test(sentence.text)) return null;
  const words = sideWordsIn(report, sentence);
  if (!words.length || words.some((w) => w.side !== words[0].side)) return null;
  return words[0].side;
}

export const opposite = (side: Side | null): Side | null => (side === 'left' ? 'right' : side === 'right' ? 'left' : null);

// ---------------------------------------------------------------------------------------------
// Qualifiers.

// Size and chronicity words that let a radiologist leave a finding out of the impression.
const MINOR_BEFORE =
  /\b(?:benign(?:-appearing| appearing)?|compressive|passive|relaxation|dependent|mild(?:ly)?|minimal(?:ly)?|minor|trace|tiny|borderline|slight(?:ly)?|subtle|faint|subsegmental|discoid|linear|plate-?like|platelike|streaky|band-?like|chronic|old|healed|healing|remote|stable|unchanged|persistent|residual|small amount of|nonspecific|non-specific|incidental)\b/i;
const MINOR_ANYWHERE =
  /\b(?:stable|unchanged|chronic\w*|better (?:seen|appreciated|visualized|demonstrated) on|again (?:seen|noted|demonstrated|identified)|redemonstrat\w*|re-demonstrat\w*|no (?:significant |interval )?change|not (?:significantly )?changed|similar(?:ly)?|as before|previously (?:seen|noted|described)|known|old|healed|remote|postoperative|post-operative|postsurgical|post-surgical|status post|incidental(?:ly)?|of doubtful|of no|clinical significance|not significant|insignificant|calcified|granulomatous|granulomas?|less (?:distinct|conspicuous|prominent|apparent)|resolving|sequelae?|healing|(?:from|of|due to|secondary to|related to) (?:a |the )?(?:previous|prior|old|remote))\b/i;

// Descriptive findings (an opacity, a density) that the sentence explains or hedges: the
// explanation, when it matters, is a finding of its own.
const DESCRIPTIVE = new Set([
  'opacity',
  'lucency',
  'nodule',
  'interstitial-lung-disease',
  'interstitial-prominence',
  'atelectasis',
  'foreign-body',
  'widened-mediastinum',
  'volume-loss',
  'mediastinal-shift',
  'air-fluid-level',
  'soft-tissue-swelling',
  'calcification',
  'bronchial-wall-thickening',
  'pulmonary-artery-enlargement',
  'hilar-enlargement',
  'lesion',
  'stenosis',
  'edema',
  'fluid-collection',
]);
const EXPLAINED =
  /\b(?:may|might|could|likely|probabl\w*|possibl\w*|favou?r\w*|represent\w*|secondary to|due to|related to|reflect\w*|attributab\w*|compatible with|consistent with|suggest\w*|versus|vs|or|either)\b/i;
// Shadows that may be no lesion at all: an opacity over a rib, a nipple, soft tissue.
const OVERLAP = /\b(?:overl[ay]\w*|overlying|superimpos\w*|artifact\w*|nipple|soft tissues?|callus)\b/i;
const STRONG = /\b(?:confluent|dense|focal|large|moderate|severe|extensive|lobar|new|spiculated)\b/i;
// Findings an impression leaves out unless they are marked as large, new or worse.
const INCIDENTAL_UNLESS_MARKED = new Set([
  'volume-loss',
  'hiatal-hernia',
  'diaphragmatic-hernia',
  'interstitial-lung-disease',
  'interstitial-prominence',
  'bronchial-wall-thickening',
  'pulmonary-artery-enlargement',
  'hilar-enlargement',
]);
const MARKED =
  /\b(?:large|moderate|severe|extensive|marked|significant|substantial|lobar|complete|collapse|new|newly|increas\w*|worse\w*|worsening|enlarging|progress\w*|developing|interval development)\b/i;

// Atelectasis that comes with a shallow breath is expected, not a finding to report.
const LOW_VOLUMES =
  /\b(?:low (?:lung )?volumes?|hypoinflat\w*|hypoventilat\w*|poor (?:inspiration|inspiratory effort)|shallow inspiration|bronchovascular crowding|reduced lung volumes?|low inspiratory)\b/i;

/** A descriptive finding the sentence explains away (a widened mediastinum "secondary to a tortuous aorta"). */
export function isExplained(report: Report, finding: Finding): boolean {
  const sentence = report.sentences[finding.sentenceIndex];
  return !!sentence && DESCRIPTIVE.has(finding.concept) && (EXPLAINED.test(sentence.text) || OVERLAP.test(sentence.text));
}

/** Minor, chronic, explained or unchanged as written: radiologists routinely leave these out of impressions. */
export function isMinor(report: Report, finding: Finding): boolean {
  const sentence = report.sentences[finding.sentenceIndex];
  if (!sentence) return false;
  const before = report.text.slice(Math.max(sentence.start, finding.start - 60), finding.end);
  const clauseStart = Math.max(before.lastIndexOf(';'), before.lastIndexOf(','));
  // "Minimally displaced" grades the displacement, not the fracture.
  const clause = (clauseStart >= 0 ? before.slice(clauseStart) : before).replace(
    /\b(?:minimal(?:ly)?|mild(?:ly)?|slight(?:ly)?)[\s-]+(?:displaced|angulated|comminuted|depressed|impacted)\b/gi,
    '',
  );
  if (MINOR_BEFORE.test(clause) || MINOR_ANYWHERE.test(sentence.text)) return true;
  // A de-identification token where a qualifier would stand ("XXXX opacities", "XXXX atelectasis"):
  // the word it hides may have been "streaky" or "likely", so nothing can be concluded.
  if (
    (DESCRIPTIVE.has(finding.concept) || finding.concept === 'atelectasis') &&
    !STRONG.test(clause) &&
    /XXXX(?:[ \t]+[\w-]+){0,2}[ \t]+$/.test(report.text.slice(Math.max(sentence.start, finding.start - 40), finding.start))
  )
    return true;
  if (DESCRIPTIVE.has(finding.concept) && EXPLAINED.test(sentence.text)) return true;
  if (DESCRIPTIVE.has(finding.concept) && finding.concept !== 'nodule' && OVERLAP.test(sentence.text)) return true;
  if (finding.concept === 'atelectasis' && LOW_VOLUMES.test(sentence.text)) return true;
  return INCIDENTAL_UNLESS_MARKED.has(finding.concept) && !MARKED.test(sentence.text);
}

// An impression that calls the study normal or free of acute disease.
export const NORMAL_STATEMENT =
  /\b(?:no (?:evidence of )?(?:acute|active)(?: (?:cardiopulmonary|pulmonary|cardiac|intrathoracic|chest|thoracic|osseous|bony|intracranial|abdominal|pelvic|radiographic|radiologic))?(?: (?:process|processes|disease|abnormality|abnormalities|findings?|pathology|changes?|injury|issues?))|(?:normal|negative|unremarkable) (?:chest|study|exam|examination|radiograph|radiographs|film|films|ct|mri|ultrasound|x-?ray|x-XXXX|head ct|ct (?:of the )?head|abdomen)|(?:chest|study|examination|exam) (?:is )?(?:normal|negative|unremarkable)|^(?:normal|negative|unremarkable)\.?$)/i;

/** Statements of the impression: its numbered items, or else its sentences. */
export function impressionStatements(report: Report, impression: Section): { start: number; end: number; text: string }[] {
  if (impression.items.length >= 1) {
    return impression.items.map((i) => ({ start: i.marker.end, end: i.end, text: report.text.slice(i.marker.end, i.end).trim() }));
  }
  return sentencesIn(report, impression).map((s) => ({ start: s.start, end: s.end, text: s.text }));
}
