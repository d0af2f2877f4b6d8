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
  watching: optional((v) => isInt(v) && (v as number) >= 0),
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

/** The longest token a join may carry: the host's secrets are 32 hex digits. */
const MAX_TOKEN_LENGTH = 64;
const NAME_RULE = `a name of 1 to ${MAX_NAME_BYTES} bytes of UTF-8, not blank once cleaned`;

/**
 * The fields of each page -> host message besides `type`. A key that is not listed is refused, not
 * ignored: a page and a host that disagree about a message hear about it instead of losing a field.
 */
const clientFields: { readonly [T in ClientMessage['type']]: Record<string, Check> } = {
  join: {
    protocolVersion: isInt,
    buildId: isStr,
    name: isName,
    colour: optional(isColour),
    pin: optional((v) => isStr(v) && (v as string).length <= 16),
    token: optional((v) => isStr(v) && (v as string).length > 0 && (v as string).length <= MAX_TOKEN_LENGTH),
  },
  'set-ready': { ready: isBool },
  'set-colour': { colour: isColour },
  'set-name': { name: isName },
  'add-bot': {},
  'remove-bot': { slot: isSlot },
  start: {},
  'set-options': { options: isPartialMatchOptions },
  'match-over': {},
  spectate: {
    protocolVersion: isInt,
    buildId: isStr,
    name: isName,
    pin: optional((v) => isStr(v) && (v as string).length <= 16),
  },
};

/** What is wrong with a client message of a known type (its first problem), or null. */
function clientProblem(v: Obj, fields: Record<string, Check>): string | null {
  const unknown = Object.keys(v).find((k) => k !== 'type' && !Object.hasOwn(fields, k));
  if (unknown !== undefined) return `unknown key ${JSON.stringify(unknown).slice(0, 40)}`;
  const bad = Object.entries(fields).find(([k, check]) => !check(v[k]));
  if (!bad) return null;
  return bad[0] === 'name' ? `"name" must be ${NAME_RULE}` : `bad or missing "${bad[0]}"`;
}

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
  spectating: shape({
    spectatorId: isStr,
    peerId: isStr,
    peerServer,
    iceServers: arrayOf(iceServer),
    start: (v) => v === null || startInfo(v),
    feeder: (v) => v === null || isStr(v),
  }),
  feed: shape({ peerId: isStr }),
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

/** The message object with a known type, or why not. */
function parseTypedObject(raw: unknown, types: Record<string, unknown>): { ok: true; v: Obj & { type: string } } | { ok: false; error: string } {
  const json = parseJson(raw);
  if (!json.ok) return json;
  const v = json.value;
  if (!isObj(v) || typeof v.type !== 'string') return { ok: false, error: 'not a message object' };
  if (!Object.hasOwn(types, v.type)) return { ok: false, error: `unknown message type ${JSON.stringify(v.type).slice(0, 40)}` };
  return { ok: true, v: v as Obj & { type: string } };
}

/**
 * Parse and validate a page -> host message (JSON text or value). The error names the first
 * problem (an unknown key, a bad field), since it goes back to the page as the host's answer.
 */
export function parseClientMessage(raw: unknown): Parsed<ClientMessage> {
  const typed = parseTypedObject(raw, clientFields);
  if (!typed.ok) return typed;
  const problem = clientProblem(typed.v, clientFields[typed.v.type as ClientMessage['type']]);
  if (problem) return { ok: false, error: `malformed ${typed.v.type} message: ${problem}` };
  return { ok: true, msg: typed.v as unknown as ClientMessage };
}

/**
 * Parse and validate a host -> page message (JSON text or value). Keys it does not know are let
 * through: a newer host may add some, and this page reads only the ones it checks.
 */
export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  const typed = parseTypedObject(raw, hostShapes);
  if (!typed.ok) return typed;
  const check = hostShapes[typed.v.type as HostMessage['type']];
  return check(typed.v) ? { ok: true, msg: typed.v as unknown as HostMessage } : { ok: false, error: `malformed ${typed.v.type} message` };
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

