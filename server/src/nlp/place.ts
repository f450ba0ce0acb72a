// Side and site: the side and site words of a mention's own phrase (modifiers before it, a locative
// phrase after it), or the side its own words carry.
import { SIDE_TRIE, SITE_TRIES, sideOfSides, TERM_SIDES } from './lexicon';
import { BACK_STOP, COMPARATIVES, COPULAS, HEART_PARTS, LOCATIVE, PHRASE_STOP, RELATIVE_LINK } from './grammar';
import type { Mention, SentenceWords } from './scan';
import type { Side } from './types';
import { firstWordBits } from './trie';
import type { Word } from './words';

interface Place {
  sides: Set<Side>;
  sites: string[];
}

// placeAt is tried at most words around each finding: one look-up of the word says which of the side and
// site tries it can start, and a word whose first character starts no abbreviation skips the exact trie.
const SITE = 1;
const SIDE = 2;
const PLACE_STARTS = firstWordBits([
  [SITE_TRIES.base, SITE],
  [SIDE_TRIE, SIDE],
]);
const EXACT_SITE_FIRST = new Set<number>();
for (const key of SITE_TRIES.exact.firstKeys()) EXACT_SITE_FIRST.add(key.charCodeAt(0));

/** A side or site phrase at words[k], or null. Side words naming heart chambers are not laterality. */
function placeAt(words: readonly Word[], k: number): { end: number; side?: Side; site?: string } | null {
  const w = words[k];
  if (w === undefined) return null;
  const can = PLACE_STARTS.get(w.norm) ?? 0;
  const site =
    (can & SITE ? SITE_TRIES.base.match(words, k) : null) ??
    (EXACT_SITE_FIRST.has(w.text.charCodeAt(0)) ? SITE_TRIES.exact.match(words, k) : null);
  const side = can & SIDE ? SIDE_TRIE.match(words, k) : null;
  if (side && (!site || side.end > site.end)) {
    const next = words[side.end]?.norm;
    if (next && HEART_PARTS.has(next)) return { end: side.end + 1 };
    return { end: side.end, side: side.value.side };
  }
  if (site)
    return { end: site.end, side: site.value.side ?? (side && side.end === site.end ? side.value.side : undefined), site: site.value.site };
  return null;
}

function addPlace(place: Place, p: { side?: Side; site?: string }) {
  if (p.side) place.sides.add(p.side);
  if (p.site && !place.sites.includes(p.site)) place.sites.push(p.site);
}

/** Side and site words of the mention's own phrase: modifiers before it, and a locative phrase after it. */
export function placeOf(s: SentenceWords, m: Mention): { side: Side | null; site: string[]; phraseStart: number; phraseEnd: number } {
  const { words, mentionAt, cueAt } = s;
  const before: Place = { sides: new Set(), sites: [] };
  const after: Place = { sides: new Set(), sites: [] };

  // Words of the mention itself may name a site ("apical pneumothorax").
  for (let k = m.i; k < m.j;) {
    const p = placeAt(words, k);
    if (p) {
      addPlace(before, p);
      k = p.end;
    } else k++;
  }

  // Backwards over modifiers: "right lower lobe patchy opacity", "right greater than left effusions".
  let count = 0;
  let phraseStart = m.i;
  for (let k = m.i - 1; k >= 0 && count < 7; k--, count++) {
    const w = words[k];
    if (mentionAt[k] >= 0 || (w.kind === 'punct' && w.norm !== '/')) break;
    phraseStart = k;
    const norm = w.norm;
    if (COMPARATIVES.has(norm) || norm === 'than') continue;
    if (norm === 'and' && before.sides.size > 0 && k > 0 && SIDE_TRIE.match(words, k - 1)) continue;
    if (BACK_STOP.has(norm)) break;
    if (cueAt[k] >= 0) break;
    // Phrases read forwards: find the one that ends here.
    for (let start = Math.max(0, k - 3); start <= k; start++) {
      const p = placeAt(words, start);
      if (p && p.end === k + 1) {
        addPlace(before, p);
        count += k - start;
        k = start;
        break;
      }
    }
  }

  // Forwards through a locative phrase: "opacity at the left base", "effusion is seen on the right",
  // "an opacity which appears to be within the right lower lobe", "effusion, on the left".
  count = 0;
  let phraseEnd = m.j;
  for (let k = m.j; k < words.length && count < 9; count++) {
    if (after.sides.size > 0 || after.sites.length > 0) phraseEnd = k;
    const w = words[k];
    if (mentionAt[k] >= 0) break;
    if (w.norm === ',' && k === m.j && placeAfterComma(s, k)) {
      k++;
      continue;
    }
    // "plaques in the aortic arch, ascending aorta, and coronary arteries": one finding in a list of places
    // (list words do not count against the phrase's length).
    if ((w.norm === ',' || w.norm === 'and') && after.sites.length > 0) {
      const next = siteAhead(s, k + 1, w.norm === 'and');
      if (next > 0) {
        k = next;
        count--;
        continue;
      }
    }
    if (w.kind === 'punct' && w.norm !== '/' && w.norm !== '-' && w.norm !== '%') break; // "stenosis of 70% in the left ..."
    const norm = w.norm;
    if ((norm === 'which' || norm === 'that') && after.sides.size === 0 && after.sites.length === 0) {
      const past = pastRelativeLink(words, k + 1);
      if (past > k + 1) {
        k = past;
        continue;
      }
    }
    if (cueAt[k] >= 0 && s.cues[cueAt[k]].entry.pre?.kind !== 'terminate') break;
    if (norm === 'and' && after.sides.size > 0 && SIDE_TRIE.match(words, k + 1)) {
      k++;
      continue;
    }
    if (norm === 'than' && after.sides.size > 0) {
      k++;
      continue;
    }
    if (PHRASE_STOP.has(norm)) break;
    const p = placeAt(words, k);
    if (p) {
      addPlace(after, p);
      k = p.end;
      phraseEnd = k;
    } else k++;
  }

  const merged = before.sides.size > 0 ? before : { sides: after.sides, sites: before.sites };
  const sites = [...before.sites];
  for (const site of after.sites) if (!sites.includes(site)) sites.push(site);
  const sides = merged.sides;
  const side = sideOfSides(sides);
  return { side, site: sites, phraseStart, phraseEnd };
}

