import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import { walkScope } from '../../model/syntax';
import type { Decorated } from '../../model/types';
import { rangeOf } from '../../text/positions';
import { qualifiedName } from '../support/qualifiedName';
import type { PythonRule } from '../types';

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];

/** Blocking calls and what to await instead. */
export const BLOCKING_CALLS: ReadonlyMap<string, string> = new Map([
  ['time.sleep', '`await asyncio.sleep(...)` (or better, wait on the event itself)'],
  ...HTTP_VERBS.map((verb) => [`requests.${verb}`, 'an async client such as `httpx.AsyncClient`'] as [string, string]),
  ['urllib.request.urlopen', 'an async client such as `httpx.AsyncClient`'],
  ['subprocess.run', '`await asyncio.create_subprocess_exec(...)`'],
  ['subprocess.call', '`await asyncio.create_subprocess_exec(...)`'],
  ['subprocess.check_call', '`await asyncio.create_subprocess_exec(...)`'],
  ['subprocess.check_output', '`await asyncio.create_subprocess_exec(...)`'],
  ['os.system', '`await asyncio.create_subprocess_shell(...)`'],
  ['socket.create_connection', '`await asyncio.open_connection(...)`'],
]);

/** PP503 — an async test or fixture makes a blocking call that stalls the event loop. */
export const blockingCallInAsyncTest: PythonRule = {
  meta: {
    code: 'PP503',
    name: 'blocking-call-in-async-test',
    summary: 'An async test or fixture calls blocking code (`time.sleep`, `requests.get`, `subprocess.run`) on the event loop.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, report }) {
    const functions: Decorated[] = [...allTests(file), ...file.fixtures].filter((f) => f.isAsync);
    for (const fn of functions) {
      walkScope(fn.body, (node) => {
        if (node.type !== 'call') return;
        const name = qualifiedName(file, node) ?? '';
        const instead = BLOCKING_CALLS.get(name);
        if (instead) report({ range: rangeOf(calleeOf(node)), message: blockingMessage(name, fn.name, instead) });
      });
    }
  },
};

function calleeOf(call: SyntaxNode): SyntaxNode {
  return call.childForFieldName('function') ?? call;
}

function blockingMessage(name: string, owner: string, instead: string): string {
  return `\`${name}()\` blocks the event loop inside async \`${owner}\`: every other task stalls while it runs. Use ${instead}.`;
}
