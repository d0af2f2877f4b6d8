/**
 * The lobby before the start: its JSON messages and their validation (shared with net/host, the
 * authority), and the page's lobby client.
 */
export { connectLobby } from './lobby-client';
export { isCreator, ownSlot } from './lobby-core';
export type { LobbyClient, LobbyClientState, LobbyStatus } from './lobby-client';
export { RECONNECT, reconnectDelay, type ReconnectPolicy } from './lobby-socket';
export { BOT_LEVELS, CLOSE_REPLACED, DEFAULT_MATCH_OPTIONS, MAX_SLOTS, MAZE_CHOICES, NETCODES, PALETTE, REFUSAL } from './messages';
export { cleanName, cutToBytes, suffixedName, utf8Bytes } from './names';
export type { BotLevel, ClientMessage, Colour, Health, HostMessage, IceServer, LobbyPhase, MatchAdvert, MatchListing, MatchOptions, MazeChoice, Netcode, PeerServerParams, RefusalReason, Roster, Spectating, StartInfo, Welcome } from './messages';
export { buildIdFromScriptSrc, pageBuildId } from './page-origin';
export { isMatchOptions, isPartialMatchOptions, parseClientMessage, parseHealth } from './validate';
