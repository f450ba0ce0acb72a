// Reports we write ourselves for every cell of every follow-up table, at both edges of its size range,
// each with a recommendation in one of four styles (verb; no verb; two-step sequence; naming no finding),
// right or wrong. The templates are ours and several per style, so no one phrasing is measured.
import { drawsFrom, rng } from './random.mjs';

export const STYLES = ['verb', 'no verb', 'sequence', 'no finding'];

const rnd = (v) => Number(v.toFixed(6));

/** The size values a row's size range gives: both edges inside it (an open edge gets a value well inside). */
export function edgeSizes(range, step) {
  if (!range) return [null];
  const lo = range.gte ?? (range.gt !== undefined ? range.gt + step : undefined);
  const hi = range.lte ?? (range.lt !== undefined ? range.lt - step : undefined);
  const out = [lo ?? Math.max(step, rnd(Math.round(hi / 2 / step) * step)), hi ?? rnd(lo + Math.max(5, lo / 2))];
  return [...new Set(out.map(rnd))];
}

const mid = (r, fallback) => {
  if (!r) return fallback;
  const lo = r.gte ?? r.gt;
  const hi = r.lte ?? r.lt;
  if (lo !== undefined && hi !== undefined) return rnd((lo + hi) / 2);
  if (lo !== undefined) return rnd(lo + 4);
  return rnd(Math.max(1, hi - 2));
};

const sizeText = (mm, pick) => {
  if (mm >= 20 && pick([true, false])) return `${rnd(mm / 10)} cm`;
  return `${mm} mm`;
};

// Per guideline: the exam, history and finding sentences for a row's facts. Each returns
// { exam, history, finding, impression, noun } from (row, size, pick).
const LUNG_SITES = ['right upper lobe', 'left upper lobe', 'right middle lobe', 'left lower lobe', 'right lower lobe', 'lingula'];
function lungFinding(row, size, pick, { screening }) {
  const w = row.when;
  const type = w.type?.[0] ?? 'solid';
  const multiple = w.count?.[0] === 'multiple';
  const status = w.status?.[0];
  const feature = w.features?.[0];
  const s = sizeText(size, () => false);
  const site = pick(LUNG_SITES);
  let kind = {
    solid: 'solid',
    'ground-glass': pick(['ground-glass', 'pure ground-glass', 'nonsolid']),
    'part-solid': 'part-solid',
    subsolid: 'subsolid',
  }[type];
  if (feature === 'calcified') kind = 'calcified';
  if (feature === 'fat-containing') kind = 'fat-containing';
  if (feature === 'perifissural') kind = 'perifissural solid';
  const pre = status === 'new' ? 'new ' : status === 'growing' ? 'enlarging ' : status === 'stable' ? 'stable ' : '';
  let solid = '';
  if (type === 'part-solid') {
    const sc = w.solidComponentMm ? mid(w.solidComponentMm, 3) : Math.max(1, Math.min(3, Math.floor(size / 2)));
    solid = ` with a ${sc} mm solid component`;
  }
  let finding;
  if (!multiple) finding = `${pick(['A', 'There is a'])} ${pre}${s} ${kind} nodule${solid} in the ${site}.`;
  else
    finding = pick([
      () => `Multiple ${pre}${kind} nodules, the largest measuring ${s} in the ${site}.`,
      () => `Two ${pre}${s} ${kind} nodules in the ${site}.`,
      () =>
        `A ${pre}${s} ${kind} nodule${solid} in the ${site}. A ${pre}${s} ${kind} nodule${solid} in the ${pick(LUNG_SITES.filter((x) => x !== site))}.`,
      () => `Several bilateral ${pre}${kind} nodules up to ${s}.`,
    ])();
  return {
    exam: screening
      ? pick(['Low-dose CT chest for lung cancer screening', 'LDCT lung cancer screening'])
      : pick(['CT chest without contrast', 'CT chest with contrast']),
    history: screening
      ? '64-year-old former smoker, 35 pack-years.'
      : pick(['60-year-old man with cough.', '58-year-old woman with chest pain.']),
    finding,
    impression: multiple
      ? `${pick(['Pulmonary nodules', 'Multiple pulmonary nodules', `Bilateral ${kind} nodules`])}, the largest ${s}.`
      : `${s} ${kind} ${site} nodule.`,
    noun: multiple ? 'nodules' : 'nodule',
  };
}

