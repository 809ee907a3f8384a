import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type DataPath = readonly (string | number)[];

export interface Position {
  line: number;
  col: number;
}

/**
 * Maps a path into the parsed data (e.g. `['changes', 3, 'rule', 'condition']`) to where it
 * is written. A path that goes further than the YAML (a missing property) resolves to the
 * deepest part that exists, which is where the missing piece belongs.
 */
export class YamlLocator {
  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    private readonly text: string,
  ) {}

  at(path: DataPath): Position {
    return this.position(this.offsetOf(path));
  }

  /**
   * Where a position inside a string value is written (line and column 1-based within the
   * value). Exact for literal block scalars (`|`), whose lines are the file's lines; otherwise
   * the start of the value.
   */
  inValue(path: DataPath, line: number, col: number): Position {
    const node = this.nodeAt(path);
    if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || !node.range) return this.at(path);
    const header = this.position(node.range[0]);
    const firstLine = header.line + 1;
    const indent = /^ */.exec(this.lineText(firstLine))?.[0].length ?? 0;
    return { line: firstLine + line - 1, col: indent + col };
  }

  private offsetOf(path: DataPath): number {
    let node: unknown = this.document.contents;
    let offset = rangeStart(node) ?? 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        node = node.items[segment];
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    return offset;
  }

  private nodeAt(path: DataPath): unknown {
    return this.document.getIn(path, true);
  }

  private position(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, col };
  }

  private lineText(line: number): string {
    const start = this.lineCounter.lineStarts[line - 1] ?? this.text.length;
    const end = this.lineCounter.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, end);
  }
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | undefined)?.range?.[0];
}

/** `['changes', 3, 'rule']` -> `changes[3].rule`: how a problem names the field. */
export function pathLabel(path: DataPath): string {
  return path.reduce<string>((label, segment) => {
    if (typeof segment === 'number') return `${label}[${segment}]`;
    return label === '' ? segment : `${label}.${segment}`;
  }, '');
}
