// Published follow-up guidelines as data, and a pure evaluator: the facts of one finding in, the
// guideline's row (or rows, where a fact the row needs is unknown) out. No report text here.
import { CONCEPT_BY_ID } from '../nlp/lexicon';
import fleischner from './data/fleischner-2017.json';
import lungRads from './data/lung-rads-2022.json';
import adrenal from './data/acr-adrenal-2017.json';
import thyroid from './data/acr-thyroid-2015.json';
import aaa from './data/acr-aaa-2013.json';
import renal from './data/acr-renal-2018.json';
import liver from './data/acr-liver-2017.json';
import pancreas from './data/acr-pancreas-2017.json';
import gallbladder from './data/sru-gallbladder-2022.json';
import adnexal from './data/o-rads-us-2020.json';
import {
  GuidelineSchema,
  type CONTEXTS,
  type COUNTS,
  type FollowUp,
  type Guideline,
  type MENOPAUSE,
  type MODALITIES,
  type NODULE_TYPES,
  type Range,
  type Row,
  type STATUSES,
  type When,
} from './schema';

export type { FollowUp, Guideline, Row } from './schema';
export type NoduleType = (typeof NODULE_TYPES)[number];
export type Context = (typeof CONTEXTS)[number];
export type Modality = (typeof MODALITIES)[number];

/** What the report says of one finding, as a guideline reads it. Unknown facts are left out (or null). */
export interface Facts {
  /** The lexicon concept id of the finding. */
  concept: string;
  /** Dimensions in mm as the report gives them ("8 x 6 mm" -> [8, 6]). */
  dimensionsMm?: number[];
  /** The largest dimension in mm, when no dimensions are given. */
  sizeMm?: number | null;
  /** The unit the report used, for the message. */
  sizeUnit?: 'mm' | 'cm';
  volumeMm3?: number | null;
  type?: NoduleType | null;
  solidComponentMm?: number | null;
  count?: (typeof COUNTS)[number] | null;
  attenuationHu?: number | null;
  age?: number | null;
  sex?: 'female' | 'male' | null;
  menopause?: (typeof MENOPAUSE)[number] | null;
  context?: Context[];
  risk?: 'low' | 'high' | 'unknown' | null;
  status?: (typeof STATUSES)[number] | null;
  modality?: Modality | null;
  features?: string[];
  bosniak?: 'I' | 'II' | 'IIF' | 'III' | 'IV' | null;
}

export interface GuidelineRef {
  id: string;
  name: string;
  short: string;
  year: number;
  citation: string;
  reference: string;
  source: string;
}

export interface Recommendation {
  guideline: GuidelineRef;
  /** recommend: rows found; out-of-scope: the guideline does not apply (reason says why); no-row: applies, but the report lacks what a row needs. */
  status: 'recommend' | 'out-of-scope' | 'no-row';
  reason?: string;
  /** The matching rows; more than one where a fact they need is unknown (risk): the message gives each. */
  rows: Row[];
  /** The size as the guideline measures it (mm), after its rounding. */
  sizeMm: number | null;
  /** "solitary solid 7 mm nodule". */
  description: string;
  /** "Fleischner 2017: solitary solid 7 mm nodule, low risk: CT at 6–12 months, ..." */
  text: string;
  /** True when one of the rows accepts no follow-up: then a report without a recommendation may be right. */
  noneAcceptable: boolean;
}

const RAW = [fleischner, lungRads, adrenal, thyroid, aaa, renal, liver, pancreas, gallbladder, adnexal];

function load(): readonly Guideline[] {
  const out = RAW.map((raw) => {
    const parsed = GuidelineSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`guidelines: ${(raw as { id?: string }).id}: ${parsed.error.message}`);
    return parsed.data;
  });
  const ids = new Set<string>();
  for (const g of out) {
    if (ids.has(g.id)) throw new Error(`guidelines: duplicate id ${g.id}`);
    ids.add(g.id);
    // Referential check: every concept a guideline names exists in the findings lexicon.
    for (const s of g.subjects)
      if (!CONCEPT_BY_ID.has(s.concept)) throw new Error(`guidelines: ${g.id} names unknown concept ${s.concept}`);
    const rowIds = new Set<string>();
    for (const r of g.rows) {
      if (rowIds.has(r.id)) throw new Error(`guidelines: ${g.id} has two rows ${r.id}`);
      rowIds.add(r.id);
    }
  }
  return out;
}

/** Every guideline, in the order they are tried. */
export const GUIDELINES: readonly Guideline[] = load();
export const GUIDELINE_BY_ID: ReadonlyMap<string, Guideline> = new Map(GUIDELINES.map((g) => [g.id, g]));
/** Every concept some guideline covers: a report naming none of them costs the rule nothing. */
export const COVERED_CONCEPTS: ReadonlySet<string> = new Set(GUIDELINES.flatMap((g) => g.subjects.map((s) => s.concept)));

