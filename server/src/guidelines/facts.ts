// From what the engine understood of a report to the facts a guideline reads: which findings a
// guideline covers, their size (largest drives), type, count, attenuation, and the patient's age,
// menopausal status and context (screening, known cancer). Regexes compiled once, at load.
import { sentenceIndexAt, type Report } from '../report';
import type { Finding, Measurement, Understanding } from '../nlp/types';
import { COVERED_CONCEPTS, GUIDELINES, evaluate, urgencyOf, type Context, type Facts, type Guideline, type Modality } from './index';
import { escapeRegExp } from '../report/regex';

/** One guideline's view of a report: the finding that drives it, every mention, and the facts. */
export interface GuidelineCase {
  guideline: Guideline;
  facts: Facts;
  /** The mention the size came from (the largest), where a message is anchored. */
  anchor: Finding;
  /** Every mention of the finding the guideline covers, sized or not. */
  mentions: Finding[];
}

export interface ExtractOptions {
  /** Guideline ids switched on; all when absent. */
  guidelines?: readonly string[];
  /** Patient risk when the report does not say (Fleischner). */
  risk?: 'unknown' | 'low' | 'high';
}

const words = (list: readonly string[]) => (list.length ? new RegExp(String.raw`\b(?:${list.map(escapeRegExp).join('|')})`, 'i') : null);

interface CompiledSubject {
  concept: string;
  near: RegExp | null;
  notNear: RegExp | null;
}
const SUBJECTS: ReadonlyMap<string, CompiledSubject[]> = new Map(
  GUIDELINES.map((g) => [g.id, g.subjects.map((s) => ({ concept: s.concept, near: words(s.near), notNear: words(s.notNear) }))]),
);

// Sections where a finding is the radiologist's own observation.
const OBSERVED = new Set(['findings', 'impression', 'other', 'preamble']);
const LUNG_GUIDELINES = new Set(['fleischner-2017', 'lung-rads-2022']);
const LUNG_CONTEXT =
  /\b(?:lung|lungs|pulmonary|lobe|lobes|lingula\w*|perifissural|fissure|subpleural|parenchym\w*|apex|apical|bases?|basilar|juxtapleural|intrapulmonary|chest)\b/i;

const PART_SOLID =
  /\b(?:part[- ]solid|partly solid|partially solid|semi-?solid|mixed(?:[- ]attenuation| density| solid and ground[- ]glass)|solid component)\b/i;
const GROUND_GLASS = /\b(?:ground[- ]glass|non-?solid|GGOs?|GGNs?|pure ground)\b/i;
const SUBSOLID = /\bsub-?solid\b/i;
const SOLID_COMPONENT =
  /\bsolid component(?: of| measuring| that measures| up to)?[ \t]{0,2}(\d+(?:\.\d+)?)[ \t]{0,2}(mm|cm)\b|\b(\d+(?:\.\d+)?)[ \t-]{0,2}(mm|cm)[ \t]{0,2}solid component\b/i;
const VOLUME = /\b(\d+(?:\.\d+)?)[ \t]{0,2}(?:mm3|mm\^3|mm³|cubic millimet(?:er|re)s?|cu\.? ?mm)(?![\p{L}\d])/iu;
const PLURAL_CUE = /\b(?:multiple|several|numerous|scattered|few|bilateral|innumerable|two|three|four|additional|other|various|many)\b/i;
// "The 5 mm nodule", "this nodule": a nodule already named.
const BACK_REFERENCE =
  /\b(?:the|this|that|aforementioned|previously (?:described|noted|seen)|above|same|known|index)\s+(?:(?!an?\b)[\w.×-]+\s+){0,4}$/i;
const ENHANCED = /\b(?:enhanc\w*|portal venous|post-?contrast|contrast-enhanced|delayed|arterial phase|washout)\b/i;
const UNENHANCED = /\b(?:un-?enhanced|non-?contrast|noncontrast|pre-?contrast|without contrast|unenhanced)\b/i;
const STABLE =
  /\b(?:stable|unchanged|no (?:significant |interval |dimensional )?(?:change|growth|difference)|not changed|similar(?: in size)?|persistent(?:ly)? stable)\b/i;
