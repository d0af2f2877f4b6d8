import { describe, expect, it } from 'vitest';
import { CheckpointBook } from '../../../net/lockstep/checkpoint-book';

describe('checkpoint book (majority)', () => {
  it('judges a frame once every live peer answered: odd ones out, outvoted, or no majority', () => {
    const odd = new CheckpointBook(30);
    expect(odd.addRemote('b', 30, 1, ['b', 'c', 'd'])).toEqual([]);
    expect(odd.addRemote('c', 30, 2, ['b', 'c', 'd'])).toEqual([]);
    expect(odd.addLocal(30, 1, ['b', 'c', 'd'])).toEqual([]);
    expect(odd.addRemote('d', 30, 1, ['b', 'c', 'd'])).toEqual([{ kind: 'odd', frame: 30, peer: 'c' }]);
    expect(odd.last()).toEqual({ frame: 30, status: 'agreed' });

    const outvoted = new CheckpointBook(30);
    outvoted.addRemote('b', 30, 2, ['b', 'c']);
    expect(outvoted.addLocal(30, 1, ['b', 'c'])).toEqual([]);
    expect(outvoted.addRemote('c', 30, 2, ['b', 'c'])).toEqual([{ kind: 'outvoted', frame: 30, peer: 'b', localHash: 1, remoteHash: 2 }]);
    expect(outvoted.last()?.status).toBe('desync');

    const split = new CheckpointBook(30);
    split.addLocal(30, 1, ['b', 'c', 'd']);
    split.addRemote('b', 30, 1, ['b', 'c', 'd']);
    split.addRemote('c', 30, 2, ['b', 'c', 'd']);
    expect(split.addRemote('d', 30, 2, ['b', 'c', 'd'])).toEqual([{ kind: 'desync', frame: 30, peer: 'c', localHash: 1, remoteHash: 2 }]);
  });

  it('refuses frames that are never checkpoints, repeats and judged frames; a withheld hash is judged without it later', () => {
    const book = new CheckpointBook(30);
    expect(book.addRemote('b', 31, 1, ['b', 'c'])).toBe('invalid');
    expect(book.addRemote('b', 0, 1, ['b', 'c'])).toBe('invalid');
    book.addLocal(30, 1, ['b', 'c']);
    expect(book.addRemote('b', 30, 2, ['b', 'c'])).toEqual([]);
    expect(book.addRemote('b', 30, 1, ['b', 'c'])).toBe('duplicate');
    // c never answers for frame 30: four checkpoints later it is judged with what came (1 against 1).
    for (const frame of [60, 90, 120]) expect(book.addLocal(frame, frame, [])).toEqual([]);
    expect(book.addLocal(150, 150, [])).toEqual([{ kind: 'desync', frame: 30, peer: 'b', localHash: 1, remoteHash: 2 }]);
    expect(book.addRemote('c', 30, 1, ['b', 'c'])).toBe('duplicate');
  });
});
