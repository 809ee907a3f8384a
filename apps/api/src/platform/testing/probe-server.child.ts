// Test-only child process: serves the probe app and reports its URL to the parent over IPC.
import { startProbeApp } from './probe-app.js';

const app = await startProbeApp(process.env);
process.send?.({ url: await app.getUrl() });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
