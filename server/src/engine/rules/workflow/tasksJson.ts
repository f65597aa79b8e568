import type { Range } from '../../text/positions';
import { lineStarts, positionAt } from '../../text/positions';
import { findInvocations } from './invocations';
import type { JsonNode } from './jsonc';
import { parseJsonc } from './jsonc';

const PYTHON = /(?:^|[/\\])python[\w.]*(?:\.exe)?$|^\$\{command:python\.interpreterPath\}$/;
const DIRECT = /(?:^|[/\\])(?:pytest|py\.test|tox)(?:\.exe)?$/;

/** Direct pytest/tox runs in a VS Code tasks.json: `"command": "pytest …"`, or `python` with `"args": ["-m", "pytest"]`. */
export function tasksJsonInvocations(text: string): { range: Range; command: string }[] {
  const root = parseJsonc(text);
  if (!root) return [];
  const starts = lineStarts(text);
  const found: { range: Range; command: string }[] = [];
  const at = (start: number, end: number, command: string) =>
    found.push({ range: { start: positionAt(starts, start), end: positionAt(starts, end) }, command });
  const visit = (node: JsonNode) => {
    if (node.kind === 'array') node.items.forEach(visit);
    if (node.kind !== 'object') return;
    const command = node.entries.find((e) => e.key === 'command')?.value;
    const args = node.entries.find((e) => e.key === 'args')?.value;
    if (command?.kind === 'string') {
      const raw = text.slice(command.start + 1, command.end - 1);
      if (DIRECT.test(command.value.trim())) at(command.start + 1, command.end - 1, command.value);
      else if (PYTHON.test(command.value.trim()) && args?.kind === 'array') pythonModuleArgs(args, at);
      else if (raw === command.value) for (const hit of findInvocations(raw)) at(command.start + 1 + hit.start, command.start + 1 + hit.end, hit.command);
    }
    node.entries.forEach((e) => visit(e.value));
  };
  visit(root);
  return found;
}

/** `"args": ["-m", "pytest", …]` → the `pytest` string. */
function pythonModuleArgs(args: Extract<JsonNode, { kind: 'array' }>, at: (start: number, end: number, command: string) => void): void {
  const items = args.items;
  for (let k = 0; k + 1 < items.length; k++) {
    const flag = items[k];
    const module = items[k + 1];
    if (flag.kind === 'string' && flag.value === '-m' && module.kind === 'string' && module.value === 'pytest') {
      at(module.start + 1, module.end - 1, 'python -m pytest');
    }
  }
}
