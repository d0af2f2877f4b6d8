/**
 * The lobby's title art, drawn by the game itself: a maze from the sim's own generator
 * (game/sim/maze.ts) with tanks of the game's sprite look (assets/sprites.ts: treads, tinted hull,
 * turret, barrel) in the palette's colours, and a shell's dotted route along the corridors between
 * two of them. An SVG string built from numbers only (no player text), set as markup once.
 */
import { CELL, SCALE, generateMaze, seedRng, shortestPaths, wallSegments, type Maze } from '../sim';
import { PALETTE } from '../../net/lobby';
import { h } from './dom';

const COLS = 9;
const ROWS = 4;
const PX = CELL / SCALE;
/** Cells and headings (degrees) of the tanks in the picture. */
const TANKS = [
  { cell: 0, angle: 0 },
  { cell: COLS * ROWS - 1, angle: 180 },
  { cell: COLS * 2 + 4, angle: -90 },
] as const;

/** One tank, 48 x 40 like the sprites, centred on (x, y). */
function tankSvg(x: number, y: number, angle: number, colour: string): string {
  return `<g transform="translate(${x} ${y}) rotate(${angle}) scale(1.1) translate(-24 -20)">
<rect x="3" y="2" width="42" height="10" rx="4" fill="#262626"/><rect x="3" y="28" width="42" height="10" rx="4" fill="#262626"/>
<rect x="6" y="8" width="35" height="24" rx="5" fill="${colour}" stroke="#0b0e12" stroke-opacity="0.5" stroke-width="1.2"/>
<rect x="9" y="12" width="5" height="16" rx="1.5" fill="#000" fill-opacity="0.18"/>
<circle cx="23" cy="20" r="8.5" fill="${colour}" stroke="#0b0e12" stroke-opacity="0.5"/><circle cx="21" cy="18" r="4" fill="#fff" fill-opacity="0.25"/>
<rect x="23" y="17.5" width="22" height="5" rx="1.5" fill="#3c3c3c"/><rect x="42" y="16.8" width="5" height="6.4" rx="1.2" fill="#2d2d2d"/></g>`;
}

const centre = (maze: Maze, cell: number): [number, number] => [((cell % maze.cols) + 0.5) * PX, (Math.floor(cell / maze.cols) + 0.5) * PX];

/** The corridor route from one cell to another, as SVG points. */
function route(maze: Maze, from: number, to: number): string {
  const { prev } = shortestPaths(maze, from);
  const cells = [to];
  for (let at = prev[to] ?? -1; at !== -1; at = prev[at] ?? -1) cells.push(at);
  return cells.map((c) => centre(maze, c).join(',')).join(' ');
}

/** The picture's markup for `seed`. */
export function titleArtMarkup(seed: number): string {
  const maze = generateMaze({ state: seedRng(seed) }, COLS, ROWS);
  const walls = wallSegments(maze)
    .map((w) => `<rect x="${w.x1 / SCALE}" y="${w.y1 / SCALE}" width="${(w.x2 - w.x1) / SCALE}" height="${(w.y2 - w.y1) / SCALE}" rx="2"/>`)
    .join('');
  const tanks = TANKS.map((t, i) => tankSvg(...centre(maze, t.cell), t.angle, PALETTE[i] ?? '#56b4e9')).join('');
  const [sx, sy] = centre(maze, TANKS[2].cell);
  const w = COLS * PX;
  const hgt = ROWS * PX;
  return `<svg viewBox="-6 -6 ${w + 12} ${hgt + 12}" role="img" aria-label="a maze with three tanks">
<rect x="-6" y="-6" width="${w + 12}" height="${hgt + 12}" rx="10" fill="#10151b"/>
<polyline points="${route(maze, TANKS[0].cell, TANKS[2].cell)}" fill="none" stroke="#f0e442" stroke-width="2.5" stroke-dasharray="1 9" stroke-linecap="round" opacity="0.75"/>
<g fill="#3b4a5c">${walls}</g>${tanks}<circle cx="${sx}" cy="${sy - 34}" r="4" fill="#fff4d6"/></svg>`;
}

/** The art as an element (a new maze on each visit would distract: one fixed seed). */
export function createTitleArt(): HTMLElement {
  const box = h('div', { class: 'title-art-maze' });
  box.innerHTML = titleArtMarkup(20261125);
  return box;
}