const refOf = (g: Guideline): GuidelineRef => ({
  id: g.id,
  name: g.name,
  short: g.short,
  year: g.year,
  citation: g.citation,
  reference: g.reference,
  source: g.source,
});

type Verdict = 'yes' | 'no' | 'maybe';

const inRange = (v: number, r: Range) =>
  (r.gt === undefined || v > r.gt) &&
  (r.gte === undefined || v >= r.gte) &&
  (r.lt === undefined || v < r.lt) &&
  (r.lte === undefined || v <= r.lte);

/** Half-up rounding to a step, free of binary noise (5.5 -> 6 at 1 mm, 7.95 -> 8.0 at 0.1 mm). */
function roundTo(v: number, step: number): number {
  const n = Math.round(Number((v / step).toFixed(6)));
  return Number((n * step).toFixed(6));
}

/** The size a guideline compares: Fleischner and Lung-RADS the mean of long and short axes, the others the largest. */
export function measuredSize(g: Guideline, facts: Facts): number | null {
  const dims = (facts.dimensionsMm ?? []).filter((d) => Number.isFinite(d) && d > 0);
  let size: number | null;
  if (dims.length === 0) size = facts.sizeMm ?? null;
  else if (g.measure === 'largest') size = Math.max(...dims);
  else if (dims.length === 1) size = dims[0];
  else size = (Math.max(dims[0], dims[1]) + Math.min(dims[0], dims[1])) / 2;
  if (size === null) return null;
  return g.roundMm ? roundTo(size, g.roundMm) : size;
}

const featuresNamedByRows = new Map<string, Set<string>>(
  GUIDELINES.map((g) => [g.id, new Set(g.rows.flatMap((r) => r.when.features ?? []))]),
);

function test(g: Guideline, when: When, facts: Facts, size: number | null, asking: boolean): Verdict {
  const ask = (key: (typeof g.ask)[number]): Verdict => (asking && g.ask.includes(key) ? 'maybe' : 'no');
  let verdict: Verdict = 'yes';
  const fold = (v: Verdict) => {
    if (v === 'no') verdict = 'no';
    else if (v === 'maybe' && verdict === 'yes') verdict = 'maybe';
  };
  const useVolume = when.volumeMm3 !== undefined && facts.volumeMm3 != null;
  if (when.sizeMm && !useVolume) fold(size === null ? 'no' : inRange(size, when.sizeMm) ? 'yes' : 'no');
  if (when.volumeMm3 && useVolume) fold(inRange(facts.volumeMm3!, when.volumeMm3) ? 'yes' : 'no');
  if (when.solidComponentMm) {
    const s = facts.solidComponentMm == null ? null : g.roundMm ? roundTo(facts.solidComponentMm, g.roundMm) : facts.solidComponentMm;
    fold(s === null ? 'no' : inRange(s, when.solidComponentMm) ? 'yes' : 'no');
  }
  if (when.attenuationHu) fold(facts.attenuationHu == null ? 'no' : inRange(facts.attenuationHu, when.attenuationHu) ? 'yes' : 'no');
  if (when.age) fold(facts.age == null ? ask('age') : inRange(facts.age, when.age) ? 'yes' : 'no');
  const pick = <T extends string>(list: readonly T[] | undefined, value: T | null | undefined, key: (typeof g.ask)[number] | null) => {
    if (!list) return;
    if (value == null) fold(key ? ask(key) : 'no');
    else fold(list.includes(value) ? 'yes' : 'no');
  };
  pick(when.type, facts.type ?? g.defaults.type, 'type');
  pick(when.count, facts.count ?? g.defaults.count, null);
  pick(when.status, facts.status ?? g.defaults.status, null);
  pick(when.risk, facts.risk === 'unknown' ? null : facts.risk, 'risk');
  pick(when.menopause, facts.menopause, 'menopause');
  pick(when.modality, facts.modality, null);
  pick(when.bosniak, facts.bosniak, null);
  const context = facts.context ?? [];
  if (when.context) fold(when.context.some((c) => context.includes(c)) ? 'yes' : 'no');
  if (when.notContext) fold(when.notContext.some((c) => context.includes(c)) ? 'no' : 'yes');
  if (when.features) {
    const features = facts.features ?? [];
    if (when.features.some((f) => features.includes(f))) fold('yes');
    else {
      // Unknown only when the report names none of the features the table tells apart.
      const named = featuresNamedByRows.get(g.id)!;
      fold(features.some((f) => named.has(f)) ? 'no' : ask('features'));
    }
  }
  return verdict;
}

function formatSize(mm: number, unit: 'mm' | 'cm' | undefined): string {
  const cm = unit === 'cm';
  const v = cm ? mm / 10 : mm;
  return `${Number(v.toFixed(cm ? 2 : 1))} ${cm ? 'cm' : 'mm'}`;
}