const TEMPLATES = {
  'fleischner-2017': (row, size, pick) => lungFinding(row, size, pick, { screening: false }),
  'lung-rads-2022': (row, size, pick) => lungFinding(row, size, pick, { screening: true }),
  'acr-aaa-2013': (row, size, pick) => ({
    exam: pick(['US abdominal aorta', 'CT abdomen and pelvis with contrast']),
    history: '72-year-old man, former smoker.',
    finding: pick([
      `The infrarenal abdominal aorta is aneurysmal, measuring ${rnd(size / 10)} cm.`,
      `Infrarenal abdominal aortic aneurysm measuring ${rnd(size / 10)} cm in maximal diameter.`,
    ]),
    impression: `${rnd(size / 10)} cm infrarenal abdominal aortic aneurysm.`,
    noun: 'aneurysm',
  }),
  'acr-adrenal-2017': (row, size, pick) => {
    const w = row.when;
    const cancer = w.context?.includes('known-malignancy');
    const f = w.features?.[0];
    const status = w.status?.[0];
    const extra =
      w.attenuationHu !== undefined
        ? ', measuring 5 HU on unenhanced images'
        : ({
            'macroscopic-fat': ' containing macroscopic fat',
            cyst: ', cystic',
            hemorrhage: ' with hemorrhage',
            'stated-benign': ', consistent with an adenoma',
          }[f] ?? '');
    const pre = status === 'stable' ? 'stable ' : status === 'new' ? 'new ' : status === 'growing' ? 'enlarging ' : '';
    const s = sizeText(size, pick);
    return {
      exam: 'CT abdomen and pelvis with contrast',
      history: cancer ? '66-year-old man with a history of lung cancer.' : '55-year-old woman with abdominal pain.',
      finding: `A ${pre}${s} left adrenal nodule${extra}.`,
      impression: `${s} left adrenal nodule.`,
      noun: 'adrenal nodule',
    };
  },
  'acr-liver-2017': (row, size, pick) => {
    const w = row.when;
    const cancer = w.context?.includes('known-malignancy');
    const f = w.features?.[0];
    const s = sizeText(size, pick);
    const what =
      f === 'benign'
        ? 'simple hepatic cyst'
        : f === 'suspicious'
          ? 'heterogeneous enhancing hepatic lesion'
          : 'hypoattenuating hepatic lesion';
    return {
      exam: 'CT abdomen and pelvis with contrast',
      history: cancer ? '61-year-old woman with a history of colon cancer.' : '50-year-old woman with abdominal pain.',
      finding: `A ${s} ${what} in segment 6.`,
      impression: `${s} ${what}.`,
      noun: 'liver lesion',
    };
  },
  'acr-pancreas-2017': (row, size, pick) => {
    const worrisome = row.when.features?.includes('worrisome');
    const s = sizeText(size, pick);
    return {
      exam: pick(['CT abdomen and pelvis with contrast', 'MRI abdomen with and without contrast']),
      history: '67-year-old woman with abdominal pain.',
      finding: `A ${s} pancreatic cyst in the tail${worrisome ? ' with a mural nodule' : ''}.`,
      impression: `${s} pancreatic cyst.`,
      noun: 'pancreatic cyst',
    };
  },
  'acr-renal-2018': (row, size, pick) => {
    const b = row.when.bosniak?.[0];
    const small = row.when.features?.includes('too-small-to-characterize');
    const s = sizeText(small ? 4 : (size ?? 25), pick);
    const what = small ? 'hypodense renal lesion, too small to characterize' : `Bosniak ${b} cyst in the right kidney`;
    return {
      exam: 'CT abdomen and pelvis with and without contrast',
      history: '59-year-old man with hematuria.',
      finding: `A ${s} ${what}.`,
      impression: `${s} ${small ? 'renal lesion, too small to characterize' : `Bosniak ${b} right renal cyst`}.`,
      noun: 'renal cyst',
    };
  },
  'acr-thyroid-2015': (row, size, pick) => {
    const w = row.when;
    const age = w.age ? (w.age.lt !== undefined ? 30 : 52) : 52;
    const f = w.features?.[0];
    const extra = f === 'suspicious' ? ' with extrathyroidal extension' : f === 'fdg-avid' ? ', FDG-avid' : '';
    const s = sizeText(size ?? 12, pick);
    return {
      exam: f === 'fdg-avid' ? 'PET/CT skull base to thigh' : 'CT neck with contrast',
      history: w.context?.includes('limited-life-expectancy')
        ? `${age}-year-old woman in hospice care.`
        : `${age}-year-old woman with neck pain.`,
      finding: `A ${s} nodule in the right thyroid lobe${extra}.`,
      impression: `${s} right thyroid nodule.`,
      noun: 'thyroid nodule',
    };
  },
  'o-rads-us-2020': (row, size, pick) => {
    const post = row.when.menopause?.[0] === 'postmenopausal';
    const s = sizeText(size, pick);
    return {
      exam: 'Pelvic ultrasound',
      history: post ? '62-year-old postmenopausal woman with pelvic pain.' : '38-year-old premenopausal woman with pelvic pain.',
      finding: `A ${s} simple, anechoic, thin-walled cyst in the left ovary.`,
      impression: `${s} simple left ovarian cyst.`,
      noun: 'ovarian cyst',
    };
  },
  'sru-gallbladder-2022': (row, size) => {
    const f = row.when.features?.[0];
    return {
      exam: 'Right upper quadrant ultrasound',
      history: '45-year-old woman with right upper quadrant pain.',
      finding: `A ${size} mm ${f} gallbladder polyp.`,
      impression: `${size} mm ${f} gallbladder polyp.`,
      noun: 'gallbladder polyp',
    };
  },
};

