import type { Node } from '../python/parser';
import type { PythonModule } from '../python/project';

/**
 * A map keyed by where a node starts: its module's path and its start index, without
 * building and hashing a `path:start` string on every lookup.
 */
export class NodeMap<T> {
  private readonly byPath = new Map<string, Map<number, T>>();

  get(module: PythonModule, node: Node): T | undefined {
    return this.byPath.get(module.path)?.get(node.startIndex);
  }

  set(module: PythonModule, node: Node, value: T): void {
    let starts = this.byPath.get(module.path);
    if (!starts) {
      starts = new Map();
      this.byPath.set(module.path, starts);
    }
    starts.set(node.startIndex, value);
  }

  /** Values by module (in the order each module was first set), then in insertion order. */
  *values(): IterableIterator<T> {
    for (const starts of this.byPath.values()) yield* starts.values();
  }
}
