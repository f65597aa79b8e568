// web-tree-sitter's int reads and writes go straight to the wasm heap's Int32Array: they must hit
// the same memory as Emscripten's accessors, follow the heap when it grows, and leave other types alone.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmscriptenHeap, useDirectInt32Access } from '../../../server/src/engine/parse/directHeap';
import { createPythonParser } from '../../../server/src/engine/parse/parser';

/** An Emscripten-like module over a little-endian DataView, as the real one's accessors are. */
function fakeModule(bytes: number): EmscriptenHeap & { view: DataView; calls: string[] } {
  const module = {
    HEAP32: new Int32Array(bytes / 4),
    view: new DataView(new ArrayBuffer(0)),
    calls: [] as string[],
    getValue(ptr: number, type = 'i8'): number {
      module.calls.push(`get ${type}`);
      return type === 'i32' ? module.view.getInt32(ptr, true) : module.view.getInt8(ptr);
    },
    setValue(ptr: number, value: number, type = 'i8'): void {
      module.calls.push(`set ${type}`);
      if (type === 'i32') module.view.setInt32(ptr, value, true);
      else module.view.setInt8(ptr, value);
    },
  };
  module.view = new DataView(module.HEAP32.buffer);
  return module;
}

describe('direct int32 heap access', () => {
  it('reads and writes the same memory as the Emscripten accessors, and only for i32', () => {
    const module = fakeModule(64);
    useDirectInt32Access(module);
    module.setValue!(8, -123456, 'i32');
    assert.equal(module.view.getInt32(8, true), -123456);
    module.view.setInt32(12, 987654, true);
    assert.equal(module.getValue!(12, 'i32'), 987654);
    assert.deepEqual(module.calls, []);
    module.setValue!(20, 7, 'i8');
    assert.equal(module.getValue!(20, 'i8'), 7);
    assert.deepEqual(module.calls, ['set i8', 'get i8']);
  });

  it('follows the heap view Emscripten replaces when the memory grows', () => {
    const module = fakeModule(16);
    useDirectInt32Access(module);
    module.HEAP32 = new Int32Array(64);
    module.setValue!(40, 42, 'i32');
    assert.equal(module.HEAP32[10], 42);
    assert.equal(module.getValue!(40, 'i32'), 42);
  });

  it('reads every node right after a parse that grows the wasm memory', async () => {
    const parser = await createPythonParser();
    const count = 30000;
    const text = Array.from({ length: count }, (_, i) => `@pytest.mark.parametrize("x", [${i}, "${'v'.repeat(i % 50)}"])\ndef test_${i}(x):\n    assert x\n`).join('');
    const tree = parser.parse(text)!;
    try {
      const statements = tree.rootNode.namedChildren;
      assert.equal(statements.length, count);
      for (const i of [0, 12345, count - 1]) {
        const definition = statements[i]!.childForFieldName('definition')!;
        assert.equal(definition.childForFieldName('name')!.text, `test_${i}`);
        assert.equal(definition.startPosition.row, i * 3 + 1);
      }
    } finally {
      tree.delete();
      parser.delete();
    }
  });
});
