// Draft the impression from the findings, deterministically: the significant present (and hedged)
// findings of the FINDINGS section(s), critical first, each with its side, site and size, as a
// numbered list. Mentions of one finding are merged; normal statements and minor incidental
// findings are left out unless asked for; a report with nothing significant gets a normal
// statement for its exam. The wording is the report's own phrase around each finding, so the
// draft says nothing the findings do not (verifyRewrite kind 'impression' checks that it does not).
// This file chooses what goes in (candidates, mentions merged, ranked), words each item and reads it
// back, then assembles and places the draft. The report's phrase for a finding is in
// impression-phrase.ts, an item cut from its clause in impression-excerpt.ts, and what the draft keeps
// of the report's statements and the old impression in impression-kept.ts.
import {
  CONCEPT_BY_ID,
  coveredBy,
  covers,
  fitsExam,
  sameFinding,
  sitesAgree,
  sitesMatch,
  understand,
  type Finding,
  type Understanding,
} from '../nlp';
import { parseReport } from '../report';
import { escapeRegExp } from '../report/regex';
import { CONTRAST_OPENERS } from '../templates/sentence-kinds';
import { ORGANS, organsNamed } from '../nlp/organs';
import { wordsOf } from '../nlp/words';
import { CUES, labelName, leansOn, readClause, readText, stem, type Clause } from './clauses';
import { stripListNumber } from './list-number';
import { withoutTwins } from './impression-twins';
import { afterBothSides, withTheirSides } from './impression-scope';
import type { Report, Section, Span } from '../report/types';
import { isExplained, isMinor } from '../nlp/minor';
import { impressionWorthy } from '../nlp/impression-worthy';
import type { Side } from '../nlp/types';
import type { Edit } from '../problem';
import { placeText, type Placement } from './placement';
import {
  SIDE_TEXT,
  capitalise,
  decapitalise,
  isChronic,
  phraseOf,
  plainStatementOf,
  predicateClause,
  statementOf,
  wordsFor,
} from './impression-phrase';
import {
  ORGAN_PARTS,
  UNSAID,
  antecedentOf,
  carries,
  clausesFor,
  continuationOf,
  continuedFrom,
  firstWord,
  labelText,
  labelRepeats,
  levelParagraphOf,
  levelRunOf,
  pointsBack,
  STUDY_COURSE,
  comparedOf,
  studyCourse,
  sequelOf,
  tidy,
  tokens,
  windowOf,
  type Clauses,
} from './impression-excerpt';
import {
  leansOnOrgan,
  organBefore,
  sourceOf,
  splitAtMarks,
  TIME_TALK,
  withTheirPredicates,
  withTheirReferents,
  withWhatTheyIntroduce,
} from './impression-whole';
import {
  adviceItems,
  caveatItems,
  categoryItems,
  findingsSections,
  fromConcession,
  highCategories,
  instructsPatient,
  keptFromImpression,
  LESION_CATEGORY_ONLY,
  otherStatements,
  signOffOf,
  runInImpression,
  runTogetherParts,
  setsTheScene,
  statesChange,
  statedItems,
  statedSections,
  unreadItems,
  withItsLabelledList,
  type ImpressionItem,
} from './impression-kept';

export type { ImpressionItem } from './impression-kept';

export interface DraftOptions {
  /** Keep minor, chronic and incidental findings (and lines and tubes) too. */
  includeMinor: boolean;
  /** Whether the verifier passes a draft (over an old impression, the drafted twins of its items go only then). */
  accepts?: (draft: ImpressionDraft) => boolean;
}

export interface ImpressionDraft {
  items: ImpressionItem[];
  /** The impression body: "1. ..." lines, or a normal statement when nothing significant was found. */
  text: string;
  /** The body of the existing impression, which the draft would replace; null when there is none. */
  replaces: Span | null;
  /** Where a new IMPRESSION section goes (after the last findings section) when there is none. */
  insertAt: number;
  /** Why no draft is offered: a statement of the findings that is not normal and that no item can carry. */
  refused?: string;
}

const URGENCY_RANK: Readonly<Record<string, number>> = { minutes: 0, hours: 1, days: 2 };
// Lines and tubes: named last, unless malpositioned (critical).
const HABIT_GROUPS = new Set(['device', 'postsurgical']);
const CHEST_PARTS = new Set(['chest', 'heart']);
// Signs the lexicon counts as minor that an impression names by what they show: a blunted
// costophrenic angle is the radiograph's small pleural effusion.
const SIGNS = new Set(['blunted-costophrenic-angle']);
// Words that explain a shadow away as something other than disease.
const EXPLAINED_AWAY =
  /\b(?:related to|due to|secondary to|attributab\w*|reflect\w*|overl[ay]\w*|overlying|superimpos\w*|projecting over|artifact\w*|nipple|soft tissues?(?! density| mass| lesion| nodule)|callus|skin fold)\b/i;
// A line or tube the sentence says was taken out ("The right jugular catheter … was removed") is not in place.
const REMOVED = /^[^.;]*?\b(?:was|were|has been|have been)\s+(?:then\s+|now\s+)?(?:removed|withdrawn|extracted|explanted)\b/i;
// Words that, bare, point back to a finding named before rather than name a new one.
const GENERIC = new Set(['lesion', 'opacity', 'mass']);

const sidesCompatible = (a: Side | null, b: Side | null) => !a || !b || a === b;

/** How much a mention says: critical, certain, measured, sided, placed. */
function weight(f: Finding, side: Side | null): number {
  return (
    (f.significant ? 16 : 0) +
    (f.assertion === 'present' ? 8 : 0) +
    (f.measurements.length ? 4 : 0) +
    (side ? 2 : 0) +
    Math.min(f.site.length, 1)
  );
}

/**
 * Mentions of one finding: the same concept at a compatible place, or a kindred name in the same
 * sentence ("opacity, likely pneumonia") or at the very same named site. A meniscal tear and a
 * ligament sprain are kin, but two findings.
 */
function sameMention(report: Report, g: Group, f: Finding, side: Side | null): boolean {
  if (!sidesCompatible(g.side, side) || !sitesAgree(g.lead, f)) return false;
  if (g.lead.concept === f.concept) {
    // Two tears "of the anterior cruciate ligament" and "of the lateral collateral ligament" are two findings.
    const place = (x: Finding) => phraseOf(report, x).after.trim().toLowerCase();
    const bare = (x: Finding) => !x.side && !x.site.length && !x.measurements.length && !place(x);
    return g.findings.some((x) => x.sentenceIndex === f.sentenceIndex) || bare(f) || bare(g.lead) || place(f) === place(g.lead);
  }
  if (!sameFinding(g.lead.concept, f.concept)) return false;
  // A bare generic mention ("the lesion", "the opacity") refers back to the finding already named,
  // unless its sentence gives it a side or a size of its own.
  const sentence = report.sentences[f.sentenceIndex]?.text ?? '';
  const described = SIDE_TEXT.test(sentence) || /\d\s*(?:mm|cm)\b/i.test(sentence);
  if (GENERIC.has(f.concept) && !side && !f.site.length && !f.measurements.length && !described) return true;
  return g.findings.some((x) => x.sentenceIndex === f.sentenceIndex) || (!!side && side === g.side && sitesMatch(g.lead, f));
}

interface Group {
  lead: Finding;
  side: Side | null;
  findings: Finding[];
  /** Findings of the same sentence the lead accounts for ("with 4 mm of midline shift"). */
  withs: Finding[];
}

/** The findings the draft sums up, before merging. */
function candidatesOf(report: Report, u: Understanding, options: DraftOptions): Finding[] {
  const sections = new Set(findingsSections(report));
  return u.findings.filter((f) => {
    if (!sections.has(f.sectionIndex)) return false;
    if (f.assertion !== 'present' && f.assertion !== 'possible') return false;
    if (!fitsExam(u, f, report)) return false;
    if (options.includeMinor) return true;
    const urgent = f.critical === 'minutes' || f.critical === 'hours';
    if (!f.significant && !urgent && !SIGNS.has(f.concept)) return false;
    // A minor shadow explained away ("density related to the scapular tip", "overlying the rib") is
    // no finding; one offered with alternatives ("scarring or atelectasis") or interpreted ("opacity
    // compatible with atelectasis", which then goes with its interpretation) is.
    if (
      isExplained(report, f) &&
      isMinor(report, f) &&
      EXPLAINED_AWAY.test(report.sentences[f.sentenceIndex]?.text ?? '') &&
      !u.findings.some((g) => g !== f && g.sentenceIndex === f.sentenceIndex && g.assertion !== 'absent' && g.significant)
    )
      return false;
    const sentence = report.sentences[f.sentenceIndex];
    if (HABIT_GROUPS.has(CONCEPT_BY_ID.get(f.concept)?.group ?? '') && sentence && REMOVED.test(report.text.slice(f.end, sentence.end)))
      return false;
    // "Normal wall thickening": a normal statement the findings core read as a finding.
    const phrase = phraseOf(report, f);
    if (/\b(?:normal|unremarkable)\b/i.test(report.text.slice(phrase.start, f.start) + phrase.after)) return false;
    // Old, healed and calcified findings are history, not the impression's news.
    return urgent || !isChronic(report, f);
  });
}

// Critical first, then certain before hedged, lines and tubes last; ties in the order of the findings.
// The grades that say a finding is slight: ranked after an ungraded or worse one of its tier.
const SLIGHT = /\b(?:minimal|minimally|mild|mildly|trace|thin|tiny|slight|slightly|subtle|small|minor|borderline)\b/i;
const rank = (f: Finding) =>
  (f.critical ? URGENCY_RANK[f.critical] : HABIT_GROUPS.has(CONCEPT_BY_ID.get(f.concept)?.group ?? '') ? 4 : 3) * 2 +
  (f.assertion === 'present' ? 0 : 1);

