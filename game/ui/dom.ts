/** A tiny element builder for the DOM overlays: no framework, just createElement with props. */

type Child = Node | string | null | undefined | false;

/** Props: `class`, `text`, `on*` listeners, `style`, and any other attribute. */
export type Props = Record<string, unknown>;

/** Creates `<tag>` with `props` and `children`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key in el && typeof value !== 'string') (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

/** The overlay layer every DOM panel lives in. */
export function overlayRoot(): HTMLElement {
  return document.getElementById('overlay') ?? document.body;
}

/** The marker shapes, by slot, as text (the same shapes as the sprite sheet `markers`). */
export const MARKER_GLYPHS = ['●', '■', '▲', '◆', '★', '✚', '○', '⬢'] as const;
