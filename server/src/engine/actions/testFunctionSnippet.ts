/**
 * The "new test" snippet in the shape the team's naming preset (PP101 `test-name-format`) accepts,
 * for a completion provider to offer where the static "Test function" snippet would not fit.
 * `unit-condition-then` (and any unknown preset, as in the rule) gives exactly the static snippet's
 * text; `custom` gives undefined: a regular expression has no shape to fill in.
 */
export function testFunctionSnippet(preset: string): string | undefined {
  if (preset === 'custom') return undefined;
  const [name, next] = preset === 'pytest-default' ? ['test_${1:behaviour}', 2] : ['test_${1:unit}__${2:condition}__then_${3:expected}', 4];
  return [
    `def ${name}() -> None:`,
    `    """\${${next}:Describe the behaviour this test pins down.}"""`,
    `    \${${next + 1}:result = 1 + 1}`,
    `    assert \${${next + 2}:result == 2}$0`,
  ].join('\n');
}
