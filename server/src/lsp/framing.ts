// Reads LSP frames (a Content-Length header, then that many bytes of JSON) from the editor, and
// survives bad ones. vscode-jsonrpc's own reader stops for good after one bad header (the server
// then never answers again); this one answers the bad frame with a JSON-RPC error, says so in the
// log, and carries on from the next header it finds.
import { AbstractMessageReader, ErrorCodes, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';

export interface BadFrame {
  /** -32700 (parse error) or -32600 (invalid request), as JSON-RPC 2.0 says. */
  code: number;
  message: string;
  /** The request's id when the damaged message still shows it, else null. */
  id: number | string | null;
}

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const HEADER_NAME = Buffer.from('Content-Length:', 'latin1');
/** A header block is a few dozen bytes; more without its blank line is not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
/** Far above any report (the server does not check more than radlint.maxFileSize anyway). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export class ResilientMessageReader extends AbstractMessageReader {
  #buffer = Buffer.alloc(64 * 1024);
  #start = 0;
  #end = 0;
  /** The body length the current header announced, or -1 while reading a header. */
  #bodyLength = -1;
  #bodyStart = 0;
  /** Where the search for a next header inside an unfinished body goes on from (no rescans). */
  #scanFrom = 0;

  constructor(
    private readonly stream: NodeJS.ReadableStream,
    private readonly onBadFrame: (bad: BadFrame) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => {
      this.#append(chunk);
      const batch: Message[] = [];
      this.#drain((message) => batch.push(message));
      for (const message of coalesceChanges(batch)) callback(message);
    };
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.stream.on('data', onData);
    this.stream.on('error', onError);
    this.stream.on('close', onClose);
    this.stream.on('end', onClose);
    return {
      dispose: () => {
        this.stream.off('data', onData);
        this.stream.off('error', onError);
        this.stream.off('close', onClose);
        this.stream.off('end', onClose);
      },
    };
  }

  #append(chunk: Buffer): void {
    if (this.#end + chunk.length > this.#buffer.length) {
      const live = this.#end - this.#start;
      // Grow by doubling, so a large document arriving in small chunks costs its size, not its square.
      const size = Math.max(this.#buffer.length, (live + chunk.length) * 2);
      const next = size > this.#buffer.length ? Buffer.alloc(size) : this.#buffer;
      this.#buffer.copy(next, 0, this.#start, this.#end);
      const shift = this.#start;
      this.#buffer = next;
      this.#start = 0;
      this.#end = live;
      this.#bodyStart -= shift;
      this.#scanFrom = Math.max(0, this.#scanFrom - shift);
    }
    chunk.copy(this.#buffer, this.#end);
    this.#end += chunk.length;
  }

  #drain(callback: DataCallback): void {
    for (;;) {
      if (this.#start === this.#end) this.#start = this.#end = 0; // all read: reuse the buffer from its start
      if (this.#bodyLength < 0) {
        const header = this.#readHeader();
        if (header === 'more') return;
        if (header === 'skipped') continue;
      }
      const bodyEnd = this.#bodyStart + this.#bodyLength;
      if (bodyEnd > this.#end) {
        this.#lookForNextHeaderInBody();
        if (this.#bodyLength >= 0) return; // still waiting for the rest of the body
        continue;
      }
      const body = this.#buffer.toString('utf8', this.#bodyStart, bodyEnd);
      this.#bodyLength = -1;
      let message: unknown;
      try {
        message = JSON.parse(body);
      } catch (error) {
        // A length too short or too long for its body: answer, then go on from the next header.
        this.#bad(-32700, `Parse error: the message is not JSON (${(error as Error).message})`, idIn(body));
        this.#resyncFrom(this.#bodyStart);
        continue;
      }
      this.#start = bodyEnd;
      if (!message || typeof message !== 'object' || Array.isArray(message)) {
        this.#bad(ErrorCodes.InvalidRequest, 'Invalid Request: a message must be one JSON object (batches are not part of LSP)', null);
        continue;
      }
      callback(message as Message);
    }
  }

  /** Reads the header at #start: 'more' bytes are needed, or a bad one was 'skipped'. */
  #readHeader(): 'read' | 'more' | 'skipped' {
    const live = this.#buffer.subarray(this.#start, this.#end);
    const at = live.indexOf(HEADER_END);
    if (at < 0) {
      if (live.length > MAX_HEADER_BYTES) {
        this.#bad(-32700, 'Parse error: no LSP header (Content-Length: N, then an empty line)', null);
        this.#resyncFrom(this.#start + 1);
        return 'skipped';
      }
      return 'more';
    }
    const lines = live.toString('latin1', 0, at).split('\r\n');
    const junk = lines.some((l) => !/^[A-Za-z][A-Za-z0-9-]*:/.test(l));
    const lengthLine = lines.find((l) => /^content-length:/i.test(l));
    const value = lengthLine?.slice(lengthLine.indexOf(':') + 1).trim();
    const length = value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
    if (junk || !(length <= MAX_MESSAGE_BYTES)) {
      const why = junk
        ? 'bytes that are not a header'
        : value === undefined
          ? 'a header without Content-Length'
          : `Content-Length "${value}" is not a byte count up to ${MAX_MESSAGE_BYTES}`;
      this.#bad(-32700, `Parse error: ${why}`, null);
      this.#resyncFrom(this.#start + 1);
      return 'skipped';
    }
    this.#bodyLength = length;
    this.#bodyStart = this.#start + at + HEADER_END.length;
    this.#scanFrom = this.#bodyStart;
    return 'read';
  }

  /**
   * A Content-Length larger than its body: the next message's header arrives inside the "body".
   * When what precedes it is complete JSON, the length was wrong: answer that request with an
   * error and go on with the next message instead of waiting for bytes that never come.
   */
  #lookForNextHeaderInBody(): void {
    const from = Math.max(this.#scanFrom, this.#bodyStart);
    const found = this.#buffer.subarray(from, this.#end).indexOf(HEADER_NAME);
    if (found < 0) {
      this.#scanFrom = Math.max(this.#bodyStart, this.#end - HEADER_NAME.length);
      return;
    }
    const next = from + found;
    const before = this.#buffer.toString('utf8', this.#bodyStart, next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(before);
    } catch {
      this.#scanFrom = next + 1; // header-like text inside a JSON string, or junk: keep waiting
      return;
    }
    this.#bodyLength = -1;
    this.#start = next;
    this.#bad(ErrorCodes.InvalidRequest, 'Invalid Request: Content-Length is larger than the message', idOf(parsed));
  }

  /** Drops bytes up to the next "Content-Length:" at or after `from` (all but a possible partial one when there is none). */
  #resyncFrom(from: number): void {
    this.#bodyLength = -1;
    const found = this.#buffer.subarray(from, this.#end).indexOf(HEADER_NAME);
    this.#start = found >= 0 ? from + found : Math.max(from, this.#end - HEADER_NAME.length + 1);
  }

  #bad(code: number, message: string, id: number | string | null): void {
    this.onBadFrame({ code, message, id });
  }
}

