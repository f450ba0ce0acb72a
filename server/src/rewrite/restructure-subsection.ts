// Where a FINDINGS sentence goes in a template: the organ subsection its organ words and findings
// point to (the organ named most, else a finding that lives in one organ, else the sentence before),
// "Other" for an organ the template has no place for. restructure.ts lays out the template around it.
import type { ReportTemplate } from '../templates/library';
import { ORGANS_OF_CONCEPT, organAt, organsNamed, type OrganHit } from '../nlp/organs';
import { wordsOf, type Word } from '../nlp/words';
import {
  AIRWAY_WORD,
  ARTERY_LEVEL,
  ARTERY_NOUN,
  BARE_FINDINGS,
  COMPOSITION_OF,
  EDGE_FIELDS,
  HELD_PLACE_OF,
  HELD_PLACES,
  HELD_PARTS_OF,
  FED_BY,
  LANDMARK_BEFORE,
  LOCATED_BY,
  LOOK_FINDINGS,
  WHOLES,
  NODE_REGIONS,
  NODE_STATION_REGIONS,
  PART_WORDS,
  PERFUSION_DEFECT,
  PERFUSION_ORGAN,
  PLACE_OF,
  PLACES,
  SHARED_ARTERY_NOUN,
  SHARED_PARTS,
  STATION_GAP,
  STATION_VESSELS,
  TERRITORY_AFTER,
  WINDOW_AFTER,
} from '../templates/placement-words';

/** How a sentence found its place. */
export type PlacedBy =
  | 'section' // its source section's header (EXAM, HISTORY, IMPRESSION ...)
  | 'title' // the exam title line at the top of a report without an EXAM header
  | 'label' // an organ label it starts with ("Liver: ...")
  | 'organ' // an organ it names ("The lungs are clear")
  | 'finding' // a finding that lives in one organ ("No pneumothorax")
  | 'context' // nothing of its own: it follows the sentence before it ("Otherwise unremarkable.")
  | 'other' // an organ the template has no subsection for
  | 'unplaced'; // nothing to go by: the FINDINGS section's head

export const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const sameLabel = (a: string, b: string) => norm(a).toLowerCase() === norm(b).toLowerCase();

export interface Target {
  /** Subsection index in template.findings, -1 for Other, -2 for the FINDINGS head. */
  sub: number;
  by: PlacedBy;
}
export const OTHER = -1;
const SECOND_CLAUSE = /[,;]\s+(?:and|but|while|whereas)\s+(?=(?:the|there|no|a|an)\b)/i;
const REGIONS = new Set(['abdominal-regions']);
const CONUS_ENDS = /\bconus\b[^.;]*\b(?:terminat\w*|ends?)\b/i;
const LEVEL_FIELD = /^[CTLS]\d{1,2}-[CTLS]?\d{1,2}$/i;
const sameSubs = (a: readonly number[], b: readonly number[] | undefined) => !!b && a.length === b.length && a.every((x, i) => x === b[i]);
// Between two organs of one list: a comma, "and", "or", "as well as".
const LIST_GAP = /^\s*(?:,\s*|,?\s*(?:and|or|as well as)\s+(?:the\s+)?|\s*[&/]\s*)$/i;
export const HEAD = -2;
// An adjective of a space around or within an organ: "intracranial", "retroperitoneal", "intramammary"
// (not the organ itself: "calvarial signal abnormalities" are the skull's).
const OF_OWNER = /^\s+of\s+(?:the\s+)?(?:(?:left|right|bilateral|medial|lateral|proximal|distal)\s+)?$/i;
/** A finding that lives in at least this many organs (a mass, a cyst, a lesion) says nothing of where it is. */
export const MANY_PLACES = 4;
const VESSEL_NOUN = /\b(?:arter(?:y|ies)|branch(?:es)?|vessels?|veins?)$/i;
const ADJECTIVE = /^(?:intra|inter|retro|peri|para|sub|supra|infra|extra)[a-z]+(?:al|ic|ar|ary)$/i;

/** An organ hit, or a place word's (placement-words.json `places`). */
type PlaceHit = OrganHit & { place?: true };

/**
 * The organs a sentence names, as placing reads them: a vessel before "territory" stands for the
 * organ it feeds, and a thing the lexicon has no finding for names the organ it lives in ("phleboliths": veins).
 */
