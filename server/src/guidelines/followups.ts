// The report's own recommendations ("Follow-up CT in 3 months", "No follow-up is needed"), read
// sentence by sentence into the same shape the guideline rows accept. Regexes compiled once.
import type { Report } from '../report/types';
import type { FollowUp } from './schema';

export interface SaidFollowUp {
  start: number;
  end: number;
  sentenceIndex: number;
  text: string;
  /** What the sentence recommends; empty for a vague one ("follow-up as clinically indicated"). */
  options: FollowUp[];
  /** A category the sentence assigns ("Lung-RADS 4A"), compared with the row's. */
  category?: string;
}

// Sections where a recommendation is the radiologist's own, not the clinical question.
const OWN_SECTIONS = new Set(['findings', 'impression', 'other', 'preamble', 'communication']);

const CUE =
  /\b(?:recommend\w*|suggest\w*|advis\w*|follow[- ]?ups?|surveillance|repeat|re-?imag\w*|re-?evaluat\w*|consider\w*|(?:could|should|may|can) be (?:obtained|performed|considered)|warrant\w*|referral|refer|consultation|dedicated|further (?:evaluation|characteri[sz]ation|imaging|work-?up)|lung-rads)\b/i;
const NONE =
  /\bno (?:further |routine |additional |dedicated |specific |imaging |radiologic |short-term )*(?:follow[- ]?up|imaging|work[- ]?up|evaluation|surveillance|action|intervention)\b|\b(?:follow[- ]?up|work[- ]?up|imaging|surveillance|evaluation)(?: imaging)? (?:is |are )?not (?:\w+ )?(?:needed|required|necessary|recommended|indicated|warranted)\b|\bneed not be (?:pursued|followed|reported)\b|\bdoes not (?:require|need|warrant) (?:any )?(?:further |additional )?(?:follow[- ]?up|imaging|evaluation|work[- ]?up)\b/i;
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  eighteen: 18,
  'twenty-four': 24,
};
const NUM = String.raw`(\d+(?:\.\d+)?|one|two|three|four|five|six|eight|nine|ten|twelve|eighteen|twenty-four)`;
const INTERVAL = new RegExp(
  String.raw`\b${NUM}(?:[ \t]{0,2}(?:-|–|to|or)[ \t]{0,2}${NUM})?[ \t-]{0,2}(months?|mos?|years?|yrs?|weeks?|wks?)\b(?![ \t]{0,2}(?:ago|prior|earlier|previous|before|old))`,
  'gi',
);
const PAST_BEFORE = /\b(?:for|over|since|past|last|than|after)\s+(?:the\s+)?$/i;
const EVERY = /\b(?:annual(?:ly)?|yearly|in (?:a|one) year|every year)\b/i;
const MODALITY: [RegExp, NonNullable<FollowUp['modality']>[number]][] = [
  [/\b(?:CT|CTA|LDCT|computed tomography|low[- ]dose(?: chest)? CT|cross-sectional imaging)\b/i, 'CT'],
  [/\b(?:MRI|MR|MRCP|magnetic resonance|cross-sectional imaging)\b/, 'MR'],
  [/\b(?:ultrasound|sonograph\w*|sonogram|US)\b/, 'US'],
];
const FOLLOW_UP = /\b(?:follow[- ]?up|followup|surveillance|repeat (?:imaging|scan|study|examination)|re-?imag\w*)\b/i;
const PET = /\bPET\b/i;
const PET_CT = /\bPET[/-]CT\b/gi;
const BIOPSY = /\b(?:biops\w*|tissue sampling|FNA|fine[- ]needle aspiration|EUS)\b/i;
const SURGERY = /\b(?:resection|surg(?:ery|ical)|excision|removal|ablation|nephrectomy|adrenalectomy|cholecystectomy|repair)\b/i;
const REFERRAL = /\b(?:referr?al|refer(?:red)?|consultation|consult)\b/i;
const VAGUE =
  /\b(?:follow[- ]?up|correlation|comparison) (?:with|to) (?:prior|previous|old|outside)\b|\bclinical(?:ly)? (?:follow[- ]?up|indicated)\b|\bfollow[- ]?up (?:as|if) (?:clinically|needed|indicated|warranted)\b/i;

const CATEGORY = /\blung-?rads(?:[ \t]+v?(?:\d{4}|\d\.\d))?(?:[ \t]+(?:category|cat\.?))?[ \t:]{0,3}(4A|4B|4X|[0-4])(?!\w|\.\d)/i;

const numberOf = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);

function monthsOf(value: number, unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('y')) return value * 12;
  if (u.startsWith('w')) return Number((value / 4.345).toFixed(2));
  return value;
}

/** What one sentence recommends, or null when it recommends nothing. */
export function parseFollowUp(text: string): FollowUp[] | null {
  const none = NONE.test(text);
  if (!none && !CUE.test(text)) return null;
  const out: FollowUp[] = [];
  if (none) out.push({ action: 'none' });
  // "PET/CT" is a PET, not a CT.
  const plain = text.replace(PET_CT, 'PET');
  const modality = MODALITY.filter(([re]) => re.test(plain)).map(([, m]) => m);
  const intervals: [number, number][] = [];
  for (const m of plain.matchAll(INTERVAL)) {
    // "stable for 2 years", "over the past 6 months": a history, not an interval to come.
    if (PAST_BEFORE.test(plain.slice(Math.max(0, m.index - 16), m.index))) continue;
    const a = monthsOf(numberOf(m[1]), m[3]);
    const b = m[2] ? monthsOf(numberOf(m[2]), m[3]) : a;
    intervals.push([Math.min(a, b), Math.max(a, b)]);
  }
  if (!intervals.length && EVERY.test(plain)) intervals.push([12, 12]);
  const mod = modality.length ? { modality } : {};
  for (const months of intervals) out.push({ action: 'imaging', ...mod, months });
  if (!intervals.length && modality.length && !none) out.push({ action: 'imaging', ...mod });
  if (PET.test(plain)) out.push({ action: 'pet' });
  if (BIOPSY.test(plain)) out.push({ action: 'biopsy' });
  if (SURGERY.test(plain) && !none) out.push({ action: 'surgery' });
  if (REFERRAL.test(plain)) out.push({ action: 'referral' });
  // "close interval follow-up versus biopsy": besides the biopsy, an imaging follow-up of unstated kind.
  if (out.length && !none && !out.some((o) => o.action === 'imaging') && FOLLOW_UP.test(plain)) out.push({ action: 'imaging' });
  if (out.length) return out;
  // "Follow-up is recommended", "comparison with prior studies would help": a recommendation, but not one to compare.
  if (
    CATEGORY.test(plain) ||
    VAGUE.test(plain) ||
    /\b(?:recommend\w*|suggest\w*|advis\w*)\b/i.test(plain) ||
    /\bfollow[- ]?up\b/i.test(plain)
  )
    return [];
  return null;
}

/** Every recommendation sentence of the report, in its own sections. */
export function findFollowUps(report: Report): SaidFollowUp[] {
  const out: SaidFollowUp[] = [];
  report.sentences.forEach((s, i) => {
    const section = report.sections[s.section];
    if (!section || !OWN_SECTIONS.has(section.kind)) return;
    const options = parseFollowUp(s.text);
    if (!options) return;
    const category = CATEGORY.exec(s.text)?.[1].toUpperCase();
    out.push({ start: s.start, end: s.end, sentenceIndex: i, text: s.text, options, ...(category ? { category } : {}) });
  });
  return out;
}