const GROWING = /\b(?:increas\w* in size|enlarg\w*|grow\w*|growth|larger than|interval increase)\b/i;
const NEW = /\b(?:new|newly|interval development|interval appearance|not (?:seen|present) (?:on|in) (?:the )?prior)\b/i;
const BOSNIAK = /\bbosniak(?:[ \t]+(?:category|class|type))?[ \t]*(IIF|II-F|2F|IV|III|II|I|4|3|2|1)\b(?!\.\d)/i;

/** Descriptor words, each a feature some table tells apart. */
const FEATURES: [string, RegExp][] = [
  ['perifissural', /\b(?:perifissural|fissural|intrapulmonary lymph node)\b/i],
  ['fat-containing', /\b(?:fat[- ]containing|contains fat|macroscopic fat|fat density|fatty component)\b/i],
  ['macroscopic-fat', /\b(?:macroscopic fat|myelolipoma|fat[- ]containing|contains fat)\b/i],
  ['simple', /\b(?:simple|anechoic|thin[- ]walled|unilocular)\b/i],
  ['pedunculated', /\b(?:pedunculated|ball[- ]on[- ]the[- ]wall|thin stalk)\b/i],
  ['sessile', /\b(?:sessile|broad[- ]based|thick stalk|wide stalk)\b/i],
  [
    'suspicious',
    /\b(?:invasi\w*|extrathyroidal|suspicious|abnormal (?:lymph )?nodes?|lymphadenopathy|irregular|heterogeneous|enhancing|metasta\w*|indeterminate|solid)\b/i,
  ],
  ['fdg-avid', /\b(?:FDG[- ]avid|hypermetabolic|avid|SUV)\b/i],
  ['repaired', /\b(?:stent[- ]?graft|endograft|EVAR|repaired|status post (?:\w+ ){0,3}repair)\b/i],
  ['ruptured', /\b(?:ruptur\w*|leak\w*|extravasation|retroperitoneal hematoma)\b/i],
  ['too-small-to-characterize', /\btoo small to (?:\w+ )?characteri[sz]e\b/i],
  ['polycystic', /\bpolycystic\b/i],
  [
    'benign',
    /\b(?:simple|cyst|cysts|cystic|hemangiomas?|too small to (?:\w+ )?characteri[sz]e|fluid (?:attenuation|density)|water (?:attenuation|density))\b/i,
  ],
  [
    'worrisome',
    /\b(?:mural nodules?|enhancing (?:wall|nodule|component)|thick(?:ened)? wall|main (?:pancreatic )?duct (?:dilat\w*|is dilated)|dilated (?:main )?pancreatic duct)\b/i,
  ],
  ['pseudocyst', /\b(?:pseudocyst|pancreatitis)\b/i],
  ['wall-thickening', /\bwall thickening\b/i],
  ['hemorrhage', /\b(?:hemorrhag\w*|hematoma)\b/i],
  ['cyst', /\b(?:adrenal cyst|cystic)\b/i],
];
const STATED_BENIGN = /\b(?:adenomas?|myelolipomas?)\b/i;
const CALLED_BENIGN =
  /\b(?:consistent with|compatible with|characteristic of|diagnostic of|represents?|representing)\s+(?:an?\s+)?(?:(?:benign|lipid[- ]rich)\s+)?(?:adrenal\s+)?(?:adenoma|myelolipoma)\b/i;
const ABDOMINAL_AORTA = /\b(?:abdominal|infrarenal|suprarenal|juxtarenal|AAA)\b/i;
const CALCIFIED = /\b(non-?)?calci(?:fied|fic|fication|fications)\b/i;

// Report-wide context, read from the header sections (history, indication, exam title).
const SCREENING =
  /\b(?:lung[- ]cancer screening|screening (?:low[- ]dose |chest |lung |ldct )?(?:ct|ldct|chest)|low[- ]dose (?:chest )?ct (?:for )?(?:lung cancer )?screening|ldct|lung[- ]rads)\b/i;
