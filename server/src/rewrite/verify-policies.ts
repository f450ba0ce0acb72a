// The per-kind policies of the verifier (verify.ts): what an impression statement may rest on, what a
// patient summary must name, what inserted template text may deny, and the impression's consistency
// with the rest of the report as the rules judge it.
import { covers, sameFinding, type Finding } from '../nlp';
import type { Analysis } from '../engine';
import type { Category, Problem } from '../problem';
import {
  akin,
  asserted,
  carriedSidesOf,
  deniesFinding,
  findingName,
  note,
  sideInPiece,
  sideOf,
  type Diff,
  type Reading,
} from './verify-reading';
import { examAgentOf } from './summary-quoted';

/** The rule categories an impression draft must leave no new problem of. */
export const IMPRESSION_CATEGORIES: readonly Category[] = ['omission', 'laterality', 'insertion', 'contradiction'];

/** Inserted template text may deny only what the source does not describe. */
export function checkDeclared(src: Reading, out: Reading, declared: Set<number>, diff: Diff): void {
  for (const g of out.findings) {
    if (!declared.has(g.sentenceIndex)) continue;
    if (g.assertion === 'absent') {
      const f = src.findings.find((f) => asserted(f) && deniesFinding(g, f));
      if (f)
        note(diff, `adds a pertinent negative the report contradicts: ${findingName(g)} (the report describes ${findingName(f)})`, f, g);
    } else if (g.assertion === 'present' || g.assertion === 'possible') {
      note(diff, `adds: ${findingName(g)}`, undefined, g);
    }
  }
}

// What an impression statement may rest on: the same or a covering finding, as certain or more, on its side.
const ASSERTION_SUPPORT: Readonly<Record<string, readonly string[]>> = {
  present: ['present'],
  possible: ['present', 'possible'],
  absent: ['absent'],
  historical: ['historical', 'present'],
  hypothetical: ['hypothetical', 'possible', 'present', 'absent'],
};

export function checkImpressionSupport(src: Reading, out: Reading, diff: Diff): void {
  for (const g of out.findings) {
    const gSide = sideOf(out.report, g);
    const kin = src.findings.filter((f) => (f.assertion === 'absent' && g.assertion === 'absent' ? deniesFinding(f, g) : akin(f, g)));
    const certain = kin.filter((f) => ASSERTION_SUPPORT[g.assertion]?.includes(f.assertion));
    const sided = certain.filter((f) => {
      const side = sideOf(src.report, f);
      // (Or the side of the piece of its sentence it stands in, which a draft cutting the sentence there reads.)
      return (
        !gSide ||
        side === gSide ||
        side === 'bilateral' ||
        (gSide === 'bilateral' && !!side) ||
        sideInPiece(src.report, f) === gSide ||
        (!side && carriedSidesOf(src.report, f).includes(gSide))
      );
    });
    if (sided.length) continue;
    if (certain.length) {
      const f = certain[0];
      const was = sideOf(src.report, f);
      note(diff, was ? `changes side of: ${g.finding} (${was} -> ${gSide})` : `adds side to: ${g.finding} (${gSide})`, f, g);
    } else if (kin.length) {
      note(diff, `changes ${findingName(kin[0])} to ${findingName(g, gSide)}`, kin[0], g);
    } else note(diff, `adds: ${findingName(g, gSide)}`, undefined, g);
  }
}

/** A key that survives the offsets moving: same rule, same words. */
const problemKey = (p: Problem) => `${p.rule}|${p.message}`;

/** The impression leaves no omission, laterality, insertion or contradiction problem the report did not have. */
export function checkConsistency(source: Analysis, output: string, diff: Diff): void {
  const problems = (text: string) => source.analysisOf(text, IMPRESSION_CATEGORIES).problems;
  const before = new Map<string, number>();
  for (const p of problems(source.report.text)) before.set(problemKey(p), (before.get(problemKey(p)) ?? 0) + 1);
  for (const p of problems(output)) {
    const k = problemKey(p);
    const n = before.get(k) ?? 0;
    if (n > 0) {
      before.set(k, n - 1);
      continue;
    }
    note(diff, `leaves ${/^[aeiou]/.test(p.category) ? 'an' : 'a'} ${p.category} problem: ${p.message}`);
  }
}

/** A summary names every significant finding the report asserts (or hedges) and none it does not. */
/**
 * The summary names `g` in the report's own words, and they stand in the report inside its statement of `f`:
 * "(atherosclerotic plaques)" of "extensive calcific atherosclerotic plaques in the coronary arteries", which
 * the findings core reads whole as coronary artery calcification and the words alone as atherosclerosis.
 */
