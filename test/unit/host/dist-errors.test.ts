/**
 * When the build cannot be made or found, the host says what is wrong and what to do in one line
 * and exits non-zero, with no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDist, DistError, distProblem, ensureDist } from '../../../net/host/dist-build.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const DIST_BUILD = join(REPO, 'net/host/dist-build.ts');
const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: boom\n    at somewhere`), { code });

describe('build problems, in words', () => {
  it('names the directory and what to do, in one line, for each failure', () => {
    const cases: [string, RegExp][] = [
      ['EACCES', /permission denied\. Make \/r and \/r\/dist writable/],
      ['EPERM', /permission denied/],
      ['EROFS', /read-only\. Build it where you can write/],
      ['ENOTDIR', /not a directory is in the way\. Move or delete it/],
      ['ENOSPC', /disk is full/],
      ['EWHAT', /^The game's build failed \(EWHAT: boom\)\. Run npm run build to see the whole error\.$/],
    ];
    for (const [code, said] of cases) {
      const line = distProblem(errno(code), '/r/dist');
      expect(line, code).toMatch(said);
      expect(line, code).not.toContain('\n');
      if (code !== 'EWHAT') expect(line, code).toContain('/r/dist');
    }
  });

  it('refuses a file where dist/ should be, before building anything', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dist-file-'));
    writeFileSync(join(root, 'dist'), 'not a directory');
    const failure = await buildDist(root, join(root, 'dist')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DistError);
    expect((failure as Error).message).toBe(`Cannot write the game's build into ${join(root, 'dist')}: something that is not a directory is in the way. Move or delete it, then start again.`);
  });

  it('says permission denied when the checkout is read-only (run as an unprivileged user)', () => {
    const root = mkdtempSync(join(tmpdir(), 'dist-ro-'));
    chmodSync(root, 0o555);
    // root may write anywhere, so the attempt runs as `nobody` when the tests run as root.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const script = `import(${JSON.stringify(DIST_BUILD)}).then((m) => m.buildDist(process.argv[1], process.argv[1] + '/dist')).then(() => console.log('built'), (e) => console.log(e.constructor.name + ': ' + e.message));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, root], { cwd: REPO, encoding: 'utf8', env: { ...process.env, HOME: tmpdir() }, ...asUser });
    expect(run.stdout.trim(), run.stderr).toBe(`DistError: Cannot write the game's build into ${root}/dist: permission denied. Make ${root} and ${root}/dist writable by this user (or run npm run build as their owner), then start again.`);
  });

  it('refuses a RICOCHET_DIST_DIR with no build in it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dist-empty-'));
    const before = process.env.RICOCHET_DIST_DIR;
    process.env.RICOCHET_DIST_DIR = empty;
    try {
      await expect(ensureDist(REPO, () => undefined)).rejects.toThrow(`RICOCHET_DIST_DIR is ${empty}, but there is no index.html in it`);
    } finally {
      if (before === undefined) delete process.env.RICOCHET_DIST_DIR;
      else process.env.RICOCHET_DIST_DIR = before;
    }
  });

  it('the host prints one line and exits 1, with no stack trace', () => {
    const empty = mkdtempSync(join(tmpdir(), 'dist-empty-'));
    // Loopback and no discovery: even a host that got further would announce nothing.
    const args = ['--import', 'tsx', join(REPO, 'net/host/cli.ts'), '--no-open', '--no-discovery', '--interface', '127.0.0.1', '--port', '47123'];
    const run = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, RICOCHET_DIST_DIR: empty }, timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`Ricochet host: RICOCHET_DIST_DIR is ${empty}, but there is no index.html in it: build one there (npx vite build --outDir ${empty}) or unset RICOCHET_DIST_DIR.`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
