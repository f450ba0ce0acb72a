// npm test's reporter: node's dot reporter (a dot a test, every failure in full at the end), then
// the runner's closing counts ("# tests N", "# pass N", "# fail N"…) and one plain line
// "N passed, N failed, N skipped", last, where CI reads them.
import { dot } from 'node:test/reporters';

export default async function* concise(source) {
  const counts = {};
  async function* counting() {
    for await (const event of source) {
      // The run ends with top-level diagnostics: "tests 12", "pass 11", "duration_ms 840.2"…
      const match = event.type === 'test:diagnostic' && event.data.nesting === 0 && /^([a-z_]+) (\S+)$/.exec(event.data.message);
      if (match) counts[match[1]] = match[2];
      yield event;
    }
  }
  yield* dot(counting());
  const failed = Number(counts.fail ?? 0) + Number(counts.cancelled ?? 0);
  const lines = Object.entries(counts).map(([name, value]) => `# ${name} ${value}`);
  yield `\n${lines.join('\n')}\n${counts.pass ?? 0} passed, ${failed} failed, ${counts.skipped ?? 0} skipped\n`;
}
