// The ACR reporting and data systems (BI-RADS, Lung-RADS, TI-RADS, LI-RADS, PI-RADS, O-RADS US) as
// data, and a reader for their categories wherever a report writes them: "BIRADS: 4a", "BI-RADS
// category 3", "(BIRADS-5)", "Lung-RADS 4B", "TR4", "LR-5", "PI-RADS v2.1 category 4". Pure text in.
import biRads from './data/bi-rads-2013.json';
import lungRads from './data/lung-rads-2022.json';
import tiRads from './data/ti-rads-2017.json';
import liRads from './data/li-rads-2018.json';
import piRads from './data/pi-rads-2019.json';
import oRads from './data/o-rads-us-2020.json';
import { RadsSystemSchema, type RadsCategory, type RadsSystem } from './schema';
import { escapeRegExp as escape } from '../../report/regex';

export type { RadsCategory, RadsSystem } from './schema';

function load(): readonly RadsSystem[] {
  const out = [biRads, lungRads, tiRads, liRads, piRads, oRads].map((raw) => {
    const parsed = RadsSystemSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`rads: ${(raw as { id?: string }).id}: ${parsed.error.message}`);
    return parsed.data;
  });
  for (const s of out) {
    const ids = new Set<string>();
    for (const c of s.categories) {
      if (ids.has(c.id)) throw new Error(`rads: ${s.id} has two categories ${c.id}`);
      ids.add(c.id);
    }
    // Referential check: the points table names only categories of the system.
    for (const p of s.points?.byPoints ?? [])
      if (!ids.has(p.category)) throw new Error(`rads: ${s.id} points give unknown category ${p.category}`);
  }
  return out;
}

export const RADS_SYSTEMS: readonly RadsSystem[] = load();
export const RADS_BY_ID: ReadonlyMap<string, RadsSystem> = new Map(RADS_SYSTEMS.map((s) => [s.id, s]));

/** One category as a report writes it. */
export interface RadsMention {
  system: RadsSystem;
  category: RadsCategory;
  /** The text of the whole statement ("BIRADS Classification 2"). */
  start: number;
  end: number;
  /** Where the value itself stands. */
  valueStart: number;
  valueEnd: number;
}

/** "BI-RADS" matches BIRADS, BI RADS, Bi-Rads. */
const loose = (w: string) => escape(w).replace(/[- ]/g, '[- ]?');

interface Reader {
  system: RadsSystem;
  named: RegExp;
  alone: RegExp | null;
  byValue: Map<string, RadsCategory>;
}

// Between the name and the value: a version, a word for category, punctuation. "BI-RADS category 4",
// "Lung-RADS v2022 category 4A", "BIRADS Classification 2", "PI-RADS v2 score of 4", "(BIRADS-5)".
const VERSION = String.raw`(?:v(?:ersion)?[ \t]?\d+(?:\.\d+)?|\d\.\d|20\d\d)`;
const WORD = String.raw`(?:category|cat\.?|classification|class|assessment|lesion|summary|score|overall|final|of|is|=)`;
const JOIN = String.raw`(?:[ \t]*(?:${VERSION}|${WORD}|[:(\-–,]))*[ \t]*`;

