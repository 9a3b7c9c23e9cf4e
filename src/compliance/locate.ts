/** Line and column of a JSON path in a JSON or YAML text, for reports and SARIF regions. */

import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import type { Segment } from './types';

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** A function from path to the position of the deepest part of the path that exists in `text`. */
export function locator(text: string): (path: readonly Segment[]) => Position {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (path) => {
    let node: unknown = doc.contents;
    let position: Position = at((doc.contents as Node | null)?.range?.[0] ?? 0);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
        if (!pair) break;
        const key = pair.key as Node;
        if (key.range) position = at(key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        if (item.range) position = at(item.range[0]);
        node = item;
      } else break;
    }
    return position;
  };
}
