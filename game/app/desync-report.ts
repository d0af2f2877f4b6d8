/**
 * The desync report: what a player sends to whoever debugs a desync, built (purely) from the
 * engine's evidence of the first checkpoint that did not agree (`engine.desync()`). It holds this
 * page's whole state at that frame and a dump of the sections that diverged, every peer's section
 * hashes there (the others' states never travel: their hashes say which parts differ), the last
 * REPORT_INPUT_FRAMES frames of inputs and leaves, and the build. Every page runs the same build
 * (the handshake refuses another), so one build id stands for all of them. Offered as a download
 * beside the desync notice and returned by `window.ricochet.desyncReport()`.
 */
import type { DesyncEvidence, InputLog, PeerId } from '../../net/lockstep';
import { sectionParts, type SimSetup, type SimState } from '../sim';
import { pageBuildId } from '../../net/lobby';
import type { MatchSession } from './match-session';
import { dayStamp } from './replay-file';

/** How many of the last frames' inputs a report carries (10 s). */
export const REPORT_INPUT_FRAMES = 600;

/** One peer's checkpoint at the frame, its sections by name. */
export interface ReportCheckpoint {
  readonly peer: PeerId;
  readonly self: boolean;
  readonly hash: number;
  readonly sections: Readonly<Record<string, number>>;
}

/** One section: this page's hash, and the peers whose hash differs from it. */
export interface ReportSection {
  readonly name: string;
  readonly hash: number;
  readonly differsFrom: readonly PeerId[];
}

/** The report, as JSON. */
export interface DesyncReport {
  readonly kind: 'ricochet-desync-report';
  readonly version: 1;
  readonly build: string;
  readonly self: PeerId;
  readonly slotOwners: readonly PeerId[];
  readonly setup: SimSetup;
  /** The checkpoint frame that did not agree, and the verdict on it (see the engine's DesyncEvidence). */
  readonly frame: number;
  readonly verdict: DesyncEvidence<SimState>['kind'];
  /** The peer this page's checkpoint was compared with, and the sections that differ from it. */
  readonly comparedWith: PeerId;
  readonly diverged: readonly string[];
  /** This page's checkpoint first, then every other peer's that came. */
  readonly checkpoints: readonly ReportCheckpoint[];
  readonly sections: readonly ReportSection[];
  /** This page's fields of the diverged sections (all of them if none is named). */
  readonly dump: Readonly<Record<string, unknown>>;
  /** This page's whole state after `frame` frames. */
  readonly state: SimState;
  /** `frames[i]` holds every slot's input at frame `from + i`; the last frames this page confirmed. */
  readonly inputs: { readonly from: number; readonly frames: readonly (readonly number[])[] };
  /** `[frame, slot]` of the leaves within those frames. */
  readonly leaves: readonly (readonly [number, number])[];
}

/** Who this page is in the match, and what it runs. */
export interface ReportSource {
  readonly build: string;
  readonly self: PeerId;
  readonly slotOwners: readonly PeerId[];
  readonly setup: SimSetup;
}

/** The report of `evidence` (pure; copies everything it keeps). */
export function desyncReport(source: ReportSource, evidence: DesyncEvidence<SimState>, log: InputLog): DesyncReport {
  const names = evidence.sections.map((section) => section.name);
  const named = (hashes: readonly number[]): Record<string, number> => Object.fromEntries(hashes.flatMap((hash, i) => (names[i] === undefined ? [] : [[names[i], hash]])));
  const checkpoints: ReportCheckpoint[] = [
    { peer: source.self, self: true, hash: evidence.hash, sections: named(evidence.sections.map((section) => section.hash)) },
    ...evidence.remote.map(({ peer, hash, sections }) => ({ peer, self: false, hash, sections: named(sections) })),
  ];
  const sections = evidence.sections.map(({ name, hash }) => ({ name, hash, differsFrom: checkpoints.flatMap((c) => (name in c.sections && c.sections[name] !== hash ? [c.peer] : [])) }));
  const from = Math.max(0, log.inputs.length - REPORT_INPUT_FRAMES);
  return structuredClone({
    kind: 'ricochet-desync-report',
    version: 1,
    ...source,
    frame: evidence.frame,
    verdict: evidence.kind,
    comparedWith: evidence.peer,
    diverged: evidence.diverged,
    checkpoints,
    sections,
    dump: sectionParts(evidence.state, evidence.diverged.length > 0 ? evidence.diverged : names),
    state: evidence.state,
    inputs: { from, frames: log.inputs.slice(from) },
    leaves: log.leaves.filter(([frame]) => frame >= from),
  });
}

/** The file name of a report: `ricochet-desync-<yyyy-mm-dd>-<seed>-f<frame>.json` (pure). */
export function desyncReportFileName(report: Pick<DesyncReport, 'setup' | 'frame'>, now: Date): string {
  return `ricochet-desync-${dayStamp(now)}-${report.setup.seed >>> 0}-f${report.frame}.json`;
}

/** The report of `session`'s first disagreeing checkpoint (this page's build id), or null while all agree. */
export function sessionDesyncReport(session: MatchSession | null): DesyncReport | null {
  const evidence = session?.engine.desync();
  if (!session || !evidence) return null;
  return desyncReport({ build: pageBuildId(), self: session.self, slotOwners: session.slotOwners, setup: session.setup }, evidence, session.engine.inputLog());
}
