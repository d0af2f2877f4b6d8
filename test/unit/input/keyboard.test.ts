import { describe, expect, it } from 'vitest';
import { INPUT } from '../../../game/sim/input';
import { toInputBits } from '../../../game/input/controls';
import { createKeyboardSource } from '../../../game/input/keyboard';

/** A window and a document as bare event targets: the source only listens to them. */
function fakePage() {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const key = (type: 'keydown' | 'keyup', code: string, repeat = false): void => {
    win.dispatchEvent(Object.assign(new Event(type, { cancelable: true }), { code, repeat }));
  };
  const source = createKeyboardSource(win as unknown as Window, doc as unknown as Document);
  return { win, doc, key, bits: () => toInputBits(source.sample()), source };
}

describe('keyboard source', () => {
  it('holds a key from keydown to keyup, whatever the key repeat does', () => {
    const page = fakePage();
    page.key('keydown', 'ArrowUp');
    page.key('keydown', 'ArrowUp', true);
    page.key('keydown', 'Space');
    expect(page.bits()).toBe(INPUT.FORWARD | INPUT.FIRE);
    page.source.consume();
    page.key('keyup', 'ArrowUp');
    expect(page.bits()).toBe(INPUT.FIRE);
  });
  it('counts a tap shorter than a frame, until a sample that saw it is used', () => {
    const page = fakePage();
    page.key('keydown', 'Space');
    page.key('keyup', 'Space');
    expect(page.bits()).toBe(INPUT.FIRE);
    expect(page.bits(), 'not used yet (a stall): still there').toBe(INPUT.FIRE);
    page.source.consume();
    expect(page.bits()).toBe(0);
  });
  it('keeps a tap that came after the sample being used', () => {
    const page = fakePage();
    expect(page.bits()).toBe(0);
    page.key('keydown', 'Enter');
    page.key('keyup', 'Enter');
    page.source.consume(); // the sample before the tap went into a frame
    expect(page.bits()).toBe(INPUT.FIRE);
  });
  it('releases everything when the window loses focus', () => {
    const page = fakePage();
    page.key('keydown', 'KeyA');
    page.win.dispatchEvent(new Event('blur'));
    expect(page.bits()).toBe(0);
  });
  it('releases everything when the tab is hidden', () => {
    const page = fakePage();
    page.key('keydown', 'KeyD');
    page.doc.visibilityState = 'hidden';
    page.doc.dispatchEvent(new Event('visibilitychange'));
    expect(page.bits()).toBe(0);
  });
  it('stops listening once disposed', () => {
    const page = fakePage();
    page.source.dispose();
    page.key('keydown', 'ArrowLeft');
    expect(page.bits()).toBe(0);
  });
});
