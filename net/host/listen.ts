/** Listen on the wanted port, or the next free one: a second host on one laptop must just work. */
import type { Server } from 'node:http';

/** How many ports after the wanted one to try. */
export const PORT_TRIES = 20;

/** Resolves with the port bound; rejects only when no port in the range is free or on other errors. */
export async function listenOnFreePort(server: Server, wanted: number, bind: string): Promise<number> {
  for (let port = wanted; port < Math.min(wanted + PORT_TRIES, 65536); port += 1) {
    const outcome = await new Promise<'ok' | 'busy' | Error>((resolve) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        server.off('listening', onListening);
        resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? 'busy' : error);
      };
      const onListening = (): void => {
        server.off('error', onError);
        resolve('ok');
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, bind);
    });
    if (outcome === 'ok') return port;
    if (outcome instanceof Error) throw outcome;
  }
  throw new Error(`ports ${wanted}-${wanted + PORT_TRIES - 1} are all in use`);
}
