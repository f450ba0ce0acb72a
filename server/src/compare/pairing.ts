// Trainee mode: how two findings relate, and the pairing of the two reports' findings from the
// closest agreement down to the loosest (same concept, then same family in other words, then
// differing in assertion, site or side). What stays unpaired is missed or extra.
import { sameFinding, sitesAgree, sitesMatch, type Finding, type Side } from '../nlp';
import { cmp, groupOf, type Group, type Item } from './items';

export const shareConcept = (a: Item, b: Item) => [...a.concepts].some((c) => b.concepts.has(c));
export const sameFamily = (a: Item, b: Item) => [...a.concepts].some((c) => [...b.concepts].some((d) => sameFinding(c, d)));

export type SideRelation = 'same' | 'open' | 'partial' | 'conflict';
export function sideRelation(a: Side | null, b: Side | null): SideRelation {
  if (a === b) return 'same';
  if (!a || !b) return 'open';
  return a === 'bilateral' || b === 'bilateral' ? 'partial' : 'conflict';
}

/** A stand-in finding carrying an item's sites, for the consistency relations. */
export const placeOf = (item: Item): Finding => ({ ...item.mentions[0], site: item.sites });
export const sitesOk = (a: Item, b: Item) => sitesAgree(placeOf(a), placeOf(b));

/** What the report asserts of a positive finding in a part of it: present wins over possible. */
export function assertionIn(item: Item, group?: Group): 'present' | 'possible' | 'absent' | null {
  const ms = group ? item.mentions.filter((f) => groupOf(f) === group) : item.mentions;
  if (!ms.length) return null;
  if (item.polarity === 'absent') return 'absent';
  return ms.some((f) => f.assertion === 'present') ? 'present' : 'possible';
}

/** Where the two reports differ in hedging: the part of the report both speak in, the findings first. */
export function hedgeDifference(a: Item, b: Item): Group | 'overall' | null {
  let common = false;
  for (const group of ['findings', 'impression'] as const) {
    const x = assertionIn(a, group);
    const y = assertionIn(b, group);
    if (!x || !y) continue;
    common = true;
    if (x !== y) return group;
  }
  if (common) return null;
  return assertionIn(a) !== assertionIn(b) ? 'overall' : null;
}

// Pairing tiers, closest first.
export const enum Tier {
  Exact, // same concept, side, site and assertion
  Wording, // same finding family in other words
  Hedge, // present in one, possible in the other
  Assertion, // stated in one, denied in the other
  Site,
  Side,
}

export function tierOf(a: Item, b: Item): Tier | null {
  if (!sameFamily(a, b)) return null;
  const side = sideRelation(a.side, b.side);
  const sites = sitesOk(a, b);
  const openSide = side === 'same' || side === 'open';
  if (a.polarity === b.polarity) {
    if (openSide && sites) {
      if (a.polarity === 'positive' && hedgeDifference(a, b)) return Tier.Hedge;
      return shareConcept(a, b) && side === 'same' ? Tier.Exact : Tier.Wording;
    }
    if (a.polarity === 'absent') return null;
    if (openSide) return Tier.Site;
    return sites ? Tier.Side : null;
  }
  return openSide && sites ? Tier.Assertion : null;
}

/** Finer order inside a tier: a shared concept, the same side, the very same site. */
function closeness(a: Item, b: Item): number {
  return (
    (shareConcept(a, b) ? 0 : 4) +
    (a.side === b.side ? 0 : 2) +
    (sitesMatch(placeOf(a), placeOf(b)) || (!a.sites.length && !b.sites.length) ? 0 : 1)
  );
}

export interface Pair {
  reference: Item;
  trainee: Item;
  tier: Tier;
}

/** Greedy pairing, closest first; ties broken by the items' canonical keys taken symmetrically. */
export function pairItems(reference: Item[], trainee: Item[]): { pairs: Pair[]; lonely: { reference: Item[]; trainee: Item[] } } {
  const paired = new Set<Item>();
  const pairs: Pair[] = [];

  // "Bilateral effusions" against a left and a right effusion: one finding told two ways.
  for (const [mine, theirs, asReference] of [
    [reference, trainee, true],
    [trainee, reference, false],
  ] as const) {
    for (const both of mine) {
      if (both.side !== 'bilateral' || both.polarity !== 'positive' || paired.has(both)) continue;
      const fits = (o: Item) => !paired.has(o) && o.polarity === 'positive' && sameFamily(both, o) && sitesOk(both, o);
      if (theirs.some((o) => o.side === 'bilateral' && fits(o))) continue;
      const left = theirs.find((o) => o.side === 'left' && fits(o));
      const right = theirs.find((o) => o.side === 'right' && fits(o));
      if (!left || !right) continue;
      paired.add(both).add(left).add(right);
      for (const one of [left, right]) {
        const tier = shareConcept(both, one) ? Tier.Exact : Tier.Wording;
        pairs.push(asReference ? { reference: both, trainee: one, tier } : { reference: one, trainee: both, tier });
      }
    }
  }

  const candidates: { r: Item; t: Item; tier: Tier; close: number; lo: string; hi: string }[] = [];
  for (const r of reference) {
    if (paired.has(r)) continue;
    for (const t of trainee) {
      if (paired.has(t)) continue;
      const tier = tierOf(r, t);
      if (tier === null) continue;
      const [lo, hi] = r.key < t.key ? [r.key, t.key] : [t.key, r.key];
      candidates.push({ r, t, tier, close: closeness(r, t), lo, hi });
    }
  }
  candidates.sort((a, b) => a.tier - b.tier || a.close - b.close || cmp(a.lo, b.lo) || cmp(a.hi, b.hi));
  for (const c of candidates) {
    if (paired.has(c.r) || paired.has(c.t)) continue;
    paired.add(c.r).add(c.t);
    pairs.push({ reference: c.r, trainee: c.t, tier: c.tier });
  }
  return { pairs, lonely: { reference: reference.filter((r) => !paired.has(r)), trainee: trainee.filter((t) => !paired.has(t)) } };
}