/** Mentions of one finding merged; findings the lead accounts for in its sentence joined to it. */
function groupsOf(report: Report, findings: readonly Finding[]): Group[] {
  // A shadow the sentence interprets ("opacities compatible with atelectasis") yields to its interpretation.
  const explained = (f: Finding) => isExplained(report, f);
  // (Within a tier, a significant finding its own words grade slight, "minimal disc bulge", "mild stenosis", after the other
  // significant ones; minor findings, when asked for, after both.)
  const slight = (f: Finding) => {
    if (!f.significant) return 2;
    const phrase = phraseOf(report, f);
    return SLIGHT.test(report.text.slice(phrase.start, f.start) + phrase.after) ? 1 : 0;
  };
  const ordered = [...findings].sort((a, b) => rank(a) - rank(b) || slight(a) - slight(b) || a.start - b.start);
  const groups: Group[] = [];
  for (const f of ordered) {
    // The side the mention itself carries: a side elsewhere in the sentence may be another structure's.
    const side = f.side;
    const same = groups.find((g) => sameMention(report, g, f, side));
    if (same) {
      same.findings.push(f);
      // The better-described mention leads; a named finding leads a sign of it ("blunting ... suggesting effusions").
      const better = weight(f, side) > weight(same.lead, same.side);
      const interprets =
        f.assertion === 'present' && f.sentenceIndex === same.lead.sentenceIndex && f.start > same.lead.end && explained(same.lead);
      if ((better && rank(f) <= rank(same.lead)) || (f.significant && !same.lead.significant) || interprets) {
        same.lead = f;
        same.side = side ?? same.side;
      } else same.side ??= side;
      continue;
    }
    // A finding of the same sentence that one accounts for goes with it ("hematoma, with midline shift"),
    // whichever side it points to.
    const leader = groups.find((g) => g.lead.sentenceIndex === f.sentenceIndex && covers(g.lead.concept, f.concept));
    if (leader) {
      leader.findings.push(f);
      leader.withs.push(f);
      continue;
    }
    const follower = groups.find((g) => g.lead.sentenceIndex === f.sentenceIndex && !g.withs.length && covers(f.concept, g.lead.concept));
    if (follower) {
      follower.withs.push(follower.lead);
      follower.findings.unshift(f);
      follower.lead = f;
      follower.side = side;
      continue;
    }
    groups.push({ lead: f, side, findings: [f], withs: [] });
  }
  // Hedged alternatives of one sentence are one statement: "Possible atelectasis or pneumonia."
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const a = groups[i];
      const b = groups[j];
      if (
        a.lead.assertion === 'possible' &&
        b.lead.assertion === 'possible' &&
        a.lead.sentenceIndex === b.lead.sentenceIndex &&
        a.findings.length === 1 &&
        b.findings.length === 1 &&
        sidesCompatible(a.side, b.side) &&
        /^[\s,]*(?:or|versus|vs\.?|\/|and\/or)[\s]*$/i.test(report.text.slice(a.lead.end, b.lead.start))
      ) {
        a.withs.push(b.lead);
        a.findings.push(b.lead);
        groups.splice(j--, 1);
      }
    }
  }
  return groups;
}

/**
 * Ways to word a group, best first: the report's phrase (with what goes with it) when it says all its
 * clause says, else the shortest part of the clause that does; then the phrase anyway, and the bare parts.
 */
function wordings(report: Report, g: Group, all: readonly Finding[], clauses: Clauses): string[] {
  // The lead's own side: a side another mention gave the group may belong to other words.
  const side = g.lead.side;
  const compose = (outsideSize: boolean) => {
    let text = statementOf(report, g.lead, side, all, outsideSize);
    for (const w of g.withs) {
      if (text.toLowerCase().includes(report.text.slice(w.start, w.end).toLowerCase())) continue;
      const alternative = w.assertion === 'possible' && g.lead.assertion === 'possible';
      text = `${text.slice(0, -1)}${alternative ? ' or' : ', with'} ${decapitalise(wordsFor(report, w, null, all, outsideSize))}.`;
    }
    // What the sentence offers as its reading of the lead: "opacity, likely atelectasis or pneumonia".
    const readings = g.findings.filter(
      (f) =>
        f !== g.lead &&
        !g.withs.includes(f) &&
        f.sentenceIndex === g.lead.sentenceIndex &&
        f.assertion === 'possible' &&
        g.lead.assertion === 'present' &&
        f.concept !== g.lead.concept &&
        !text.toLowerCase().includes(report.text.slice(f.start, f.end).toLowerCase()),
    );
    if (readings.length) {
      const names = [...new Set(readings.map((f) => report.text.slice(f.start, f.end).replace(/\s+/g, ' ').toLowerCase()))];
      const hedge = readings.every((f) => f.hedge === 'probable') ? 'likely' : 'possibly';
      text = `${text.slice(0, -1)}, ${hedge} ${names.join(' or ')}.`;
    }
    return text;
  };
  const text = compose(true);
  const out: string[] = [];
  const clause = clauses.at(g.lead.start);
  if (clause) {
    const members = g.findings.filter((f) => f.start >= clause.start && f.end <= clause.end);
    const window = windowOf(report, clauses, clause, Math.min(...members.map((f) => f.start)), Math.max(...members.map((f) => f.end)));
    // The report's phrase, when it is in the report's words and leaves out of the window only "is seen" and the like.
    const phrase = compose(false);
    const said = new Set(tokens(clause.text));
    const kept = new Set(tokens(phrase));
    const fits =
      tokens(phrase).every((w) => said.has(w)) && (!window || tokens(window).every((w) => kept.has(w) || UNSAID.has(w) || !said.has(w)));
    const standsAlone = !CUES.dangling.includes(firstWord(phrase)) && antecedentOf(clauses, clause) === '';
    // Under a spine level label the phrase would lose the level: the window writes it.
    // (Nor a clause that goes on past a "but" that answers nothing: the window keeps the rest.)
    const labelled =
      levelParagraphOf(report, clause) !== null ||
      levelRunOf(report, clauses, clause) !== null ||
      continuationOf(report, clauses, clause) !== '' ||
      continuedFrom(report, clauses, clause) !== undefined;
    if (fits && standsAlone && !labelled && carries(phrase, clause)) out.push(phrase + sequelOf(report, clauses, clause));
    if (window) out.push(window);
    // A sentence that points back ("These lesions show …") and no wording carries: it is the finding named before.
    else if (!out.length && pointsBack(clause.text)) return [];
  }
  out.push(text, statementOf(report, g.lead, side, all));
  // A finding read from a predicate ("the sternotomy wires are broken") is worded as its clause.
  const predicate = predicateClause(report, g.lead);
  if (predicate) out.splice(out.length - 2, 0, predicate);
  out.push(plainStatementOf(g.lead, side, g.lead.finding));
  for (const term of CONCEPT_BY_ID.get(g.lead.concept)?.terms ?? []) out.push(plainStatementOf(g.lead, side, term));
  return [...new Set(out)];
}

/**
 * Each statement must read back as the finding it was written from (same concept family, assertion
 * and side); where the report's phrase misleads the findings core (a cue word caught in it, a
 * de-identified word), the next wording is tried, and a group no wording reads back as is left out.
 */
function readBackItems(
  report: Report,
  u: Understanding,
  groups: readonly Group[],
  all: readonly Finding[],
  clauses: Clauses,
): ImpressionItem[] {
  const options = groups.map((g) => wordings(report, g, all, clauses));
  const choice = groups.map(() => 0);
  const done = groups.map(() => false);
  const exam = examLine(report, u);
  for (let round = 0; round < 12 && done.some((d) => !d); round++) {
    const trying = groups.map((_, i) => i).filter((i) => !done[i] && choice[i] < options[i].length);
    if (!trying.length) break;
    const reread = parseReport(
      `${exam}IMPRESSION:${report.eol}${trying.map((i, n) => `${n + 1}. ${options[i][choice[i]]}`).join(report.eol)}`,
    );
    const listed = reread.sections.find((s) => s.kind === 'impression')?.items ?? [];
    const readBack = understand(reread).findings;
    trying.forEach((i, n) => {
      const { lead } = groups[i];
      const side = lead.side;
      const span = listed[n];
      const ok =
        !!span &&
        readBack.some(
          (x) =>
            x.start >= span.start &&
            x.end <= span.end &&
            sameFinding(x.concept, lead.concept) &&
            x.assertion === lead.assertion &&
            (x.side ?? null) === (side ?? null),
        );
      if (ok) done[i] = true;
      else choice[i]++;
    });
  }
  return groups.flatMap((g, i) => (done[i] ? [{ text: options[i][choice[i]], findings: g.findings }] : []));
}

/**
 * The items without a sentence of what the patient was told to watch for ("… instructed to call for fever, new
 * weakness …"): the symptoms it lists are not the patient's findings.
 */
function withoutInstructions(items: readonly ImpressionItem[]): ImpressionItem[] {
  return items.flatMap((item) => {
    if (!instructsPatient(item.text)) return [item];
    // Only the instruction itself goes: "Acute DVT of the left popliteal vein; the patient was advised to seek
    // immediate medical attention." keeps its finding (review rev11 #3).
    const text = item.text
      .split(SENTENCE_END)
      .flatMap((x) => x.split(/(?<=;)\s+/))
      .filter((x) => !instructsPatient(x))
      .join(' ')
      .replace(/;\s*$/, '.');
    return text.trim() ? [{ ...item, text }] : [];
  });
}

