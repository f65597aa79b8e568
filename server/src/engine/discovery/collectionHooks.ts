// pytest hooks in a conftest.py or a test module that change a test's cases at collection:
// `pytest_generate_tests` parametrizes tests with code (their cases are known only to pytest), and
// `pytest_make_parametrize_id` names every case. Read from the text (discovery parses bodies
// blanked); anything not plainly literal counts as affecting every test. Only the conftest.py
// files above a module count: pytest calls `pytest_generate_tests` for those alone, and although it
// calls `pytest_make_parametrize_id` of every conftest.py loaded so far (one in a folder collected
// earlier renames cases collected later), such a hook lives in the root conftest.py in practice.

export interface CollectionHooks {
  /** Names `pytest_generate_tests` parametrizes; 'any' when they are not literal. */
  generated?: ReadonlySet<string> | 'any';
  /** A `pytest_make_parametrize_id` hook may rename any case. */
  makesIds?: boolean;
}

const GENERATE = /^([ \t]*)(?:async[ \t]+)?def[ \t]+pytest_generate_tests[ \t]*\(/m;
const MAKE_ID = /^[ \t]*def[ \t]+pytest_make_parametrize_id[ \t]*\(/m;
// `.parametrize("a, b", …)` or `.parametrize(argnames="a", …)`: the names as one string literal.
const PARAMETRIZE_CALL = /\.parametrize[ \t]*\(\s*(?:argnames[ \t]*=[ \t]*)?(?:[rRuU]?(["'])([^"'\\\n]*)\1(?=\s*[,)]))?/g;

/** The hooks a file's text defines; undefined when it defines none (most files). */
export function collectionHooksOf(text: string): CollectionHooks | undefined {
  if (!text.includes('pytest_generate_tests') && !text.includes('pytest_make_parametrize_id')) return undefined;
  const hooks: CollectionHooks = {};
  const generate = GENERATE.exec(text);
  if (generate) hooks.generated = generatedNames(hookBody(text, generate.index, generate[1].length));
  if (MAKE_ID.test(text)) hooks.makesIds = true;
  return hooks.generated || hooks.makesIds ? hooks : undefined;
}

/** The lines after the `def` line that are indented deeper than it: the hook's body. */
function hookBody(text: string, start: number, indent: number): string {
  const lines = text.slice(start).split('\n');
  const body: string[] = [];
  for (const line of lines.slice(1)) {
    const content = line.trimStart();
    if (content !== '' && !content.startsWith('#') && line.length - content.length <= indent) break;
    body.push(line);
  }
  return body.join('\n');
}

function generatedNames(body: string): ReadonlySet<string> | 'any' {
  const names = new Set<string>();
  let calls = 0;
  for (const call of body.matchAll(PARAMETRIZE_CALL)) {
    calls++;
    if (call[2] === undefined) return 'any'; // argnames computed, or a tuple of them: any test may get them
    call[2].split(',').map((name) => name.trim()).filter(Boolean).forEach((name) => names.add(name));
  }
  return calls === 0 ? 'any' : names; // parametrizes through a helper: unknown names
}

/** Both files' hooks: a conftest.py's apply to the modules below it, with the module's own. */
export function mergeHooks(a: CollectionHooks | undefined, b: CollectionHooks | undefined): CollectionHooks | undefined {
  if (!a || !b) return a ?? b;
  const generated = a.generated === 'any' || b.generated === 'any' ? 'any' : a.generated && b.generated ? new Set([...a.generated, ...b.generated]) : (a.generated ?? b.generated);
  return { generated, makesIds: a.makesIds || b.makesIds };
}

/** Whether `pytest_generate_tests` may parametrize a test whose fixture closure holds `names`. */
export function generatesFor(hooks: CollectionHooks | undefined, names: Iterable<string>): boolean {
  const generated = hooks?.generated;
  if (!generated) return false;
  if (generated === 'any') return true;
  for (const name of names) if (generated.has(name)) return true;
  return false;
}
