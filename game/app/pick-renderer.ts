/**
 * Which Phaser renderer to use. WebGL, unless the browser only has a software WebGL
 * (SwiftShader/llvmpipe: no GPU, e.g. a headless browser or a locked-down laptop), where
 * Chromium's 2D canvas is several times cheaper per frame for this game's few sprites.
 * `renderer=webgl|canvas` in the URL forces one.
 */

/** The renderer choice, for Phaser's `type` (Phaser.WEBGL or Phaser.CANVAS). */
export type RendererChoice = 'webgl' | 'canvas';

/** True when a renderer string names a software rasterizer. */
export function isSoftwareRenderer(name: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
}

/** Probes a throwaway canvas (pure apart from that probe). */
export function pickRenderer(doc: Document, search: string): RendererChoice {
  const forced = new URLSearchParams(search).get('renderer');
  if (forced === 'webgl' || forced === 'canvas') return forced;
  try {
    const gl = doc.createElement('canvas').getContext('webgl');
    if (!gl) return 'canvas';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return isSoftwareRenderer(name) ? 'canvas' : 'webgl';
  } catch {
    return 'canvas';
  }
}
