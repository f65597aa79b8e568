// A node's type is a call into wasm (`typeId`: marshal the node, `ts_node_symbol`) on every read,
// and discovery reads the same nodes' types over and over (each item of a comprehension it expands
// checks the same target, condition and call nodes again). A tree never changes a node's symbol,
// so the first answer is kept on the node object.

import { Node } from 'web-tree-sitter';

const TYPE_ID = Symbol('pytest-patterns.typeId');
let memoized = false;

/** Makes `Node#typeId` (and so `Node#type`) ask wasm once per node object. */
export function memoizeNodeTypes(): void {
  if (memoized) return;
  const read = Object.getOwnPropertyDescriptor(Node.prototype, 'typeId')?.get;
  if (!read) return; // another web-tree-sitter layout: keep its own getter
  memoized = true;
  Object.defineProperty(Node.prototype, 'typeId', {
    configurable: true,
    get(this: Node & { [TYPE_ID]?: number }): number {
      let id = this[TYPE_ID];
      if (id === undefined) this[TYPE_ID] = id = read.call(this) as number;
      return id;
    },
  });
}