const MALIGNANCY =
  /\b(?:cancer|carcinoma|malignan\w*|lymphoma|melanoma|sarcoma|metasta\w*|leukemia|myeloma|mesothelioma|neoplasm|oncolog\w*|chemotherapy|staging|restaging)\b/gi;
const NOT_HISTORY =
  /\b(?:no|denies|without|negative for|rule out|r\/o|evaluate for|evaluation for|evaluate|screening|family history|fh|concern for|suspicious for|suspected|question of|possible|risk of)\b[^.;]*$/i;
const IMMUNO = /\b(?:immunocompromis\w*|immunosuppress\w*|transplant\w*|HIV|AIDS|neutropeni\w*)\b/i;
const CIRRHOSIS = /\b(?:cirrho\w*|chronic liver disease|hepatitis [BC]|portal hypertension)\b/i;
const LIMITED_LIFE = /\b(?:hospice|comfort care|limited life expectancy|terminal(?:ly ill)?)\b/i;
const PSC = /\b(?:primary sclerosing cholangitis|PSC)\b/;
const POSTMENOPAUSAL = /\bpost-?menopaus\w*\b/i;
const PREMENOPAUSAL = /\b(?:pre-?menopaus\w*|LMP|last menstrual period|menstrual cycle|day \d{1,2} of (?:her |the )?cycle)\b/i;
const HISTORY_KINDS = new Set(['history', 'exam', 'preamble', 'technique', 'other']);
const MODALITY_CODES: Record<string, Modality> = { CT: 'CT', MR: 'MR', US: 'US', XR: 'XR', PT: 'PT', NM: 'NM' };
const XR_WORDS =
  /\b(?:radiographs?|x-?rays?|(?:pa|ap|frontal) and lateral|and lateral(?: views?)?|lateral views?|portable (?:ap )?chest|(?:pa|ap) views?)\b/i;
const CT_WORDS = /\b(?:CT|CTA|computed tomography)\b/;
const MR_WORDS = /\b(?:MRI|MR)\b/;
const US_WORDS = /\b(?:ultrasound|sonograph\w*|sonogram)\b/i;
const THYROID_EXAM = /\bthyroid\b/i;

function headerText(report: Report): string {
  return report.sections
    .filter((s) => HISTORY_KINDS.has(s.kind))
    .map((s) => report.text.slice(s.start, s.end))
    .join('\n');
}

function contextsOf(report: Report, u: Understanding): Context[] {
  const header = headerText(report);
  const out = new Set<Context>();
  if (SCREENING.test(header) || SCREENING.test(report.text.slice(0, 400))) out.add('screening');
  const history = [header, ...[...report.text.matchAll(/\b(?:history of|known|h\/o)\b[^.;\n]{0,60}/gi)].map((m) => m[0])];
  for (const text of history) {
    for (const m of text.matchAll(MALIGNANCY)) {
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      if (!NOT_HISTORY.test(before)) out.add('known-malignancy');
    }
  }
  if (IMMUNO.test(header)) out.add('immunocompromised');
  if (CIRRHOSIS.test(header) || u.findings.some((f) => f.concept === 'cirrhosis' && f.assertion === 'present')) out.add('cirrhosis');
  if (LIMITED_LIFE.test(header)) out.add('limited-life-expectancy');
  return [...out];
}

function modalityOf(report: Report, u: Understanding): Modality | null {
  if (u.exam.modality) return MODALITY_CODES[u.exam.modality] ?? 'other';
  const head = report.text.slice(0, 600);
  // A title the de-identification blanked ("Chest XXXX and lateral") still names its views.
  if (XR_WORDS.test(head)) return 'XR';
  if (CT_WORDS.test(head)) return 'CT';
  if (MR_WORDS.test(head)) return 'MR';
  if (US_WORDS.test(head)) return 'US';
  return null;
}

const toMm = (v: number, unit: string) => (unit === 'cm' ? v * 10 : v);

interface Sized {
  finding: Finding;
  dims: number[];
  unit: 'mm' | 'cm';
}