function placesOf(
  organs: readonly OrganHit[],
  text: string,
  offset: number,
  held: (organ: string) => boolean,
  partOwner: (word: string) => string | undefined = () => undefined,
): PlaceHit[] {
  // "the lung parenchyma window" is how the images were shown, no place.
  // A structure of an organ of no field here named with its head noun ("the medial collateral ligament
  // complex" of an elbow, whose field is Ligaments): the head noun's organ, where that has a field.
  const kept = organs
    .filter((h) => !WINDOW_AFTER.test(text.slice(h.end - offset)))
    .map((h) => {
      if (h.by !== 'term' || held(h.organ) || organs.some((g) => g.start === h.start && g.end === h.end && held(g.organ))) return h;
      const word = text.slice(h.start - offset, h.end - offset);
      const ws = wordsOf(word);
      // A part the organ of this template's own has too ("Right lobe:", "upper pole" in a thyroid US): that organ's.
      const organ = (ws.length > 1 ? organAt(ws, ws.length - 1)?.organs.find(held) : undefined) ?? partOwner(word.toLowerCase());
      return organ ? { ...h, organ } : h;
    });
  const hits = kept.flatMap((h, k) => {
    const fed = FED_BY.get(h.organ);
    if (fed && TERRITORY_AFTER.test(text.slice(h.end - offset))) return [{ ...h, organ: fed }];
    const shared = sharedHead(h, kept.slice(k + 1), text, offset);
    return shared ? shared.map((organ) => ({ ...h, organ })) : [h];
  });
  // A place word inside a longer organ term is that organ's ("inguinal" in "inguinal canal").
  const inTerm = (p: { start: number; end: number }) =>
    hits.some((h) => h.by === 'term' && h.start <= p.start && p.end <= h.end && h.end - h.start > p.end - p.start);
  const placeHit = (organ: string, m: RegExpExecArray) => ({
    organ,
    start: offset + m.index,
    end: offset + m.index + m[0].length,
    by: 'term' as const,
    place: true as const,
  });
  // Places only where this template has a field for them (the part of a neighbouring region a scan takes in).
  // (Not a part of another organ the sentence names: "… of the descending aorta extending from the isthmus" is the aorta's.)
  const heldHere = [...text.matchAll(HELD_PLACES)]
    .filter((m) => !hits.some((h) => HELD_PARTS_OF.get(m[0].toLowerCase())?.includes(h.organ)))
    .map((m) => placeHit(HELD_PLACE_OF.get(m[0].toLowerCase())!, m))
    .filter((p) => held(p.organ));
  // A held place outranks the everywhere place of the same words: an umbilical hernia is the body wall's,
  // but in a chest CT, whose body wall field is the chest wall, the upper abdomen's the scan takes in.
  const overlapsHeld = (p: { start: number; end: number }) => heldHere.some((q) => q.start < p.end && p.start < q.end);
  const places: PlaceHit[] = [
    ...[...text.matchAll(PLACES)].map((m) => placeHit(PLACE_OF.get(m[0].toLowerCase())!, m)).filter((p) => !overlapsHeld(p)),
    ...heldHere,
    // "There is a small fixed inferior defect." in a perfusion scan: the myocardium's perfusion, where a template has it.
    ...[...text.matchAll(PERFUSION_DEFECT)].map((m) => placeHit(PERFUSION_ORGAN, m)).filter((p) => held(p.organ)),
    // "segmental PE", "segmental and subsegmental pulmonary emboli": the pulmonary arteries, by the noun after the level.
    // Not "segmental branches" in a sentence of the airways ("… compatible with mucus in the airways"): the bronchi's.
    ...[...text.matchAll(ARTERY_LEVEL)]
      .map((m) =>
        placeHit(SHARED_ARTERY_NOUN.test(m[0]) && AIRWAY_WORD.test(text) && !ARTERY_NOUN.test(text) ? AIRWAYS : PULMONARY_ARTERIES, m),
      )
      .filter((p) => held(p.organ)),
  ].filter((p) => !inTerm(p));
  if (!places.length) return hits;
  // Words first in the order they stand, then the patterns (levels) as organsNamed gives them. A
  // place phrase outranks the organ words inside it ("fetal" in "fetal anatomic exam").
  const inPlace = (h: OrganHit) => places.some((p) => p.start <= h.start && h.end <= p.end);
  const terms = [...hits.filter((h) => h.by === 'term' && !inPlace(h)), ...places].sort((a, b) => a.start - b.start);
  return [...terms, ...hits.filter((h) => h.by === 'pattern')];
}

// "and", "or" or a comma, then at most two words that grade the next one ("mild aortic and trace pulmonic regurgitation").
const SHARED_GAP = /^\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or)\s+)(?:[a-z-]+\s+){0,2}$/i;

/**
 * A word that shares the head noun of the term after it ("aortic and pulmonary regurgitation" is
 * aortic regurgitation and pulmonary regurgitation): the organs the word names with that head, when
 * they are others than the word's alone ("aortic" is the aorta's, "aortic regurgitation" the valve's).
 */
function sharedHead(h: OrganHit, after: readonly OrganHit[], text: string, offset: number): readonly string[] | null {
  // The list's head noun stands on its last member ("thyroid, cricoid and arytenoid cartilages"): members of one word go by.
  let [end, k] = [h.end, 0];
  while (
    after[k] &&
    after[k].by === 'term' &&
    after[k].start >= end &&
    wordsOf(text.slice(after[k].start - offset, after[k].end - offset)).length === 1 &&
    LIST_GAP.test(text.slice(end - offset, after[k].start - offset))
  )
    end = after[k++].end;
  const next = after[k];
  if (!next || h.by !== 'term' || next.by !== 'term' || !SHARED_GAP.test(text.slice(end - offset, next.start - offset))) return null;
  const own = wordsOf(text.slice(h.start - offset, h.end - offset));
  const head = wordsOf(text.slice(next.start - offset, next.end - offset)).slice(1);
  if (own.length !== 1 || head.length === 0) return null;
  const joined = [...own, ...head];
  const m = organAt(joined, 0);
  return m && m.end === joined.length && !m.organs.includes(h.organ) ? m.organs : null;
}

