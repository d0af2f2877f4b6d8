/** Scene keys; each scene lives in the file of the same name. */
export const SCENE = {
  boot: 'boot',
  preloader: 'preloader',
  lobby: 'lobby',
  match: 'match',
  results: 'results',
  replay: 'replay',
} as const;
