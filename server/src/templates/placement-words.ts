// Words restructure reads to file a sentence under the organ it speaks of (templates/placement-words.json):
// part words several organs share, and landmark words that put an organ beside the place. Checked at
// load: each part word is an organ term, so a rename in organs.json cannot leave one behind unnoticed.
import { z } from 'zod';
import data from './placement-words.json';
import { ORGAN_BY_ID, organAt } from '../nlp/organs';
import { CONCEPT_BY_ID } from '../nlp/lexicon';
import { wordsOf } from '../nlp/words';
import { phraseRegex } from './phrases';

const Phrases = z.array(z.string().min(1)).min(1);
const Schema = z.object({
  note: z.string(),
  partWords: Phrases,
  lookFindings: Phrases,
  landmarks: Phrases,
  places: z.record(z.string(), z.string().min(1)),
  territories: z.object({ words: Phrases, fed: z.record(z.string(), z.string().min(1)) }),
  locatedBy: Phrases,
  backReferences: Phrases,
  dating: Phrases,
  windows: Phrases,
  levelParts: Phrases,
  levelSpaces: Phrases,
  levelAlongside: Phrases,
  levelFindings: Phrases,
  readings: Phrases,
  wholeReport: Phrases,
  beyondLevel: Phrases,
  stations: z.object({ words: Phrases, vessels: Phrases }),
  heldPlaces: z.record(z.string(), z.string().min(1)),
  nodeRegions: Phrases,
  measuredBy: Phrases,
  findingReferences: Phrases,
  wholeStudy: z.object({ subjects: Phrases, verdicts: Phrases, parts: Phrases }),
  bareFindings: Phrases,
  edgeFields: Phrases,
  placeReferences: Phrases,
  sharedParts: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  nodeStationRegions: z.record(z.string(), z.string().min(1)),
  likeReferences: Phrases,
  otherReferences: Phrases,
  thingNecks: Phrases,
  compositions: z.record(z.string(), z.string().min(1)),
  arteryLevels: z.object({ levels: Phrases, nouns: Phrases, sharedNouns: Phrases, airwayWords: Phrases }),
  pieces: Phrases,
  relativePlaces: Phrases,
  walls: z.object({ findings: Phrases, hollow: Phrases }),
  wholes: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  heldPartsOf: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  perfusionDefects: z.object({ kinds: Phrases, nouns: Phrases, organ: z.string().min(1) }),
  techniqueHeadings: Phrases,
  regionWide: Phrases,
  textPointers: Phrases,
});

const longestFirst = (phrases: readonly string[]) => [...phrases].sort((a, b) => b.length - a.length);

