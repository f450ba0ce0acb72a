// Comparing a candidate's clause with the report's clause it rests on: how much of its words it
// shares, and what it changes or drops of the report's hedge, denial, time, severity, side, size,
// level and count. The clauses themselves are read in clauses.ts.
import type { Clause, Part } from './clauses';

const SEVERITY_WORD: Record<string, string> = { '1': 'trace', '2': 'mild/small', '3': 'moderate', '4': 'severe/large', '5': 'massive' };

/** The share of `a`'s words that `b` has. */
export function shareOf(a: Clause, b: Clause): number {
  // A clause of quantities alone ("2 images.", "64bpm") is only the same clause, quantity for quantity.
  if (!a.words.length) return !b.words.length && a.quantities.length && a.quantities.join() === b.quantities.join() ? 1 : 0;
  const theirs = new Set(b.words);
  return a.words.filter((w) => theirs.has(w)).length / a.words.length;
}

/** The words both clauses have. */
const shared = (a: Clause, b: Clause) => a.words.filter((w) => b.words.includes(w));

/** Whether most of `words` stand in the clause's `set` (hedged or negated). */
const mostIn = (set: Set<string>, words: string[]) => words.length > 0 && words.filter((w) => set.has(w)).length * 2 > words.length;

const severityName = (s: Iterable<string>) => [...s].map((v) => SEVERITY_WORD[v] ?? v).join(', ');
const quantityName = (q: string) => {
  const [kind, v] = q.split(':');
  return kind === 'length' ? `${v} mm` : kind === 'volume' ? `${v} mL` : kind === 'n' ? v : `${v} (${kind})`;
};

