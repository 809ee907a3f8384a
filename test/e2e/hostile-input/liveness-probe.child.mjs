// Test-only: the probing process of liveness-probe.ts. Asks `/health/live` every interval until
// told to stop (or for ten minutes, or 30,000 probes at most), then sends back what it measured.
const [url, intervalArgument] = process.argv.slice(2);
const intervalMs = Number(intervalArgument);
const MAX_PROBES = 30_000;
const MAX_MS = 10 * 60_000;
const TIMEOUT_MS = 5_000;

let stopped = false;
let stop;
const told = new Promise((resolve) => (stop = resolve));
process.on('message', () => {
  stopped = true;
  stop();
});
// The test process went away without stopping us: stop too.
process.on('disconnect', () => process.exit(0));

const durations = [];
const sentAt = [];
const failures = [];
const started = performance.now();
process.send('started');
while (!stopped && durations.length + failures.length < MAX_PROBES && performance.now() - started < MAX_MS) {
  const sent = performance.now();
  const wallClock = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.arrayBuffer();
    if (response.status === 200) {
      durations.push(performance.now() - sent);
      sentAt.push(wallClock);
    } else failures.push(`HTTP ${response.status}`);
  } catch (error) {
    failures.push(String(error));
  }
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
await told;
process.send({ durations, sentAt, failures }, () => process.disconnect());