/** Draft an impression from the report's findings. */
export function draftImpression(
  report: Report,
  understanding: Understanding = understand(report),
  options: DraftOptions = { includeMinor: false },
): ImpressionDraft {
  const u = understanding;
  const clauses = clausesFor(report);
  // A list typed with no marks after the findings' last sentence is the radiologist's own (runInImpression): its
  // members are kept as written, never cut into phrases across their run-together words ("hernia Bilateral …").
  const runIn = report.sections.some((s) => s.kind === 'impression') ? undefined : runInImpression(report);
  const inRunTogether = (f: Finding) =>
    !!runIn &&
    f.start >= runIn.body.start &&
    f.start < runIn.body.end &&
    runTogetherParts(report.text.slice(runIn.body.start, runIn.body.end).trim()).length >= 3;
  const candidates = candidatesOf(report, u, options).filter((f) => !inRunTogether(f));
  let items = itemsOf(report, u, candidates, clauses);
  // What the omission rule asks of an impression (its own reading of minor and explained) and no item covers is added.
  const sections = findingsSections(report);
  const inFindings = new Set(sections);
  const said = items.map((i) => i.text.toLowerCase()).join('\n');
  const covered = new Set(items.flatMap((i) => i.findings.flatMap((f) => [...coveredBy(f.concept)])));
  const extra = u.findings.filter(
    (f) =>
      inFindings.has(f.sectionIndex) &&
      !inRunTogether(f) &&
      !candidates.includes(f) &&
      !covered.has(f.concept) &&
      !said.includes(report.text.slice(f.start, f.end).toLowerCase()) &&
      impressionWorthy(report, u, f),
  );
  if (extra.length) items = itemsOf(report, u, [...candidates, ...extra], clauses);

  const chest = CHEST_PARTS.has(u.exam.bodyPart ?? '') || (!u.exam.bodyPart && /\bchest\b/i.test(report.text.slice(0, 200)));
  const lastImpression = [...report.sections].reverse().find((s) => s.kind === 'impression');
  const impression = lastImpression && withItsLabelledList(report, lastImpression);
  const lastFindings = sections[sections.length - 1];
  const insertAt = lastFindings !== undefined ? report.sections[lastFindings].body.end : report.text.trimEnd().length;
  // What the old impression says that the draft does not (a diagnosis, a recommendation, a call, a
  // statement the findings core cannot read) is kept as written, never dropped; so is an impression run
  // into the findings as "•" statements.
  const old = impression ?? runInImpression(report);
  // A report with two IMPRESSION sections (a stress test's, then the nuclear scan's) answers in both: the earlier
  // one's statements are read too, first.
  // (By the same header: an INTERPRETATION over the findings that a CONCLUSION sums up is no answer of its own.)
  const headed = (s: Section) => s.header?.name.toLowerCase().trim();
  const earlier = report.sections.filter(
    (s) => s.kind === 'impression' && s !== lastImpression && !!impression && headed(s) === headed(impression),
  );
  for (const section of [...earlier, ...(old ? [old] : [])])
    items = [...items, ...keptFromImpression(report, u, section, items, clauses, section !== old)];
  // Never "no acute abnormality" over a significant finding: the sentences stating one are listed as written.
  items = [...items, ...statedItems(report, u, clauses, items)];
  items = withoutInstructions(items);
  if (!items.length) items = statedItems(report, u, clauses, items, statedSections(report));
  items = [...items, ...unreadItems(report, u, clauses, items)];
  // With no old impression to hold the draft to, the findings' other abnormal statements go in as written, known to the
  // lexicon or not: a draft never names one finding and leaves the rest out (r13i: an echo kept only its trace TR).
  // (An old impression that only points to the findings, "See above.", "As described in the findings.", holds nothing to.)
  let unlisted: string | undefined;
  if ((!old || onlyPointsToFindings(report, old)) && items.length) {
    const others = otherStatements(report, clauses, { u, items });
    items = [...items, ...others.items];
    unlisted = others.refused;
  }
  // A caveat on what the exam can show goes with the draft whatever it says.
  items = [...items, ...caveatItems(report, items)];
  // An exam's category (BI-RADS, Lung-RADS) said alone in the findings is never left out; in a draft of nothing else,
  // one of 3 or more only (a "BI-RADS 1." alone is the all-clear's).
  const categories = categoryItems(report, items);
  items = [...items, ...(items.length ? categories : categories.filter((c) => highCategories(c.text).length > 0))];
  if (items.length) items = [...items, ...adviceItems(report, clauses, items)];
  // One item per list mark of the report, none that only sets the scene, each with what its sentence tells of it after a ";".
  // (Nor a piece of an image reference cut at its ";": "(series #5 images #10-14; series #7 images #8-9)" tells no finding.)
  const gathered = withoutInstructions(items).filter((item) => !IMAGE_REFERENCE.test(item.text));
  const assemble = (split: boolean) => {
    const whole = gathered
      .flatMap(splitAtQuotes)
      .flatMap((item) => (split ? splitRunTogether(item) : [item]))
      .flatMap((item) => splitAtMarks(report, item));
    return withTheirLabels(
      report,
      // (Again without repeats: a predicate listed alone, "Is new compared with the prior study.", is now its subject's.)
      withoutRepeats(
        withTheirPredicates(
          report,
          withWhatTheyIntroduce(
            report,
            withTheirAntecedents(report, withTheirReferents(report, withoutRepeats(whole.filter((item) => !setsTheScene(item.text))))),
          ),
        ),
      ),
    );
  };
  // A list run together with no marks is split only where the verifier reads its members apart too (it may read the
  // run as one statement, whose hedge or side each member would then seem to drop).
  const runTogether = gathered.some((item) => splitRunTogether(item).length > 1);
  items = assemble(true);
  if (runTogether && options.accepts) {
    const draftOf = (xs: readonly ImpressionItem[]) => ({
      items: [...xs],
      text: xs.map((item, i) => `${i + 1}. ${item.text}`).join(report.eol),
      replaces: impression ? { start: impression.body.start, end: impression.body.end } : null,
      insertAt,
    });
    if (!options.accepts(draftOf(items))) items = assemble(false);
  }
  items = withTheirNoduleRun(report, items);
  // The study compared with the prior one as a whole, where the findings open or close ("No significant difference was
  // detected when compared with the previous examination.") and no item says it: the course of all the items, last.
  if (items.length) items = [...items, ...courseItems(report, clauses, items, inFindings)];
  items = withTheirStudy(report, items);
  // Nothing to list: the old impression's own all-clear, as written, keeps its scope ("No acute intracranial
  // process." is not "No acute abnormality." over a scalp laceration the findings describe).
  const allClear =
    old && clauses.all.find((c) => c.start >= old.body.start && c.start < old.body.end && c.normal && !c.positive && !c.hedges.length);
  const ownAllClear =
    allClear &&
    stripListNumber(allClear.text)
      // (CT-RATE's impression opens on a quotation mark: '" Thoracic CT examination within normal limits'.)
      .replace(/^[\s"\u201c\u201d]+/, '')
      .trim()
      .replace(/[.;,]*$/, '.');
  // Else "no acute …" only when every statement of the findings reads as normal or negative: what else they
  // state ("a laceration in the left occipital scalp", words the lexicon does not know) is listed as written,
  // or the draft is refused.
  let refused: string | undefined = unlisted;
  if (!items.length && !ownAllClear) ({ items, refused } = otherStatements(report, clauses));
  // No section whose findings an impression sums up ("HISTORY: Fall." with the hematoma on the lines under it, a
  // case history): nothing was read as findings, so nothing may be called normal.
  if (!items.length && !ownAllClear && !findingsSections(report).length)
    refused ??= 'cannot say the study is normal: the report has no findings section (nothing was read as findings)';
  // The old impression's attestation stays the reader's, on its own line after the items.
  const signOff = old && items.length ? signOffOf(old, clauses) : null;
  const replaces = impression ? { start: impression.body.start, end: impression.body.end } : null;
  // A call or discussion of the findings ("Findings were discussed with Dr. X …") is no item: its own line after them.
  // (The item it was glued to may then say again what another says: "Large right pneumothorax.")
  const calls: string[] = [];
  const called = items.flatMap((item) => {
    const { text, call } = callOff(item.text);
    if (call) calls.push(call);
    return text ? [{ ...item, text }] : [];
  });
  // (A draft of nothing but a call lists it.)
  if (called.length) items = withoutRepeats(called);
  else calls.length = 0;
  const listed = (xs: readonly ImpressionItem[]) =>
    [...xs.map((item, i) => `${i + 1}. ${item.text}`), ...calls, ...(signOff ? [signOff] : [])].join(report.eol);
  const accepts = options.accepts;
  const passes = (xs: readonly ImpressionItem[]) => !!accepts?.({ items: [...xs], text: listed(xs), replaces, insertAt });
  if (old && items.length && accepts) items = withoutTwins(report, u, old.body, items, passes);
  // "Kidneys: 4 mm stone in the left kidney", "Bowel: The appendix is dilated …": a run-in label copied with its line that only
  // says the organ again goes; a needed one ("L4-L5:", "Medial meniscus:" over "Tear …") stays.
  const unlabelled = items.map((item) => {
    const m = RUN_IN_LABEL.exec(item.text);
    return m && labelRepeats(m[1], item.text.slice(m[0].length)) ? { ...item, text: capitalise(item.text.slice(m[0].length)) } : item;
  });
  if (accepts && unlabelled.some((x, i) => x !== items[i]) && passes(unlabelled)) items = unlabelled;
  // An item from a sentence under a side label ("On the right, …", "Left kidney: …") opens on the label; where the verifier
  // does not read the side the label passes on, on the label's sentence as written; else it stays as it is.
  const inImpression = (text: string) => saidInImpression(report, text);
  const sided = withTheirSides(report, items, inImpression);
  if (sided.some((x, i) => x !== items[i])) {
    const written = withTheirSides(report, items, inImpression, true);
    items = !accepts ? written : ([sided, written].find(passes) ?? items);
  }
  return {
    items,
    text: items.length
      ? listed(items)
      : ownAllClear
        ? ownAllClear[0].toUpperCase() + ownAllClear.slice(1)
        : chest
          ? 'No acute cardiopulmonary abnormality.'
          : 'No acute abnormality.',
    replaces,
    insertAt,
    ...(refused ? { refused } : {}),
  };
}

/**
 * "Chronic lacunar infarct. Findings were discussed with Dr. Smith by phone at 14:32.": the item without the call or
 * discussion of the findings its last sentences are (cues.json communication), and that call as written.
 */
function callOff(text: string): { text: string; call: string } {
  const sentences = text.split(/(?<!\b(?:Dr|Drs|Mr|Mrs|Ms|Prof|St)\.)(?<=[.!?])\s+(?=[A-Z])/);
  const call = (t: string) => {
    const c = readClause(t, { start: 0, end: t.length }, 'impression', null);
    return c.communication && !c.significant;
  };
  const at = sentences.findIndex((x, i) => call(x) && call(sentences.slice(i).join(' ')));
  return at < 0 ? { text, call: '' } : { text: sentences.slice(0, at).join(' '), call: sentences.slice(at).join(' ') };
}

/** The items for these findings: grouped, worded, read back. */
function itemsOf(report: Report, u: Understanding, findings: readonly Finding[], clauses: Clauses): ImpressionItem[] {
  return withoutRepeats(readBackItems(report, u, groupsOf(report, findings), u.findings, clauses));
}

// A quotation mark between two statements ('… lingular segment" Nonspecific nodules …', 'Control is recommended
// "Mosaic attenuation …'), as chest CT reports exported without headers run their impression in: two items.
// Or a closing quotation mark right after a statement's end, the next one typed in lower case ('… if any." small calcified
// nodules …', '… (cyst?)" mild hepatic steatosis'): a full stop or question mark before the quote closes a statement.
const QUOTE_BETWEEN = /(?<=[a-z0-9)])(?:["\u201c\u201d]\s+|\s+["\u201c\u201d])(?=[A-Z])|(?<=[.?!]\)?)["\u201c\u201d]\.?\s+(?=[A-Za-z])/;
const CLOSED_BEFORE_QUOTE = /[.?!]\)?["\u201c\u201d]\.?\s*$/;
const POINTS_BACK = /^\s*(?:it|its|they|their|this|these|those|which)\b/i;
// (A statement that ends on its question keeps it as its end: "…, infection?" not "…, infection?.".)
const STRAY_QUOTES = (text: string) =>
  text.replace(/^[\s"\u201c\u201d]+/, '').replace(/(\?\)?)?[\s"\u201c\u201d.]*$/, (_, asked: string | undefined) => asked ?? '.');

/** An item of statements glued by a stray quotation mark, as one item each (the findings go with the first). */
function splitAtQuotes(item: ImpressionItem): ImpressionItem[] {
  // A quoted term inside a sentence ('the "Dawson's finger" pattern') is no statement: at least four words up to the next quote.
  const parts = item.text.split(QUOTE_BETWEEN);
  // (After a closed statement, two words are a statement too: '… if any." mild steatosis'.)
  const closedBefore = (i: number) => {
    const before = item.text.slice(0, item.text.indexOf(parts[i]));
    return CLOSED_BEFORE_QUOTE.test(before);
  };
  // One that points back ("It may be negative in the early period.") stays with what it speaks of.
  const apart = (p: string, i: number) =>
    p
      .split(/["\u201c\u201d]/)[0]
      .trim()
      .split(/\s+/).length >= (closedBefore(i) ? 2 : 4) &&
    !CUES.dangling.includes(firstWord(p)) &&
    !POINTS_BACK.test(p);
  // A quotation mark left alone at an end ('… compatible with tuberculosis."') goes.
  const odd = (item.text.match(/["\u201c\u201d]/g) ?? []).length % 2 === 1;
  if (parts.length < 2 || !parts.every((p, i) => i === 0 || apart(p, i)))
    return odd ? [{ ...item, text: STRAY_QUOTES(item.text) }] : [item];
  // (Each an item of its own, opening on a capital as one: "small calcified nodules …" -> "Small calcified nodules …".)
  const opening = (text: string) => text.replace(/^[a-z]/, (c) => c.toUpperCase());
  return parts.map((part, i) => ({ text: opening(STRAY_QUOTES(part)), findings: i ? [] : item.findings }));
}

/** An item that is a list run together with no marks (runTogetherParts), as one item per member (the findings go with the first). */
function splitRunTogether(item: ImpressionItem): ImpressionItem[] {
  const parts = runTogetherParts(item.text);
  if (parts.length < 2) return [item];
  return parts.map((part, i) => ({ text: `${part}.`, findings: i ? [] : item.findings }));
}

const GLUED_SENTENCES = /[a-z]\.[A-Z][a-z]/;

/** An item another one says word for word (or says again) goes with that one, which takes its place in the list. */
function withoutRepeats(items: readonly ImpressionItem[]): ImpressionItem[] {
  // Words padded with spaces: "mass" is not said by "massive effusion".
  const bare = (item: ImpressionItem) =>
    ` ${item.text
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, ' ')
      .replace(/\.(?!\d)/g, ' ')} `.replace(/\s+/g, ' ');
  const place = new Map(items.map((item, i) => [item, i]));
  const kept = items.filter((item, i) => {
    // Not into sentences typed without a space between them ("fracture.Partial tear"): the verifier reads those as one.
    const into = items.find(
      (other) =>
        other !== item && other.text.length > item.text.length && !GLUED_SENTENCES.test(other.text) && bare(other).includes(bare(item)),
    );
    const same = items.find((other) => other.text === item.text);
    const host = into ?? (same !== item ? same : undefined);
    if (!host) return true;
    host.findings.push(...item.findings);
    place.set(host, Math.min(place.get(host)!, i));
    return false;
  });
  return kept.sort((a, b) => place.get(a)! - place.get(b)!);
}

// A sentence that speaks of the finding named before it, as the verifier reads one (clauses.ts `leansOn`, cues.json
// `leaning`: "It …", "These likely represent …", "None of the remaining masses …", "The mass extends …", "Imaging
// features are indeterminate for …"), and by what only a draft's items need besides: "The lesion appearance is
// stable …", "The outlook is compatible with …", "Due to their size, they …", "Other possibilities …", "Compatible
// with adenoma.", a part of the lesion with no noun of its own ("There is a central cystic area …, suggesting necrosis").
// A part of a lesion, with no noun of its own: "There is a central cystic appearing area …", "An enhancing peripheral rim …",
// "The solid component shows …". It speaks of the nearest lesion before it (`LESION`), not of the sentence just before.
const PART_OF_LESION =
  /^\s*(?:there (?:is|are)\s+(?:also\s+)?)?(?:an?\s+|the\s+)?(?:(?:central|peripheral|internal|eccentric|inner|outer|solid|cystic|necrotic|enhancing|nonenhancing|non-enhancing|calcified|fatty|hemorrhagic|mural)[\s,-]+(?:[a-z]+[\s-]+){0,2}?)+(?:areas?|components?|portions?|parts?|foci|focus|rim|region|cent(?:er|re)|wall|septations?)\b/i;
const LESION = /\b(?:mass(?:es)?|lesions?|tumou?rs?|neoplasms?|nodules?|cysts?|carcinoma)\b/i;
// A measure of the lesion named before, by "the lesion" with no place of its own: "Due to the consolidation, the dimensions of
// the lesion cannot be clearly measured.", "The margins of the tumor cannot be defined due to motion." (r17i #14: listed after
// another finding, its size read as that one's). It speaks of the nearest lesion before it, as a part does.
const MEASURE_OF_LESION =
  /^\s*(?:[^,.;]{1,60},\s*)?(?:the\s+)?(?:(?:dimensions?|size|sizes|margins?|borders?|contours?|extent|diameters?|boundaries|measurements?)\s+of\s+the\s+(?:lesion|mass|tumou?r|nodule|neoplasm)|(?:lesion|mass|tumou?r|nodule|neoplasm)(?:'s)?\s+(?:dimensions?|size|margins?|borders?|extent|diameters?))\b(?![^.;]*\b(?:left|right|lobe|segment)\b)/i;
/** Whether `text` names the lesion a part sentence speaks of: the one it names ("the enhancing portion of the mass"), else any. */
function namesLesionOf(part: string, text: string): boolean {
  const own = LESION.exec(part.replace(PART_OF_LESION, ''))?.[0];
  return own ? new RegExp(`\\b${own.replace(/(?:es|s)$/i, '')}`, 'i').test(text) : LESION.test(text);
}
// Where a finding is by the one before it: "more caudally", "slightly inferior", "just posterior to it", "adjacent to the first".
const DIRECTION = String.raw`(?:caudal|cranial|inferior|superior|anterior|posterior|medial|lateral|proximal|distal|cephalad|caudad|lower|higher|deeper)`;
const RELATIVE_PLACE = String.raw`(?:(?:(?:slightly|a little|just|somewhat|further)\s+)?more\s+${DIRECTION}(?:ly)?|(?:slightly|a little|just|somewhat|immediately)\s+${DIRECTION}(?:ly)?(?!\s+(?:to|of)\s+the\s+(?!first|former|previous|above)[a-z])|(?:${DIRECTION}|adjacent|next|close)\s+to\s+(?:it|this|that|the (?:first|former|previous|above)(?:\s+one)?)\b)`;

// What the sentence before named, by a demonstrative in mid-sentence: "Fractures in these bones cannot be excluded.",
// "Soft tissue swelling in this region".
const DEMONSTRATIVE = /\b(?:in|of|within|involving|at|from|to) (?:these|those) [a-z]+|\b(?:in|at|of) (?:this|that) (?:region|area)\b/i;
const OPENS_ON_BEFORE = [
  /^\s*the (?:(?:imaging|radiologic|radiological) )?(?:lesion|outlook|appearance|abnormality|manifestation)s?\b/,
  // With no article: "Appearance is nonspecific.", "Morphology is suggestive of …".
  /^\s*(?:(?:its|overall|imaging)\s+)?(?:appearances?|morphology|configuration|outlook)\s+(?:is|are|was|were|remains?|may|might|could|appears?|suggests?)\b/,
  // What goes with the finding named before: "The surrounding edema causes …", "Associated mass effect …".
  // (Not "adjacent": "The adjacent bones are intact", "Adjacent to the T9 lesion, …" name a place of their own.)
  /^\s*(?:the\s+|there (?:is|are)\s+(?:an?\s+)?)?(?:surrounding|associated|accompanying|perilesional|peritumou?ral|resultant|resulting)\s+[a-z]/,
  // (But "adjacent" told as more of the same: "Adjacent mesenteric edema and enlarged nodes are also noted".)
  /^\s*(?:the\s+|there (?:is|are)\s+(?:also\s+)?(?:an?\s+)?)?adjacent\s+(?!to\b)[^.;]{1,80}?\b(?:is|are|was|were)\s+also\s+(?:noted|seen|present|identified|demonstrated|observed)\b/,
  // The differential of the finding before: "Differential includes hemangioma or …", "Differential diagnosis would include …".
  /^\s*(?:the\s+)?(?:differential|ddx)(?:\s+diagnos[ie]s)?(?:\s+considerations?)?\s+(?:includes?|would include|is|are|:)/,
  /^\s*there (?:was|is) no significant (?:difference|change) in the size\b/,
  // An opening phrase, then the pointer as the subject: "In this examination, they …", "Due to their size, they …".
  // (A date's dots are no sentence end: "According to the review dated 08.11.2017, its dimensions have decreased".)
  /^(?:[^,.;]|(?<=\d)\.(?=\d)){1,60},\s*(?:it|its|this|they|their|these|those)\b/,
  // What the sentences before described, by a word that says so.
  /^\s*(?:(?:some|one|all|each|most|both|many|several|the (?:largest|larger|smallest|smaller|biggest|dominant|latter|former))\s+of\s+)?(?:the\s+)?(?:remaining|said)\b/,
  /^\s*other\b(?!\s*:)/,
  // The ones of those named before that the report picks out: "The most notable lesions include the T12 vertebral body …",
  // "The largest ones are in the right paratracheal station …", "The largest measures 2.1 cm" (r18i #6: listed alone,
  // its sizes belong to nothing). (A one named with its own place, "The largest nodule in the right upper lobe …", stands.)
  new RegExp(
    String.raw`^\s*the\s+(?:(?:two|three)\s+)?(?:largest|biggest|smallest|dominant|most\s+(?:notable|prominent|conspicuous|dominant|significant|apparent|evident))\s+(?:(?:of\s+(?:these|them|those)|ones?|lesions|nodes|lymph\s+nodes|nodules|masses|foci|cysts|metastases|deposits)\s+(?:is|are|was|were|include[sd]?|involves?|involved|involving|measures?|measured|measuring|located|lies|lie|in|at|within|along)\b|(?:lesion|node|lymph\s+node|nodule|mass|focus|cyst|metastasis|deposit)\s+(?:is|was|measures?|measured|measuring)\b|(?:is|are|was|were|include[sd]?|involves?|measures?|measured|measuring)\b)`,
  ),
  // A reading or a change with no subject of its own: "Compatible with adenoma.", "Has just emerged.", "…; no significant difference was found".
  /^\s*(?:most\s+)?(?:compatible|consistent|suggestive|in favor)\b|^\s*(?:has|have|had)\s+(?:just\s+)?(?:emerged|appeared|developed|increased|decreased|regressed)\b/,
  /^\s*no (?:significant |marked )?(?:difference|change)\b/,
  PART_OF_LESION,
  MEASURE_OF_LESION,
  // Placed only from the one before: "There is another nodule … a little more caudally", "A second focus just posterior to
  // the first", "A 3 mm nodule is seen slightly more cranially" (with no side of its own; r17i: "more caudally" than what?).
  new RegExp(
    String.raw`^\s*(?:there (?:is|are)\s+(?:also\s+)?)?(?:another|a second|a third|an? (?:additional|further)|one more)\b(?:[^.;]|(?<=\d)\.(?=\d)){0,80}?\b${RELATIVE_PLACE}`,
  ),
  new RegExp(
    String.raw`^(?!(?:[^.;]|(?<=\d)\.(?=\d))*\b(?:left|right|bilateral(?:ly)?|both)\b)(?:[^.;]|(?<=\d)\.(?=\d))*?\b${RELATIVE_PLACE}`,
  ),
];
const oneOf = (patterns: RegExp[]) => new RegExp(patterns.map((r) => r.source).join('|'), 'i');
const OPENS_BACK = oneOf(OPENS_ON_BEFORE);
const SPEAKS_OF_BEFORE = oneOf([...OPENS_ON_BEFORE, DEMONSTRATIVE]);
// A bare structure with "the" in mid-sentence: the one the sentence before named ("… of the tendon consistent with …").
const BARE_STRUCTURE = /\b(?:of|in|within|along) the (tendon|ligament|lesion|mass|nodule|cyst)\b(?!\s+(?:of|in|at)\b)/i;
// (Not one the sentence names itself first: "Tearing of the long biceps tendon …, and partial tearing of the intracapsular
// portion of the tendon" speaks of the biceps, not of the subscapularis sentence before it, r19i #1.)
function bareStructureOfBefore(text: string): boolean {
  const m = BARE_STRUCTURE.exec(text);
  return !!m && !new RegExp(`\\b${m[1]}\\b`, 'i').test(text.slice(0, m.index));
}
// Organs by their one-word names: "The spleen is enlarged" names its organ afresh, whatever the sentence before said.
const ORGAN_WORDS: ReadonlySet<string> = new Set(
  ORGANS.flatMap((o) => o.terms)
    .filter((t) => /^[a-z]+$/i.test(t))
    .map((t) => stem(t.toLowerCase())),
);
// (As the verifier also reads an item: one opening on a pointing word, "It is recommended …" too, speaks on from the one before.)
const leansOnBefore = (text: string, before: string) =>
  CUES.dangling.includes(firstWord(text)) ||
  leansOn(readClause(text, { start: 0, end: text.length }, 'findings', null), before, ORGAN_WORDS);
// "However, no lesion is identified on the bone scan.", "But no washout is seen.", "However, a metastasis cannot be excluded.":
// a contrast that denies, advises or hedges answers the finding before it; standing alone it reads as a statement of the
// whole study. (One that names a finding of its own, "However, there is a new 5 mm nodule", stands as its own item.)
// (sentence-kinds.json contrastOpeners, the list restructure reads too, and "still": "Still, no mass is seen.")
const CONTRAST_OPENING = new RegExp(`^\\s*(?:${[...CONTRAST_OPENERS, 'still'].map(escapeRegExp).join('|')})\\b[\\s,]*`, 'i');
function qualifiesBefore(text: string): boolean {
  const m = CONTRAST_OPENING.exec(text);
  const rest = m ? text.slice(m[0].length) : '';
  return !!m && tokens(rest).length >= 2 && (namesNothing(rest) || CAVEAT_WORDS.test(rest));
}
/** Opens on what was named in `before`: with nothing to join, the sentence before goes with it. */
const opensBack = (text: string, before: string) => OPENS_BACK.test(text) || qualifiesBefore(text) || leansOnBefore(text, before);
/** Speaks of what was named in `before`, at its opening or in mid-sentence ("… given its consolidated appearance"). */
const speaksOfBefore = (text: string, before: string) =>
  SPEAKS_OF_BEFORE.test(text) ||
  bareStructureOfBefore(text) ||
  qualifiesBefore(text) ||
  reasonOfBefore(text) ||
  leansOnBefore(text, before);
// "… given its consolidated appearance", "… due to their size": the reason told of a finding named before, unless the sentence
// names a lesion of its own before it ("A 6 mm hypodense lesion in the left kidney, which cannot be characterized due to its size").
const REASON_BY_POINTER = /\b(?:given|due to|because of) (?:its|their)\b/i;
const OWN_LESION =
  /\b\d+(?:\.\d+)?\s*(?:mm|cm)\b|\b(?:lesions?|nodules?|mass(?:es)?|cysts?|foc(?:us|i)|opacit(?:y|ies)|densit(?:y|ies)|hypodensit(?:y|ies)|calculi|calculus|stones?)\b/i;
function reasonOfBefore(text: string): boolean {
  const m = REASON_BY_POINTER.exec(text);
  return !!m && !OWN_LESION.test(text.slice(0, m.index));
}
// A later clause that answers the first: "…, but malignancy cannot be excluded", "…; however, the proximal arteries are patent",
// or "but" typed without its comma ("no high grade stenosis but a flow-limiting lesion can not be excluded").
const CONTRAST = /(?:[,;]\s*(?:but|however|although|though|whereas|yet)|\sbut)\b[\s,]*$/i;
// What the exam could not show: "the left kidney is poorly seen", "evaluation is limited", "partially obscured by".
const EXAM_LIMIT =
  /\b(?:limit(?:ed|s|ation|ing)|obscur\w*|poorly|suboptimal\w*|not (?:well |adequately |optimally |clearly )?(?:seen|visuali[sz]ed|evaluated|assessed|imaged|evaluable)|non-?diagnostic|degraded)\b/i;
// Nothing before the item in its sentence but a connective and a concession: "Also, although (there is)".
const CONCEDED_OPENING =
  /^\s*(?:(?:additionally|also|furthermore|moreover|in addition)\s*,?\s*)?(?:although|though|even though|while|whereas)\s*$/i;
// What a caveat says: "cannot be excluded", "would be difficult to totally exclude", "the possibility of …", "may …".
const CAVEAT_WORDS =
  /\b(?:exclude[sd]?|excluding|rule[sd]? out|ruled out|possibility|possibly|possible|may|might|could|cannot|favou?red|likely)\b/i;
// Words that join a sentence's later clause to its first: "…, but other possibilities …".
const JOINER = /[\s,;:]*(?:\b(?:but|however|although|though|whereas|while|and)\b)?[\s,;:]*$/i;

// What opens a condition or a reason, not a finding: "If clinically indicated, …", "Given the history of malignancy, …".
const OPENS_ON_CONDITION =
  /^\s*(?:if|given|in view|for|when|whenever|as|because|due|considering|to|after|before|once|should|unless|pending|depending|with|without|in case|per|on|at|please|clinically|otherwise|alternatively|also|further(?:more)?|then|again)\b/i;
/**
 * A finding named before the sentence's advice ("A 3.1 cm left renal mass, urology referral is advised.", "Left upper
 * lobe nodule; follow-up is recommended."): the clause reader takes the whole sentence as advice, but its opening is a
 * finding of its own, never a follow-on of the sentence before.
 */
function opensOnFinding(text: string): boolean {
  const cut = /[,;]\s/.exec(text);
  if (!cut) return false;
  const opening = text.slice(0, cut.index);
  if (tokens(opening).length < 2 || OPENS_ON_CONDITION.test(opening)) return false;
  const read = readClause(opening, { start: 0, end: opening.length }, 'findings', null);
  return read.positive && !read.recommendation && !read.normal;
}
/** Advice or a normal or negative statement, as the verifier reads it: it names no finding a later sentence could speak of. */
const namesNothing = (text: string) =>
  !readClause(text, { start: 0, end: text.length }, 'findings', null).positive && !opensOnFinding(text);

/** Where in `sentence` the item's words start (its first three words in order); -1 when not found. */
function startIn(sentence: string, item: string): number {
  const words = tokens(item).slice(0, 3);
  if (!words.length) return -1;
  return sentence.search(new RegExp(`\\b${words.join('[^a-z0-9]+')}\\b`, 'i'));
}

/**
 * An item that speaks of what the report named before it never stands apart from it: joined right after
 * the item that says that (in the report's order), else given that sentence before it, as written (listed
 * after another finding, "its consolidated appearance" reads as that one's; listed first, "None of the remaining
 * masses …" has no masses to remain of). A later clause of a sentence ("…, but other possibilities such as …")
 * takes its sentence whole.
 */
function withTheirAntecedents(report: Report, items: readonly ImpressionItem[]): ImpressionItem[] {
  const out = items.map((item) => ({ ...item, findings: [...item.findings] }));
  const said = (text: string) => new Set(tokens(text).filter((w) => !UNSAID.has(w)));
  const joined = new Map<ImpressionItem, { at: number; text: string }[]>();
  const bare = (text: string) => text.toLowerCase().replace(/[.\s]+$/, '');
  const runIn = runInImpression(report);
  for (let i = 0; i < out.length; i++) {
    const item = out[i];
    let first = item.text.split(SENTENCE_END)[0];
    const at = sourceOf(report, first);
    if (at < 0) continue;
    const sentence = report.sentences[at];
    // A later clause of its sentence that leans on the clause before it: the sentence whole.
    const from = startIn(sentence.text, first);
    // (Up to the item's words and the article its tidying took off: "…, but a solid mass cannot be excluded".)
    const upTo = sentence.text
      .slice(0, from)
      .replace(/\b(?:a|an|the)\s*$/i, '')
      .replace(/\bthere\s+(?:is|are|was|were)(?:\s+also)?\s*$/i, '');
    // (Not across a quotation mark that opens the item: '… volume loss secondary to atelectasis" Millimetric-sized hypodense
    // lesion … its dimensions' is the next bullet of a run-in impression, whatever its "its" leans on.)
    const quoted = /["\u201c\u201d]\s*$/.test(upTo);
    const opening = from > 0 && !quoted ? upTo.replace(JOINER, '') : '';
    // (Its pointer taken off or not: "…; it has just emerged" is listed as "Has just emerged.")
    const pointer = /\b(?:it|this|these|those|they)\s*$/i.test(sentence.text.slice(0, from));
    // (Or it is the other side of a contrast: "…, which may represent scarring, but malignancy cannot be excluded" is one reading.)
    // (A caveat, not a description: "…, in a more normal anatomic location, but quite small" is two statements.)
    // (Or the organ is named only on the other side: "The spleen is normal in size, but there are several small lesions".)
    const organOnlyBefore =
      organsNamed(wordsOf(opening), opening).length > 0 && !organsNamed(wordsOf(first), first).length && !leansOnOrgan(first);
    const contrast = CONTRAST.test(upTo) && (CAVEAT_WORDS.test(first) || organOnlyBefore);
    // A sentence whole that answers the one before by its opening contrast ("However, a metastasis cannot be excluded."),
    // which tidying took off the item: the contrast given back, so that the item says what it answers.
    const asSaid = stripListNumber(sentence.text).replace(/\s+/g, ' ').trim();
    // A sentence that opens on a conceded denial ("Also, although there is no mediastinal adenopathy, there is an enlarged
    // … node"): the item is the sentence whole, its "although" given back, never a bare denial glued to the finding.
    if (CONCEDED_OPENING.test(upTo)) {
      const whole = fromConcession(sentence.text);
      if (whole && tokens(whole).length > tokens(first).length) {
        item.text = whole + item.text.slice(first.length);
        first = item.text.split(SENTENCE_END)[0];
      }
    }
    if (!opening && at > 0 && qualifiesBefore(asSaid) && tidy(asSaid) === first) {
      item.text = capitalise(asSaid.replace(/[\s.,;:]+$/, '')) + '.' + item.text.slice(first.length);
      first = item.text.split(SENTENCE_END)[0];
    }
    if (opening && tokens(opening).filter((w) => !UNSAID.has(w)).length >= 2 && (pointer || contrast || speaksOfBefore(first, opening))) {
      const whole = tidy(sentence.text);
      const lead = bare(tidy(opening));
      const host = out.find((x) => x !== item && bare(x.text).includes(lead));
      const rest = item.text.slice(first.length);
      if (!host) {
        item.text = whole + rest;
        // A sentence whole that opens back ("These may be reactive; however, …") is read again, for what it speaks of.
        if (opensBack(whole, report.sentences[at - 1]?.text ?? '')) i--;
        continue;
      }
      if (!bare(host.text).includes(bare(whole))) {
        // In place of the opening where the host ends a sentence on it, else after the host.
        const k = host.text.toLowerCase().indexOf(lead);
        const after = host.text.slice(k + lead.length);
        host.text = /^(?:[.?](?:\s|$)|$)/.test(after) ? host.text.slice(0, k) + whole.slice(0, -1) + after : `${host.text} ${whole}`;
      }
      if (rest.trim() && !host.text.includes(rest.trim())) host.text += rest;
      host.findings.push(...item.findings);
      out.splice(i--, 1);
      continue;
    }
    // A place with no side of its own ("in the lower lobe", "around the nodules") whose side the nearest sentence
    // before that names one gives (up to three back: "… right lung middle lobe …. In the lower lobe …. Several nodules …").
    // (A lung's place: "the caudate lobe of the liver" takes no side from the lung sentence before it.)
    // (Not a measure of "the lesion": the lesion's own sentence before says where, "Due to the consolidation, the dimensions of
    // the lesion cannot be measured" after "… emphysema in both upper lobes" is not the emphysema's.)
    const measure = MEASURE_OF_LESION.test(first);
    const unsided =
      !measure &&
      !SIDE_TEXT.test(item.text) &&
      LEANS_ON_PLACE.test(item.text) &&
      !organsNamed(wordsOf(item.text), item.text).some((hit) => LOBED_ELSEWHERE.has(hit.organ));
    // (Or a limb's vessel or nerve named with no side right after a sentence of one side: "… of the right peroneal
    // trunk. The posterior tibial artery is occluded." is the right leg's.)
    const oneSide = (text: string) => /\bright\b/i.test(text) !== /\bleft\b/i.test(text) && !/\bbilateral(?:ly)?\b|\bboth\b/i.test(text);
    const pairedAfter =
      !SIDE_TEXT.test(item.text) &&
      PAIRED_VESSEL.test(first) &&
      at > 0 &&
      report.sentences[at - 1].section === sentence.section &&
      oneSide(report.sentences[at - 1].text);
    // (Or a part of a paired organ with no side right after the sentence that names the organ's side: "The left kidney has a
    // cyst in the upper pole. There is a 1.5 cm solid lesion in the lower pole." is the left kidney's.)
    // (Two or three sentences back too, past the sentences between that name only other parts of it: "The left kidney
    // measures 10 cm. A cyst is present in the upper pole. There is a 12 mm solid lesion in the lower pole.")
    const bareFirst = !SIDE_TEXT.test(item.text) && BARE_PART.test(first);
    const partSided = bareFirst ? partsBack(report, at, oneSide) : undefined;
    const partFrom = partSided ?? (bareFirst ? partsBack(report, at, namesWholeOrgan) : undefined);
    const partAfter = partSided !== undefined;
    const sided = unsided
      ? [1, 2, 3].map((k) => at - k).find((j) => j >= 0 && SIDE_TEXT.test(report.sentences[j].text))
      : pairedAfter
        ? at - 1
        : partAfter
          ? partFrom
          : undefined;
    // A lobe or segment with no organ of its own ("a nodule in the right lobe" after the thyroid's sentence): the
    // nearest sentence before that names the organ.
    // (Or a part of the organ by "its", the organ named only in the sentence right before, which may call it normal:
    // "The liver is of normal size. Slight lobulation is observed in its contours.")
    const before1 = report.sentences[at - 1];
    const possessed =
      POSSESSED_PART.test(first) &&
      !organsNamed(wordsOf(first), first).length &&
      before1?.section === sentence.section &&
      organsNamed(wordsOf(before1.text), before1.text).length > 0;
    const partOf = partFrom !== undefined && !organsNamed(wordsOf(first), first).length ? partFrom : undefined;
    const organ = sided === undefined ? (leansOnOrgan(item.text) ? organBefore(report, at) : possessed ? at - 1 : partOf) : undefined;
    const sideFromBefore = sided !== undefined || organ !== undefined;
    // (Advice and normal statements name no finding: "Further work-up is indicated. Other benign masses …" and
    // "The neurovascular bundles are not involved. The lesion has a PI-RADS score of 2" speak of the lesion before.)
    let back = sided ?? organ ?? at - 1;
    // (A part of a lesion: the nearest sentence before, up to three, that names one.)
    const lesionAt =
      PART_OF_LESION.test(first) || measure
        ? [1, 2, 3]
            .map((k) => at - k)
            .find(
              (j) =>
                j >= 0 &&
                report.sentences[j].section === sentence.section &&
                (measure ? LESION.test(report.sentences[j].text) : namesLesionOf(first, report.sentences[j].text)),
            )
        : undefined;
    if (!sideFromBefore && lesionAt !== undefined) back = lesionAt;
    // The sentences it passes on the way back that speak on of the one before them go with it, as written, so that it
    // still follows the one it speaks on from ("… ground glass areas … . The described appearances are new. Although …").
    const between: string[] = [];
    // (Told already, its opening words or pointer taken off or not: "This lesion is associated with …" as "Associated with …".)
    const told = (text: string) => {
      const all = tokens(text);
      const words = all.slice(Math.min(3, Math.max(0, all.length - 3))).join(' ');
      return out.some((x) => tokens(x.text).join(' ').includes(words));
    };
    const passOver = () => {
      const passed = report.sentences[back].text;
      if (back > 0 && speaksOfBefore(passed, report.sentences[back - 1].text) && !told(passed)) between.unshift(tidy(passed));
      back--;
    };
    // (A contrast stops at a denial the draft lists: "No hydronephrosis. However, the left kidney is poorly seen …" qualifies
    // the denial, not the cyst listed before it, r19i #4.)
    // (Only a limit of the exam: "However, a metastasis cannot be excluded" after a denial still answers the lesion before it.)
    const contrasted = qualifiesBefore(first) && EXAM_LIMIT.test(first);
    while (
      !sideFromBefore &&
      lesionAt === undefined &&
      back > 0 &&
      report.sentences[back].section === sentence.section &&
      namesNothing(report.sentences[back].text) &&
      !(contrasted && told(report.sentences[back].text))
    )
      passOver();
    const leans = !sideFromBefore && speaksOfBefore(first, report.sentences[back]?.text ?? '');
    // Past the sentences that themselves speak on of the one before them, to the one that names it: "There is a 3 cm mass …
    // There is a solid peripheral rim … There is a central cystic area …" all speak of the mass.
    for (let k = 0; leans && lesionAt === undefined && k < 3 && back > 0 && report.sentences[back - 1].section === sentence.section; k++) {
      if (!speaksOfBefore(report.sentences[back].text, report.sentences[back - 1].text) || told(report.sentences[back].text)) break;
      passOver();
    }
    const prev = report.sentences[back];
    // (Nor across the start of an impression run into the findings: '… foramina are open. " Nodules in both lungs (… these
    // nodules)' speaks of no findings sentence; the run-in is the radiologist's own list.)
    // (Nor from one bullet of that run-in list to the one before it: '… infection?" Nodule in the left lower lobe, its
    // follow-up is recommended' is the nodule's own "its".)
    const bullet =
      !!runIn &&
      sentence.start >= runIn.body.start &&
      (/["\u201c\u201d]\s*$/.test(report.text.slice(Math.max(0, sentence.start - 3), sentence.start)) ||
        /^\s*["\u201c\u201d]/.test(sentence.text));
    // (Nor an item that opens its sentence's list after a quote: '… (granuloma?)" new 8 mm nodule …, its follow-up is
    // recommended' is the new nodule's own "its", run-in impression or not.)
    if (
      !prev ||
      prev.section !== sentence.section ||
      bullet ||
      quoted ||
      (runIn && sentence.start >= runIn.body.start && prev.start < runIn.body.start)
    )
      continue;
    // Advice with no finding of its own ("US control is recommended.", "Correlation is advised.") is the advice for the
    // finding the report says right before it: listed after another finding, it reads as that one's.
    const advice =
      at > 0 &&
      back === at - 1 &&
      namesNothing(first) &&
      readClause(first, { start: 0, end: first.length }, 'findings', null).recommendation;
    if (!sideFromBefore && !leans && !advice) continue;
    // The item that says most of the sentence before (its words, not "there is").
    const before = [...said(prev.text)];
    const share = (x: ImpressionItem) => {
      const words = said(x.text);
      return before.length ? before.filter((w) => words.has(w)).length / before.length : 0;
    };
    const host = out.reduce<ImpressionItem | undefined>(
      (best, x) => (x !== item && share(x) >= 0.6 && (!best || share(x) > share(best)) ? x : best),
      undefined,
    );
    if (host?.text.includes(item.text)) continue;
    if (!host) {
      // None: the sentence it speaks of goes before it, as written (and the one that sentence speaks of, once).
      const prior = report.sentences[at - 2];
      const chain = prior && prior.section === sentence.section && speaksOfBefore(prev.text, prior.text) ? `${tidy(prior.text)} ` : '';
      const text = tidy(prev.text);
      // (The organ's sentence even when it calls the organ normal: "Thyroid gland sizes are normal. However, a nodule … in the right lobe".)
      if (
        (organ !== undefined ||
          partAfter ||
          (unsided && sided !== undefined && /\b(?:lobes?|lungs?)\b/i.test(prev.text)) ||
          pairedAfter ||
          ((opensBack(first, prev.text) || DEMONSTRATIVE.test(first)) && !namesNothing(prev.text))) &&
        text &&
        !item.text.includes(text.slice(0, -1))
      )
        item.text = `${chain}${text} ${item.text}`;
      continue;
    }
    // Joined in the report's order, whichever item came first: before the first one joined already that the report says
    // after it, else at the end. Always into the host's text as it stands now (a sentence an earlier step put before or
    // into it since it took its first follow-on stays: rebuilt from the text it had then, it was lost unseen).
    const after = joined.get(host) ?? [];
    const text = [...between.filter((x) => !item.text.includes(x.slice(0, -1))), item.text].join(' ');
    const later = after
      .filter((x) => x.at > at)
      .map((x) => host.text.lastIndexOf(x.text))
      .filter((k) => k > 0);
    const k = later.length ? Math.min(...later) : -1;
    host.text = k > 0 ? `${host.text.slice(0, k)}${text} ${host.text.slice(k)}` : `${host.text} ${text}`;
    after.push({ at, text });
    joined.set(host, after);
    host.findings.push(...item.findings);
    out.splice(i--, 1);
  }
  // "No difference was found in the size of the nodule compared with the previous study" after the nodule's
  // sentence: its time, which no other item says, goes with it; so does what a sentence opening on it tells
  // of it ("The largest of these nodes measures 2.1 cm.", "Due to their size, they cannot be characterized.").
  for (const item of out) {
    const at = sourceOf(report, item.text.split(SENTENCE_END).pop() ?? '');
    const next = report.sentences[at + 1];
    if (at < 0 || !next || next.section !== report.sentences[at].section) continue;
    const aside = tidy(next.text);
    if (!aside || out.some((x) => x.text.includes(aside.slice(0, -1)))) continue;
    const named = [...next.text.matchAll(/\b(?:the|its) ([a-z]+)/gi)].map((m) => m[1].toLowerCase());
    const own = new Set(tokens(item.text));
    // Of this finding: it names it ("the nodule") or says a word of it ("in the amount of effusion").
    const says = (w: string) => own.has(w) || own.has(w.replace(/s$/, ''));
    const shared = tokens(next.text).some((w) => w.length >= 5 && !UNSAID.has(w) && !TIME_TALK.has(w) && says(w));
    // (Not a normal statement: "These are otherwise normal" beside a finding reads as "nothing is wrong".)
    const read = readClause(next.text, { start: 0, end: next.text.length }, 'findings', null);
    const stable = STABLE_SINCE.test(next.text) && (named.some(says) || shared);
    // (Not a sentence the report says twice: after two findings it is told where the verifier reads it.)
    const once = report.sentences.filter((x) => x.text.trim() === next.text.trim()).length === 1;
    // ("It …", "This …" after an item: sequelOf's, which words them so the verifier reads them with it.)
    // (A part of a lesion goes only with a lesion: "The solid component …" after a node's sentence is the mass's before it.)
    const leans =
      opensBack(next.text, report.sentences[at].text) &&
      !CUES.dangling.includes(firstWord(next.text)) &&
      (!PART_OF_LESION.test(next.text) || namesLesionOf(next.text, item.text));
    // A lesion's category said as a sentence of its own right after the finding ("TI-RADS 4.", "Bosniak IIF.") is that
    // finding's (an exam's, "Lung-RADS 4A." after the last of two nodules, is not).
    const category = LESION_CATEGORY_ONLY.test(next.text) && tokens(next.text).length <= 8;
    // A course of the whole study closing the findings after other listed findings ("No significant interval change
    // compared to the prior CT.", "Stable appearance compared with the previous examination.") is not the last one's:
    // courseItems lists it on its own, as the course of them all.
    const ofStudy =
      studyCourse(next.text) &&
      report.sentences[at + 2]?.section !== next.section &&
      out.some((x) => x !== item && itemSection(report, x) === next.section);
    if (ofStudy) continue;
    if (!(stable || category || comparedOf(next.text) || (once && leans && !read.recommendation && !read.normal))) continue;
    item.text = `${item.text} ${aside}`;
    // And the sentences after it that go on comparing them with the prior study ("These findings are also present in the
    // previous examination. No significant difference was detected when compared with the previous examination."): the
    // finding's course, which no other item says (r17i: the mass read as new).
    for (let k = at + 2; k <= at + 3; k++) {
      const more = report.sentences[k];
      const said = more && tidy(more.text);
      if (!more || more.section !== next.section || !said || !comparedOf(more.text) || out.some((x) => x.text.includes(said.slice(0, -1))))
        break;
      item.text = `${item.text} ${said}`;
    }
  }
  return out;
}
// (After a capital or a number too: "… probable findings for COVID. Note: …", "… in segment 6. The …".)
const SENTENCE_END = /(?<=[A-Za-z0-9)]\.)\s+(?=[A-Z])/;
const OWN_LABEL = new RegExp(`^${labelName(40)}:\\s`);

/**
 * "Left kidney: Measures 10.9 cm. There is a 6 mm stone.": an item lifted from a labelled paragraph after its
 * first sentence says nothing of its side or organ without the label, so the label goes before it as written.
 */
// A run-in label at the opening of an item: "Kidneys: ", "Lymph nodes: ".
// An item of nothing but where the images show it: "Series #7 images #8-9).", "(Image 45).", "Se 3 im 112".
const IMAGE_REFERENCE =
  /^[\s(]*(?:(?:series|se|image|images|img|im|slices?|sl|axial|coronal|sagittal|#|\d+|[-,/:]|and|through)\s*)+[\s).]*$/i;

const RUN_IN_LABEL = /^([A-Z][A-Za-z ,/&-]{1,40}):\s+(?=\S)/;

/** Whether the report's own impression writes `text` (an old item kept as written takes no findings label). */
function saidInImpression(report: Report, text: string): boolean {
  const bare = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return report.sections.some((x) => x.kind === 'impression' && bare(report.text.slice(x.body.start, x.body.end)).includes(bare(text)));
}

function withTheirLabels(report: Report, items: readonly ImpressionItem[]): ImpressionItem[] {
  return items.map((item) => {
    const at = sourceOf(report, item.text.split(SENTENCE_END)[0]);
    const sentence = report.sentences[at];
    const sub = sentence && report.sections[sentence.section]?.subsections.find((x) => x.start <= sentence.start && sentence.start < x.end);
    if (!sub || sub.header.name.split(/\s+/).length > 4 || /^[CTLS]\d/i.test(sub.header.name)) return item;
    // Said already: the item names the label's words ("left kidney", "kidney"), or opens on a label of its own.
    const own = new Set(tokens(item.text));
    if (tokens(sub.header.name).every((w) => own.has(w) || own.has(w.replace(/s$/, ''))) || OWN_LABEL.test(item.text)) return item;
    if (labelRepeats(sub.header.name, item.text) || saidInImpression(report, item.text)) return item;
    // (A side's label, after the other side's, over a line of its own the report gives no side: none given here either.)
    const side = /^\s*(right|left)\b/i.exec(sub.header.name)?.[1].toLowerCase() as 'right' | 'left' | undefined;
    const label = report.sentences.findIndex((x) => x.start <= sub.header.start && sub.header.start < x.end);
    if (side && afterBothSides(report, at, label, side)) return item;
    return { ...item, text: labelText(sub.header.name) + item.text };
  });
}

// Organs outside the chest with lobes or segments of their own (organs.json ids): "the caudate lobe of the liver".
const LOBED_ELSEWHERE = new Set(['liver', 'thyroid', 'prostate']);
// "in the lower lobe", "around the nodules", "the basal segment": a place in the lung the sentence names without a side.
// A part or measure of an organ by "its"/"their": "in its contours", "their walls are thickened", "its echotexture".
const POSSESSED_PART =
  /\b(?:its|their)\s+(?:\w+\s+)?(?:contours?|margins?|walls?|borders?|outlines?|surfaces?|capsules?|parenchyma|echotexture|echogenicity|density|lumen|lumina|size|dimensions?|diameters?)\b/i;
const LEANS_ON_PLACE = /\b(?:lobes?|segments?|the (?:nodules?|lesions?|masses|consolidations?))\b/i;
// A part named bare as a sentence's subject: "The anterior horn is intact.", "The lower pole measures …".
const PART_NAME = String.raw`(?:(?:upper|lower|mid|middle|anterior|posterior|medial|lateral|superior|inferior|apical|basal)\s+)?(?:${[...ORGAN_PARTS, 'root', 'tail', 'dome', 'isthmus', String.raw`interpolar\s+region`].join('|')})`;
// A part of an organ named without its organ: "… lesion in the lower pole", "a radial tear at the root", "in the anterior segment".
const BARE_PART = new RegExp(String.raw`\b(?:in|at|of|involving|within|from)\s+the\s+${PART_NAME}\b`, 'i');
const OPENS_ON_PART = new RegExp(String.raw`^\s*(?:\d{1,2}[.)]\s+)?(?:the\s+)?${PART_NAME}\b`, 'i');
const ONLY_PART = new RegExp(String.raw`^(?:the\s+)?${PART_NAME}$`, 'i');
/**
 * Names the organ itself, not only one of its parts: "The lateral meniscus is normal in size." does; "The anterior horn is
 * intact." does not, though the organ reader takes "anterior horn" for the meniscus (the knee case: a "tear at the root"
 * two sentences after the lateral meniscus is that meniscus's, "lateral" a part of the knee, not a side).
 */
const namesWholeOrgan = (text: string) =>
  organsNamed(wordsOf(text), text).some((hit) => !ONLY_PART.test(text.slice(hit.start, hit.end).trim()));

/**
 * The sentence that says what a part named bare ("… in the lower pole", "at the root") at sentence `at` is of (`names`:
 * its side, or its organ): the nearest one before, up to three back in the same section, past sentences that name only
 * other parts of it with no side ("A simple cyst is present in the upper pole."); undefined when another kind of
 * sentence stands between.
 */
function partsBack(report: Report, at: number, names: (text: string) => boolean): number | undefined {
  const section = report.sentences[at]?.section;
  for (let j = at - 1; j >= 0 && at - j <= 3; j--) {
    const text = report.sentences[j].text;
    if (report.sentences[j].section !== section) return undefined;
    if (names(text)) return j;
    if (SIDE_TEXT.test(text) || !(BARE_PART.test(text) || OPENS_ON_PART.test(text))) return undefined;
  }
  return undefined;
}

// A vessel or nerve of a pair ("the posterior tibial artery", "the popliteal vein", "the sciatic nerve"), one of them:
// not one the body has once ("the basilar artery", "the portal vein") nor both ("the popliteal arteries").
const PAIRED_VESSEL =
  /\b(?<!\b(?:basilar|mesenteric|celiac|coeliac|splenic|hepatic|portal|pulmonary|gastroduodenal|azygos|spinal|umbilical|vena)\s)(?:artery|vein|nerve)\b/i;

// No change since the last exam, in the words of a follow-up CT: "no difference in the size …", "… remained stable compared with …".
const STABLE_SINCE =
  /\b(?:no|not|without)\b[^.;]*\b(?:difference|change|changed|progression)\b[^.;]*\b(?:compared|since|previous|prior|earlier)\b|\b(?:stable|unchanged)\b[^.;]*\b(?:compared|since|previous|prior|earlier)\b/i;

/** The section of the findings sentence an item was written from, if any. */
function itemSection(report: Report, item: ImpressionItem): number | undefined {
  if (item.findings[0]) return item.findings[0].sectionIndex;
  const k = sourceOf(report, item.text.split(SENTENCE_END)[0]);
  return k >= 0 ? report.sentences[k].section : undefined;
}

// A sentence of a nodule list: a nodule with its size, or one placed from the one before ("Another … more caudally").
const NODULE_SENTENCE = /\bnodul(?:e|es)\b/i;
const SIZED = /\b\d+(?:\.\d+)?\s*(?:x\s*\d+(?:\.\d+)?\s*)?(?:mm|cm)\b/i;
const ACTIONABLE_MM = 6;
const PLACED_FROM =
  /^\s*(?:another|a\s+(?:second|third|further|similar)|(?:the\s+)?(?:second|other)|an\s+additional)\b|\bmore\s+(?:caudal|cranial|inferior|superior|anterior|posterior|medial|lateral)(?:ly)?\b/i;
/** The largest dimension a text gives, in millimetres (0 when none). */
function largestMm(text: string): number {
  let most = 0;
  for (const m of text.matchAll(/\b(\d+(?:\.\d+)?)\s*(?:x\s*(\d+(?:\.\d+)?)\s*)?(?:x\s*(\d+(?:\.\d+)?)\s*)?(mm|cm)\b/gi)) {
    const scale = m[4].toLowerCase() === 'cm' ? 10 : 1;
    for (const n of [m[1], m[2], m[3]]) if (n) most = Math.max(most, Number(n) * scale);
  }
  return most;
}

/**
 * A run of three or more findings sentences that each give a nodule and its size ("A 2 mm nodule … in the right upper lobe.
 * Another … more caudally. A 2 mm nodule on the fissure. A 5 mm nodule in the lower lobe.") is one list: where two or more
 * items come from it, they become one item of the whole run as written, in the report's order, so no member is dropped,
 * glued to another lobe's item or parted from the sentence that gave its lung (r19i #17).
 */
function withTheirNoduleRun(report: Report, items: readonly ImpressionItem[]): ImpressionItem[] {
  // (A nodule told as new or changed, or large enough to be followed (6 mm, the Fleischner threshold), is no member: it
  // stays an item of its own, never buried third in a run of small stable ones (rev18 #7); unless the next sentence
  // places its nodule from it ("A second 4 mm nodule …", "Another … more caudally"), which would lose its lung.)
  const nodule = (k: number) => {
    const s = report.sentences[k];
    return !!s && NODULE_SENTENCE.test(s.text) && SIZED.test(s.text);
  };
  const actionable = (k: number) =>
    largestMm(report.sentences[k].text) >= ACTIONABLE_MM || readText(report.sentences[k].text).some(statesChange);
  const placesFrom = (k: number) =>
    nodule(k + 1) && (PLACED_FROM.test(report.sentences[k + 1].text) || opensBack(report.sentences[k + 1].text, report.sentences[k].text));
  const member = (k: number) => nodule(k) && (!actionable(k) || placesFrom(k));
  const runs: [number, number][] = [];
  for (let k = 0; k < report.sentences.length; k++) {
    if (!member(k)) continue;
    let end = k;
    while (member(end + 1) && report.sentences[end + 1].section === report.sentences[k].section) end++;
    if (end - k >= 2) runs.push([k, end]);
    k = end;
  }
  if (!runs.length) return [...items];
  // The run an item comes from: every sentence of it lifted from a sentence of the run.
  const runOf = (item: ImpressionItem) => {
    // (Split at any full stop before a capital or a number: "… more caudally. 5 mm nodule …" is two of its sentences.)
    const from = item.text.split(/(?<=[A-Za-z0-9)]\.)\s+(?=[A-Z0-9])/).map((x) => sourceOf(report, x));
    return runs.findIndex(([a, b]) => from.every((k) => k >= a && k <= b));
  };
  const out: ImpressionItem[] = [];
  const merged = new Map<number, ImpressionItem>();
  const counts = new Map<number, number>();
  for (const item of items) {
    const r = runOf(item);
    if (r >= 0) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  for (const item of items) {
    const r = runOf(item);
    if (r < 0 || (counts.get(r) ?? 0) < 2) {
      out.push(item);
      continue;
    }
    const host = merged.get(r);
    if (host) {
      host.findings.push(...item.findings);
      continue;
    }
    const [a, b] = runs[r];
    const text = report.sentences
      .slice(a, b + 1)
      .map((x) => stripListNumber(x.text).replace(/\s+/g, ' ').trim())
      .join(' ');
    const whole = { text: capitalise(text), findings: [...item.findings] };
    merged.set(r, whole);
    out.push(whole);
  }
  return out;
}

/**
 * A report of two studies (a radiograph and an ultrasound; a chest CT and an abdomen CT dictated together, each under its
 * own FINDINGS): one study's course ("Overall findings are stable versus most recent exam.") covers that study only. Listed
 * alone beside the other study's items it would read as theirs (a hydronephrosis the report never calls stable, r19i #19):
 * it goes only where every other item is its study's, or with the one item that is; else it is left out.
 */
function withTheirStudy(report: Report, items: readonly ImpressionItem[]): ImpressionItem[] {
  const findings = findingsSections(report);
  if (findings.length < 2) return [...items];
  // A section's study: the findings section it is, or the last one before it (an impression answers the findings above).
  const studyOf = (section: number) => [...findings].reverse().find((f) => f <= section) ?? findings[0];
  const studyOfItem = (item: ImpressionItem): number | undefined => {
    if (item.findings[0]) return studyOf(item.findings[0].sectionIndex);
    const k = sourceOf(report, item.text.split(SENTENCE_END)[0]);
    return k >= 0 ? studyOf(report.sentences[k].section) : undefined;
  };
  const course = (item: ImpressionItem) => !item.findings.length && STUDY_COURSE.test(stripListNumber(item.text));
  const ownImpressionLine = (item: ImpressionItem) => {
    const k = sourceOf(report, item.text.split(SENTENCE_END)[0]);
    return k >= 0 && report.sections[report.sentences[k].section]?.kind === 'impression';
  };
  const out = items.filter((item) => !course(item));
  for (const item of items.filter(course)) {
    const study = studyOfItem(item);
    const others = out.map(studyOfItem);
    if (others.every((s) => s === study)) out.push(item);
    else if (study !== undefined && others.filter((s) => s === study).length === 1) {
      const k = others.indexOf(study);
      out[k] = { ...out[k], text: `${out[k].text} ${item.text}` };
    }
    // A line the report's own impression wrote is never left out: it closes the list, as the radiologist put it (rev18 #14).
    else if (ownImpressionLine(item)) out.push(item);
  }
  return out;
}

// "See above.", "As above.", "Please see findings.", "As described in the body of the report.": no statement of its own.
const TO_THE_FINDINGS =
  /^\s*(?:please\s+)?(?:see|refer to|as)\s+(?:(?:described|detailed|noted|discussed|dictated)\s+)?(?:(?:in\s+)?(?:the\s+)?(?:above|findings|body(?:\s+of\s+(?:the\s+)?report)?|report)(?:\s+above)?)[\s.]*$/i;
function onlyPointsToFindings(report: Report, old: Section): boolean {
  const said = report.sentences.filter((s) => s.start >= old.body.start && s.start < old.body.end && tokens(s.text).length);
  return said.length > 0 && said.every((s) => TO_THE_FINDINGS.test(stripListNumber(s.text)));
}

/** The findings' opening or closing sentence comparing the whole study with the prior one, no item says, as written. */
function courseItems(
  report: Report,
  clauses: Clauses,
  items: readonly ImpressionItem[],
  inFindings: ReadonlySet<number>,
): ImpressionItem[] {
  const out: ImpressionItem[] = [];
  // Not when a finding is told as changed ("There is a new 8 mm nodule", "The effusion has increased"): after it,
  // "No significant change compared with the previous examination" would deny it (rev16 #6).
  const inSection = (c: Clause) => report.sentences.some((s) => inFindings.has(s.section) && s.start <= c.start && c.start < s.end);
  if (clauses.all.some((c) => statesChange(c) && inSection(c)) || items.some((item) => readText(item.text).some(statesChange))) return out;
  report.sentences.forEach((s, i) => {
    if (!inFindings.has(s.section) || !studyCourse(s.text)) return;
    const ends = report.sentences[i - 1]?.section !== s.section || report.sentences[i + 1]?.section !== s.section;
    const text = tidy(s.text);
    if (ends && text && ![...items, ...out].some((x) => x.text.includes(text.slice(0, -1)))) out.push({ text, findings: [] });
  });
  return out;
}

// The exam title and its context words ("chest" makes "effusion" pleural) for the re-read.
function examLine(report: Report, u: Understanding): string {
  return u.exam.span ? `EXAM: ${report.text.slice(u.exam.span.start, u.exam.span.end)}${report.eol}` : '';
}

/** Where the draft goes (rewrite/placement.ts): in place of the old impression's body, or a new section after the findings. */
export function draftPlacement(draft: ImpressionDraft): Placement {
  const inline = draft.items.length === 0;
  return draft.replaces ? { at: 'impression', body: draft.replaces, inline } : { at: 'new impression', offset: draft.insertAt, inline };
}

/** The one edit that puts the draft in place. For a code action's WorkspaceEdit; `withDraft` applies it. */
export function draftEdit(report: Report, draft: ImpressionDraft): Edit {
  return placeText(report, draftPlacement(draft), draft.text)!;
}

/** The whole report with the draft in place. */
export function withDraft(report: Report, draft: ImpressionDraft): string {
  const edit = draftEdit(report, draft);
  return report.text.slice(0, edit.start) + edit.newText + report.text.slice(edit.end);
}