// Managements in words. Modalities the way a report names them.
const MODALITY_WORDS = {
  CT: ['CT', 'contrast-enhanced CT'],
  MR: ['MRI'],
  US: ['ultrasound'],
  MG: ['mammogram', 'mammography', 'diagnostic mammogram'],
};
const LUNG = new Set(['fleischner-2017', 'lung-rads-2022']);
function intervalWords(months, pick) {
  const [a, b] = months;
  const one = (m) => {
    if (!Number.isInteger(m)) return { n: Math.round(m * 4.345), unit: 'weeks' };
    if (m >= 12 && m % 12 === 0 && pick([true, false])) return { n: m / 12, unit: m === 12 ? 'year' : 'years' };
    return { n: m, unit: m === 1 ? 'month' : 'months' };
  };
  if (a === 0) {
    const x = one(b);
    return `within ${x.n} ${x.unit}`;
  }
  const x = one(a);
  const y = one(b);
  if (a === b) return `${pick(['in', 'at'])} ${x.n} ${x.unit}`;
  if (x.unit !== y.unit) return `${pick(['in', 'at'])} ${a}–${b} months`;
  return `${pick(['in', 'at'])} ${x.n}–${y.n} ${y.unit}`;
}

/** One management as a phrase without a verb: "CT in 6–12 months", "PET/CT", "no routine follow-up". */
export function phrase(f, g, pick) {
  switch (f.action) {
    case 'none':
      return pick(['no follow-up', 'no routine follow-up', 'no further imaging', 'no further follow-up']);
    case 'pet':
      return 'PET/CT';
    case 'biopsy':
      return pick(['tissue sampling', 'biopsy']);
    case 'surgery':
      return pick(['surgical resection', 'resection']);
    case 'referral':
      return pick(['referral to a specialist', 'specialist referral']);
    default: {
      const mod = f.modality?.[0] ?? g.rows.flatMap((r) => r.accepts).find((a) => a.modality)?.modality?.[0] ?? 'CT';
      const m = LUNG.has(g.id) && mod === 'CT' ? pick(['CT', 'chest CT']) : pick(MODALITY_WORDS[mod]);
      const word = g.id === 'lung-rads-2022' && mod === 'CT' ? pick(['LDCT', 'low-dose CT']) : m;
      return f.months ? `${word} ${intervalWords(f.months, pick)}` : `dedicated ${word}`;
    }
  }
}

