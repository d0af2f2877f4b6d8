/**
 * The built game over HTTP: each file as the precompressed copy the browser accepts (brotli,
 * then gzip, else the file itself; see precompress.ts), with the caching its name allows. Vite's
 * hashed assets (`assets/name-<hash>.js`) never change under one name, so browsers keep them for a
 * year; index.html and every unhashed file are revalidated on each load (ETag, 304).
 */
import { statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { RequestHandler, Response } from 'express';

/** A content coding we ship precompressed, in order of preference, with its file suffix. */
const CODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

type Coding = (typeof CODINGS)[number]['name'];

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Vite's hashed output: a file right under assets/ named `<name>-<hash of 8 or more>.<ext>`. */
export function isHashedAsset(relPath: string): boolean {
  return /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/.test(relPath);
}

/** The codings an Accept-Encoding header allows (q > 0), `*` included, `identity` aside. */
export function acceptedCodings(header: string | undefined): Set<Coding> {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name, Number.isFinite(value) ? value : 0);
  }
  const allowed = (coding: string): boolean => (q.get(coding) ?? (coding === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0) > 0;
  return new Set(CODINGS.map((c) => c.name).filter(allowed));
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The file under `root` that `urlPath` names (index.html for a directory), or null: never outside root. */
export function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  let file = resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  if (file !== base && !file.startsWith(base + sep)) return null;
  // Dot files (.git, .env) are never part of a build: not served, as express.static did.
  if (file.slice(base.length).split(sep).some((segment) => segment.startsWith('.'))) return null;
  if (!isFile(file)) file = resolve(file, 'index.html');
  return isFile(file) ? file : null;
}

/** Send `file` (checked by fileFor: dot files are refused there, whatever directories the build sits in), or its precompressed copy when the request accepts one. */
function sendBuilt(res: Response, file: string, relPath: string, accepted: Set<Coding>, next: (e?: unknown) => void): void {
  const coding = CODINGS.find((c) => accepted.has(c.name) && isFile(file + c.suffix));
  res.type(extname(file) || 'application/octet-stream');
  res.vary('Accept-Encoding');
  res.set('cache-control', isHashedAsset(relPath) ? IMMUTABLE : 'no-cache');
  if (coding) res.set('content-encoding', coding.name);
  // A byte range of the compressed copy would not be a range of the file: no ranges for those.
  res.sendFile(coding ? file + coding.suffix : file, { cacheControl: false, dotfiles: 'allow', acceptRanges: !coding }, (error) => {
    if (error && !res.headersSent) next(error);
  });
}

/** The middleware: GET and HEAD of files under `root`; anything else goes on (to the 404). */
export function serveBuilt(root: string): RequestHandler {
  const base = resolve(root);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = fileFor(base, req.path);
    if (!file) return next();
    sendBuilt(res, file, file.slice(base.length + 1).split(sep).join('/'), acceptedCodings(req.headers['accept-encoding']), next);
  };
}
