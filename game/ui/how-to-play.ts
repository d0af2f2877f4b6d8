/**
 * The how-to-play card of the lobby: the rules in six short lines (the numbers come from the sim's
 * constants, so the card cannot drift from the game), and the controls of the device in use: the
 * on-screen stick and FIRE button on a touch device, keys and gamepad otherwise.
 */
import { DEFAULT_TARGET_SCORE, FRAMES_PER_SECOND, MAX_SHELLS_PER_TANK, SHELL_LIFE_FRAMES } from '../sim';
import { h } from './dom';

/** The card, and a way to show the match's target score once the host says it. */
export interface HowToPlay {
  readonly element: HTMLElement;
  setTarget(score: number): void;
}

const key = (text: string): HTMLElement => h('kbd', { text });

/** One control line: what, then how. */
const line = (what: string, ...how: (Node | string)[]): HTMLElement => h('li', {}, h('span', { class: 'control-what', text: what }), h('span', { class: 'control-how' }, ...how));

function keyboardControls(): HTMLElement {
  return h(
    'ul',
    { class: 'controls controls-keys' },
    line('Drive, turn', key('↑'), key('↓'), key('←'), key('→'), ' or ', key('W'), key('A'), key('S'), key('D')),
    line('Fire', key('Space'), ' or ', key('Enter')),
    line('Gamepad', 'left stick, ', key('A'), ' fires'),
    line('Sound, net', key('M'), ' sound, ', key('F3'), ' net stats'),
  );
}

function touchControls(): HTMLElement {
  return h(
    'ul',
    { class: 'controls controls-touch' },
    line('Drive, turn', 'the stick, bottom left (left thumb)'),
    line('Fire', 'the FIRE button, bottom right'),
    line('Phone', 'hold it sideways for the widest arena'),
  );
}

/** Builds the card for a touch device or for a keyboard. */
export function createHowToPlay(touch: boolean): HowToPlay {
  const target = h('strong', { class: 'target-score', text: String(DEFAULT_TARGET_SCORE) });
  const rules = h(
    'ol',
    { class: 'rules' },
    h('li', { text: 'Drive your tank through the maze and fire shells.' }),
    h('li', { text: `${MAX_SHELLS_PER_TANK} shells each in play at once: you get one back when it is gone.` }),
    h('li', { text: `Shells ricochet off the walls for ${SHELL_LIFE_FRAMES / FRAMES_PER_SECOND} seconds.` }),
    h('li', { text: 'Your own shells can kill you: mind the bounce.' }),
    h('li', { text: 'Last tank standing wins the round.' }),
    h('li', {}, 'First to ', target, ' round wins takes the match.'),
  );
  const element = h('section', { class: 'panel how-to-play' }, h('h2', { text: 'How to play' }), rules, h('h2', { text: 'Controls' }), touch ? touchControls() : keyboardControls());
  return { element, setTarget: (score) => void (target.textContent = String(score)) };
}
