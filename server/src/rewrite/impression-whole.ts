// Draft items kept whole, as a radiologist lists them: one item per list mark of the report ("•", "·",
// "- ", "2)"), an opening clause that only sets the scene ("When examined in the lung parenchyma window;")
// never an item of its own, a predicate that follows its subject across ";" or "," ("… nodules in both
// lungs; is stable") kept with it, and a lobe or segment named without its organ ("in the left lobe")
// found in the sentence before that names the organ.
import { readClause } from './clauses';
import type { Report } from '../report/types';
import { escapeRegExp } from '../report/regex';
import { decapitalise } from './impression-phrase';
import { tidy, tokens } from './impression-excerpt';
import { setsTheScene, type ImpressionItem } from './impression-kept';

/** The report sentences an item's sentence may have been lifted from (its words in order, "is noted" and the like left out). */
function sourcesOf(report: Report, sentence: string): number[] {
  const words = tokens(sentence);
  const inOrder = (text: string) => {
    let k = 0;
    for (const w of tokens(text)) if (w === words[k]) k++;
    return k === words.length;
  };
  return words.length ? report.sentences.flatMap((s, i) => (inOrder(s.text) ? [i] : [])) : [];
}

/** The first report sentence an item's sentence was lifted from; -1 when none. */
export const sourceOf = (report: Report, sentence: string): number => sourcesOf(report, sentence)[0] ?? -1;

// A list mark inside an item after the end of a statement: a bullet ("ca. • Stable …", "clinic; · Hepatic
// steatosis"), a dash or a number before a capital ("… effusion. - Atelectasis", "… effusion; 2) Atelectasis").
// (Marks run together with no stop between, "steatosis · Bilateral cysts", the verifier reads as one statement.)
const INNER_MARK = /(?<=[.;:])\s*[\u2022\u00b7]\s*|(?<=[.;:])\s+(?:-|\d{1,2}[.)])\s+(?=[A-Z])/;

/**
 * An item the report wrote as two or more list items (its sentence reader went over the mark): one item
 * each, the findings with the part that names them. A part that ends on ";" or ":" introduces the next
 * ("In the patient with operated liposarcoma clinic; • Bilateral … effusion.") and goes with it; a part
 * that only sets the scene goes.
 */
export function splitAtMarks(report: Report, item: ImpressionItem): ImpressionItem[] {
  const raw = item.text.split(INNER_MARK).filter((p) => /[a-z0-9]/i.test(p));
  if (raw.length < 2) return [item];
  const parts: string[] = [];
  let opening = '';
  for (const p of raw) {
    const text = tidy(p);
    if (!text) continue;
    const mark = /([;:])\s*$/.exec(p);
    if (mark) {
      opening += `${opening ? ' ' : ''}${text.slice(0, -1)}${mark[1]}`;
      continue;
    }
    if (!opening && setsTheScene(text)) continue;
    parts.push(opening ? `${opening} ${decapitalise(text)}` : text);
    opening = '';
  }
  if (opening) parts.push(`${opening.slice(0, -1)}.`);
  if (parts.length < 2) return parts.length ? [{ ...item, text: parts[0] }] : [item];
  const named = (f: ImpressionItem['findings'][number], part: string) =>
    part.toLowerCase().includes(report.text.slice(f.start, f.end).toLowerCase());
  return parts.map((text, i) => ({
    text,
    findings: item.findings.filter((f) => (named(f, text) ? parts.findIndex((p) => named(f, p)) === i : i === 0)),
  }));
}

// A predicate with no subject of its own after ";" or ",": "…; is stable", ", has increased in size", "; measures 8 mm".
const BARE_PREDICATE =
  /^\s*[;,]\s*(?:and\s+)?(?:(?:is|are|was|were)|(?:has|have|had)(?:\s+(?:been|remained|become))?|remains?|remained|appears?|measures?|measured|shows?|showed)\b[^;.]*?(?=\s*(?:[;.]|$))/i;

