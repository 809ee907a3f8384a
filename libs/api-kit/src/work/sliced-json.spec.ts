import { jsonSlices, jsonWeightAtMost } from './sliced-json.js';
import { WorkCancelledError } from './work-cancelled.error.js';

async function text(value: unknown, options = { sliceMs: 0, chunkChars: 100 }): Promise<string> {
  let written = '';
  for await (const chunk of jsonSlices(value, options)) written += chunk;
  return written;
}

/** An answer shaped like a large evaluation: many entries, each a small object. */
const large = () => ({
  data: {
    evaluate: {
      outcome: 'LICENSE_REQUIRED',
      items: Array.from({ length: 600 }, (_, index) => ({ index, eccn: '3A090.a', exceptions: index % 2 ? [] : ['LPP'], note: undefined })),
      trace: Array.from({ length: 700 }, (_, i) => ({ ruleId: `r"${i}\u2028`, matched: i % 3 === 0, at: new Date(Date.UTC(2025, 5, 1)), skip: () => i })),
    },
  },
  holes: [1, undefined, () => 2, Symbol('s'), null, Object.assign(Object.create(null), { plain: 'null prototype' })],
});

describe('jsonSlices', () => {
  it.each([
    ['a scalar', 42],
    ['a string with escapes', 'a "quoted"\n\u2028 line'],
    ['null', null],
    ['a small object', { a: 1, b: [true, null], c: undefined }],
    ['a large answer, with members JSON leaves out, Dates and a null-prototype object', large()],
  ])('writes %s exactly as JSON.stringify does', async (_, value) => {
    expect(await text(value)).toBe(JSON.stringify(value));
  });

  it('takes turns with the rest of the event loop while it writes', async () => {
    let others = 0;
    const other = setInterval(() => others++, 0);
    let chunks = 0;
    try {
      for await (const _ of jsonSlices(large(), { sliceMs: 0, chunkChars: 1000 })) chunks++;
    } finally {
      clearInterval(other);
    }

    expect(chunks).toBeGreaterThan(10);
    expect(others).toBeGreaterThan(0);
  });

  it('stops between slices when its work is cancelled', async () => {
    const controller = new AbortController();
    const writing = (async () => {
      for await (const _ of jsonSlices(large(), { sliceMs: 0, chunkChars: 1000, signal: controller.signal }))
        controller.abort(new WorkCancelledError('CLIENT_GONE'));
    })();

    await expect(writing).rejects.toBeInstanceOf(WorkCancelledError);
  });

  it('refuses a circular structure, as JSON.stringify does', async () => {
    const answer = large() as Record<string, unknown>;
    (answer.data as Record<string, unknown>).self = answer;

    await expect(text(answer)).rejects.toThrow(/circular/);
  });
});

describe('jsonWeightAtMost', () => {
  it('counts every value, and stops counting at the limit', () => {
    expect(jsonWeightAtMost({ a: [1, 2], b: 'x' }, 100)).toBe(5);
    expect(jsonWeightAtMost(large(), 50)).toBe(50);
  });
});
