/* global TextDecoder */
// Follows a Ricochet host's /api/matches SSE stream and prints one JSON line per event:
// {"t": <ms since epoch>, "matches": [...]}. Runs INSIDE a laptop namespace (host-rig.ts).
// argv: <url of the host, e.g. http://10.1.2.11:8080/>
const url = new URL('api/matches', process.argv[2]);
for (;;) {
  try {
    const response = await fetch(url, { headers: { accept: 'text/event-stream' } });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      for (const event of events) {
        const data = event.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) process.stdout.write(`${JSON.stringify({ t: Date.now(), ...JSON.parse(data) })}\n`);
      }
    }
  } catch (error) {
    process.stderr.write(`sse-watch: ${error}\n`);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