/** Where the next site of a list starts ("and the", "descending" may come first), or -1 when none follows; `sided`: a side may open it. */
function siteAhead(s: SentenceWords, k: number, sided: boolean): number {
  let start = -1;
  for (let n = k; n < Math.min(s.words.length, k + 4); n++) {
    const w = s.words[n];
    if (s.mentionAt[n] >= 0 || (w.kind === 'punct' && w.norm !== '-')) return -1;
    const p = placeAt(s.words, n);
    // After a comma a side starts a place of its own ("..., left lung clear"); so does a place with a verb.
    if (p?.side && !sided) return -1;
    if (p && start < 0) start = n;
    if (p?.site) return COPULAS.has(s.words[p.end]?.norm) ? -1 : start;
  }
  return -1;
}

/** The first word after "which"/"that" and its linking words, if a locative preposition follows them; else `k`. */
function pastRelativeLink(words: readonly Word[], k: number): number {
  let i = k;
  while (i < words.length && i - k < 5 && RELATIVE_LINK.has(words[i].norm)) i++;
  return i > k && i < words.length && LOCATIVE.has(words[i].norm) ? i : k;
}

/**
 * "effusion, on the left", "consolidation, right lower lobe": a place after a comma belongs to the finding
 * before it when it starts with a preposition or a side and runs to the next punctuation with no finding
 * and no verb of its own ("effusion, right lung is clear" is a new clause).
 */
function placeAfterComma(s: SentenceWords, comma: number): boolean {
  const { words, mentionAt } = s;
  const first = words[comma + 1];
  if (!first || !(LOCATIVE.has(first.norm) || SIDE_TRIE.match(words, comma + 1))) return false;
  let placed = false;
  for (let k = comma + 1; k < words.length && words[k].kind !== 'punct'; k++) {
    if (mentionAt[k] >= 0 || COPULAS.has(words[k].norm) || RELATIVE_LINK.has(words[k].norm)) return false;
    if (placeAt(words, k)) placed = true;
  }
  return placed;
}

/** A side carried by the words of the mention itself: "levoscoliosis", "pleural effusions". */
export function ownSide(s: SentenceWords, m: Mention): Side | null {
  const phrase = s.words
    .slice(m.i, m.j)
    .map((w) => w.norm)
    .join(' ');
  const side = TERM_SIDES.get(`${m.concept.id}|${phrase}`);
  if (side) return side;
  if (m.concept.pluralBilateral && /s$/.test(s.words[m.j - 1].norm) && !/(sis|ss)$/.test(s.words[m.j - 1].norm)) return 'bilateral';
  return null;
}
