"""Built-in line coverage for the Coverage profile of Pytest Patterns, used when pytest-cov is missing.

Loaded by the runner in coverage mode only, and only when the interpreter has no pytest-cov:

    PYTEST_ADDOPTS="... -p pytest_patterns_coverage"
    PYTEST_PATTERNS_COVERAGE_JSON=<file the report is written to>

Tracing starts when pytest imports this module for `-p`, which is before conftest files and test
modules are imported, so module-level lines (`def`, `class`, imports) of the project count as
executed like coverage.py counts them. A global trace function (`sys.settrace`, and
`threading.settrace` for threads started later) looks at each code object once and returns a line
tracer only for the project's own files (pytest_patterns_coverage_report.ProjectFiles: under the
rootdir or the invocation directory, not the standard library, not site-packages, not these
plugins); every other frame runs untraced. At the end of the session the executed lines are
compared with the executable statements of each traced file (pytest_patterns_statements) and
the report is written.

Compared with pytest-cov / coverage.py: lines only (no branch coverage); only `# pragma: no
cover` is honoured (not a project's own exclusion settings); files never imported are not listed;
subprocesses are not measured; with pytest-xdist the reporter keeps the run in one process; a test
that installs its own trace function (sys.settrace) stops the measurement of its thread; and it
is slower (a Python call per Python call). Only the standard library (and pytest) is used.
"""

from __future__ import annotations

import os
import sys
import threading
from types import CodeType, FrameType
from typing import Any, Callable, Optional

import pytest

from pytest_patterns_coverage_report import REPORT_ENV, ProjectFiles, write_report
from pytest_patterns_statements import analyze_file

LocalTracer = Callable[[FrameType, str, Any], Any]


class LineTracer:
    """Records the executed lines of the project's files, per real absolute path."""

    def __init__(self, project: ProjectFiles) -> None:
        self.project = project
        self.lines: dict[str, set[int]] = {}
        self._by_code: dict[CodeType, Optional[LocalTracer]] = {}
        self._by_file: dict[str, LocalTracer] = {}
        self._running = False

    def _local_tracer_for(self, path: str) -> LocalTracer:
        """One line-recording trace function per file, bound to that file's set of lines."""
        existing = self._by_file.get(path)
        if existing is not None:
            return existing
        add = self.lines.setdefault(path, set()).add

        def record_line(frame: FrameType, event: str, arg: Any) -> Any:
            if event == "line":
                add(frame.f_lineno)
            return record_line

        self._by_file[path] = record_line
        return record_line

    def _global_tracer(self, frame: FrameType, event: str, arg: Any) -> Optional[LocalTracer]:
        """Called on every new frame: trace it only when its code is the project's."""
        code = frame.f_code
        try:
            return self._by_code[code]
        except KeyError:
            path = self.project.path_of(code.co_filename)
            tracer = self._local_tracer_for(path) if path is not None else None
            self._by_code[code] = tracer
            return tracer

    def add_root(self, root: str) -> None:
        """Count files under `root` as the project's from now on."""
        if self.project.add_root(root):
            self._by_code = {code: tracer for code, tracer in self._by_code.items() if tracer is not None}

    def start(self) -> None:
        """Trace this thread and every thread started from now on."""
        self._running = True
        threading.settrace(self._global_tracer)
        sys.settrace(self._global_tracer)

    def stop(self) -> None:
        """Stop tracing (this thread and new threads)."""
        if self._running:
            sys.settrace(None)
            threading.settrace(None)  # type: ignore[arg-type]
            self._running = False

    def measured(self) -> dict[str, tuple[set[int], set[int]]]:
        """{file: (executable statements, executed statements)} for every traced file that parses."""
        result: dict[str, tuple[set[int], set[int]]] = {}
        # Threads still running may add lines: copy first (both copies are atomic under the GIL).
        for path, lines in list(self.lines.items()):
            lines = set(lines)
            try:
                analysis = analyze_file(path)
            except (OSError, SyntaxError, ValueError) as error:
                sys.stderr.write(f"pytest-patterns coverage: {path} skipped ({error})\n")
                continue
            executed = analysis.first_lines(lines) & analysis.statements
            result[path] = (analysis.statements, executed)
        return result


REPORT_PATH = os.environ.get(REPORT_ENV)
TRACER = LineTracer(ProjectFiles([os.getcwd()]))
if REPORT_PATH:
    TRACER.start()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    """Know the rootdir before the conftest files (and what they import) run."""
    TRACER.add_root(str(getattr(early_config, "rootpath", None) or early_config.rootdir))  # rootpath: pytest >= 6.1
    TRACER.add_root(str(early_config.invocation_params.dir))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop tracing and write the report (an xdist worker, if one started anyway, writes none)."""
    TRACER.stop()
    if not REPORT_PATH or hasattr(session.config, "workerinput"):
        return
    try:
        write_report(REPORT_PATH, TRACER.measured(), "pytest-patterns built-in line tracer")
    except OSError as error:
        sys.stderr.write(f"pytest-patterns coverage: cannot write {REPORT_PATH}: {error}\n")
