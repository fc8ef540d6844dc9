import type { HubEvent } from './api-types';

/** Parses a Server-Sent Events body (WHATWG HTML §9.2) into events, as they arrive. */
export async function* serverSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<HubEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const assembler = new EventAssembler();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let next: { line: string; rest: string } | null;
      while ((next = splitFirstLine(buffer)) !== null) {
        buffer = next.rest;
        const event = assembler.read(next.line);
        if (event !== null) yield event;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The first whole line of `buffer` and the text after its line break; null until there is one. */
function splitFirstLine(buffer: string): { line: string; rest: string } | null {
  const newline = buffer.search(/\r\n|\r|\n/);
  if (newline < 0) return null;
  // A CR at the end of a chunk may be the first half of a CRLF: wait for the rest.
  if (newline === buffer.length - 1 && buffer.endsWith('\r')) return null;
  const breakLength = buffer.startsWith('\r\n', newline) ? 2 : 1;
  return { line: buffer.slice(0, newline), rest: buffer.slice(newline + breakLength) };
}

/** The event being read, line by line; its id carries over to the events after it. */
class EventAssembler {
  #event = '';
  #data: string[] = [];
  #id: string | null = null;

  /** Takes one line; returns the event a blank line completes, when it carried data. */
  read(line: string): HubEvent | null {
    if (line === '') return this.#dispatch();
    // A line starting with a colon is a comment.
    if (!line.startsWith(':')) this.#setField(line);
    return null;
  }

  #dispatch(): HubEvent | null {
    const event =
      this.#data.length > 0
        ? { event: this.#event || 'message', id: this.#id, data: parseData(this.#data.join('\n')) }
        : null;
    this.#event = '';
    this.#data = [];
    return event;
  }

  #setField(line: string): void {
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const rawValue = colon < 0 ? '' : line.slice(colon + 1);
    const value = rawValue.startsWith(' ') ? rawValue.slice(1) : rawValue;
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id') this.#id = value;
  }
}

/** `data:` parsed as JSON; handed over as text when it is not JSON. */
function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
