import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import { rangeOf } from '../../text/positions';
import type { PythonRule } from '../types';
import { nodesOfType, walkAll } from './names';

// `.status` is a common word (`job.status`), so it counts only on names that read like a response.
const RESPONSE_NAME = /^(?:r|rv|res|resp|response|reply)$|_?resp(?:onse)?$|^resp(?:onse)?_/i;
const NO_BODY_STATUS = /\b(?:204|304)\b|NO_CONTENT|NOT_MODIFIED/;
const ASSERT = new Set(['assert_statement']);

/** PP205 — a test asserts a response's status code and nothing else about that response. */
export const statusCodeOnlyAssertion: PythonRule = {
  meta: {
    code: 'PP205',
    name: 'status-code-only-assertion',
    summary: 'A response whose status code is asserted also has its body (or headers) checked.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, text, report }) {
    if (!text.includes('.status')) return;
    for (const test of allTests(file)) {
      const firstStatusAssert = new Map<string, SyntaxNode>();
      for (const node of nodesOfType(test.body, ASSERT, true)) {
        const checked = node.namedChild(0);
        if (!checked || !checked.text.includes('.status') || NO_BODY_STATUS.test(checked.text)) continue;
        walkAll(checked, (n) => {
          const variable = statusAccessVariable(n);
          if (variable && !firstStatusAssert.has(variable)) firstStatusAssert.set(variable, n);
        });
      }
      for (const [variable, access] of firstStatusAssert) {
        if (usedBeyondStatus(test.body, variable)) continue;
        // A HEAD response has no body to check.
        if (new RegExp(`\\b${variable}\\s*=\\s*(?:await\\s+)?[\\w.]*\\bhead\\(`).test(test.body.text)) continue;
        report({
          range: rangeOf(access),
          message: `Only \`${access.text}\` is asserted about \`${variable}\`: a right status with a wrong body still passes. Check the body too (\`${variable}.json()\`, \`${variable}.text\`, headers).`,
        });
      }
    }
  },
};

/** `resp` for `resp.status_code` (any name) or `resp.status` (response-like names). */
function statusAccessVariable(node: SyntaxNode): string | undefined {
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier') return undefined;
  if (attribute === 'status_code' || (attribute === 'status' && RESPONSE_NAME.test(object.text))) return object.text;
  return undefined;
}

/** Any read of the variable other than its status, outside assertion messages. */
function usedBeyondStatus(body: SyntaxNode, variable: string): boolean {
  let used = false;
  walkAll(body, (n) => {
    if (used) return false;
    // The message of `assert resp.status_code == 200, resp.text` explains a failure; it checks nothing.
    if (n.type === 'assert_statement') {
      const [checked] = n.namedChildren;
      if (checked) walkAll(checked, (inner) => void (isOtherRead(inner, variable) && (used = true)));
      if (checked && isOtherRead(checked, variable)) used = true;
      return false;
    }
    if (isOtherRead(n, variable)) used = true;
    return !used;
  });
  return used;
}

function isOtherRead(node: SyntaxNode, variable: string): boolean {
  if (node.type !== 'identifier' || node.text !== variable) return false;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'attribute') {
    if (parent.childForFieldName('attribute')?.id === node.id) return false;
    if (statusAccessVariable(parent) === variable) return false;
  }
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return false;
  if ((parent.type === 'assignment' || parent.type === 'augmented_assignment') && parent.childForFieldName('left')?.id === node.id) return false;
  if (parent.type === 'as_pattern_target' || parent.type === 'pattern_list') return false;
  if (parent.type === 'for_statement' && parent.childForFieldName('left')?.id === node.id) return false;
  return true;
}
