import { LiveFeed } from './live-feed.js';

describe('LiveFeed', () => {
  it('says whether a topic has a listener, so publishers can skip payloads nobody reads', async () => {
    const feed = new LiveFeed();
    expect(feed.listening('t')).toBe(false);
    const listener = feed.listen<number>('t');
    const first = listener.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect([feed.listening('t'), feed.listening('other')]).toEqual([true, false]);
    feed.publish('t', 1);
    await expect(first).resolves.toEqual({ value: 1, done: false });
    await listener.return(undefined);
    expect(feed.listening('t')).toBe(false);
    feed.onApplicationShutdown();
  });
});