// "less than 6 mm": an upper bound, read as just under it (so it falls in the "< 6 mm" row after rounding).
const UPPER_BOUND = /\b(?:less than|smaller than|under|below)\s*$|<\s*$/i;

/** The report's measurements by the sentence they start in, and the findings claiming each: built once, as a long report has thousands. */
interface MeasurementIndex {
  bySentence: Map<number, Measurement[]>;
  claimedBy: Map<Measurement, Finding[]>;
}

function indexMeasurements(report: Report, u: Understanding): MeasurementIndex {
  const bySentence = new Map<number, Measurement[]>();
  for (const m of u.measurements) {
    const k = sentenceIndexAt(report.sentences, m.start);
    const list = bySentence.get(k);
    if (list) list.push(m);
    else bySentence.set(k, [m]);
  }
  const claimedBy = new Map<Measurement, Finding[]>();
  for (const f of u.findings) {
    for (const m of f.measurements) {
      const list = claimedBy.get(m);
      if (list) list.push(f);
      else claimedBy.set(m, [f]);
    }
  }
  return { bySentence, claimedBy };
}

/** The first measurement lying inside a sentence that passes a test. */
function measurementIn(
  index: MeasurementIndex,
  report: Report,
  sentenceIndex: number,
  test: (m: Measurement) => boolean,
): Measurement | undefined {
  const sentence = report.sentences[sentenceIndex];
  if (!sentence) return undefined;
  return index.bySentence.get(sentenceIndex)?.find((m) => m.start >= sentence.start && m.end <= sentence.end && test(m));
}

function sizeOf(report: Report, index: MeasurementIndex, f: Finding, alone: boolean): Sized | null {
  const own = f.measurements.find((m) => m.unit === 'mm' || m.unit === 'cm');
  const m =
    own ??
    // A size in the sentence no other finding claims, when this is the sentence's only mention.
    (alone
      ? measurementIn(
          index,
          report,
          f.sentenceIndex,
          (x) => (x.unit === 'mm' || x.unit === 'cm') && !(index.claimedBy.get(x) ?? []).some((o) => o !== f),
        )
      : undefined);
  if (!m) return null;
  // A range "2-3 mm" keeps both ends; the larger is the size.
  const bound = UPPER_BOUND.test(report.text.slice(Math.max(0, m.start - 14), m.start)) ? 0.51 : 0;
  const values = m.value.map((v) => toMm(v, m.unit) - bound);
  return { finding: f, dims: values, unit: m.unit as 'mm' | 'cm' };
}

/** Whether a mention is of a finding the guideline covers, by its concept and its sentence's words. */
export function subjectMatches(guidelineId: string, concept: string, sentence: string): boolean {
  const s = SUBJECTS.get(guidelineId)?.find((x) => x.concept === concept);
  if (!s) return false;
  if (s.near && !s.near.test(sentence)) return false;
  return !(s.notNear && s.notNear.test(sentence));
}

/**
 * Guidelines a report could concern at all: the cheap test before any work. Only findings a case can
 * come from count (present or possible, where observed): every "lungs are clear" denies a nodule.
 */
export function mayConcern(u: Understanding): boolean {
  return u.findings.some((f) => isObserved(f) && COVERED_CONCEPTS.has(f.concept));
}

const isObserved = (f: Finding) => (f.assertion === 'present' || f.assertion === 'possible') && OBSERVED.has(f.section);

