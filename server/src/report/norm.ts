// A token's lexicon form, made once by the tokenizer: the lexicon and every reader of the words match on it.

const SPELLING: Array<[RegExp, string]> = [
  [/haem/g, 'hem'],
  [/oedem/g, 'edem'],
  [/oesoph/g, 'esoph'],
  [/tumour/g, 'tumor'],
  [/^disks?$/, 'disc'],
  [/’/g, "'"],
];

/** Might SPELLING change this lower-case word: does it hold ’, "haem", "oe" or "tumour", or start with "disk"? */
function mayRespell(w: string): boolean {
  // One pass over the letters, not five string searches: nearly no word holds any of these.
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 0x6f ? w.charCodeAt(i + 1) === 0x65 : c === 0x2019) return true; // "oe", "’"
    if (c === 0x68 ? w.startsWith('aem', i + 1) : c === 0x74 && w.startsWith('umour', i + 1)) return true; // "haem", "tumour"
  }
  return w.startsWith('disk');
}

/** Lower case, British spellings folded to American ("oedema" -> "edema", "disks" -> "discs"). */
export function normWord(text: string, lower = text.toLowerCase()): string {
  let w = lower;
  if (mayRespell(w)) for (const [from, to] of SPELLING) w = w.replace(from, to);
  if (w === 'disc' && /s$/i.test(text)) w = 'discs';
  return w;
}
