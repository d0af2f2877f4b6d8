/**
 * Validation of lobby messages in both directions. Each parser takes raw text (or an already
 * parsed JSON value) and returns `{ ok: true, msg }` or `{ ok: false, error }`; none ever throws.
 * Checks are hand-written and shallow-but-complete: every field the receiver reads is checked.
 */
import { MAX_NAME_BYTES } from '../protocol/index.js';
import {
  BOT_LEVELS,
  MAZE_CHOICES,
  NETCODES,
  PALETTE,
  REFUSAL,
  type ClientMessage,
  type Colour,
  type Health,
  type HostMessage,
  type MatchListEvent,
  type MatchOptions,
  type Parsed,
} from './messages.js';
import { cleanName, utf8Bytes } from './names.js';

type Obj = Record<string, unknown>;
type Check = (v: unknown) => boolean;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr: Check = (v) => typeof v === 'string';
const isBool: Check = (v) => typeof v === 'boolean';
const isInt: Check = (v) => Number.isSafeInteger(v);
const isUint32: Check = (v) => isInt(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;
const isSlot: Check = (v) => isInt(v) && (v as number) >= 0 && (v as number) < 64;
const arrayOf =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(item);
const oneOf =
  (values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const shape =
  (fields: Record<string, Check>): Check =>
  (v) =>
    isObj(v) && Object.entries(fields).every(([k, check]) => check(v[k]));

/** True if `v` is one of the palette's colours. */
export const isColour = (v: unknown): v is Colour => (PALETTE as readonly unknown[]).includes(v);

/**
 * True if `v` is a usable name: at most MAX_NAME_BYTES in UTF-8, with something left once cleaned.
 * Not "already clean": the page and the host may run different Unicode versions, so the host
 * cleans what it takes (`cleanName`) instead of refusing a name over a detail.
 */
export const isName = (v: unknown): v is string => typeof v === 'string' && utf8Bytes(v) <= MAX_NAME_BYTES && cleanName(v) !== '';

const phase = oneOf(['lobby', 'playing']);
const iceServer = shape({
  urls: (v) => isStr(v) || arrayOf(isStr)(v),
  username: optional(isStr),
  credential: optional(isStr),
});
const peerServer = shape({ host: isStr, port: isInt, path: isStr, key: isStr, secure: isBool, token: optional(isStr) });
const rosterSlot = shape({
  slot: isSlot,
  kind: oneOf(['player', 'bot']),
  playerId: isStr,
  name: isStr,
  colour: isColour,
  ready: isBool,
  isCreator: isBool,
});
const optionFields: Record<keyof MatchOptions, Check> = {
  targetScore: (v) => isInt(v) && (v as number) >= 1 && (v as number) <= 99,
  maze: oneOf(MAZE_CHOICES),
  botLevel: oneOf(BOT_LEVELS),
  netcode: oneOf(NETCODES),
};
/** The creator's match options (see `MatchOptions`). */
export const isMatchOptions = shape(optionFields);
/**
 * Some of the match options (`set-options`): every key given must be an option with a valid value.
 * An unknown key is refused rather than ignored, so a page and a host that disagree on the options
 * hear about it instead of silently losing a choice.
 */
export const isPartialMatchOptions = (v: unknown): v is Partial<MatchOptions> =>
  isObj(v) && Object.entries(v).every(([k, value]) => Object.hasOwn(optionFields, k) && optionFields[k as keyof MatchOptions](value));
const roster = shape({
  matchId: isStr,
  matchName: isStr,
  phase,
  capacity: isInt,
  slots: arrayOf(rosterSlot),
  options: isMatchOptions,
});
const startInfo = shape({
  matchId: isStr,
  matchNumber: isInt,
  seed: isUint32,
  slotOwners: arrayOf(isStr),
  names: arrayOf(isStr),
  colours: arrayOf(isColour),
  botSlots: arrayOf(isSlot),
  peerKey: isStr,
  options: isMatchOptions,
});

const clientShapes: Record<ClientMessage['type'], Check> = {
  join: shape({ protocolVersion: isInt, buildId: isStr, name: isName, colour: optional(isColour), pin: optional((v) => isStr(v) && (v as string).length <= 16) }),
  'set-ready': shape({ ready: isBool }),
  'set-colour': shape({ colour: isColour }),
  'add-bot': () => true,
  'remove-bot': shape({ slot: isSlot }),
  start: () => true,
  'set-options': shape({ options: isPartialMatchOptions }),
  'match-over': () => true,
};

const hostShapes: Record<HostMessage['type'], Check> = {
  welcome: shape({
    playerId: isStr,
    peerId: isStr,
    matchId: isStr,
    matchName: isStr,
    isCreator: isBool,
    peerServer,
    iceServers: arrayOf(iceServer),
    protocolVersion: isInt,
    buildId: isStr,
  }),
  refused: shape({ reason: oneOf(Object.values(REFUSAL)), message: isStr }),
  roster: shape({ roster }),
  start: shape({ start: startInfo }),
  error: shape({ message: isStr }),
  'peer-gone': shape({ peerId: isStr }),
};

const matchListing = shape({
  matchId: isStr,
  name: isStr,
  players: isInt,
  capacity: isInt,
  phase,
  url: isStr,
  protocolVersion: isInt,
  alive: isBool,
  self: isBool,
  pinRequired: optional(isBool),
});

function parseJson(raw: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof raw !== 'string') return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false, error: 'not JSON' };
  }
}

function parseTagged<T>(raw: unknown, shapes: Record<string, Check>): Parsed<T> {
  const json = parseJson(raw);
  if (!json.ok) return json;
  const v = json.value;
  if (!isObj(v) || typeof v.type !== 'string') return { ok: false, error: 'not a message object' };
  const check = Object.hasOwn(shapes, v.type) ? shapes[v.type] : undefined;
  if (!check) return { ok: false, error: `unknown message type ${JSON.stringify(v.type).slice(0, 40)}` };
  if (!check(v)) return { ok: false, error: `malformed ${v.type} message` };
  return { ok: true, msg: v as T };
}

/** Parse and validate a page -> host message (JSON text or value). */
export function parseClientMessage(raw: unknown): Parsed<ClientMessage> {
  return parseTagged<ClientMessage>(raw, clientShapes);
}

/** Parse and validate a host -> page message (JSON text or value). */
export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  return parseTagged<HostMessage>(raw, hostShapes);
}

/** Parse and validate one `/api/matches` SSE payload. */
export function parseMatchListEvent(raw: unknown): Parsed<MatchListEvent> {
  const json = parseJson(raw);
  if (!json.ok) return json;
  if (!shape({ matches: arrayOf(matchListing) })(json.value)) return { ok: false, error: 'malformed match list' };
  return { ok: true, msg: json.value as MatchListEvent };
}

/** Parse and validate a `/health` answer: anything else means "not a Ricochet host". */
export function parseHealth(raw: unknown): Parsed<Health> {
  const json = parseJson(raw);
  if (!json.ok) return json;
  const ok = shape({
    app: oneOf(['ricochet']),
    ok: oneOf([true]),
    matchId: isStr,
    matchName: isStr,
    protocolVersion: isInt,
    buildId: isStr,
    phase,
    players: isInt,
    capacity: isInt,
    pinRequired: optional(isBool),
  })(json.value);
  return ok ? { ok: true, msg: json.value as Health } : { ok: false, error: 'not a Ricochet host' };
}

