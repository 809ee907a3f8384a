import { ProgressBar, type ProgressSink } from './progress-bar.js';

function sink(isTTY: boolean): ProgressSink & { text: string } {
  return {
    isTTY,
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

describe('ProgressBar', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 0));

  it('stays quiet for a run shorter than its delay', () => {
    const out = sink(true);
    const bar = new ProgressBar('impact', out, { now, delayMs: 500 });
    clock = 400;
    bar.update(10, 10);
    bar.finish();
    expect(out.text).toBe('');
  });

  it('redraws one line in place on a terminal, at most every redrawMs, and ends it on finish', () => {
    const out = sink(true);
    const bar = new ProgressBar('impact', out, { now, delayMs: 0, redrawMs: 100, width: 10 });
    clock = 100;
    bar.update(250, 1000);
    clock = 150;
    bar.update(300, 1000);
    clock = 1000;
    bar.update(1000, 1000);
    bar.finish();
    expect(out.text).toBe(
      '\rimpact [###.......]  25% 250/1,000 0.1 s' + '\rimpact [##########] 100% 1,000/1,000 1.0 s' + '\rimpact [##########] 100% 1,000/1,000 1.0 s\n',
    );
  });

  it('writes whole lines at most every lineEveryMs when stderr is not a terminal', () => {
    const out = sink(false);
    const bar = new ProgressBar('impact', out, { now, delayMs: 500, lineEveryMs: 5_000 });
    for (clock = 0; clock <= 12_000; clock += 1_000) bar.update(clock * 100, 1_200_000);
    clock = 12_300;
    bar.finish();
    expect(out.text.split('\n').filter(Boolean)).toEqual([
      'impact:   8% 100,000/1,200,000 1.0 s',
      'impact:  50% 600,000/1,200,000 6.0 s',
      'impact:  91% 1,100,000/1,200,000 11.0 s',
      'impact: 100% 1,200,000/1,200,000 12.3 s',
    ]);
  });
});