/**
 * A lymph node that heads its sentence: named first, with only the words of its station before it
 * ("internal jugular chain lymph nodes", "hepatic hilum lymph nodes"), or a lymphadenopathy that opens
 * the sentence ("lymphadenopathy along the internal jugular vein"). The organs of the station's name
 * come with it; null when the sentence opens on something else.
 */
function nodeHeading(
  organs: readonly PlaceHit[],
  concepts: readonly { concept: string; start: number }[],
  text: string,
  offset: number,
): { station: PlaceHit[]; lead?: true } | null {
  const nodeFinding = (c: { concept: string }) => {
    const of = ORGANS_OF_CONCEPT.get(c.concept) ?? [];
    return of.includes(NODES) && of.length < MANY_PLACES;
  };
  const items = [
    ...organs
      .filter((h) => h.by === 'term')
      .map((h) => ({ start: h.start, end: h.end, hit: h as PlaceHit | null, node: h.organ === NODES })),
    // (Not a finding read off an organ's normal statement, which starts at the organ's word: "The aorta and lymph nodes are normal".)
    // Another finding first ("No abdominal ascites or lymphadenopathy") heads the sentence itself.
    ...concepts
      .filter((c) => !organs.some((h) => h.start === c.start))
      .map((c) => ({ start: c.start, end: c.start, hit: null, node: nodeFinding(c) })),
  ].sort((a, b) => a.start - b.start);
  // A place said first, set off by a comma, then the nodes as the subject ("In the short axis of the descending aorta,
  // a few lymph nodes up to 9 mm are observed", "Along the ascending aorta, there are a few subcentimeter lymph
  // nodes"): the nodes head the sentence, the place's organs are their station.
  const lead = LEAD_PLACE.exec(text);
  if (lead) {
    const leadEnd = offset + lead[0].length;
    const after = items.filter((x) => x.start >= leadEnd);
    if (after[0]?.node && !items.some((x) => x.start < leadEnd && x.node)) {
      const inLead = items.filter((x) => x.start < leadEnd);
      if (inLead.length && inLead.every((x) => x.hit)) return { station: inLead.map((x) => x.hit!), lead: true };
    }
  }
  const station: PlaceHit[] = [];
  for (const [k, item] of items.entries()) {
    // (Also a list of station adjectives: "para-aortic and aortocaval lymph nodes", not "the aorta and lymph nodes".)
    const gap = k > 0 ? text.slice(items[k - 1].end - offset, item.start - offset) : '';
    const adjective = k > 0 && STATION_ADJECTIVE.test(text.slice(items[k - 1].start - offset, items[k - 1].end - offset));
    // (A station word of no organ between, "retroperitoneal or mesenteric lymphadenopathy": one more station of the list.)
    const bare = gap.replace(STATION_WORD, ' ');
    if (k > 0 && !STATION_GAP.test(gap) && !(adjective && (LIST_GAP.test(gap) || LIST_GAP.test(bare)))) return null;
    if (item.node) return { station };
    if (!item.hit) return null;
    station.push(item.hit);
  }
  return null;
}
const NODES = 'lymph-nodes';
const PULMONARY_ARTERIES = 'pulmonary-arteries';
const AIRWAYS = 'airways';
const LUNGS = 'lungs';
const STATION_ADJECTIVE = /(?:ic|al|ar|ary|ac)$/i;
const LEAD_PLACE =
  /^\W*(?:in|at|along|around|adjacent to|next to|near|beside|anterior to|posterior to|lateral to|medial to)\b[^,;.]{1,100},\s*(?:there (?:is|are|was|were)\s+)?(?=\S)/i;
const STATION_WORD = new RegExp(`(?<![\\w-])(?:${[...NODE_STATION_REGIONS.keys()].join('|')})(?![\\w-])`, 'gi');

/** One clue to where a sentence belongs: an organ word, a disc level, or a finding that lives somewhere. */
interface Clue {
  at: number;
  subs: number[];
  /** Names one place (an organ word, or a finding of one organ); weak clues (mass, cyst) only add up. */
  strong: boolean;
  by: 'organ' | 'finding';
  /** A spine level ("C5-6"): the level's own field, when the sentence names one level. */
  level?: boolean;
  /** The organ an organ clue names. */
  organ?: string;
  /** The finding a finding clue is of. */
  concept?: string;
  /** An organ named as a landmark beside the place ("adjacent to the upper lobe"). */
  landmark?: boolean;
  /** A later member of a list of organs ("aortic valve, mitral valve, and tricuspid valve"): the list is one subject, its first. */
  listed?: boolean;
  /** Named by a place word ("interaortocaval"), not an organ word. */
  place?: boolean;
  /** Its word also names an organ of no field here ("axillae": the soft tissues and the axillae). */
  shared?: boolean;
}

