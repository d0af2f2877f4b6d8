import { describe, expect, it } from 'vitest';
import { desyncReport, desyncReportFileName, REPORT_INPUT_FRAMES } from '../../../game/app/desync-report';
import { initialState } from '../../../game/sim/initial-state';
import { sectionHashes } from '../../../game/sim/section-hash';
import { step } from '../../../game/sim/step';
import type { SimState } from '../../../game/sim/types';
import type { DesyncEvidence } from '../../../net/lockstep';

const setup = { seed: 9, players: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };

function evidence(): DesyncEvidence<SimState> {
  let state = initialState(setup);
  for (let f = 0; f < 90; f++) state = step(state, [f % 32, 17, 0]);
  const sections = sectionHashes(state);
  const hashes = sections.map((s) => s.hash);
  const shells = sections.findIndex((s) => s.name === 'shells');
  const odd = hashes.map((h, i) => (i === shells ? h ^ 1 : h));
  return {
    kind: 'outvoted', frame: 90, peer: 'p1', diverged: ['shells'], state, hash: 111, sections,
    remote: [{ peer: 'p1', hash: 222, sections: odd }, { peer: 'p2', hash: 222, sections: odd }],
  };
}

const log = { inputs: Array.from({ length: 700 }, (_, f) => [f % 7, 0, 1]), leaves: [[50, 2], [650, 1]] as [number, number][] };
const source = { build: 'b-test', self: 'p0', slotOwners: ['p0', 'p1', 'p2'], setup };

describe('desync report', () => {
  it('names the diverged sections, whom each differs from, and dumps only those of this page', () => {
    const report = desyncReport(source, evidence(), log);
    expect(report).toMatchObject({ kind: 'ricochet-desync-report', version: 1, build: 'b-test', self: 'p0', frame: 90, verdict: 'outvoted', comparedWith: 'p1', diverged: ['shells'] });
    expect(report.sections.filter((s) => s.differsFrom.length > 0)).toEqual([{ name: 'shells', hash: expect.any(Number), differsFrom: ['p1', 'p2'] }]);
    expect(report.sections.map((s) => s.name)).toEqual(['match', 'maze', 'tanks', 'shells', 'scores', 'prng', 'events']);
    expect(Object.keys(report.dump)).toEqual(['shells']);
    expect(report.dump.shells).toEqual({ shells: report.state.shells, nextShellId: report.state.nextShellId });
  });

  it("holds this page's whole state and every peer's section hashes, by name", () => {
    const e = evidence();
    const report = desyncReport(source, e, log);
    expect(report.state).toEqual(e.state);
    expect(report.checkpoints.map((c) => [c.peer, c.self, c.hash])).toEqual([['p0', true, 111], ['p1', false, 222], ['p2', false, 222]]);
    expect(report.checkpoints[1]?.sections.shells).toBe((e.sections[3]?.hash as number) ^ 1);
    expect(report.checkpoints[1]?.sections.prng).toBe(e.sections[5]?.hash);
  });

  it('carries the last 600 frames of inputs and the leaves among them', () => {
    const report = desyncReport(source, evidence(), log);
    expect(report.inputs.from).toBe(700 - REPORT_INPUT_FRAMES);
    expect(report.inputs.frames).toHaveLength(REPORT_INPUT_FRAMES);
    expect(report.inputs.frames[0]).toEqual(log.inputs[100]);
    expect(report.leaves).toEqual([[650, 1]]);
    expect(desyncReport(source, evidence(), { inputs: log.inputs.slice(0, 30), leaves: [] }).inputs).toMatchObject({ from: 0, frames: log.inputs.slice(0, 30) });
  });

  it('is plain JSON and a copy: changing it changes neither the evidence nor the log', () => {
    const e = evidence();
    const report = desyncReport(source, e, log);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    (report.inputs.frames[0] as number[])[0] = 99;
    (report.state.tanks[0] as { x: number }).x = -1;
    expect(log.inputs[100]?.[0]).toBe(100 % 7);
    expect(e.state.tanks[0]?.x).not.toBe(-1);
  });

  it('dumps every section when none is named (a peer that sent no sections)', () => {
    const report = desyncReport(source, { ...evidence(), diverged: [] }, log);
    expect(Object.keys(report.dump)).toHaveLength(7);
  });

  it('is saved as ricochet-desync-<day>-<seed>-f<frame>.json', () => {
    expect(desyncReportFileName({ setup: { seed: -1, players: [] }, frame: 1230 }, new Date(2026, 0, 5))).toBe('ricochet-desync-2026-01-05-4294967295-f1230.json');
  });
});
