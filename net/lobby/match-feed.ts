/**
 * Reads the host's `/api/matches` Server-Sent Events stream with `fetch` (which works the same in
 * browsers and in Node 20, where `EventSource` does not exist), and reconnects after a drop. Each
 * event carries the whole list, so a reconnect needs no resynchronisation.
 */
import type { MatchListing } from './messages.js';
import { parseMatchListEvent } from './validate.js';

/** How long to wait before reconnecting after the stream ends or fails. */
const RECONNECT_MS = 1000;

/** Options of `openMatchFeed`. */
export interface MatchFeedOptions {
  /** Full URL of the SSE endpoint. */
  readonly url: string;
  readonly onList: (matches: readonly MatchListing[]) => void;
  readonly fetchImpl?: typeof fetch;
}

/** Split an SSE text buffer into complete events' `data` payloads and the unfinished rest. */
export function splitSseEvents(buffer: string): { events: string[]; rest: string } {
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: string[] = [];
  for (const block of blocks) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
    if (data.length > 0) events.push(data.join('\n'));
  }
  return { events, rest };
}

async function readOnce(options: MatchFeedOptions, signal: AbortSignal): Promise<void> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const response = await fetchImpl(options.url, { signal, headers: { accept: 'text/event-stream' } });
  if (!response.ok || !response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const split = splitSseEvents(buffer + decoder.decode(value, { stream: true }));
    buffer = split.rest;
    for (const data of split.events) {
      const parsed = parseMatchListEvent(data);
      // A malformed event is skipped: the next one carries the whole list again.
      if (parsed.ok) options.onList(parsed.msg.matches);
    }
  }
}

/** Follow the match list until the returned `close()` is called. Never throws. */
export function openMatchFeed(options: MatchFeedOptions): { close(): void } {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = (): void => {
    readOnce(options, abort.signal)
      .catch(() => undefined)
      .finally(() => {
        if (!abort.signal.aborted) timer = setTimeout(loop, RECONNECT_MS);
      });
  };
  loop();
  return {
    close(): void {
      abort.abort();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
