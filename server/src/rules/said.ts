// How a warning quotes the report's own recommendation: "the report recommends "No further imaging is needed."" reads
// as nonsense to a radiologist. A declined or denied follow-up is what the report says, not what it recommends.
const DECLINES = /\b(?:no|not|none|nor|without|unnecessary|unwarranted|declined?)\b/i;

/** `recommends "…"`, or `says "…"` when the quoted words decline a follow-up. */
export function reportRecommends(said: string): string {
  const text = said.trim();
  return `${DECLINES.test(text) ? 'says' : 'recommends'} "${text}"`;
}