// Words of a comparison, which name no finding of their own ("since", "in size", "compared with the prior study",
// "no difference was found in the amount of these findings"): the impression's one list.
export const TIME_TALK: ReadonlySet<string> = new Set(
  'since size sizes dimension dimensions number amount appearance interval compared comparison previous prior earlier examination exam study difference significant change changes there finding findings these those which patient'.split(
    ' ',
  ),
);
// A clause after ";" (up to the next one or the full stop), to be read for a time with no subject.
const BARE_TIME = /^\s*;\s*[^;.]*?(?=\s*(?:[;.]|$))/;

/** Where in `sentence` the item's last words end (its last four words in order); -1 when not found. */
function endIn(sentence: string, item: string): number {
  const words = tokens(item).slice(-4);
  if (!words.length) return -1;
  const matches = [...sentence.matchAll(new RegExp(`\\b${words.map(escapeRegExp).join('[^a-z0-9]+')}\\b`, 'gi'))];
  const last = matches[matches.length - 1];
  return last ? last.index + last[0].length : -1;
}

/**
 * "Several millimetric nonspecific nodules in both lungs; is stable.": the time, change or size its sentence
 * tells after the item's subject, with no subject of its own, goes with the item as written.
 */
export function withTheirPredicates(report: Report, items: readonly ImpressionItem[]): ImpressionItem[] {
  return items.map((item) => {
    const sentences = item.text.split(/(?<=[a-z0-9)?]\.)\s+(?=[A-Z])/);
    const last = sentences[sentences.length - 1];
    // (Whichever sentence says it so: the findings' sentence and the old impression's may both hold the item's words.)
    for (const at of sourcesOf(report, last)) {
      const sentence = report.sentences[at].text;
      const end = endIn(sentence, last);
      const after = end < 0 ? '' : sentence.slice(end);
      const verb = BARE_PREDICATE.exec(after);
      const rest = verb ?? BARE_TIME.exec(after);
      if (!rest) continue;
      const read = readClause(rest[0], { start: 0, end: rest[0].length }, 'findings', null);
      if (!read.time.size && !read.quantities.length && !read.severity.length) continue;
      // No verb: only words of time or change ("; unchanged since 2020", "; previously 9 mm"), naming nothing of their own.
      if (!verb && (!read.words.every((w) => TIME_TALK.has(w)) || !read.time.size)) continue;
      const predicate = rest[0].replace(/\s+/g, ' ').trim();
      if (item.text.toLowerCase().includes(predicate.replace(/^[;,]\s*/, '').toLowerCase())) return item;
      return { ...item, text: `${item.text.replace(/[.\s]+$/, '')}${predicate}.` };
    }
    return item;
  });
}

// A lobe or segment named without the organ it is of: "in the left lobe", "the posterior segment", "segments 7-8".
const BARE_LOBE =
  /\b(?:(?:right|left|caudate|quadrate|pyramidal)\s+lobes?|(?:the|this|that|same)\s+(?:lobes?|segments?)|(?:anterior|posterior|medial|lateral|superior|inferior)\s+segments?|segments?\s+(?:\d|[IVX]{1,4}\b))/i;
// The organs whose lobes and segments a report names: lung (its upper, middle and lower lobes say so), liver, thyroid, prostate, brain.
const ORGAN_OF_LOBE =
  /\b(?:lungs?|pulmonary|lingula\w*|liver|hepatic|thyroid|prostat\w*|frontal|parietal|temporal|occipital|cerebell\w*|parotid|thymus|(?:upper|middle|lower)\s+lobes?|[RL][UML]L)\b/i;

/** Whether the item places its finding in a lobe or segment and names no organ for it. */
export const leansOnOrgan = (text: string) => BARE_LOBE.test(text) && !ORGAN_OF_LOBE.test(text);

/** The nearest sentence before `at` (up to three back, same section) that names an organ with lobes; undefined when none. */
export function organBefore(report: Report, at: number): number | undefined {
  const section = report.sentences[at]?.section;
  for (let j = at - 1; j >= 0 && at - j <= 3; j--) {
    if (report.sentences[j].section !== section) return undefined;
    if (ORGAN_OF_LOBE.test(report.sentences[j].text)) return j;
  }
  return undefined;
}