/** Parses and checks the placement words; throws naming a part word that is no organ term. Exported for the tests. */
export function loadPlacementWords(input: unknown): {
  partWords: ReadonlySet<string>;
  lookFindings: ReadonlySet<string>;
  landmark: RegExp;
  places: RegExp;
  placeOf: ReadonlyMap<string, string>;
  territoryAfter: RegExp;
  fedBy: ReadonlyMap<string, string>;
  locatedBy: ReadonlySet<string>;
  backReference: RegExp;
  dating: RegExp;
  windowAfter: RegExp;
  levelParts: ReadonlySet<string>;
  levelSpace: RegExp;
  levelAlongside: ReadonlySet<string>;
  levelFindings: ReadonlySet<string>;
  reading: RegExp;
  wholeReport: RegExp;
  beyondLevel: RegExp;
  stationGap: RegExp;
  stationVessels: ReadonlySet<string>;
  heldPlaces: RegExp;
  heldPlaceOf: ReadonlyMap<string, string>;
  nodeRegions: ReadonlySet<string>;
  measuredAfter: RegExp;
  findingReference: RegExp;
  wholeStudy: RegExp;
  bareFindings: ReadonlySet<string>;
  edgeFields: ReadonlySet<string>;
  placeReference: RegExp;
  sharedParts: ReadonlyMap<string, readonly string[]>;
  nodeStationRegions: ReadonlyMap<string, string>;
  likeReference: RegExp;
  otherReference: RegExp;
  thingNecks: ReadonlySet<string>;
  compositionOf: ReadonlyMap<string, string>;
  arteryLevel: RegExp;
  perfusionDefect: RegExp;
  perfusionOrgan: string;
  sharedArteryNoun: RegExp;
  airwayWord: RegExp;
  arteryNoun: RegExp;
  pieceSubject: RegExp;
  relativePlace: RegExp;
  wallFinding: RegExp;
  hollowOrgan: RegExp;
  wholes: ReadonlyMap<string, readonly string[]>;
  heldPartsOf: ReadonlyMap<string, readonly string[]>;
  techniqueHeading: RegExp;
  regionWide: ReadonlySet<string>;
} {
  const {
    partWords,
    lookFindings,
    landmarks,
    places,
    territories,
    locatedBy,
    backReferences,
    dating,
    windows,
    levelParts,
    levelSpaces,
    levelAlongside,
    levelFindings,
    readings,
    wholeReport,
    beyondLevel,
    stations,
    heldPlaces,
    nodeRegions,
    measuredBy,
    findingReferences,
    wholeStudy,
    bareFindings,
    edgeFields,
    placeReferences,
    sharedParts,
    nodeStationRegions,
    likeReferences,
    otherReferences,
    thingNecks,
    compositions,
    arteryLevels,
    pieces,
    relativePlaces,
    walls,
    wholes,
    heldPartsOf,
    perfusionDefects,
    techniqueHeadings,
    regionWide,
    textPointers,
  } = Schema.parse(input);
  for (const id of [...lookFindings, ...levelFindings, ...bareFindings])
    if (!CONCEPT_BY_ID.has(id)) throw new Error(`placement-words: unknown finding ${id}`);
  for (const id of [
    ...Object.values(places),
    ...Object.keys(territories.fed),
    ...Object.values(territories.fed),
    ...locatedBy,
    ...levelParts,
    ...levelAlongside,
    ...stations.vessels,
    ...Object.values(heldPlaces),
    ...Object.values(heldPartsOf).flat(),
    perfusionDefects.organ,
    ...nodeRegions,
    ...Object.values(sharedParts).flat(),
    ...Object.keys(compositions),
    ...Object.values(compositions),
    ...regionWide,
    ...Object.keys(wholes),
    ...Object.values(wholes).flat(),
  ])
    if (!ORGAN_BY_ID.has(id)) throw new Error(`placement-words: unknown organ ${id}`);
  for (const w of [...partWords, ...Object.keys(sharedParts)]) {
    const words = wordsOf(w);
    if (organAt(words, 0)?.end !== words.length) throw new Error(`placement-words: ${w} is no organ term of organs.json`);
  }
  // A landmark word, then at most three words ("adjacent to the right lung upper lobe") before the organ.
  // (Not "above" pointing into the report: "Nodule described above in the right thyroid lobe" is the thyroid's.)
  const landmark = new RegExp(`(?<!${phraseRegex(textPointers).source}\\s+)${phraseRegex(landmarks).source}\\s+(?:[\\w-]+\\s+){0,3}$`, 'i');
  // The territory word right after the vessel, an abbreviation in brackets between ("middle cerebral artery (MCA) territory").
  const territoryAfter = new RegExp(`^\\s*(?:\\([^)]{1,12}\\)\\s*)?${phraseRegex(territories.words).source}`, 'i');
  const studySubject = new RegExp(`(?<!${phraseRegex(wholeStudy.parts).source}\\s+)${phraseRegex(wholeStudy.subjects).source}`, 'i');
  return {
    partWords: new Set(partWords.map((w) => w.toLowerCase())),
    lookFindings: new Set(lookFindings),
    landmark,
    // Longest first: "perinephric stranding" is one place, not "perinephric" before a finding's noun.
    places: phraseRegex(longestFirst(Object.keys(places)), 'gi'),
    placeOf: new Map(Object.entries(places).map(([w, o]) => [w.toLowerCase(), o])),
    territoryAfter,
    fedBy: new Map(Object.entries(territories.fed)),
    locatedBy: new Set(locatedBy),
    backReference: phraseRegex(backReferences),
    // A measurement, then a dating word and the weeks ("measuring 7mm consistent with 6 weeks 4 days"),
    // or a percentile ("places the fetus in the 66th percentile").
    dating: new RegExp(
      `\\d\\s*(?:mm|cm)\\b.*?${phraseRegex(dating).source}\\s+(?:an?\\s+)?(?:(?:gestational\\s+)?age\\s+of\\s+)?\\d{1,2}\\s*(?:weeks?|wks?)\\b|\\b\\d{1,2}(?:st|nd|rd|th)\\s+percentile\\b`,
      'i',
    ),
    windowAfter: new RegExp(`^\\s*${phraseRegex(windows).source}`, 'i'),
    levelParts: new Set(levelParts),
    levelSpace: new RegExp(`^${phraseRegex(levelSpaces).source}$`, 'i'),
    levelAlongside: new Set(levelAlongside),
    levelFindings: new Set(levelFindings),
    reading: phraseRegex(readings),
    wholeReport: phraseRegex(wholeReport),
    beyondLevel: phraseRegex(beyondLevel),
    // Between the words of one station's name: white space, a hyphen, a station word ("internal jugular chain").
    stationGap: new RegExp(`^(?:[\\s-]|${phraseRegex(stations.words).source})*$`, 'i'),
    stationVessels: new Set(stations.vessels),
    heldPlaces: phraseRegex(longestFirst(Object.keys(heldPlaces)), 'gi'),
    heldPlaceOf: new Map(Object.entries(heldPlaces).map(([w, o]) => [w.toLowerCase(), o])),
    nodeRegions: new Set(nodeRegions),
    findingReference: phraseRegex(findingReferences),
    measuredAfter: new RegExp(`^\\s*${phraseRegex(measuredBy).source}`, 'i'),
    // The study as the subject and a normal verdict, in either order ("Normal study.", "Examination within normal limits").
    // (Not a part of the exam named by its own test: "Bubble study was negative.")
    wholeStudy: new RegExp(
      `${studySubject.source}.*${phraseRegex(wholeStudy.verdicts).source}|${phraseRegex(wholeStudy.verdicts).source}.*${studySubject.source}`,
      'i',
    ),
    bareFindings: new Set(bareFindings),
    edgeFields: new Set(edgeFields.map((l) => l.toLowerCase())),
    placeReference: phraseRegex(placeReferences),
    sharedParts: new Map(Object.entries(sharedParts).map(([w, o]) => [w.toLowerCase(), o])),
    nodeStationRegions: new Map(Object.entries(nodeStationRegions).map(([w, r]) => [w.toLowerCase(), r])),
    likeReference: phraseRegex(likeReferences),
    otherReference: phraseRegex(otherReferences),
    thingNecks: new Set(thingNecks.map((w) => w.toLowerCase())),
    compositionOf: new Map(Object.entries(compositions)),
    // A level word, or two joined ("segmental and subsegmental", "segmental-subsegmental"), then at most two
    // words before the artery's noun ("segmental pulmonary arterial branches").
    arteryLevel: new RegExp(
      `${phraseRegex(arteryLevels.levels).source}(?:\\s*(?:-|,|and|or|/)\\s*${phraseRegex(arteryLevels.levels).source})*(?:\\s+[\\w-]+){0,2}?\\s+${phraseRegex(arteryLevels.nouns).source}`,
      'gi',
    ),
    // "fixed inferior defect", "partially reversible anteroapical perfusion defects": the kind, then at most three words before the noun.
    perfusionDefect: new RegExp(
      `${phraseRegex(perfusionDefects.kinds).source}(?:\\s+[\\w-]+){0,3}?\\s+${phraseRegex(perfusionDefects.nouns).source}`,
      'gi',
    ),
    perfusionOrgan: perfusionDefects.organ,
    // The shared noun ends the level's match; the airway words may stand anywhere in the sentence.
    sharedArteryNoun: new RegExp(`${phraseRegex(arteryLevels.sharedNouns).source}$`, 'i'),
    airwayWord: phraseRegex(arteryLevels.airwayWords),
    // An artery's own word elsewhere in the sentence keeps the level the arteries' ("… pulmonary arteries; the bronchi are patent").
    arteryNoun: phraseRegex(arteryLevels.nouns.filter((n) => !arteryLevels.sharedNouns.includes(n))),
    // The subject's noun, at most three words after its article ("A small displaced fragment …").
    pieceSubject: new RegExp(
      `^\\W*(?:(?:an?|the|this|these|one|two|several|multiple)\\s+)?(?:[\\w-]+\\s+){0,3}?${phraseRegex(pieces).source}`,
      'i',
    ),
    relativePlace: phraseRegex(relativePlaces),
    wallFinding: phraseRegex(walls.findings),
    hollowOrgan: phraseRegex(walls.hollow),
    wholes: new Map(Object.entries(wholes)),
    heldPartsOf: new Map(Object.entries(heldPartsOf).map(([w, o]) => [w.toLowerCase(), o])),
    // A line of the heading alone, a colon after it allowed ("DOPPLER", "2-D STUDY:").
    techniqueHeading: new RegExp(`^\\s*${phraseRegex(techniqueHeadings).source}\\s*:?\\s*$`, 'i'),
    regionWide: new Set(regionWide),
  };
}