interface Evidence {
  clues: Clue[];
  /** Some organ is named or implied. */
  known: boolean;
  /** Some clue points into the template. */
  inTemplate: boolean;
  /** An organ is named that no subsection holds ("the thyroid" in a CT abdomen). */
  namedOutside: boolean;
  /** An organ no subsection holds is named by a word that also names one a subsection holds ("axillary"). */
  sharedOutside: boolean;
  /** Where the first such organ is named. */
  outsideAt: number;
  /** "The conus terminates at L1-L2". */
  conusLevel: boolean;
  /** A lymph node heads the sentence: the organs of its station's name ("internal jugular chain nodes"), else null. */
  nodeHead: { station: PlaceHit[] } | null;
  /** Every organ word is a part word ("Parenchyma is homogeneous."): it is a part of the organ the sentence before spoke of. */
  partsOnly: boolean;
  /** The organs such part words name, where one names several ("cortical": the bones' and the brain's). */
  partOrgans: readonly string[];
}

export class Router {
  private readonly organSubs = new Map<string, number[]>();
  constructor(private readonly template: ReportTemplate) {
    template.findings.forEach((s, i) => {
      for (const o of s.organs) this.organSubs.set(o, [...(this.organSubs.get(o) ?? []), i]);
    });
  }

  evidence(
    words: readonly Word[],
    text: string,
    offset: number,
    concepts: readonly { concept: string; start: number }[],
    named?: Set<string>,
    spoken: readonly OrganHit[] = organsNamed(words, text, offset),
  ): Evidence {
    const organs = placesOf(
      spoken,
      text,
      offset,
      (o) => this.organSubs.has(o),
      (w) => this.partOwner(w),
    );
    const clues: Clue[] = [];
    let known = false;
    let namedOutside = false;
    let sharedOutside = false;
    let outsideAt = Infinity;
    let last: { organ: string; start: number; end: number; subs?: readonly number[] } | null = null;
    // A word for a part several organs have ("cortex": bone, brain, kidney) takes the organ the
    // sentence names in words of its own ("cortical thinning of the left kidney"); alone it stands for its organs.
    const isPart = (h: OrganHit) => h.by === 'term' && PART_WORDS.has(text.slice(h.start - offset, h.end - offset).toLowerCase());
    // (Only an organ with a place here: "prevertebral soft tissue swelling" in a template without the prevertebral space.)
    const own = new Set(organs.filter((h) => !isPart(h) && this.organSubs.has(h.organ)).map((h) => h.organ));
    // "the right lung lat lobe": the lobe is the lung's own, and counts for it.
    const yields = (h: OrganHit) => own.size > 0 && isPart(h) && !own.has(h.organ);
    const alone = (h: OrganHit) => !organs.some((g) => g !== h && g.start === h.start && g.end === h.end);
    // "the posterolateral corner of the tibia": a part named "of" another organ of this template is that
    // organ's (a contusion of the bone, not of the ligaments of the corner). Not a thing of many places
    // ("lymph nodes of the mesentery"), which the rules for those place.
    // (Not a vessel named "of" the organ it runs in: "the segmental branches of the right lower lobe" are arteries.)
    const ownedBy = (h: OrganHit) =>
      h.by === 'term' &&
      !LOCATED_BY.has(h.organ) &&
      !VESSEL_NOUN.test(text.slice(h.start - offset, h.end - offset)) &&
      organs.some((g) => {
        const gap = text.slice(h.end - offset, g.start - offset);
        return (
          g.by === 'term' &&
          g.start > h.end &&
          OF_OWNER.test(gap) &&
          this.organSubs.has(g.organ) &&
          !sameSubs(this.organSubs.get(g.organ)!, this.organSubs.get(h.organ))
        );
      });
    // An adjective of the space of one organ before the noun of another place, an organ or a finding of
    // one organ ("intracranial flow voids", "retroperitoneal lymphadenopathy"): the noun
    // names the thing, the adjective where it is. Of a thing found in many places ("intramammary lymph
    // node") the adjective is the place, unless the template has a field for that thing alone.
    const adjacentAfter = (h: OrganHit, start: number) => start > h.end && !/\S/.test(text.slice(h.end - offset, start - offset));
    const nounPlaces = (h: OrganHit, nouns: readonly string[]) => {
      const own = this.organSubs.get(h.organ) ?? [];
      const subs = nouns.flatMap((o) => this.organSubs.get(o) ?? []);
      const alone = (o: string) => (this.organSubs.get(o) ?? []).every((k) => this.template.findings[k].organs.length === 1);
      // ("paravesical fat planes" in a chest CT: the bladder's, though the chest wall holds fat.)
      return (
        subs.length > 0 && !subs.some((k) => own.includes(k)) && nouns.every((o) => !LOCATED_BY.has(o) || (alone(o) && own.length > 0))
      );
    };
    const modifier = (h: OrganHit) =>
      h.by === 'term' &&
      ADJECTIVE.test(text.slice(h.start - offset, h.end - offset)) &&
      (organs.some((g) => g.by === 'term' && adjacentAfter(h, g.start) && nounPlaces(h, [g.organ])) ||
        // (Not a finding of many places: a "pericardial cyst" is the pericardium's, not the liver's or kidney's.)
        concepts.some((c) => {
          const of = ORGANS_OF_CONCEPT.get(c.concept) ?? [];
          return adjacentAfter(h, c.start) && of.length < MANY_PLACES && nounPlaces(h, of);
        }));
    let list: { end: number; subs: readonly number[] } | null = null;
    for (const h of organs) {
      // A part word of no organ here ("no evidence of cortical thinning" in a renal scan) names no place: the sentence before does.
      if (isPart(h) && !this.organSubs.has(h.organ)) continue;
      known = true;
      // "The left ventricle is normal in size." in a cardiac CT: a word of the heart and of its chambers is the
      // chambers' where they have a field of their own, not the coronary arteries and myocardium's (the heart's); so is
      // the heart's adjective right before a chamber's word ("Cardiac wall motion is normal.").
      const partAt = (g: OrganHit) =>
        (g.start <= h.start && h.end <= g.end) || (g.start >= h.end && !/\S/.test(text.slice(h.end - offset, g.start - offset)));
      if (WHOLES.get(h.organ)?.some((p) => this.organSubs.has(p) && organs.some((g) => g.organ === p && partAt(g)))) continue;
      // One phrase is one mention: "biliary ductal dilatation" names the ducts once, not twice, and
      // "axillary lymph nodes" the axilla's field once, not once for the axilla and once for the nodes.
      const subs = this.organSubs.get(h.organ);
      const adjacent = last !== null && h.start >= last.end && !/\S/.test(text.slice(last.end - offset, h.start - offset));
      // And one word names its field once: "osseous" is the bones' and the vertebrae's, one field.
      const sameWord = last !== null && h.start === last.start && h.end === last.end && !!subs && sameSubs(subs, last.subs);
      const same = sameWord || (adjacent && (last!.organ === h.organ || (h.by === 'term' && !!subs && sameSubs(subs, last!.subs))));
      last = { organ: h.organ, start: h.start, end: h.end, subs };
      if (same) continue;
      named?.add(h.organ);
      if (yields(h) || modifier(h) || ownedBy(h)) continue;
      // A list starts at a word of one organ ("aortic arch" is the mediastinum's and the aorta's); its
      // members of the first one's place count there ("prevascular, paratracheal and subcarinal"), the others not.
      const inList: boolean = list !== null && h.by === 'term' && LIST_GAP.test(text.slice(list.end - offset, h.start - offset));
      const listed = inList && !sameSubs(list!.subs, subs);
      // A region ("the right lower quadrant, the appendix …") says where, and starts no list.
      if (h.by === 'term' && subs)
        list = inList ? { end: h.end, subs: list!.subs } : alone(h) && !REGIONS.has(h.organ) ? { end: h.end, subs } : null;
      const landmark = h.by === 'term' && LANDMARK_BEFORE.test(text.slice(0, h.start - offset));
      if (subs)
        clues.push({
          at: h.start,
          subs,
          strong: true,
          by: 'organ',
          level: h.by === 'pattern' && LEVEL_FIELD.test(h.organ),
          organ: h.organ,
          listed,
          landmark,
          place: h.place,
          shared: organs.some((g) => g.start === h.start && g.end === h.end && !this.organSubs.has(g.organ)),
        });
      // An organ with no field here named only as a landmark ("distal to the tip of the malleolus") is not where the finding is.
      // Nor is one whose word names an organ with a field here too ("axillary": the axillae, and the
      // chest wall's soft tissues in a chest CT).
      else if (organs.some((g) => g.start === h.start && g.end === h.end && this.organSubs.has(g.organ))) sharedOutside = true;
      else if (!landmark) {
        namedOutside = true;
        outsideAt = Math.min(outsideAt, h.start);
      }
    }
    for (const c of concepts) {
      const organs = ORGANS_OF_CONCEPT.get(c.concept) ?? [];
      if (organs.length) known = true;
      const subs = [...new Set(organs.flatMap((o) => this.organSubs.get(o) ?? []))];
      if (subs.length === 0) continue;
      // One place, and a finding of one or two organs: "lesion" (brain, liver, pancreas, testes) in a
      // chest CT only adds up; "hydronephrosis" names the kidneys' subsection.
      const strong = subs.length === 1 && organs.length <= 2;
      clues.push({ at: c.start, subs, strong, by: 'finding', concept: c.concept });
    }
    clues.sort((a, b) => a.at - b.at);
    // (Still a place of no field here for a thing of many places: "lymph nodes in both axillae" are not
    // the mediastinum's, which holds the chest CT's nodes.)
    if (sharedOutside && clues.some((c) => c.by === 'organ' && LOCATED_BY.has(c.organ ?? '') && !c.shared)) namedOutside = true;
    // A second clause ("The urinary bladder is normal, and the prostate gland is enlarged") does not
    // outvote the first: when the first names an organ, the organs after it are left out.
    const second = SECOND_CLAUSE.exec(text);
    const firstClause = second ? clues.filter((c) => c.at < offset + second.index) : clues;
    const used = firstClause.some((c) => c.by === 'organ') ? firstClause : clues;
    // (Not "soft tissue", which alone is the soft tissues: "no perivertebral soft tissue abnormality".)
    const partsOnly = organs.length > 0 && organs.every((h) => isPart(h) && !LOCATED_BY.has(h.organ));
    return {
      clues: used,
      known,
      inTemplate: used.length > 0,
      namedOutside,
      sharedOutside,
      outsideAt,
      conusLevel: CONUS_ENDS.test(text),
      partsOnly,
      partOrgans: partsOnly && new Set(organs.map((h) => h.organ)).size > 1 ? [...new Set(organs.map((h) => h.organ))] : [],
      nodeHead: this.ownStation(nodeHeading(organs, concepts, text, offset)),
    };
  }