/** What `candidate` says about the words it shares with `source` that the source does not (one line each). */
export function changesOf(source: Clause, candidate: Clause): string[] {
  const out: string[] = [];
  const words = shared(candidate, source);
  // A word the report hedges or denies stays hedged or denied, word by word ("calcified, compatible
  // with atherosclerotic disease" keeps the hedge on "atherosclerotic disease").
  const lost = (from: Set<string>, to: Set<string>) => words.filter((w) => from.has(w) && !to.has(w));
  const unhedged = lost(source.hedged, candidate.hedged);
  if (unhedged.length) out.push(`drops the hedge (${source.hedges.join(', ')}) on "${unhedged.join(' ')}"`);
  else if (!mostIn(source.hedged, words) && mostIn(candidate.hedged, words)) out.push(`adds a hedge (${candidate.hedges.join(', ')})`);
  const undenied = lost(source.negated, candidate.negated);
  if (undenied.length) out.push(`states what the report denies: "${undenied.join(' ')}"`);
  // Every word kept and a denial gone ("No effusion, and no mediastinal invasion" -> "No effusion, and mediastinal
  // invasion"): the reading may let the first "no" reach on, the report denied the second thing in its own words.
  if (!undenied.length && source.denials > candidate.denials && shareOf(source, candidate) === 1 && words.length > 0)
    out.push(`drops a denial of what the report denies (${source.denials} -> ${candidate.denials} in "${clip(candidate.text, 60)}")`);
  const denied = lost(candidate.negated, source.negated);
  if (denied.length) out.push(`denies what the report states: "${denied.join(' ')}"`);
  const extra = (a: Iterable<string>, b: Iterable<string>) => [...a].filter((x) => ![...b].includes(x));
  out.push(...widenedDenial(source, candidate));
  const time = extra(candidate.time, source.time);
  if (time.length) out.push(`adds time: ${time.join(', ')}${source.time.size ? ` (the report says ${[...source.time].join(', ')})` : ''}`);
  else out.push(...timeUnbound(source, candidate));
  const deniedTime = extra(candidate.deniedTime, source.deniedTime);
  if (deniedTime.length) out.push(`adds time to what is denied: no ${deniedTime.join(', ')}`);
  if (multisetExtra(candidate.severity, source.severity).length)
    out.push(`changes severity: ${severityName(source.severity) || 'none'} -> ${severityName(candidate.severity)}`);
  else if (multisetExtra(candidate.deniedSeverity, source.deniedSeverity).length)
    out.push(`changes severity of what is denied: no ${severityName(candidate.deniedSeverity)}`);
  // The side and level of the label its paragraph opens with ("Left knee:") may be given to it.
  const sides = [
    ...new Set([
      ...extra(candidate.sides, [...source.sides, ...source.headingSides, ...source.carriedSides]),
      ...multisetExtra(candidate.sideList, [
        ...source.sideList,
        ...(source.sides.size ? [] : [...source.headingSides, ...source.carriedSides]),
      ]),
    ]),
  ];
  if (sides.length)
    out.push(`changes side: ${source.sideList.join(', ') || [...source.sides].join(', ') || 'none'} -> ${sides.join(', ')}`);
  else out.push(...unbound(source, candidate));
  // A count said in digits one side and in words the other ("2-3 lesions", "two to three lesions") is the same count.
  const q = multisetExtra(candidate.quantities, source.quantities).filter((x) => !x.startsWith('n:') || !source.counts.has(x.slice(2)));
  if (q.length) out.push(`changes size or number: ${q.map(quantityName).join(', ')} is not in the report's "${clip(source.text)}"`);
  const levels = multisetExtra(candidate.levels, [...source.levels, ...source.headingLevels]);
  if (levels.length)
    out.push(`changes level: ${levels.join(', ')}${source.levels.length ? ` (the report says ${source.levels.join(', ')})` : ''}`);
  const sequences = multisetExtra(candidate.sequences, source.sequences);
  if (sequences.length)
    out.push(
      `changes sequence: ${sequences.join(', ')}${source.sequences.length ? ` (the report says ${source.sequences.join(', ')})` : ''}`,
    );
  const grades = multisetExtra(candidate.grades, source.grades);
  if (grades.length)
    out.push(`changes grade: ${grades.join(', ')}${source.grades.length ? ` (the report says ${source.grades.join(', ')})` : ''}`);
  // A range said with one of its ends twice ("one or two" as "two or two") changes it too; a candidate joining two
  // clauses may say a count of the report's twice.
  const counts = extra(candidate.counts, source.counts).filter((v) => !source.quantities.includes(`n:${v}`));
  const recounted = candidate.countList.length <= source.countList.length ? multisetExtra(candidate.countList, source.countList) : [];
  if (counts.length || recounted.length) out.push(`changes count: ${(counts.length ? counts : recounted).join(', ')}`);
  else out.push(...rangesCut(source, candidate));
  const advice = extra(candidate.recommends, source.recommends);
  if (candidate.recommendation && advice.length) out.push(`adds a recommendation (${advice.join(', ')})`);
  return out;
}

/**
 * A range or alternative of the report's ("one or two nodules", "2-3 lesions", "several or many") the candidate
 * says as one of its ends before the same words ("two nodules", "3 lesions"): the range is kept whole.
 */
function rangesCut(source: Clause, candidate: Clause): string[] {
  const out: string[] = [];
  const kept = (r: Clause['ranges'][number]) => candidate.ranges.some((k) => k.ends.join() === r.ends.join());
  for (const r of source.ranges) {
    if (kept(r) || !r.next.length) continue;
    const cut = candidate.countsSaid.find((a) => r.ends.includes(a.ends[0]) && a.next.some((w) => r.next.includes(w)));
    if (cut)
      out.push(
        `changes count: the report's range ${r.ends.join(' to ')} ${r.next.slice(0, 2).join(' ')} said as ${cut.ends[0]} ${r.next.slice(0, 2).join(' ')}`,
      );
  }
  return out;
}

/**
 * A side or grade the candidate gives a finding that the source gives another finding of the same
 * clause ("mild right … and moderate left …" said as "moderate right …").
 */