function namedAt(src: Reading, out: Reading, g: Finding, f: Finding): boolean {
  const words = out.report.text.slice(g.start, g.end).toLowerCase();
  if (words.length < 4) return false;
  const text = src.report.text.toLowerCase();
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1))
    if (f.start <= at && at + words.length <= f.end && !/[a-z]/.test(text[at - 1] ?? '') && !/[a-z]/.test(text[at + words.length] ?? ''))
      return true;
  return false;
}

/**
 * A report sentence quoted word for word that names `f` ("There is an effusion measuring 1 cm … in the anterior
 * pericardial area" for the impression's "pericardial effusion", though the core reads the quote as another effusion):
 * it tells `f` as the report does. Named as one run, not denied in its clause ("pericardial effusion"), or its head
 * with the rest naming the place it is in ("effusion … in the pericardial space"); not the words anywhere ("pleural
 * effusion abutting the pericardial fat pad" tells no pericardial effusion: rev16 #1).
 */
function quotesWith(src: Reading, out: Reading, g: Finding, f: Finding): boolean {
  // (lay-reading.ts reads a quote line as the sentence it quotes.)
  const quoted = out.report.sentences[g.sentenceIndex]?.text.trim() ?? '';
  if (quoted.length < 8 || !src.report.text.includes(quoted)) return false;
  const words = f.finding
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2);
  if (!words.length) return false;
  // Clause by clause: "No pericardial effusion; small pleural effusion" names it only denied.
  for (const clause of quoted.toLowerCase().split(/[;:]|,\s*(?:and|but)\b|\bbut\b/)) {
    const said = ` ${clause.replace(/[^a-z]+/g, ' ')} `;
    const run = said.indexOf(` ${words.join(' ')} `);
    const head = said.indexOf(` ${words[words.length - 1]} `);
    const at = run >= 0 ? run : head;
    if (at < 0 || /\b(?:no|without|not|absent|negative)\b/.test(said.slice(0, at))) continue;
    if (run >= 0) return true;
    const place = (w: string) => new RegExp(` ${w} (?:[a-z]+ )?(?:area|space|region|recess|cavity|sac) `).test(said.slice(head));
    if (words.slice(0, -1).every(place)) return true;
  }
  return false;
}

export function checkSummary(src: Reading, out: Reading, diff: Diff): void {
  // The impression is what the patient is told; a report without one is summarised from its findings.
  const hasImpression = src.findings.some((f) => f.section === 'impression');
  // A summary of an impression names every finding it is written from (index.ts summarySource: the impression, the
  // findings' significant ones, and what the findings state alone), minor or chronic ones too (atrophy, coronary
  // calcification, Schmorl nodes, a cyst), in plain words or quoted; else the patient reads an all-clear over it.
  // (Not the agent a study is named by: "Normal barium enema" finds no barium.)
  const wanted = src.findings.filter(
    (f) => asserted(f) && (hasImpression ? f.section === 'impression' && !examAgentOf(src.report, f) : f.significant),
  );
  const seen = new Set<string>();
  for (const f of wanted) {
    const side = sideOf(src.report, f);
    const k = `${f.concept}|${side ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const named = out.findings.filter(
      (g) => asserted(g) && (sameFinding(f.concept, g.concept) || covers(g.concept, f.concept) || quotesWith(src, out, g, f)),
    );
    if (!named.length) {
      note(diff, `drops: ${findingName(f, side)}`, f);
      continue;
    }
    const sides = named.map((g) => sideOf(out.report, g));
    if (side && !sides.some((s) => s === side || s === null || s === 'bilateral'))
      note(diff, `changes side of: ${f.finding} (${side} -> ${sides.find(Boolean)})`, f, named[0]);
  }
  for (const g of out.findings) {
    const gSide = sideOf(out.report, g);
    if (g.assertion === 'absent') {
      // A denial the report contradicts ("no sign of a collapsed lung" when there is one).
      const f = src.findings.find((f) => asserted(f) && deniesFinding(g, f));
      if (f && !src.findings.some((x) => x.assertion === 'absent' && sameFinding(x.concept, g.concept)))
        note(diff, `denies what the report describes: ${findingName(g)}`, f, g);
      continue;
    }
    if (!asserted(g)) continue;
    const kin = src.findings.filter((f) => asserted(f) && (akin(f, g) || namedAt(src, out, g, f)));
    if (!kin.length) {
      note(diff, `adds: ${findingName(g, gSide)}`, undefined, g);
      continue;
    }
    if (g.assertion === 'present' && kin.every((f) => f.assertion === 'possible'))
      note(diff, `changes possible ${g.finding} to certain`, kin[0], g);
    const sides = kin.map((f) => sideOf(src.report, f));
    if (
      gSide &&
      gSide !== 'bilateral' &&
      !sides.some((s) => s === gSide || s === 'bilateral') &&
      !kin.some((f) => sideInPiece(src.report, f) === gSide)
    )
      note(diff, `changes side of: ${g.finding} (${sides.find(Boolean) ?? 'none'} -> ${gSide})`, kin[0], g);
  }
}
