"""Executable statements of a Python source file, counted the way coverage.py counts them.

Used by the built-in line tracer (pytest_patterns_coverage.py) to tell missed lines from lines
that hold no code. The rules follow coverage.py's PythonParser (6.x/7.x):

- a line is a candidate when some code object compiled from the file (recursively, through
  `co_consts`) has an instruction on it (`co_lines()`; `dis.findlinestarts` before Python 3.10);
- a statement spanning several physical lines counts once, on its first line (found with
  `tokenize`: the lines from a logical line's first token to its NEWLINE);
- docstrings do not count: a string token right after an INDENT (or first in the file), the
  trick coverage.py borrowed from `trace.py`;
- lines matching coverage.py's default exclusion `# pragma: no cover` do not count, nor does the
  rest of the suite (`if ...:`, `def ...:`, decorators) such a line opens.

Differences from coverage.py, on purpose: only the default `pragma: no cover` exclusion is known
(a project's `exclude_lines` / `exclude_also` from its coverage configuration are not read), and
branch (arc) analysis is not done at all. Only the standard library is used.
"""

from __future__ import annotations

import dis
import io
import re
import token
import tokenize
import warnings
from types import CodeType
from typing import Iterable, Iterator

# coverage.py's DEFAULT_EXCLUDE.
DEFAULT_EXCLUDE = re.compile(r"#\s*(pragma|PRAGMA)[:\s]?\s*(no|NO)\s*(cover|COVER)")


def read_source(path: str) -> str:
    """The text of a Python file as coverage.py reads it: PEP 263 encoding, \\n line ends."""
    with open(path, "rb") as handle:
        data = handle.read()
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\f", b" ")
    encoding = tokenize.detect_encoding(iter(data.splitlines(True)).__next__)[0]
    text = data.decode(encoding, "replace")
    return text if not text or text.endswith("\n") else text + "\n"


# The same pattern as tokenize's cookie_re, which coverage.py uses to neuter the declaration.
_COOKIE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", flags=re.MULTILINE)


def _neuter_encoding_declaration(text: str) -> str:
    """`text` with its PEP 263 declaration commented out: it is already decoded."""
    if not _COOKIE.search(text):
        return text
    lines = text.splitlines(True)
    for index in range(min(2, len(lines))):
        lines[index] = _COOKIE.sub("# (deleted declaration)", lines[index])
    return "".join(lines)


def _code_objects(code: CodeType) -> Iterator[CodeType]:
    """`code` and every code object nested in it (functions, classes, comprehensions, lambdas)."""
    stack = [code]
    while stack:
        current = stack.pop()
        stack.extend(const for const in current.co_consts if isinstance(const, CodeType))
        yield current


def _line_numbers(code: CodeType) -> Iterator[int]:
    """Lines that have at least one instruction of `code` (not nested code objects)."""
    if hasattr(code, "co_lines"):
        for _start, _end, line in code.co_lines():
            if line:
                yield line
    else:  # Python < 3.10
        for _offset, line in dis.findlinestarts(code):
            if line:
                yield line


class SourceLines:
    """Statement analysis of one source text: statements, and the first line of each line."""

    def __init__(self, text: str, filename: str = "<source>") -> None:
        self._multiline: dict[int, int] = {}
        self.excluded: set[int] = set()
        self.docstrings: set[int] = set()
        raw_statements: set[int] = set()
        if text.strip():
            self._scan_tokens(text)
            with warnings.catch_warnings():  # SyntaxWarnings are the test run's business, not ours
                warnings.simplefilter("ignore")
                code = compile(_neuter_encoding_declaration(text), filename, "exec", dont_inherit=True)
            for nested in _code_objects(code):
                raw_statements.update(_line_numbers(nested))
        self.excluded = self.first_lines(self.excluded)
        ignore = self.excluded | self.docstrings
        self.statements: set[int] = self.first_lines(raw_statements - ignore) - ignore

    def first_line(self, line: int) -> int:
        """The first line of the statement `line` belongs to."""
        return self._multiline.get(line, line)

    def first_lines(self, lines: Iterable[int]) -> set[int]:
        """`first_line` of every line in `lines`."""
        return {self.first_line(line) for line in lines}

    def _scan_tokens(self, text: str) -> None:
        """Multi-line statements, docstrings and excluded suites, as coverage.py's `_raw_parse`."""
        lines = text.split("\n")
        self.excluded = {number for number, line in enumerate(lines, start=1) if DEFAULT_EXCLUDE.search(line)}
        indent = 0
        exclude_indent = 0
        excluding = False
        excluding_decorators = False
        previous_type = token.INDENT
        first_line = None
        first_on_line = True
        nesting = 0
        for kind, text_, (start_line, _), (end_line, _), _line in tokenize.generate_tokens(io.StringIO(text).readline):
            if kind == token.INDENT:
                indent += 1
            elif kind == token.DEDENT:
                indent -= 1
            elif kind == token.OP:
                if text_ == ":" and nesting == 0:
                    if not excluding and (end_line in self.excluded or excluding_decorators):
                        # The colon opens an excluded suite: exclude everything indented under it.
                        self.excluded.add(end_line)
                        exclude_indent = indent
                        excluding = True
                        excluding_decorators = False
                elif text_ == "@" and first_on_line:
                    if end_line in self.excluded:
                        excluding_decorators = True
                    if excluding_decorators:
                        self.excluded.add(end_line)
                elif text_ in "([{":
                    nesting += 1
                elif text_ in ")]}":
                    nesting -= 1
            elif kind == token.STRING and previous_type == token.INDENT:
                self.docstrings.update(range(start_line, end_line + 1))
            elif kind == token.NEWLINE:
                if first_line is not None and end_line != first_line:
                    for line in range(first_line, end_line + 1):
                        self._multiline[line] = first_line
                first_line = None
                first_on_line = True
            if text_.strip() and kind != tokenize.COMMENT:
                if first_line is None:
                    first_line = start_line
                    if excluding and indent <= exclude_indent:
                        excluding = False
                    if excluding:
                        self.excluded.add(end_line)
                    first_on_line = False
            previous_type = kind


def analyze_file(path: str) -> SourceLines:
    """Statement analysis of the file at `path` (raises OSError, SyntaxError, tokenize.TokenError)."""
    return SourceLines(read_source(path), path)