export const {
  partWords: PART_WORDS,
  lookFindings: LOOK_FINDINGS,
  landmark: LANDMARK_BEFORE,
  places: PLACES,
  placeOf: PLACE_OF,
  territoryAfter: TERRITORY_AFTER,
  fedBy: FED_BY,
  locatedBy: LOCATED_BY,
  backReference: BACK_REFERENCE,
  dating: DATING,
  windowAfter: WINDOW_AFTER,
  levelParts: LEVEL_PARTS,
  levelSpace: LEVEL_SPACE,
  levelAlongside: LEVEL_ALONGSIDE,
  levelFindings: LEVEL_FINDINGS,
  reading: READING,
  wholeReport: WHOLE_REPORT,
  beyondLevel: BEYOND_LEVEL,
  stationGap: STATION_GAP,
  stationVessels: STATION_VESSELS,
  heldPlaces: HELD_PLACES,
  heldPlaceOf: HELD_PLACE_OF,
  nodeRegions: NODE_REGIONS,
  measuredAfter: MEASURED_AFTER,
  findingReference: FINDING_REFERENCE,
  wholeStudy: WHOLE_STUDY,
  bareFindings: BARE_FINDINGS,
  edgeFields: EDGE_FIELDS,
  placeReference: PLACE_REFERENCE,
  sharedParts: SHARED_PARTS,
  nodeStationRegions: NODE_STATION_REGIONS,
  likeReference: LIKE_REFERENCE,
  otherReference: OTHER_REFERENCE,
  thingNecks: THING_NECKS,
  compositionOf: COMPOSITION_OF,
  arteryLevel: ARTERY_LEVEL,
  perfusionDefect: PERFUSION_DEFECT,
  perfusionOrgan: PERFUSION_ORGAN,
  sharedArteryNoun: SHARED_ARTERY_NOUN,
  airwayWord: AIRWAY_WORD,
  arteryNoun: ARTERY_NOUN,
  pieceSubject: PIECE_SUBJECT,
  relativePlace: RELATIVE_PLACE,
  wallFinding: WALL_FINDING,
  hollowOrgan: HOLLOW_ORGAN,
  wholes: WHOLES,
  heldPartsOf: HELD_PARTS_OF,
  techniqueHeading: TECHNIQUE_HEADING,
  regionWide: REGION_WIDE,
} = loadPlacementWords(data);