function describe(g: Guideline, facts: Facts, size: number | null): string {
  const parts: string[] = [];
  const d = new Set(g.describe);
  if (d.has('count')) parts.push((facts.count ?? g.defaults.count) === 'multiple' ? 'multiple' : 'solitary');
  if (d.has('type')) parts.push(facts.type ?? g.defaults.type ?? '');
  if (d.has('size') && size !== null) parts.push(formatSize(size, facts.sizeUnit));
  if (d.has('bosniak') && facts.bosniak) parts.push(`Bosniak ${facts.bosniak}`);
  parts.push((facts.count ?? g.defaults.count) === 'multiple' && g.noun.endsWith('nodule') ? `${g.noun}s` : g.noun);
  return parts.filter(Boolean).join(' ');
}

/** The message text for a set of rows: one row "desc, qualifier: rec"; several "desc: q1: rec1; q2: rec2". */
export function recommendationText(g: Guideline, description: string, rows: readonly Row[]): string {
  if (rows.length === 1) {
    const q = rows[0].qualifier ? `, ${rows[0].qualifier}` : '';
    return `${g.short}: ${description}${q}: ${rows[0].recommendation}`;
  }
  return `${g.short}: ${description}: ${rows.map((r) => `${r.qualifier || r.label}: ${r.recommendation}`).join('; ')}`;
}

/** One guideline's answer for the facts. */
export function evaluate(g: Guideline, facts: Facts): Recommendation {
  const size = measuredSize(g, facts);
  const description = describe(g, facts, size);
  const base = { guideline: refOf(g), sizeMm: size, description, rows: [] as Row[], noneAcceptable: true };
  const silent = (status: 'out-of-scope' | 'no-row', reason: string): Recommendation => ({
    ...base,
    status,
    reason,
    text: `${g.short}: ${reason}`,
  });
  if (facts.modality && !g.modalities.includes(facts.modality))
    return silent('out-of-scope', `${g.short} is written for ${g.modalities.join(', ')}; this is ${facts.modality}.`);
  for (const s of g.inScope) if (test(g, s.when, facts, size, false) !== 'yes') return silent('out-of-scope', s.reason);
  for (const s of g.outOfScope) if (test(g, s.when, facts, size, false) === 'yes') return silent('out-of-scope', s.reason);
  for (const need of g.requires) {
    if (need === 'sizeMm' && size === null) return silent('no-row', 'the report gives no size.');
    if (need === 'bosniak' && !facts.bosniak) return silent('no-row', 'the report gives no Bosniak class (nor a simple cyst).');
    if (need === 'age' && facts.age == null) return silent('no-row', 'the report gives no age.');
  }
  // The first row that holds on what is known wins; rows that hold only for some value of an
  // unknown fact (risk) are gathered up to it, so the message can give each.
  const rows: Row[] = [];
  for (const row of g.rows) {
    const v = test(g, row.when, facts, size, true);
    if (v === 'no') continue;
    rows.push(row);
    if (v === 'yes') break;
  }
  if (!rows.length) return silent('no-row', `no row of the table fits this ${g.noun}.`);
  return {
    ...base,
    status: 'recommend',
    rows,
    text: recommendationText(g, description, rows),
    noneAcceptable: rows.some((r) => r.accepts.some((a) => a.action === 'none')),
  };
}

/** The guidelines that cover a concept, in order (Fleischner before Lung-RADS; scope picks one). */
export function guidelinesFor(concept: string, enabled?: readonly string[]): Guideline[] {
  return GUIDELINES.filter((g) => (!enabled || enabled.includes(g.id)) && g.subjects.some((s) => s.concept === concept));
}

/**
 * What the guidelines recommend for one finding: the first that applies and has a row, else the
 * first that applies, else why none applies. Null when no guideline covers the concept.
 */
export function recommend(facts: Facts, enabled?: readonly string[]): Recommendation | null {
  const answers = guidelinesFor(facts.concept, enabled).map((g) => evaluate(g, facts));
  return answers.find((a) => a.status === 'recommend') ?? answers.find((a) => a.status === 'no-row') ?? answers[0] ?? null;
}

/** Whether one management agrees with one the row accepts. Intervals: the report's inside the row's, a week's slack. */
export function followUpAgrees(said: FollowUp, accepted: FollowUp): boolean {
  if (said.action !== accepted.action) return false;
  if (said.action !== 'imaging') return true;
  if (said.modality && accepted.modality && !said.modality.some((m) => accepted.modality!.includes(m))) return false;
  if (said.months && accepted.months) {
    const slack = 0.25;
    return said.months[0] >= accepted.months[0] - slack && said.months[1] <= accepted.months[1] + slack;
  }
  return true;
}

/** How soon a finding's rows act, in months (tissue sampling 0, no follow-up never): the most suspicious acts soonest. */
export function urgencyOf(rows: readonly Row[]): number {
  let soonest = Infinity;
  for (const r of rows)
    for (const a of r.accepts) {
      const m = a.action === 'none' ? Infinity : a.action === 'imaging' ? (a.months?.[0] ?? 6) : 0;
      soonest = Math.min(soonest, m);
    }
  return soonest;
}
