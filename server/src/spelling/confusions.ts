// Real-word confusions: both spellings are words, so a dictionary cannot object; the sentence
// around them can. Each entry fires only on a context that settles which word was meant.

export interface Confusion {
  /** The word as it should not be used here (lower case). */
  wrong: string;
  right: string;
  /** Why, for the message. */
  meaning: string;
  /** Words in the same sentence that show `right` was meant. */
  cue: RegExp;
  /** Words that make the written form plausible after all: then stay silent. */
  unless?: RegExp;
}

// Sentence-level cues, matched on the lower-cased sentence. Kept to anatomy that belongs to one
// sense only: "nerve" or "artery" exist for both perineal and peroneal, so they are not cues.
export const CONFUSIONS: readonly Confusion[] = [
  {
    wrong: 'ilium',
    right: 'ileum',
    meaning: 'ileum is small bowel; ilium is the pelvic bone',
    cue: /\b(?:terminal|neo-?terminal|bowel|loops?|ileocecal|ileocolic|cecum|cecal|crohn'?s?|enteritis|mucosa|mucosal|mesenter\w*|intussuscep\w*|anastomo\w*|stoma|ileostomy|appendix|jejunum)\b/,
    unless: /\b(?:iliac|crest|acetabul\w*|sacroiliac|fractures?|bone|bony|osseous|marrow)\b/,
  },
  {
    wrong: 'ileum',
    right: 'ilium',
    meaning: 'ilium is the pelvic bone; ileum is small bowel',
    cue: /\b(?:fractures?|crest|acetabul\w*|sacroiliac|sacrum|bone|bony|osseous|marrow|cortex|cortical|lytic|sclerotic|pubis|ischium|pelvic ring)\b/,
    unless: /\b(?:terminal|bowel|loops?|ileocecal|cecum|crohn'?s?|mucosa\w*|mesenter\w*|jejunum)\b/,
  },
  {
    wrong: 'perineal',
    right: 'peroneal',
    meaning: 'peroneal is the fibular side of the leg; perineal is the perineum',
    // "Common/deep/superficial peroneal" is the nerve of nerve-conduction studies.
    cue: /\b(?:tendons?|tendinosis|tendinopathy|tenosynovitis|brevis|longus|tertius|retinacul\w*|fibula|fibular|malleol\w*|ankle|calcane\w*|cuboid|peroneus|hindfoot|sural|tibial|f-waves?|h-reflex\w*|conduction)\b|\b(?:common|deep|superficial)\s+perineal\b/,
    unless: /\b(?:abscess|fistulae?|perianal|scrot\w*|vagin\w*|labi\w*|urethr\w*|rect\w*|anal|anus|episiotomy|perineum|pudendal)\b/,
  },
  {
    wrong: 'peroneal',
    right: 'perineal',
    meaning: 'perineal is the perineum; peroneal is the fibular side of the leg',
    cue: /\b(?:abscess|fistulae?|perianal|scrot\w*|vagin\w*|labi\w*|episiotomy|urethr\w*|anus|perineum|pelvic floor)\b/,
    unless: /\b(?:tendons?|brevis|longus|tertius|fibula|fibular|malleol\w*|ankle|calcane\w*|foot|leg|knee)\b/,
  },
  {
    // "Callous" is an adjective (unfeeling); the healing bone and the thickened skin are "callus".
    wrong: 'callous',
    right: 'callus',
    meaning: 'callus is the noun (healing bone, thickened skin); callous is an adjective',
    // A report has no use for the adjective, so any "callous" is the noun misspelt.
    cue: /\bcallous\b/,
    unless: /\bcallous(?:ly)?\s+(?:disregard|indifference|attitude|behaviou?r|remarks?|manner)\b/,
  },
  {
    wrong: 'plural',
    right: 'pleural',
    meaning: 'pleural refers to the pleura',
    cue: /\bplural\s+(?:effusions?|spaces?|fluid|thickening|plaques?|surfaces?|based|reaction|catheters?|drains?|tubes?|cavity|nodules?|calcifications?|fibrosis|disease|scarring|metastas[ie]s|invasion|mass(?:es)?|lesions?|air|collections?|fluid|margins?|reflections?|tails?|abnormalit(?:y|ies)|changes?|involvement|implants?|rind|peel|biopsy|sinus)\b|\b(?:visceral|parietal|apical|basilar|bilateral|left|right|small|large|moderate|trace)\s+plural\b/,
  },
  {
    wrong: 'prostrate',
    right: 'prostate',
    meaning: 'the prostate is the gland',
    // Lying face down is "prone" in a report; "prostrate" is nearly always the gland misspelt.
    cue: /\bprostrate\b/,
    unless: /\b(?:position(?:ed)?|lying|exhaust\w*|fell|collapsed)\b/,
  },
  {
    wrong: 'bowl',
    right: 'bowel',
    meaning: 'bowel is the intestine',
    cue: /\b(?:small|large|neurogenic|dilated|distended)\s+bowls?\b|\bloops?\s+of\s+(?:the\s+)?bowls?\b|\bbowls?\s*(?:\/|or|and)\s*bladder\b|\bbowls?\s+(?:loops?|wall|gas|obstruction|dilatation|dilation|distension|distention|ischemia|perforation|contents|movements?|preparation|prep|uptake|habits?|sounds|function|control|incontinence|symptoms|anastomosis|resection)\b|\b(?:anastomosis|resection)\s+of\s+(?:the\s+)?bowls?\b/,
  },
  {
    // "Discreet" means tactful; a separate, well-defined thing is "discrete".
    wrong: 'discreet',
    right: 'discrete',
    meaning: 'discrete means separate or well defined; discreet means tactful',
    // Up to three words between, for "discreet 1.4 cm nodule" and "discreet meniscal tear".
    cue: /\bdiscreet\b[\s,]+(?:[\w.-]+\s+){0,3}?(?:lesions?|mass(?:es)?|nodules?|nodularity|fractures?|tears?|abnormality|abnormalities|collections?|opacity|opacities|focus|foci|areas?|cysts?|lymph|adenopathy|consolidation|infiltrates?|calcifications?|filling|signal|correlates?|defects?|enhancement|lucency|lucencies|densit(?:y|ies)|fluid|effusions?|masses|structures?|boundar(?:y|ies)|margins?|components?|hematomas?|abscess(?:es)?)\b/,
  },
];

export const CONFUSION_BY_WORD: ReadonlyMap<string, readonly Confusion[]> = (() => {
  const map = new Map<string, Confusion[]>();
  for (const c of CONFUSIONS) map.set(c.wrong, [...(map.get(c.wrong) ?? []), c]);
  // Plurals share the entry: "plural effusions" is caught by its own cue; "bowls" needs the key.
  map.set('bowls', map.get('bowl') ?? []);
  return map;
})();