// An opening clause that may tell the setting of what follows: "In the patient with operated colon cancer;", "In the follow-up of lymphoma:".
const OPENING = /^(?:in|on|for|after|during|at|as|when)\b/i;
// It does when the patient or the follow-up is its subject, or a list mark follows it (not "In the liver, a cyst; in the spleen, …").
const SETTING = /^(?:in|for) (?:the|a|this) (?:patient|case)\b|^(?:in|during|on) (?:the )?follow-up\b/i;

/**
 * "In the patient with operated colon cancer; • Moderate right pleural effusion …": an opening clause that the
 * report ends on ";" or ":" before the statement it introduces goes with the item that says that statement, as
 * one item ("In the patient with operated colon cancer; moderate right pleural effusion …"), never alone.
 */
export function withWhatTheyIntroduce(report: Report, items: readonly ImpressionItem[]): ImpressionItem[] {
  const out = items.map((item) => ({ ...item, findings: [...item.findings] }));
  const bare = (text: string) => text.toLowerCase().replace(/[.\s]+$/, '');
  for (let i = 0; i < out.length; i++) {
    const item = out[i];
    if (!OPENING.test(item.text) || /[.?]\s+\S/.test(item.text.replace(/[.\s]+$/, ''))) continue;
    const host = sourcesOf(report, item.text)
      .map((at) => {
        const sentence = report.sentences[at].text;
        const end = endIn(sentence, item.text);
        const rest = end < 0 ? null : /^\s*[;:]\s*([\u2022\u00b7-]\s*)?([^;]+)/.exec(sentence.slice(end));
        if (rest && !rest[1] && !SETTING.test(item.text)) return undefined;
        const introduced = rest ? bare(tidy(rest[2])) : '';
        return introduced ? out.find((x) => x !== item && bare(x.text).includes(introduced)) : undefined;
      })
      .find(Boolean);
    if (!host || bare(host.text).startsWith(bare(item.text))) continue;
    host.text = `${item.text.replace(/[.\s]+$/, '')}; ${decapitalise(host.text)}`;
    host.findings.unshift(...item.findings);
    out.splice(i--, 1);
  }
  return out;
}

// A place told from a finding named before: "Just superior to the mass is …", "Adjacent to the lesion, …".
const FROM_THE_ONE_NAMED =
  /^\s*(?:just |immediately )?(?:superior|inferior|anterior|posterior|medial|lateral|adjacent|deep|superficial|proximal|distal|cranial|caudal) (?:to|of) the (mass|lesion|nodule|tumou?r|collection|cyst|fracture|abnormality)\b/i;

/**
 * "Just superior to the mass is a second focus of tumor …": an item placed from the finding named before goes
 * right after the item that names it (the latest such in the report before it), not after whatever came between.
 */
export function withTheirReferents(report: Report, items: readonly ImpressionItem[]): ImpressionItem[] {
  const out = items.map((item) => ({ ...item, findings: [...item.findings] }));
  for (let i = 0; i < out.length; i++) {
    const item = out[i];
    const named = FROM_THE_ONE_NAMED.exec(item.text)?.[1];
    const at = named ? sourceOf(report, item.text.split(/(?<=[a-z0-9)]\.)\s+(?=[A-Z])/)[0]) : -1;
    if (!named || at < 0) continue;
    const noun = new RegExp(`\\b${escapeRegExp(named)}`, 'i');
    let host: ImpressionItem | undefined;
    let hostAt = -1;
    for (const x of out) {
      if (x === item || !noun.test(x.text)) continue;
      const from = sourceOf(report, x.text.split(/(?<=[a-z0-9)]\.)\s+(?=[A-Z])/)[0]);
      if (from >= 0 && from < at && from > hostAt && report.sentences[from].section === report.sentences[at].section) {
        host = x;
        hostAt = from;
      }
    }
    if (!host) continue;
    host.text = `${host.text} ${item.text}`;
    host.findings.push(...item.findings);
    out.splice(i--, 1);
  }
  return out;
}