  /**
   * Where the evidence points: the organ the sentence names most (on a tie the one it names first: the
   * subject comes first, "The lungs are clear bilaterally with no pleural effusion"); else the first
   * finding of one or two organs; failing that, the sentence before gives the place when the weak
   * clues (a mass, a cyst) allow it, or else the weak clues together.
   */
  /** A station said in a lead-in place counts only where each of its organs has a field here (not the neck's veins in a chest CT). */
  private ownStation(head: { station: PlaceHit[]; lead?: true } | null): { station: PlaceHit[]; lead?: true } | null {
    return head?.lead && !head.station.every((h) => (this.organSubs.get(h.organ) ?? []).length > 0) ? null : head;
  }

  pick(ev: Evidence, previous: Target | null): Target | null {
    const prevSub = previous && previous.sub >= 0 ? previous.sub : null;
    // "There is a 9 mm hypoechoic nodule." in a neck CT: not the lung apices' on the word alone.
    const edge = (k: number) => EDGE_FIELDS.has(this.template.findings[k].label.toLowerCase());
    const bare = (c: Clue) => c.by === 'finding' && BARE_FINDINGS.has(c.concept ?? '') && c.subs.every(edge);
    if (ev.clues.length && ev.clues.every(bare))
      return prevSub !== null && ev.clues.some((c) => c.subs.includes(prevSub))
        ? { sub: prevSub, by: 'context' }
        : { sub: OTHER, by: 'other' };
    // Spine findings are kept per level: a sentence at one level goes to that level's field, whatever
    // else it names ("At C4-5, disc osteophyte contacts the cord"); one naming several levels ("The
    // C2-3 and C3-4 levels are unremarkable") to the general fields, by its other words.
    const levels = new Set(ev.clues.filter((c) => c.level).flatMap((c) => c.subs));
    // Where the conus ends is the cord's own finding, not one of the level it ends at.
    const cord = this.organSubs.get('spinal-cord');
    if (levels.size && cord && ev.conusLevel) return { sub: cord[0], by: 'organ' };
    if (levels.size === 1) return { sub: [...levels][0], by: 'organ' };
    // A lymph node heading its sentence is the lymph nodes', whatever station it is at ("hepatic hilum
    // lymph nodes", "lymphadenopathy along the internal jugular vein"), where they have a field of their
    // own; where they share one, a station named after a vessel is still theirs ("internal jugular chain").
    const nodeFields = this.subsOf(NODES);
    const nodeOwn = nodeFields.find((k) => this.template.findings[k].organs.length === 1);
    // (Not nodes of a place this template has no field for: "no mediastinal lymphadenopathy" in an abdomen's.)
    if (ev.nodeHead && nodeOwn !== undefined && !ev.namedOutside) return { sub: nodeOwn, by: 'organ' };
    // Nodes named at no place after a sentence of a region that holds its own nodes ("No upper abdominal
    // free fluid-collection was detected. No pathologically enlarged lymph nodes were observed."): that region's.
    const before = prevSub !== null ? this.template.findings[prevSub] : null;
    const nodesOnly = ev.clues.every((c) => c.by === 'finding' || c.organ === NODES);
    if (ev.nodeHead && nodesOnly && !ev.namedOutside && before?.organs.some((o) => NODE_REGIONS.has(o)))
      return { sub: prevSub!, by: 'context' };
    // Or after a sentence of a region this template has no field for ("No intraabdominal free fluid-collection
    // was detected." in a chest CT): that region's nodes, Other with it, not the mediastinum's.
    if (ev.nodeHead && nodesOnly && !ev.namedOutside && previous?.sub === OTHER && previous.by === 'other')
      return { sub: OTHER, by: 'context' };
    const station = ev.nodeHead?.station ?? [];
    if (nodeFields.length && station.length && station.every((h) => STATION_VESSELS.has(h.organ)))
      return { sub: nodeFields[0], by: 'organ' };
    // The organs a sentence names outvote the organs its findings live in ("bronchiectasis in the
    // middle lobe of the right lung" is about the lung), and a word named once loses to one named
    // more often ("superior segment of the left lung lower lobe" is not the liver's segment).
    const organVotes = new Map<number, { votes: number; at: number }>();
    // A region ("the left lower quadrant", "the flank") says where, not what: it places a sentence
    // that names no organ, never outvotes one ("the appendix ... in the right lower quadrant").
    // A finding of several organs as the subject, placed by a region ("a fluid collection in the left
    // lower quadrant adjacent to the sigmoid colon"): the region's field, when the finding may live there.
    const subject = ev.clues.find((c) => !c.level);
    if (subject && subject.by === 'finding' && !subject.strong) {
      const region = ev.clues.find((c) => REGIONS.has(c.organ ?? '') && c.subs.some((i) => subject.subs.includes(i)));
      if (region) return { sub: region.subs.find((i) => subject.subs.includes(i))!, by: 'finding' };
    }
    const placing = (c: Clue) => c.by === 'organ' && !c.level && !REGIONS.has(c.organ ?? '');
    // A thing found in many places (a lymph node, soft tissue) is where the sentence says: with a field
    // of its own here, that field ("lymph node in the interaortocaval space": Lymph nodes); in a place
    // this template has no field for, no field of this template ("lymph nodes in the meso of the sigmoid
    // colon" in a chest CT is not mediastinal): Other.
    const located = ev.clues.filter((c) => placing(c) && LOCATED_BY.has(c.organ ?? ''));
    const ownField = located.find((c) => c.subs.length === 1 && this.template.findings[c.subs[0]].organs.length === 1);
    if (located.length && ev.namedOutside && ev.clues.filter(placing).every((c) => LOCATED_BY.has(c.organ ?? ''))) return null;
    if (ownField && ev.clues.every((c) => !placing(c) || c.place || c.organ === ownField.organ))
      return { sub: ownField.subs[0], by: 'organ' };
    // A finding of a thing found in many places with a field of its own here ("No pelvic or inguinal
    // adenopathy" in an abdomen CT with Lymph nodes), placed by no organ but a region: that field.
    const ownFieldOf = (o: string) => this.subsOf(o).find((k) => this.template.findings[k].organs.length === 1);
    // (A finding that lives there and in no other field here: not fat stranding, which the bowel's field holds too.)
    const locatedOnly = (c: Clue) =>
      (ORGANS_OF_CONCEPT.get(c.concept ?? '') ?? []).every((o) => LOCATED_BY.has(o) || !this.subsOf(o).length);
    const locatedFinding = [...LOCATED_BY].find(
      (o) =>
        ownFieldOf(o) !== undefined &&
        ev.clues.some((c) => c.by === 'finding' && locatedOnly(c) && ORGANS_OF_CONCEPT.get(c.concept ?? '')?.includes(o)),
    );
    if (locatedFinding && !ev.namedOutside && !ev.clues.some(placing)) return { sub: ownFieldOf(locatedFinding)!, by: 'finding' };
    // "The breasts are heterogeneously dense": what the breasts are made of, the composition's field.
    const composition = ev.clues.find((c) => c.by === 'organ' && COMPOSITION_OF.has(c.organ ?? ''));
    const host = composition && COMPOSITION_OF.get(composition.organ!);
    if (composition && ev.clues.filter(placing).every((c) => c.organ === composition.organ || c.organ === host))
      return { sub: composition.subs[0], by: 'organ' };
    const organNamed = ev.clues.some(placing);
    // An organ named as a landmark ("free air in the pleural space adjacent to the upper lobe") does
    // not outvote the organ the finding is in, when the sentence names one.
    const placed = ev.clues.some((c) => placing(c) && !c.landmark);
    // Only landmarks named ("tearing of the tendon distal to the tip of the medial malleolus"): a finding of one place is where it is.
    if (organNamed && !placed && subject?.by === 'finding' && subject.strong) return { sub: subject.subs[0], by: 'finding' };
    // "Filling defects in segmental branches of the right upper lobe, right middle lobe and both lower lobes": the
    // pulmonary arteries named first, the lobes after them say where they run, however many (not a lung finding).
    const placers = ev.clues.filter((c) => placing(c) && !c.landmark).sort((a, b) => a.at - b.at);
    if (placers[0]?.organ === PULMONARY_ARTERIES && placers.slice(1).every((c) => c.organ === PULMONARY_ARTERIES || c.organ === LUNGS))
      return { sub: placers[0].subs[0], by: 'organ' };
    for (const clue of ev.clues) {
      if (clue.by !== 'organ' || clue.level || clue.listed || (placed && clue.landmark) || (organNamed && REGIONS.has(clue.organ ?? '')))
        continue;
      for (const i of clue.subs) {
        const v = organVotes.get(i) ?? { votes: 0, at: clue.at };
        v.votes += 1 / clue.subs.length;
        organVotes.set(i, v);
      }
    }
    if (organVotes.size) {
      const leadFinding = subject?.by === 'finding' && subject.subs.length === 1 ? subject : undefined;
      let best = -1;
      for (const [i, v] of organVotes) {
        const b = organVotes.get(best);
        // On a tie: the place of a finding that opens the sentence ("A 4 mm nodule close to the pleura
        // … in the right lung": the nodule's lung), then the organ named first (the subject: "no
        // accessory muscle within the cubital tunnel"), then, for one word of two fields ("muscle":
        // soft tissues and muscles), the place of the sentence before, else the template's order.
        const tie = b && v.votes === b.votes;
        const opens = (k: number) => leadFinding?.subs.includes(k) ?? false;
        // (A word of an organ's own field and of a catch-all of many ("breast": Breasts, and Other findings' soft
        // tissues, in a breast MRI): the organ's own field, whatever field the sentence before was in.)
        const own = (k: number) => this.template.findings[k].organs.length === 1;
        const catchAll = (k: number) => this.template.findings[k].organs.length >= 4;
        const owns = (k: number, o: number) => own(k) && catchAll(o);
        const wins =
          tie &&
          (opens(i) !== opens(best)
            ? opens(i)
            : v.at < b.at || (v.at === b.at && (owns(i, best) || (!owns(best, i) && (i === prevSub || (best !== prevSub && i < best))))));
        if (!b || v.votes > b.votes || wins) best = i;
      }
      return { sub: best, by: 'organ' };
    }
    // An organ the template has no place for, named outright, outweighs the organs its findings live in.
    // Unless a finding of one place opens the sentence before it ("Cardiomegaly is seen with mitral
    // valvular calcifications" in a template without the valves: the heart's).
    if (subject?.by === 'finding' && subject.strong && subject.at < ev.outsideAt && !LOOK_FINDINGS.has(subject.concept ?? ''))
      return { sub: subject.subs[0], by: 'finding' };
    if (ev.namedOutside) return null;
    for (const clue of ev.clues) if (clue.strong) return { sub: clue.subs.includes(prevSub ?? -9) ? prevSub! : clue.subs[0], by: clue.by };
    const weak = ev.clues.filter((c) => !c.strong);
    if (weak.length === 0) return null;
    // The sentence before gives the place when its organ is one the weak clues allow.
    if (prevSub !== null && weak.some((c) => c.subs.includes(prevSub))) return { sub: prevSub, by: 'context' };
    // A finding of many organs ("no obvious solid mass" after the kidneys) says nothing of where it is:
    // the sentence before does.
    if (prevSub !== null && weak.every((c) => c.subs.length > 2)) return { sub: prevSub, by: 'context' };
    // Weak clues that agree on no one field ("a lesion" of the liver, pancreas or kidneys, and the
    // sentence before of none of them) read no organ with confidence: no organ's field, but the general one.
    const fields = new Set(weak.flatMap((c) => c.subs));
    return fields.size === 1 ? { sub: [...fields][0], by: 'finding' } : null;
  }

