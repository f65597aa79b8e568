import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests } from '../../model/buildModel';
import { callArguments, dottedName, walkScope } from '../../model/syntax';
import type { PytestFile } from '../../model/types';
import { rangeOf } from '../../text/positions';
import { qualifiedName } from '../support/qualifiedName';
import { snippet } from '../support/snippet';
import type { PythonRule } from '../types';

const CLOCKS = new Set([
  'time.time', 'time.time_ns', 'time.perf_counter', 'time.perf_counter_ns', 'time.monotonic', 'time.monotonic_ns',
  'time.process_time', 'time.process_time_ns', 'timeit.default_timer',
]);
/** Calls that keep a duration a duration (`round(elapsed, 2)`). */
const PASS_THROUGH = new Set(['round', 'abs', 'int', 'float', 'min', 'max']);
/** unittest comparisons as `first <op> second`. */
const UNITTEST_COMPARISONS: Record<string, string> = {
  assertLess: '<', assertLessEqual: '<=', assertGreater: '>', assertGreaterEqual: '>=',
};

/**
 * A value derived from clock calls: a `reading` (a point in time, `time.time()`) or a `duration`
 * (the difference of two readings and arithmetic on it). `direction` is +1 when it grows as the
 * code gets slower (`elapsed`), -1 when it shrinks (`throughput = n / elapsed`).
 */
interface Timed {
  kind: 'reading' | 'duration';
  direction: 1 | -1;
  clock: string;
}

/** PP210 — a test asserts an upper bound on elapsed wall-clock time (or a lower bound on a rate). */
export const wallClockAssertion: PythonRule = {
  meta: {
    code: 'PP210',
    name: 'wall-clock-assertion',
    summary: 'A test asserts elapsed wall-clock time (or a throughput derived from it) against a bound.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, report }) {
    for (const test of allTests(file)) {
      const timed = new Map<string, Timed>();
      walkScope(test.body, (node) => {
        if (node.type === 'assignment') trackAssignment(file, node, timed);
        const found = node.type === 'assert_statement' ? boundsInAssert(file, node, timed) : node.type === 'call' ? boundInUnittestCall(file, node, timed) : [];
        for (const { node: bound, clock } of found) {
          report({
            range: rangeOf(bound),
            message:
              `\`${snippet(bound)}\` asserts a wall-clock bound measured with \`${clock}()\`: it fails on a slow or busy ` +
              'machine and proves nothing on a fast one. Measure with pytest-benchmark\'s `benchmark` fixture instead.',
          });
        }
        return node.type !== 'assert_statement';
      });
    }
  },
};

function trackAssignment(file: PytestFile, node: SyntaxNode, timed: Map<string, Timed>): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (left?.type !== 'identifier') return;
  const value = right ? timing(file, right, timed) : undefined;
  if (value) timed.set(left.text, value);
  else timed.delete(left.text);
}

function timing(file: PytestFile, node: SyntaxNode, timed: Map<string, Timed>): Timed | undefined {
  switch (node.type) {
    case 'identifier':
      return timed.get(node.text);
    case 'parenthesized_expression':
      return node.namedChild(0) ? timing(file, node.namedChild(0)!, timed) : undefined;
    case 'unary_operator': {
      const inner = node.childForFieldName('argument');
      const value = inner ? timing(file, inner, timed) : undefined;
      return value && node.childForFieldName('operator')?.text === '-' ? { ...value, direction: flip(value.direction) } : value;
    }
    case 'call': {
      const name = qualifiedName(file, node) ?? '';
      if (CLOCKS.has(name)) return { kind: 'reading', direction: 1, clock: name };
      if (!PASS_THROUGH.has(dottedName(node) ?? '')) return undefined;
      const { positional } = callArguments(node.childForFieldName('arguments'));
      return positional.map((a) => timing(file, a, timed)).find((t) => t !== undefined);
    }
    case 'binary_operator': {
      const leftNode = node.childForFieldName('left');
      const rightNode = node.childForFieldName('right');
      const left = leftNode ? timing(file, leftNode, timed) : undefined;
      const right = rightNode ? timing(file, rightNode, timed) : undefined;
      const operator = node.childForFieldName('operator')?.text;
      if (left && right) {
        // reading - reading is how long something took; other mixes (ratios, sums of readings) are not durations.
        const readings = left.kind === 'reading' && right.kind === 'reading';
        if (operator === '-' && readings) return { kind: 'duration', direction: 1, clock: left.clock };
        if ((operator === '+' || operator === '-') && left.kind === 'duration' && right.kind === 'duration') return left;
        return undefined;
      }
      if (operator === '/' || operator === '//') return right ? { ...right, direction: flip(right.direction) } : left;
      // reading ± offset stays a point in time (a deadline); duration * 1000 stays a duration.
      if (operator === '-' || operator === '+' || operator === '*') return left ?? right;
      return undefined;
    }
    default:
      return undefined;
  }
}

function flip(direction: 1 | -1): 1 | -1 {
  return direction === 1 ? -1 : 1;
}

interface Bound {
  node: SyntaxNode;
  clock: string;
}

function boundsInAssert(file: PytestFile, statement: SyntaxNode, timed: Map<string, Timed>): Bound[] {
  const condition = statement.namedChild(0);
  const bounds: Bound[] = [];
  const visit = (node: SyntaxNode | null) => {
    if (!node) return;
    if (node.type === 'boolean_operator' || node.type === 'parenthesized_expression') node.namedChildren.forEach(visit);
    else if (node.type === 'comparison_operator') {
      const operands = node.namedChildren.filter((c) => c !== null);
      const operators = node.children.filter((c) => c !== null && !c.isNamed).map((c) => c!.text);
      for (let i = 0; i < operators.length && i + 1 < operands.length; i++) {
        const clock = upperBoundClock(file, operands[i]!, operators[i], operands[i + 1]!, timed);
        if (clock) {
          bounds.push({ node, clock });
          break;
        }
      }
    }
  };
  visit(condition);
  return bounds;
}

function boundInUnittestCall(file: PytestFile, call: SyntaxNode, timed: Map<string, Timed>): Bound[] {
  const callee = dottedName(call.childForFieldName('function'));
  const operator = callee?.startsWith('self.') ? UNITTEST_COMPARISONS[callee.slice(5)] : undefined;
  if (!operator) return [];
  const { positional } = callArguments(call.childForFieldName('arguments'));
  if (positional.length < 2) return [];
  const clock = upperBoundClock(file, positional[0], operator, positional[1], timed);
  return clock ? [{ node: call, clock }] : [];
}

/**
 * The clock when `left <op> right` caps how slow the code may be (`elapsed < 1`, `rate > 10`).
 * Lower bounds on a duration (`elapsed >= timeout`) check that code waited, which is deterministic
 * enough, and comparisons of two clock readings (`t2 >= t1`) test the clock itself: both are fine.
 */
function upperBoundClock(file: PytestFile, left: SyntaxNode, operator: string, right: SyntaxNode, timed: Map<string, Timed>): string | undefined {
  const asBound = (t: Timed | undefined) => (t?.kind === 'duration' ? t : undefined);
  const l = asBound(timing(file, left, timed));
  const r = asBound(timing(file, right, timed));
  if (timing(file, left, timed) && timing(file, right, timed)) return undefined;
  if ((l && r) || (!l && !r)) return undefined;
  const less = operator === '<' || operator === '<=';
  const greater = operator === '>' || operator === '>=';
  if (l) return (less && l.direction === 1) || (greater && l.direction === -1) ? l.clock : undefined;
  return (greater && r!.direction === 1) || (less && r!.direction === -1) ? r!.clock : undefined;
}