function unbound(source: Clause, candidate: Clause): string[] {
  const out: string[] = [];
  for (const part of candidate.parts) {
    // The parts of the report's sentence closest to it ("left lung lower lobe anterior segment" in a list of segments).
    const overlap = (p: Part) => p.words.filter((w) => part.words.includes(w)).length;
    const most = Math.max(0, ...source.parts.map(overlap));
    const kin = most ? source.parts.filter((p) => overlap(p) === most) : [];
    const sided = part.sides.length > 0 && kin.some((p) => p.sides.length);
    const graded = part.severity.length > 0 && kin.some((p) => p.severity.length);
    if (!sided && !graded) continue;
    // One part of the report gives the finding both this side and this grade.
    const fits = (p: Part) =>
      (!sided || !multisetExtra(part.sides, p.sides).length) &&
      (!graded || !p.severity.length || part.severity.every((v) => p.severity.includes(v)));
    if (kin.some(fits)) continue;
    const given = (p: Part) => [severityName(p.severity), p.sides.join(' ')].filter(Boolean).join(' ');
    out.push(
      `changes side or severity: the report gives "${part.words.join(' ')}" as ${kin.map(given).filter(Boolean).join('; ')}, not ${given(part)}`,
    );
  }
  return out;
}

/**
 * A time the candidate gives a finding that the source gives another finding of the same clause ("new
 * consolidation and chronic scarring" said as "new consolidation and new scarring"): the report's part
 * closest to it gives it a time, and not this one.
 */
function timeUnbound(source: Clause, candidate: Clause): string[] {
  const out: string[] = [];
  for (const part of candidate.parts) {
    if (!part.time?.length || !part.words.length) continue;
    const overlap = (p: Part) => p.words.filter((w) => part.words.includes(w)).length;
    const most = Math.max(0, ...source.parts.map(overlap));
    // Most of its words: the same finding, not one sharing an organ word with it.
    const kin = most * 2 > part.words.length ? source.parts.filter((p) => overlap(p) === most) : [];
    if (!kin.length || !kin.every((p) => p.time?.length)) continue;
    if (kin.some((p) => part.time!.every((t) => p.time!.includes(t)))) continue;
    out.push(
      `changes time of "${part.words.join(' ')}": the report says ${[...new Set(kin.flatMap((p) => p.time!))].join(', ')}, not ${part.time.join(', ')}`,
    );
  }
  return out;
}

/** What of `source` the candidates aligned to it do not carry (time, severity, side, size, level, hedge). */
export function dropsOf(
  source: Clause,
  candidates: readonly Clause[],
  /**
   * `carried`: also the side the source's label, field or paragraph opening gives it (the verifier asks it; a writer may).
   * `compared`: also the study it is told of ("According to the prior study, a 6 mm nodule …"), when no time word says it.
   */
  what: { sizes: boolean; carried?: boolean; compared?: boolean },
): string[] {
  const out: string[] = [];
  const has = (pick: (c: Clause) => Iterable<string>) => new Set(candidates.flatMap((c) => [...pick(c)]));
  const missing = (mine: Iterable<string>, theirs: Set<string>) => [...mine].filter((x) => !theirs.has(x));
  const time = missing(
    source.time,
    has((c) => c.time),
  );
  if (time.length) out.push(`drops time: ${time.join(', ')}`);
  // A finding told only as the study before showed it, without that study, is told as today's.
  else if (
    what.compared &&
    source.compares &&
    source.positive &&
    !source.normal &&
    !source.time.size &&
    !candidates.some((c) => c.compares || c.time.size)
  )
    out.push('drops time: the study it is compared with');
  const severity = missing(
    source.severity,
    has((c) => c.severity),
  );
  if (severity.length) out.push(`drops severity: ${severityName(new Set(severity))}`);
  // A side only a normal part of the clause says ("Aeration of both lungs is normal, and a patchy density … of the
  // right lung") is no finding's: an item telling the density alone drops nothing.
  const normalOnly = (side: string) =>
    source.parts.some((p) => p.normal && p.sides.includes(side)) && !source.parts.some((p) => !p.normal && p.sides.includes(side));
  // A clause naming no side has the one its label, field or paragraph's opening gives it ("On the right, … . The
  // popliteal artery is occluded."): taken from there, it says it, or says it of no side (or either).
  const inherited =
    !what.carried || source.sides.size || source.normal
      ? []
      : [...source.headingSides.filter((x) => !source.looseSides.includes(x)), ...source.carriedSides, ...source.partSides];
  const sides = missing(
    [...source.sides, ...inherited].filter((x) => !normalOnly(x)),
    has((c) => [...c.sides, ...c.headingSides, ...(what.carried ? [...c.carriedSides, ...c.partSides] : [])]),
  );
  if (sides.length) out.push(`drops side: ${sides.join(', ')}`);
  if (what.sizes) {
    const sizes = missing(
      source.quantities.filter((q) => !q.startsWith('n:')),
      has((c) => c.quantities),
    );
    if (sizes.length) out.push(`drops size: ${sizes.map(quantityName).join(', ')}`);
  }
  const levels = missing(
    source.levels,
    has((c) => c.levels),
  );
  if (levels.length) out.push(`drops level: ${levels.join(', ')}`);
  const grades = missing(
    source.grades,
    has((c) => c.grades),
  );
  if (grades.length) out.push(`drops grade: ${grades.join(', ')}`);
  return out;
}

