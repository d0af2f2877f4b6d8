/**
 * Spectators (issue #11 part 3): a page that watches a running match without playing in it. A
 * player feeds it (feeder.ts) from its engine's confirmed frames; the spectator plays them
 * (spectator.ts, playback.ts). Neither touches the lockstep engine: the player's transport is
 * split between the engine and the feeder (split-transport.ts).
 */
export { splitTransport, type SplitTransport } from './split-transport';
export { SpectatorFeeder, MAX_WATCHERS, type FeedSource, type FeederEvent } from './feeder';
export { createSpectator, type SpectatorConfig, type SpectatorEngine, type SpectatorPhase, type SpectatorStatus } from './spectator';