  /**
   * Organs this template's own abbreviations name in a sentence ("Trace MR and TR." in an echocardiogram),
   * after `organsNamed`'s. Capitals only, whole words, and not in a line all in capitals ("AS NOTED").
   * (Not an interval of the ECG: "PR interval".)
   */
  organsNamed(words: readonly Word[], text: string, offset: number): OrganHit[] {
    const hits = organsNamed(words, text, offset);
    const abbreviations = this.template.abbreviations;
    if (Object.keys(abbreviations).length === 0 || !/[a-z]/.test(text)) return hits;
    for (const m of text.matchAll(/(?<![\w-])[A-Z]{2,5}(?![\w-])(?!\s+(?:interval|segment)\b)/g)) {
      const organ = abbreviations[m[0]];
      if (organ) hits.push({ organ, start: offset + m.index, end: offset + m.index + m[0].length, by: 'term' });
    }
    return hits.sort((a, b) => a.start - b.start);
  }

  /**
   * The organ of this template a shared part word is of (sharedParts: "right lobe" of the thyroid in a
   * neck US): the one listed organ with a field here that is not a glimpse of the next region; none when
   * two are (a chest CT's lungs and lower neck), which the words around must tell.
   */
  partOwner(word: string): string | undefined {
    const own = (SHARED_PARTS.get(word) ?? []).filter((o) =>
      this.subsOf(o).some((k) => !EDGE_FIELDS.has(this.template.findings[k].label.toLowerCase())),
    );
    return own.length === 1 ? own[0] : undefined;
  }

  /** Where a sentence told on by context goes from a field: a composition's field hands it to its host's ("No suspicious mass." after the density). */
  toldOnFrom(sub: number): number {
    if (sub < 0) return sub;
    const host = this.template.findings[sub].organs.map((o) => COMPOSITION_OF.get(o)).find((o) => o !== undefined);
    const to = host === undefined ? undefined : this.subsOf(host)[0];
    return to ?? sub;
  }

  /** The fields an organ has in this template. */
  subsOf(organ: string): readonly number[] {
    return this.organSubs.get(organ) ?? [];
  }

  /** A spine level's field ("C5-C6"). */
  isLevel(sub: number): boolean {
    return sub >= 0 && LEVEL_FIELD.test(this.template.findings[sub].label);
  }

  labelled(label: string): number | null {
    const i = this.template.findings.findIndex((s) => sameLabel(s.label, label));
    return i >= 0 ? i : null;
  }
}