/**
 * The side the report binds to each finding of a clause, kept by the clauses keeping it: the parts of
 * theirs closest to that finding's part ("pneumonic infiltration on the right and ARDS on the left"
 * kept as "… on the left and … on the left") give it that side when they give it one.
 */
export function sidesMovedBy(source: Clause, keeping: readonly Clause[]): string[] {
  const out: string[] = [];
  const parts = keeping.flatMap((c) => c.parts);
  for (const p of source.parts) {
    if (!p.sides.length || !p.words.length || p.normal || !p.stated) continue;
    const overlap = (q: Part) => q.words.filter((w) => p.words.includes(w)).length;
    const most = Math.max(0, ...parts.map(overlap));
    // The same finding: most of its words ("nodules in both lungs" is not "nodule in the left lower lobe").
    const kin = most * 2 > p.words.length ? parts.filter((q) => overlap(q) === most && q.sides.length) : [];
    if (!kin.length || kin.some((q) => p.sides.some((x) => q.sides.includes(x)))) continue;
    out.push(`changes side of "${p.words.join(' ')}": ${p.sides.join(', ')} -> ${[...new Set(kin.flatMap((q) => q.sides))].join(', ')}`);
  }
  return out;
}

/**
 * A denial the report narrows ("No other renal mass", "No additional nodules", "No new lesions", "No acute
 * fracture") denies, said without its narrowing word, also the one it leaves out ("No renal mass" denies the
 * mass the report describes); the narrowed denial kept beside that mass contradicts nothing.
 */
export function widenedDenial(source: Clause, candidate: Clause): string[] {
  const both = candidate.words.filter((w) => source.negated.has(w) && candidate.negated.has(w));
  if (!both.length) return [];
  const out: string[] = [];
  if (source.narrowing.size && !candidate.narrowing.size)
    out.push(`widens the denial of "${both.join(' ')}": the report denies only ${[...source.narrowing].join('/')} ones`);
  const time = [...source.deniedTime].filter((t) => !candidate.deniedTime.has(t));
  if (time.length) out.push(`widens the denial of "${both.join(' ')}": the report denies only ${time.join('/')} ones`);
  return out;
}

/** A word the report denies or hedges, said by the clauses resting on it, is denied or hedged by one of them. */
export function polarityLostBy(source: Clause, resting: readonly Clause[]): string[] {
  const out: string[] = [];
  const said = new Set(resting.flatMap((c) => c.words));
  const kept = (pick: (c: Clause) => Set<string>) => new Set(resting.flatMap((c) => [...pick(c)]));
  const negated = kept((c) => c.negated);
  const undenied = [...source.negated].filter((w) => said.has(w) && !negated.has(w));
  if (undenied.length) out.push(`states what the report denies: "${undenied.join(' ')}"`);
  const hedged = kept((c) => c.hedged);
  const unhedged = [...source.hedged].filter((w) => said.has(w) && !hedged.has(w));
  if (unhedged.length) out.push(`drops the hedge (${source.hedges.join(', ')}) on "${unhedged.join(' ')}"`);
  return out;
}

function multisetExtra(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  const out: string[] = [];
  for (const x of a) {
    const i = left.indexOf(x);
    if (i >= 0) left.splice(i, 1);
    else out.push(x);
  }
  return out;
}

export const clip = (text: string, n = 80) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};