/** Every guideline case the report gives: one per guideline with a present or possible mention. */
export function extractCases(report: Report, u: Understanding, options: ExtractOptions = {}): GuidelineCase[] {
  if (!mayConcern(u)) return [];
  const enabled = options.guidelines;
  const sentenceText = (f: Finding) => report.sentences[f.sentenceIndex]?.text ?? '';
  // What holds for the whole report, found once (a long document may name many guideline findings).
  let shared:
    | {
        context: Context[];
        modality: Modality | null;
        header: string;
        measurements: MeasurementIndex;
        psc: boolean;
        menopause: Facts['menopause'];
        pregnant: boolean;
      }
    | undefined;
  const out: GuidelineCase[] = [];
  // Present or possible and observed: the same for every guideline, so sorted out once.
  const observed = u.findings.filter(isObserved);
  for (const g of GUIDELINES) {
    if (enabled && !enabled.includes(g.id)) continue;
    const mentions = observed.filter((f) => {
      const text = sentenceText(f);
      if (!subjectMatches(g.id, f.concept, text)) return false;
      if (LUNG_GUIDELINES.has(g.id)) {
        const before = report.text.slice(Math.max(0, f.start - 60), f.start);
        if (!LUNG_CONTEXT.test(text) && !LUNG_CONTEXT.test(before) && u.exam.bodyPart !== 'chest') return false;
      }
      return true;
    });
    if (!mentions.length) continue;
    shared ??= {
      context: contextsOf(report, u),
      modality: modalityOf(report, u),
      header: headerText(report),
      measurements: indexMeasurements(report, u),
      psc: PSC.test(report.text),
      menopause: menopauseOf(report, u.patient.age),
      pregnant: u.findings.some((f) => f.concept === 'intrauterine-pregnancy' && f.assertion === 'present'),
    };
    const sh = shared;
    const sized: Sized[] = [];
    const perSentence = new Map<number, number>();
    for (const f of mentions) perSentence.set(f.sentenceIndex, (perSentence.get(f.sentenceIndex) ?? 0) + 1);
    for (const f of mentions) {
      const sentence = report.sentences[f.sentenceIndex];
      const alone = perSentence.get(f.sentenceIndex) === 1;
      const s = sentence ? sizeOf(report, sh.measurements, f, alone) : null;
      if (s) sized.push(s);
    }
    // The largest drives; on a tie, the findings section's mention (the impression repeats it).
    sized.sort((a, b) => Math.max(...b.dims) - Math.max(...a.dims) || (a.finding.section === 'findings' ? -1 : 1));
    const count = countOf(report, mentions, sized);
    const factsOf = (top: Sized | undefined): { facts: Facts; anchor: Finding } => {
      const anchor = top?.finding ?? mentions[0];
      const text = sentenceText(anchor);
      const mentionText = report.text.slice(anchor.start, anchor.end);
      const features = FEATURES.filter(([, re]) => re.test(text)).map(([name]) => name);
      const calcified = CALCIFIED.exec(mentionText) ?? CALCIFIED.exec(text);
      if (calcified && !calcified[1]) features.push('calcified');
      if (
        g.id === 'acr-thyroid-2015' &&
        sh.modality === 'US' &&
        THYROID_EXAM.test(u.exam.span ? report.text.slice(u.exam.span.start, u.exam.span.end) : sh.header)
      )
        features.push('thyroid-ultrasound');
      if (sh.psc) features.push('psc');
      // An adrenal mass called an adenoma outright (not "likely adenoma") is one the radiologist has characterized.
      if ((STATED_BENIGN.test(mentionText) && anchor.assertion === 'present') || CALLED_BENIGN.test(text)) features.push('stated-benign');
      // On a chest CT an aortic aneurysm is thoracic unless the sentence says abdominal.
      if (g.id === 'acr-aaa-2013' && u.exam.bodyPart === 'chest' && !ABDOMINAL_AORTA.test(text)) features.push('thoracic');
      if (sh.pregnant) features.push('pregnant');
      const facts: Facts = {
        concept: anchor.concept,
        dimensionsMm: top?.dims,
        sizeUnit: top?.unit,
        age: u.patient.age,
        sex: u.patient.sex,
        context: sh.context,
        modality: sh.modality,
        risk: options.risk ?? 'unknown',
        features,
        count,
        type: typeOf(anchor, text),
        status: statusOf(text),
      };
      const solid = SOLID_COMPONENT.exec(text);
      if (solid) facts.solidComponentMm = solid[1] ? toMm(Number(solid[1]), solid[2]) : toMm(Number(solid[3]), solid[4]);
      const volume = VOLUME.exec(text);
      if (volume) facts.volumeMm3 = Number(volume[1]);
      const hu = measurementIn(sh.measurements, report, anchor.sentenceIndex, (m) => m.unit === 'HU');
      // Attenuation counts as unenhanced unless the sentence says it was measured after contrast.
      if (hu && (UNENHANCED.test(text) || !ENHANCED.test(text))) facts.attenuationHu = hu.value[0];
      facts.menopause = sh.menopause;
      facts.bosniak = bosniakOf(text, features, facts.attenuationHu ?? null);
      return { facts, anchor };
    };
    // Of several nodules the most suspicious drives (Fleischner): the one whose row acts soonest; else the largest.
    let chosen = factsOf(sized[0]);
    if (count === 'multiple' && sized.length > 1) {
      let soonest = urgencyOf(evaluate(g, chosen.facts).rows);
      for (const s of sized.slice(1)) {
        const other = factsOf(s);
        const u2 = urgencyOf(evaluate(g, other.facts).rows);
        if (u2 < soonest) [chosen, soonest] = [other, u2];
      }
    }
    const { facts, anchor } = chosen;
    out.push({ guideline: g, facts, anchor, mentions });
  }
  return out;
}