function readerOf(s: RadsSystem): Reader {
  const byValue = new Map<string, RadsCategory>();
  const prefix = s.prefix ?? '';
  for (const c of s.categories) {
    const bare = prefix && c.id.startsWith(prefix) ? c.id.slice(prefix.length) : c.id;
    for (const v of [c.id, bare, ...c.aliases]) byValue.set(v.toUpperCase(), c);
  }
  const values = [...byValue.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pre = prefix ? `(?:${loose(prefix).replace(/\\-$/, '')}[- ]?)?` : '';
  const names = s.names.map(loose).join('|');
  // The value may not run into a decimal or a word ("PI-RADS 2.1", "TR4s").
  const mod = s.modifiers.length ? `(?:${s.modifiers.map(escape).join('|')})?` : '';
  const tail = String.raw`${mod}(?![\w]|\.\d|/\d)`;
  const named = new RegExp(String.raw`\b(?:${names})${JOIN}${pre}(${values.join('|')})${tail}`, 'gid');
  // "TR4", "LR-5" alone: the prefix in capitals, then a value.
  const alone = prefix ? new RegExp(String.raw`\b${loose(prefix).replace(/\\-$/, '')}-?(${values.join('|')})${tail}`, 'gd') : null;
  return { system: s, named, alone, byValue };
}
const READERS: readonly Reader[] = RADS_SYSTEMS.map(readerOf);
// Most reports name no system: one scan for any reader's pattern (case aside, so a superset) spares
// the two scans per system. The last text's answer is kept: the rules and the follow-ups each ask.
const ANY_READER = new RegExp(
  READERS.flatMap((r) => (r.alone ? [r.named, r.alone] : [r.named]))
    .map((re) => `(?:${re.source})`)
    .join('|'),
  'i',
);
let last: { text: string; mentions: RadsMention[] } | undefined;

/** Every category the text writes, in order, each once. The answer is shared: do not change it. */
export function readCategories(text: string): RadsMention[] {
  if (last?.text !== text) last = { text, mentions: ANY_READER.test(text) ? readAll(text) : [] };
  return last.mentions;
}

function readAll(text: string): RadsMention[] {
  const out: RadsMention[] = [];
  const taken = (a: number, b: number) => out.some((m) => a < m.end && b > m.start);
  for (const r of READERS) {
    const s = r.system;
    for (const m of text.matchAll(r.named)) {
      const whole = m[0];
      const value = m[1];
      const [valueStart, valueEnd] = m.indices![1];
      // "PI-RADS v1 category 4", "PI-RADS v2 T2 score of 4": another version, or a sub-score.
      const between = whole.slice(0, whole.length - value.length);
      const version = /v(?:ersion)?[ \t]?(\d+(?:\.\d+)?)(?![\w.])/i.exec(between)?.[1];
      if (version && s.otherVersions.some((v) => v.replace(/^v/i, '') === version)) continue;
      if (s.subScores.some((w) => new RegExp(String.raw`\b${escape(w)}\b`, 'i').test(text.slice(m.index, m.index + whole.length + 12))))
        continue;
      const category = r.byValue.get(value.toUpperCase());
      if (!category) continue;
      out.push({ system: s, category, start: m.index, end: m.index + whole.length, valueStart, valueEnd });
    }
    if (!r.alone) continue;
    for (const m of text.matchAll(r.alone)) {
      if (taken(m.index, m.index + m[0].length)) continue;
      const category = r.byValue.get(m[1].toUpperCase());
      if (!category) continue;
      const [valueStart, valueEnd] = m.indices![1];
      out.push({ system: s, category, start: m.index, end: m.index + m[0].length, valueStart, valueEnd });
    }
  }
  // Two systems never claim the same words ("Lung-RADS" is not "RADS"); keep the first reading of a span.
  // In start order a span overlaps an earlier one exactly when it starts before the furthest end so far.
  out.sort((a, b) => a.start - b.start);
  let reach = -Infinity;
  return out.filter((m) => {
    const free = m.start >= reach;
    reach = Math.max(reach, m.end);
    return free;
  });
}

/** Breast density as written ("heterogeneously dense", "density C", "ACR c"), or null. */
export function readDensity(text: string): { id: 'A' | 'B' | 'C' | 'D'; start: number; end: number } | null {
  const letters =
    /\b(?:breast (?:tissue )?density|density(?: category)?|ACR(?: density)?|BI-?RADS density)[ \t:]*(?:is[ \t]+|category[ \t]+)?\(?([ABCD]|[abcd](?=\W))\)?(?![\w])/.exec(
      text,
    );
  if (letters) return { id: letters[1].toUpperCase() as 'A', start: letters.index, end: letters.index + letters[0].length };
  for (const d of RADS_BY_ID.get('bi-rads')?.density ?? []) {
    const m = new RegExp(String.raw`\b(?:${d.words.map(loose).join('|')})\b`, 'i').exec(text);
    if (m) return { id: d.id, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** TI-RADS points for the features a text names: the sum, and whether every group was named. */
export function tiRadsPoints(text: string): { points: number; complete: boolean; named: string[] } | null {
  const s = RADS_BY_ID.get('ti-rads');
  if (!s?.points) return null;
  let points = 0;
  let groups = 0;
  const named: string[] = [];
  for (const g of s.points.groups) {
    // "very hypoechoic" also says "hypoechoic", "mixed cystic and solid" says "solid": the longer words are read first and taken out.
    let rest = text;
    const hits = new Set<(typeof g.options)[number]>();
    const words = g.options.flatMap((o) => o.words.map((w) => ({ w, o }))).sort((a, b) => b.w.length - a.w.length);
    for (const { w, o } of words) {
      const re = new RegExp(String.raw`\b${loose(w)}\b`, 'gi');
      if (!re.test(rest)) continue;
      hits.add(o);
      rest = rest.replace(re, ' ');
    }
    if (!hits.size) continue;
    groups++;
    named.push(g.group);
    const list = [...hits];
    points += g.additive ? list.reduce((a, o) => a + o.points, 0) : Math.max(...list.map((o) => o.points));
  }
  if (!groups) return null;
  return { points, complete: groups === s.points.groups.length, named };
}

/** The TI-RADS category a number of points gives. */
export function tiRadsCategoryOf(points: number): string {
  const s = RADS_BY_ID.get('ti-rads')!;
  return s.points!.byPoints.find((b) => points >= b.min)!.category;
}

/** The management for a category and, where the system goes by size, the finding's largest size in mm. */
export function managementOf(
  category: RadsCategory,
  sizeMm: number | null,
): { management: string; accepts: RadsCategory['accepts']; states: boolean } | null {
  if (!category.bySize) return { management: category.management, accepts: category.accepts, states: category.states };
  if (sizeMm === null) return null;
  const step = category.bySize.find((b) => b.gteMm === undefined || sizeMm >= b.gteMm)!;
  return { management: step.management, accepts: step.accepts, states: step.states };
}
