/**
 * The flags Node starts the API with: the Dockerfile's CMD and `npm start` give them, and so do
 * the end-to-end harness and the benchmarks, which start the API as it ships (test/repo checks
 * that the Dockerfile and package.json agree with this list).
 *
 * `--max-semi-space-size=2`: V8's young generation grows to 16 MB semispaces by default, and a
 * scavenge copies everything still alive in it in one pause. Requests that hold large answers
 * across turns of the event loop (three evaluations of 1,000 items at once) keep most of it alive,
 * so single scavenges held the loop 100 to 230 ms on the shared 2-core machine and were the
 * largest part of /health/live's p99 under the hostile-input suite. 2 MB semispaces cap a
 * scavenge at a 2 MB copy (the longest 41 ms there, at a load of 7); the same objects are copied
 * in more, shorter pauses. See docs/adr/031-event-loop-pauses.md.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
