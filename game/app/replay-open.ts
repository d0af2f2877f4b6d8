/**
 * Getting a replay file into the page: the lobby's "Watch a replay" button opens a file picker,
 * and a file dropped anywhere on the lobby page does the same. Either way the file is read as text
 * (its size checked first, so a huge file is refused before it is loaded) and parsed with
 * `parseReplayText`, which never throws: a bad file becomes a sentence for the player.
 */
import { MAX_REPLAY_CHARS, parseReplayText, type ParsedReplay, type Replay } from '../sim';
import { h, overlayRoot } from '../ui/dom';

/** Reads and parses one file (bytes bound the characters: a UTF-8 character is at least one byte). */
export async function readReplayFile(file: Blob): Promise<ParsedReplay> {
  if (file.size > MAX_REPLAY_CHARS) return { ok: false, error: `the file is too large for a replay (${file.size} bytes)` };
  try {
    return parseReplayText(await file.text());
  } catch (e) {
    return { ok: false, error: `cannot read the file: ${(e as Error).message}` };
  }
}

/** Where an opened replay goes: a good one to `watch`, a bad one's reason to `refuse`. */
export interface ReplayOpenTargets {
  readonly watch: (replay: Replay) => void;
  readonly refuse: (error: string) => void;
}

async function openFile(file: Blob | undefined, targets: ReplayOpenTargets): Promise<void> {
  if (!file) return;
  const parsed = await readReplayFile(file);
  if (parsed.ok) targets.watch(parsed.replay);
  else targets.refuse(`Not a Ricochet replay: ${parsed.error}`);
}

/**
 * The lobby's replay entry points: a hidden file input (`input.replay-file`, which the button
 * clicks) and drag and drop on `area`. `open()` shows the picker; `destroy()` removes both.
 */
export function createReplayOpener(area: HTMLElement | Window, targets: ReplayOpenTargets): { open(): void; destroy(): void } {
  const input = h('input', { type: 'file', accept: '.json,application/json', class: 'replay-file', style: { display: 'none' }, 'aria-label': 'replay file' });
  input.addEventListener('change', () => {
    void openFile(input.files?.[0], targets);
    input.value = ''; // the same file again is a new choice
  });
  overlayRoot().append(input);
  // Without preventDefault on dragover the browser would open the dropped file as a page.
  const over = (e: Event): void => e.preventDefault();
  const drop = (e: Event): void => {
    e.preventDefault();
    void openFile((e as DragEvent).dataTransfer?.files[0], targets);
  };
  area.addEventListener('dragover', over);
  area.addEventListener('drop', drop);
  return {
    open: () => input.click(),
    destroy() {
      area.removeEventListener('dragover', over);
      area.removeEventListener('drop', drop);
      input.remove();
    },
  };
}
