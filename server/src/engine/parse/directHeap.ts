// web-tree-sitter moves every node between JS and wasm through the Emscripten module's
// getValue/setValue: a type switch and a DataView call per int, ten of them per node handed over.
// Reading the heap's Int32Array directly is the same operation (wasm memory is little-endian)
// and several times faster, which counts when discovery touches thousands of nodes per file.

import * as os from 'node:os';

/** The part of the Emscripten module (the object given to `Parser.init`) replaced here. */
export interface EmscriptenHeap {
  HEAP32?: Int32Array;
  getValue?: (ptr: number, type?: string) => number;
  setValue?: (ptr: number, value: number, type?: string) => void;
}

/** Serves `i32` reads and writes from `HEAP32`; other types keep Emscripten's own accessors. */
export function useDirectInt32Access(module: EmscriptenHeap): void {
  const { getValue, setValue } = module;
  if (os.endianness() !== 'LE' || !getValue || !setValue || !(module.HEAP32 instanceof Int32Array)) return;
  // Read `module.HEAP32` on every call: Emscripten replaces the view when the memory grows.
  module.getValue = (ptr, type = 'i8') => (type === 'i32' ? module.HEAP32![ptr >> 2] : getValue(ptr, type));
  module.setValue = (ptr, value, type = 'i8') => {
    if (type === 'i32') module.HEAP32![ptr >> 2] = value;
    else setValue(ptr, value, type);
  };
}