function countOf(report: Report, mentions: Finding[], sized: Sized[]): 'single' | 'multiple' {
  for (const f of mentions) {
    const term = report.text.slice(f.start, f.end).toLowerCase();
    if (/s$/.test(term) && !/(?:ss|is|us)$/.test(term)) return 'multiple';
    const before = report.text.slice(Math.max(0, f.start - 30), f.start);
    if (PLURAL_CUE.test(before)) return 'multiple';
  }
  // Each sized mention in the findings that does not point back ("the 5 mm nodule") is a nodule of its own
  // when its size or its place differs: "5 mm nodule in the right upper lobe. 5 mm nodule in the left lower
  // lobe." are two; the same size at the same place (a summary repeating it) is one.
  const own = sized.filter((s) => {
    if (s.finding.section === 'impression') return false;
    const before = report.text.slice(Math.max(0, s.finding.start - 40), s.finding.start);
    return !BACK_REFERENCE.test(before);
  });
  const place = (f: Finding) => `${f.side ?? ''}|${[...f.site].sort().join(',')}`;
  const sizes = new Set(own.map((s) => Math.max(...s.dims)));
  const places = new Set(own.filter((s) => s.finding.side || s.finding.site.length).map((s) => place(s.finding)));
  return places.size > 1 || sizes.size > 1 ? 'multiple' : 'single';
}

function typeOf(anchor: Finding, text: string): Facts['type'] {
  if (PART_SOLID.test(text)) return 'part-solid';
  if (anchor.concept === 'ground-glass-opacity' || GROUND_GLASS.test(text)) return 'ground-glass';
  if (SUBSOLID.test(text)) return 'subsolid';
  return null;
}

function statusOf(text: string): Facts['status'] {
  if (GROWING.test(text)) return 'growing';
  if (STABLE.test(text)) return 'stable';
  if (NEW.test(text)) return 'new';
  return null;
}

function menopauseOf(report: Report, age: number | null): Facts['menopause'] {
  if (POSTMENOPAUSAL.test(report.text)) return 'postmenopausal';
  if (PREMENOPAUSAL.test(report.text)) return 'premenopausal';
  // O-RADS: where the status is unknown, older than 50 counts as postmenopausal.
  if (age === null) return null;
  return age > 50 ? 'postmenopausal' : 'premenopausal';
}

function bosniakOf(text: string, features: string[], hu: number | null): Facts['bosniak'] {
  const m = BOSNIAK.exec(text);
  if (m) {
    const c = m[1].toUpperCase().replace('-', '');
    return ({ '1': 'I', '2': 'II', '2F': 'IIF', '3': 'III', '4': 'IV' } as Record<string, Facts['bosniak']>)[c] ?? (c as Facts['bosniak']);
  }
  if (features.includes('simple')) return 'I';
  // Bosniak 2019: a homogeneous mass of -9 to 20 HU is class II.
  if (hu !== null && hu >= -9 && hu <= 20 && /\bhomogeneous\b/i.test(text)) return 'II';
  return null;
}
