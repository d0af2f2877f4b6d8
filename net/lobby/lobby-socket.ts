/**
 * The page's lobby WebSocket, kept open: when it drops (the host restarted, the Wi-Fi blinked) it
 * is opened again after a backoff, 0.5 s doubling to 5 s, each wait jittered so that the pages of
 * a restarted host do not all knock at the same instant. Meanwhile the status is `reconnecting`,
 * and the page is no longer joined: a host that lost the socket drops the member (or will), so
 * joining again is the page's move (a join with the member's token takes the place back).
 * The host's own "go away" (close code 1008: a PIN guesser, a flood) is final, as is `close()`,
 * and so is "another page took your player over" (CLOSE_REPLACED): reconnecting would take it
 * back, and the two tabs would pass the player to and fro.
 */
import { applyHostMessage, type LobbyCore } from './lobby-core.js';
import { CLOSE_REPLACED } from './messages.js';
import { parseHostMessage } from './validate.js';

/** How the socket backs off between attempts to reopen. */
export interface ReconnectPolicy {
  /** The first wait. */
  readonly firstMs: number;
  /** Waits double up to this. */
  readonly maxMs: number;
}

/** 0.5 s doubling to 5 s. */
export const RECONNECT: ReconnectPolicy = { firstMs: 500, maxMs: 5000 };

/** The host's close code for a socket it will not talk to any more (ws's "policy violation"). */
const CLOSE_POLICY = 1008;

/**
 * The wait before reopening attempt `attempt` (0 for the first): the policy's doubling wait,
 * jittered down to half of it at random, so it never exceeds the policy's maximum.
 */
export function reconnectDelay(policy: ReconnectPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.5 + 0.5 * random()));
}

/** The kept socket. */
export interface LobbySocket {
  /** Settles once the first socket opened or failed (whichever first). */
  readonly opened: Promise<void>;
  /** Sends when open; otherwise the message is dropped (the next roster tells the truth). */
  send(text: string): void;
  /** Closes for good: no more reconnecting. */
  close(): void;
}

/** What the kept socket needs. `policy` false: a dropped socket stays closed. */
export interface LobbySocketOptions {
  readonly url: string;
  readonly origin: string;
  readonly Ws: typeof WebSocket;
  readonly policy: ReconnectPolicy | false;
  readonly random?: () => number;
}

/** Open the lobby socket and keep it open, feeding the host's messages into `core`. */
export function keepLobbySocket(core: LobbyCore, options: LobbySocketOptions): LobbySocket {
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let closed = false;
  let settleFirst: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (settleFirst = resolve));

  const onDrop = (code: number): void => {
    core.settleJoin({ ok: false, reason: 'closed', message: 'The host closed the connection.' });
    settleFirst();
    const { policy } = options;
    if (code === CLOSE_REPLACED) {
      core.update({ status: 'closed', welcome: null, lastError: 'This player went on in another tab.' });
      return;
    }
    if (closed || !policy || code === CLOSE_POLICY) {
      core.update({ status: 'closed', lastError: null });
      return;
    }
    core.update({ status: 'reconnecting', welcome: null, refusal: null, lastError: null });
    timer = setTimeout(open, reconnectDelay(policy, attempt++, options.random));
  };
  const open = (): void => {
    timer = null;
    const ws = new options.Ws(options.url);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      core.update({ status: 'open' });
      settleFirst();
    });
    ws.addEventListener('close', (event: CloseEvent) => onDrop(event.code));
    // A failed attempt is followed by its close, which does the work; Node's `ws` (the tests')
    // would throw an error that nobody listens to.
    ws.addEventListener('error', () => undefined);
    ws.addEventListener('message', (event: MessageEvent) => {
      const parsed = parseHostMessage(typeof event.data === 'string' ? event.data : String(event.data));
      // A message this build cannot read is dropped: the next roster carries the whole lobby again.
      if (parsed.ok) applyHostMessage(core, parsed.msg, options.origin);
    });
  };
  open();
  return {
    opened,
    send(text) {
      if (socket && socket.readyState === 1) socket.send(text);
    },
    close() {
      closed = true;
      // Between attempts there is no socket whose close would say so.
      if (timer) {
        clearTimeout(timer);
        timer = null;
        core.update({ status: 'closed' });
      }
      socket?.close();
    },
  };
}
