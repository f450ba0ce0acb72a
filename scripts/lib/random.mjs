// mulberry32: a small seeded generator, the same on every machine, so evaluations repeat exactly.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from a generator: one item of a list, or the list shuffled (Fisher-Yates), in a fixed order of draws. */
export function drawsFrom(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  function shuffle(list) {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  return { pick, shuffle };
}
