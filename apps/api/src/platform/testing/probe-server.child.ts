// Test-only child process: serves the probe app and reports its URL to the parent over IPC.
import { startProbeApp } from './probe-app.js';

// When the test process goes (killed, or gave up waiting for the start), the IPC channel closes: go too.
process.on('disconnect', () => process.exit(1));

const app = await startProbeApp(process.env);
process.send?.({ url: await app.getUrl() });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
