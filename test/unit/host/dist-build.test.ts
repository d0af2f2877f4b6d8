import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIdOfDist, distStaleness } from '../../../net/host/dist-build.js';

function fakeRepo(): { root: string; dist: string; touch(path: string, seconds: number): void } {
  const root = mkdtempSync(join(tmpdir(), 'dist-build-'));
  const dist = join(root, 'dist');
  const touch = (path: string, seconds: number): void => {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, path.endsWith('.html') ? '<script type="module" crossorigin src="../../../net/host/assets/index-AbC_12.js"></script>' : 'x');
    utimesSync(full, seconds, seconds);
  };
  return { root, dist, touch };
}

describe('the dist build check', () => {
  it('builds when there is no build yet', () => {
    const repo = fakeRepo();
    repo.touch('game/main.ts', 1000);
    expect(distStaleness(repo.root, repo.dist)).toBe('there is no build yet');
  });

  it('rebuilds only when a bundled source is newer than the build, ignoring tests', () => {
    const repo = fakeRepo();
    repo.touch('game/main.ts', 1000);
    repo.touch('dist/index.html', 2000);
    expect(distStaleness(repo.root, repo.dist)).toBeNull();
    repo.touch('net/lobby/x.test.ts', 3000);
    expect(distStaleness(repo.root, repo.dist)).toBeNull();
    repo.touch('net/lobby/lobby-client.ts', 3000);
    expect(distStaleness(repo.root, repo.dist)).toBe('the sources changed since the last build');
  });

  it('reads the build id from the hashed entry script, as the page does', () => {
    const repo = fakeRepo();
    repo.touch('dist/index.html', 1);
    expect(buildIdOfDist(repo.dist)).toBe('index-AbC_12');
  });
});
