// Offsets <-> line/character (0-based, UTF-16 code units, as LSP counts them).

export interface Position {
  line: number;
  character: number;
}

export function positionAt(lineStarts: number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export function offsetAt(lineStarts: number[], textLength: number, position: Position): number {
  if (position.line >= lineStarts.length) return textLength;
  const start = lineStarts[Math.max(0, position.line)];
  const next = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] : textLength;
  return Math.min(start + Math.max(0, position.character), next);
}

export function rangeOf(lineStarts: number[], span: { start: number; end: number }) {
  return { start: positionAt(lineStarts, span.start), end: positionAt(lineStarts, span.end) };
}