function idOf(message: unknown): number | string | null {
  const id = message && typeof message === 'object' ? (message as { id?: unknown }).id : undefined;
  return typeof id === 'number' || typeof id === 'string' ? id : null;
}

/** The id of a damaged request, when its text still shows one near the start. */
function idIn(body: string): number | string | null {
  const m = /"id"\s*:\s*(\d+|"[^"\\]{0,100}")/.exec(body.slice(0, 200));
  return m ? (JSON.parse(m[1]) as number | string) : null;
}

type DidChange = { method: string; id?: unknown; params: { textDocument: { uri: string; version: number }; contentChanges: unknown[] } };
const isDidChange = (m: Message): m is Message & DidChange =>
  (m as Partial<DidChange>).method === 'textDocument/didChange' && (m as Partial<DidChange>).id === undefined;

/**
 * Edits of one document that arrived together become one didChange with all their changes in
 * order (LSP applies them in turn): a burst of keystrokes read in one go costs one update and one
 * analysis, not one per keystroke.
 */
export function coalesceChanges(batch: Message[]): Message[] {
  const out: Message[] = [];
  for (const message of batch) {
    const previous = out.at(-1);
    if (
      previous &&
      isDidChange(message) &&
      isDidChange(previous) &&
      previous.params.textDocument.uri === message.params.textDocument.uri &&
      Array.isArray(message.params.contentChanges)
    ) {
      previous.params.contentChanges.push(...message.params.contentChanges);
      previous.params.textDocument.version = message.params.textDocument.version;
    } else {
      out.push(message);
    }
  }
  return out;
}
