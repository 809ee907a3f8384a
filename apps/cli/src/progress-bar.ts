/** Where a progress bar draws: a terminal gets one line redrawn in place, anything else plain lines. */
export interface ProgressSink {
  readonly isTTY: boolean;
  write(text: string): void;
}

export const stderrProgress: ProgressSink = {
  get isTTY() {
    return process.stderr.isTTY === true;
  },
  write: (text) => process.stderr.write(text),
};

export interface ProgressBarOptions {
  /** Nothing is drawn for runs shorter than this: a quick command stays quiet. */
  delayMs?: number;
  /** A terminal is redrawn at most this often. */
  redrawMs?: number;
  /** Without a terminal (a log file, CI), one line at most this often. */
  lineEveryMs?: number;
  width?: number;
  now?: () => number;
}

const count = (value: number) => value.toLocaleString('en-US');

/**
 * A progress bar for long runs, on stderr: `\r`-redrawn on a terminal, periodic lines otherwise,
 * so that a log records progress without a line per update.
 */
export class ProgressBar {
  private readonly started: number;
  private readonly options: Required<Omit<ProgressBarOptions, 'now'>>;
  private readonly now: () => number;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private last: { done: number; total: number } = { done: 0, total: 0 };

  constructor(
    private readonly label: string,
    private readonly sink: ProgressSink,
    options: ProgressBarOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.options = {
      delayMs: options.delayMs ?? 500,
      redrawMs: options.redrawMs ?? 100,
      lineEveryMs: options.lineEveryMs ?? 5_000,
      width: options.width ?? 30,
    };
    this.started = this.now();
  }

  update(done: number, total: number): void {
    this.last = { done, total };
    const at = this.now();
    if (at - this.started < this.options.delayMs) return;
    const every = this.sink.isTTY ? this.options.redrawMs : this.options.lineEveryMs;
    if (at - this.lastDrawn < every) return;
    this.draw(at);
  }

  /** Draws the last figures once more (if anything was drawn) and ends the line. */
  finish(): void {
    if (!this.drawn) return;
    this.draw(this.now());
    if (this.sink.isTTY) this.sink.write('\n');
  }

  private draw(at: number): void {
    const { done, total } = this.last;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const seconds = ((at - this.started) / 1000).toFixed(1);
    const figures = `${String(Math.floor(fraction * 100)).padStart(3)}% ${count(done)}/${count(total)} ${seconds} s`;
    if (this.sink.isTTY) {
      const filled = Math.round(fraction * this.options.width);
      this.sink.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(this.options.width - filled)}] ${figures}`);
    } else {
      this.sink.write(`${this.label}: ${figures}\n`);
    }
    this.drawn = true;
    this.lastDrawn = at;
  }
}
