// Trainee mode: each report's finding mentions grouped into findings (one pleural effusion named in
// the findings and again in the impression is one finding), in an order that never depends on the
// order of the report's sentences.
import { sideInSentence, sitesAgree, type Finding, type Side } from '../nlp';
import { SITE_TRIES } from '../nlp/lexicon';
import { wordsFromTokens } from '../nlp/words';
import type { Report, Span } from '../report/types';
import type { UnderstoodReport } from './types';

// Sections whose findings are the clinical question or a prior study, not this study's findings.
const NOT_FINDINGS = new Set(['history', 'exam', 'comparison', 'technique']);

export type Polarity = 'positive' | 'absent';
export type Group = 'findings' | 'impression';

/** One finding of one report: every mention of it, wherever in the report. */
export interface Item {
  report: Report;
  mentions: Finding[];
  concepts: Set<string>;
  side: Side | null;
  sites: string[];
  polarity: Polarity;
  /** A canonical description, the same whatever the order of the sentences. */
  key: string;
}

export const polarityOf = (f: Finding): Polarity | null =>
  f.assertion === 'present' || f.assertion === 'possible' ? 'positive' : f.assertion === 'absent' ? 'absent' : null;
export const groupOf = (f: Finding): Group => (f.section === 'impression' ? 'impression' : 'findings');
export const textOf = (report: Report, span: Span) => report.text.slice(span.start, span.end);

// What a normal statement denies ("The lungs are clear" -> no consolidation, no edema, ...) is read
// for the consistency rules; compared mention by mention it would score one wording as dozens of
// denials, so only what the reports name is compared.
function mentionsOf({ understanding }: UnderstoodReport): Finding[] {
  return understanding.findings.filter((f) => polarityOf(f) !== null && !NOT_FINDINGS.has(f.section) && !f.normal);
}

export const sortedSites = (sites: readonly string[]) => [...new Set(sites)].sort();
export const mentionKey = (report: Report, f: Finding) =>
  [
    f.concept,
    f.side ?? '',
    sortedSites(f.site).join('+'),
    f.assertion,
    groupOf(f),
    f.measurements.map((m) => `${m.value.join('x')}${m.unit}`).join(','),
    textOf(report, f).toLowerCase(),
  ].join('|');

const sameKind = (a: Finding, b: Finding) => polarityOf(a) === polarityOf(b) && a.concept === b.concept && sitesAgree(a, b);

/** The anatomic sites each sentence names (lexicon site phrases), by sentence index. */
function sentenceSites(report: Report): Map<number, string[]> {
  const words = wordsFromTokens(report.tokens);
  const out = new Map<number, string[]>();
  let w = 0;
  report.sentences.forEach((sentence, index) => {
    while (w < words.length && words[w].start < sentence.start) w++;
    let end = w;
    while (end < words.length && words[end].end <= sentence.end) end++;
    const inSentence = words.slice(w, end);
    const sites = new Set<string>();
    for (let k = 0; k < inSentence.length;) {
      const hit = SITE_TRIES.base.match(inSentence, k) ?? SITE_TRIES.exact.match(inSentence, k);
      if (hit) {
        sites.add(hit.value.site);
        k = hit.end;
      } else k++;
    }
    if (sites.size) out.set(index, [...sites].sort());
    w = end;
  });
  return out;
}

/**
 * Sites without the ones a more specific site makes redundant: "lung" next to "upper lobe" says
 * nothing more, and would agree with a lower lobe elsewhere. A site is broad when it can be the same
 * place as both the apex and the base (the consistency relations decide which sites those are).
 */
export function specificSites(model: Finding, sites: string[]): string[] {
  const at = (site: string): Finding => ({ ...model, site: [site] });
  const broad = (site: string) => sitesAgree(at(site), at('apex')) && sitesAgree(at(site), at('base'));
  const narrow = sites.filter((site) => !broad(site));
  return narrow.length ? narrow : sites;
}

/**
 * The report's findings, one per concept and place. A mention joins a finding when it names the same
 * concept as every mention in it, on the same side and a compatible site; a mention without a side
 * ("Pleural effusion." in the impression) joins every finding it can be. Other words for the same
 * finding ("opacity" here, "pneumonia" there) are paired across reports, not merged here: "opacity"
 * would chain atelectasis and pneumonia into one. Mentions are taken in a canonical order, never the
 * text's, so reordered sentences group alike.
 */
export function itemsOf(text: UnderstoodReport): Item[] {
  const { report } = text;
  const placesBySentence = sentenceSites(report);
  const mentions = mentionsOf(text);
  const perSentence = new Map<number, number>();
  for (const f of mentions) perSentence.set(f.sentenceIndex, (perSentence.get(f.sentenceIndex) ?? 0) + 1);
  const keyed = mentions.map((f) => {
    // The side of a sentence that names one side only ("Calcified granuloma, right lung base.") is
    // the finding's, and so is the site of a sentence about this finding alone: the findings core
    // binds them inside the noun phrase, a sentence about one finding does not stop there.
    const side = sideInSentence(report, f);
    const alone = perSentence.get(f.sentenceIndex) === 1;
    const only = f.site.length || !alone ? [] : specificSites(f, placesBySentence.get(f.sentenceIndex) ?? []);
    const site = only.length === 1 ? only : f.site;
    const mention = side === f.side && site === f.site ? f : { ...f, side, site };
    return { f: mention, key: mentionKey(report, mention) };
  });
  keyed.sort((a, b) => cmp(a.key, b.key));
  const groups: Finding[][] = [];
  const fits = (group: Finding[], f: Finding) => group.every((g) => g.side === f.side && sameKind(g, f));
  for (const { f } of keyed.filter((k) => k.f.side)) {
    const home = groups.find((g) => fits(g, f));
    if (home) home.push(f);
    else groups.push([f]);
  }
  const sidedCount = groups.length;
  for (const { f } of keyed.filter((k) => !k.f.side)) {
    const homes = groups.slice(0, sidedCount).filter((g) => g.every((m) => sameKind(m, f)));
    for (const home of homes) home.push(f);
    if (homes.length) continue;
    const loose = groups.slice(sidedCount).find((g) => g.every((m) => sameKind(m, f)));
    if (loose) loose.push(f);
    else groups.push([f]);
  }

  return groups.map((group) => {
    const side = group.find((f) => f.side)?.side ?? null;
    // An unsided mention that joined ("retrocardiac density") lends no site to a sided finding.
    const own = group.filter((f) => f.side === side);
    const sites = specificSites(group[0], sortedSites(own.flatMap((f) => f.site)));
    const concepts = new Set(group.map((f) => f.concept));
    const key = group
      .map((f) => mentionKey(report, f))
      .sort()
      .join('||');
    group.sort((a, b) => a.start - b.start);
    return { report, mentions: group, concepts, side, sites, polarity: polarityOf(group[0]) as Polarity, key };
  });
}

/** Text order for canonical keys (never the locale's). */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
