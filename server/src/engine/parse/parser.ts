import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Tree } from 'web-tree-sitter';
import { EmscriptenHeap, useDirectInt32Access } from './directHeap';
import { memoizeNodeTypes } from './nodeTypeMemo';
import { parsePythonSource } from './dedentedComments';

// web-tree-sitter needs its runtime wasm and the Python grammar wasm. In the bundle both sit next to
// the bundled script (dist/); in tests and the CLI from source they come from node_modules.
const RUNTIME_WASM = 'tree-sitter.wasm';
const PYTHON_WASM = 'tree-sitter-python.wasm';

let loading: Promise<Language> | undefined;

function locate(file: string, fromPackage: string): string {
  const besideBundle = path.join(__dirname, file);
  if (fs.existsSync(besideBundle)) return besideBundle;
  return require.resolve(fromPackage);
}

/** Loads the Python grammar once per process. */
export function loadPython(): Promise<Language> {
  loading ??= (async () => {
    const runtime = locate(RUNTIME_WASM, 'web-tree-sitter/tree-sitter.wasm');
    // Emscripten uses the options object as its module: its heap accessors are set on it.
    const wasmModule: EmscriptenHeap & { locateFile(): string } = { locateFile: () => runtime };
    await Parser.init(wasmModule as Parameters<typeof Parser.init>[0]);
    useDirectInt32Access(wasmModule);
    memoizeNodeTypes();
    return Language.load(locate(PYTHON_WASM, 'tree-sitter-python/tree-sitter-python.wasm'));
  })();
  return loading;
}

/** A parser bound to the Python grammar. Parsers are cheap; trees must be freed with `delete()`. */
export async function createPythonParser(): Promise<Parser> {
  const language = await loadPython();
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Parses a whole text once; the caller owns (and must delete) the tree. */
export async function parsePython(text: string): Promise<Tree> {
  const parser = await createPythonParser();
  try {
    const tree = parsePythonSource(parser, text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  } finally {
    parser.delete();
  }
}
