import { buildModel } from '../../../server/src/engine/model/buildModel';
import type { PytestFile } from '../../../server/src/engine/model/types';
import { parsePython } from '../../../server/src/engine/parse/parser';
import type { Range, TextEdit } from '../../../server/src/engine/text/positions';
import { applyEdits } from '../../../server/src/engine/text/positions';

/** Runs a generator on `text` with the range `[startLine, endLine]` and returns the edited text (undefined when it does not apply). */
export async function generate(
  text: string,
  generator: (text: string, file: PytestFile, range: Range) => TextEdit[] | undefined,
  startLine: number,
  endLine = startLine,
  fileName = '/tmp/test_generated.py',
): Promise<string | undefined> {
  const tree = await parsePython(text);
  try {
    const file = buildModel(fileName, tree.rootNode);
    const range = { start: { line: startLine, character: 0 }, end: { line: endLine, character: endLine === startLine ? 0 : 200 } };
    const edits = generator(text, file, range);
    return edits && applyEdits(text, edits);
  } finally {
    tree.delete();
  }
}
