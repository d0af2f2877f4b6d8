import { describe, expect, it } from 'vitest';
import { CheckpointBook, divergedSections, type Checkpoint, type LocalCheckpoint, type Verdict } from '../../../net/lockstep/checkpoint-book';

/** A checkpoint whose hash is `hash` and whose sections are `sections` (none by default). */
const cp = (hash: number, sections: number[] = []): Checkpoint => ({ hash, sections });
const NAMES = ['tanks', 'shells', 'prng'];
const mine = (hash: number, sections: number[] = []): LocalCheckpoint => ({ hash, sections: sections.map((h, i) => ({ name: NAMES[i] as string, hash: h })), state: { mine: hash } });

describe('checkpoint book (majority)', () => {
  it('judges a frame once every live peer answered: odd ones out, outvoted, or no majority', () => {
    const odd = new CheckpointBook(30);
    expect(odd.addRemote('b', 30, cp(1), ['b', 'c', 'd'])).toEqual([]);
    expect(odd.addRemote('c', 30, cp(2), ['b', 'c', 'd'])).toEqual([]);
    expect(odd.addLocal(30, mine(1), ['b', 'c', 'd'])).toEqual([]);
    expect(odd.addRemote('d', 30, cp(1), ['b', 'c', 'd'])).toMatchObject([{ kind: 'odd', frame: 30, peer: 'c' }]);
    expect(odd.last()).toEqual({ frame: 30, status: 'agreed' });

    const outvoted = new CheckpointBook(30);
    outvoted.addRemote('b', 30, cp(2), ['b', 'c']);
    expect(outvoted.addLocal(30, mine(1), ['b', 'c'])).toEqual([]);
    expect(outvoted.addRemote('c', 30, cp(2), ['b', 'c'])).toMatchObject([{ kind: 'outvoted', frame: 30, peer: 'b', localHash: 1, remoteHash: 2 }]);
    expect(outvoted.last()?.status).toBe('desync');

    const split = new CheckpointBook(30);
    split.addLocal(30, mine(1), ['b', 'c', 'd']);
    split.addRemote('b', 30, cp(1), ['b', 'c', 'd']);
    split.addRemote('c', 30, cp(2), ['b', 'c', 'd']);
    expect(split.addRemote('d', 30, cp(2), ['b', 'c', 'd'])).toMatchObject([{ kind: 'desync', frame: 30, peer: 'c', localHash: 1, remoteHash: 2 }]);
  });

  it('names the sections that differ from the peer judged against, and keeps the evidence: our state and every hash', () => {
    const book = new CheckpointBook(30);
    book.addLocal(30, mine(1, [10, 20, 30]), ['b', 'c', 'd']);
    book.addRemote('b', 30, cp(2, [10, 21, 31]), ['b', 'c', 'd']);
    book.addRemote('c', 30, cp(2, [10, 21, 31]), ['b', 'c', 'd']);
    const [verdict] = book.addRemote('d', 30, cp(1, [10, 20, 30]), ['b', 'c', 'd']) as Exclude<Verdict, { kind: 'agrees-again' }>[];
    expect(verdict).toMatchObject({ kind: 'desync', peer: 'b', sections: ['shells', 'prng'] });
    expect(verdict?.evidence).toEqual({ frame: 30, local: mine(1, [10, 20, 30]), remote: [{ peer: 'b', ...cp(2, [10, 21, 31]) }, { peer: 'c', ...cp(2, [10, 21, 31]) }, { peer: 'd', ...cp(1, [10, 20, 30]) }] });

    const odd = new CheckpointBook(30);
    odd.addLocal(30, mine(1, [10, 20, 30]), ['b', 'c']);
    odd.addRemote('b', 30, cp(1, [10, 20, 30]), ['b', 'c']);
    expect(odd.addRemote('c', 30, cp(3, [11, 20, 30]), ['b', 'c'])).toMatchObject([{ kind: 'odd', peer: 'c', sections: ['tanks'] }]);
  });

  it('names no section when the lists cannot be compared (a game without sections, a list of another length)', () => {
    const sections = mine(1, [10, 20, 30]).sections;
    expect(divergedSections(sections, [10, 20])).toEqual([]);
    expect(divergedSections([], [])).toEqual([]);
    expect(divergedSections(sections, [10, 20, 30])).toEqual([]);
    expect(divergedSections(sections, [0, 20, 0])).toEqual(['tanks', 'prng']);
  });

  it('refuses frames that are never checkpoints, repeats and judged frames; a withheld hash is judged without it later', () => {
    const book = new CheckpointBook(30);
    expect(book.addRemote('b', 31, cp(1), ['b', 'c'])).toBe('invalid');
    expect(book.addRemote('b', 0, cp(1), ['b', 'c'])).toBe('invalid');
    book.addLocal(30, mine(1), ['b', 'c']);
    expect(book.addRemote('b', 30, cp(2), ['b', 'c'])).toEqual([]);
    expect(book.addRemote('b', 30, cp(1), ['b', 'c'])).toBe('duplicate');
    // c never answers for frame 30: four checkpoints later it is judged with what came (1 against 1).
    for (const frame of [60, 90, 120]) expect(book.addLocal(frame, mine(frame), [])).toEqual([]);
    expect(book.addLocal(150, mine(150), [])).toMatchObject([{ kind: 'desync', frame: 30, peer: 'b', localHash: 1, remoteHash: 2 }]);
    expect(book.addRemote('c', 30, cp(1), ['b', 'c'])).toBe('duplicate');
  });
});