const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** The recommendation sentence(s) for a management in a style. `later` is a later step phrase or null. */
export function recommendationText(style, first, later, noun, pick) {
  const none = first.startsWith('no ');
  switch (style) {
    case 'verb':
      if (none)
        return pick([
          `${cap(first)} is needed for this ${noun}.`,
          `The ${noun} needs ${first}.`,
          `${cap(first)} is recommended for the ${noun}.`,
        ]);
      return pick([
        `Recommend ${first} for the ${noun}.`,
        `${cap(first)} is recommended for this ${noun}.`,
        `Suggest ${first} of the ${noun}.`,
        `We recommend ${first} to evaluate the ${noun}.`,
        `For the ${noun}, ${first} is advised.`,
        `Consider ${first} for the ${noun}.`,
      ]);
    case 'no verb':
      return pick([`${cap(first)}.`, `${cap(noun)}: ${first}.`, `Recommendation: ${first}.`, `${cap(first)} for the ${noun}.`]);
    case 'sequence': {
      const then = later ?? (none ? 'then routine care' : null);
      if (!then) return `${cap(first)}.`;
      return pick([
        `${cap(first)}, then ${then}.`,
        `${cap(first)}; if stable, ${then}.`,
        `${cap(first)}. If unchanged, ${then}.`,
        `Recommend ${first}, followed by ${then}.`,
        `${cap(first)}. If there is no change, ${then}.`,
      ]);
    }
    default:
      if (none) return pick([`${cap(first)} is needed.`, `${cap(first)} is recommended.`, `${cap(first)} would be appropriate.`]);
      return pick([
        `Recommend ${first}.`,
        `Follow-up: ${first}.`,
        `${cap(first)} is recommended.`,
        `Suggest ${first}.`,
        `${cap(first)} would be appropriate.`,
      ]);
  }
}

/** The reports for every cell: { guideline, row, size, style, right, text, risk }. */
export function* followUpCases(GUIDELINES, followUpAgrees, seed = 20) {
  const { pick } = drawsFrom(rng(seed));
  const pool = (g) => {
    const mods = [...new Set(g.rows.flatMap((r) => r.accepts.flatMap((a) => a.modality ?? [])))];
    const out = [{ action: 'none' }, { action: 'pet' }, { action: 'biopsy' }, { action: 'surgery' }];
    for (const m of mods.length ? mods : ['CT'])
      for (const months of [
        [3, 3],
        [6, 6],
        [12, 12],
        [24, 24],
        [60, 60],
      ])
        out.push({ action: 'imaging', modality: [m], months });
    return out;
  };
  for (const g of GUIDELINES) {
    const template = TEMPLATES[g.id];
    if (!template) continue;
    const step = g.roundMm ?? 1;
    for (const row of g.rows) {
      const sizes = edgeSizes(row.when.sizeMm, step === 1 ? 1 : step).map((s) => s ?? 25);
      for (const [edge, size] of sizes.entries()) {
        const wrongs = pool(g).filter((f) => !row.accepts.some((a) => followUpAgrees(f, a)));
        for (const style of STYLES) {
          for (const right of [true, false]) {
            const t = template(row, size, pick);
            const first = right ? pick(row.accepts) : pick(wrongs);
            const later = row.then ? phrase(pick(row.then), g, pick) : null;
            const rec = recommendationText(style, phrase(first, g, pick), later, t.noun, pick);
            const impression =
              style === 'no finding'
                ? `1. ${t.impression}\n2. ${pick(['No acute abnormality.', 'Otherwise unremarkable examination.'])}\n3. ${rec}`
                : `${t.impression} ${rec}`;
            const text = `EXAM: ${t.exam}\nHISTORY: ${t.history}\nFINDINGS: ${t.finding}\nIMPRESSION: ${impression}\n`;
            yield {
              guideline: g,
              row,
              size,
              edge: edge === 0 ? 'low' : 'high',
              style,
              right,
              advice: first,
              text,
              risk: row.when.risk?.[0] ?? 'low',
            };
          }
        }
      }
    }
  }
}
