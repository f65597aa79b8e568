"""The coverage report the Pytest Patterns runner reads, and which files belong in it.

Shared by the two ways a Coverage run measures: the built-in tracer (pytest_patterns_coverage.py)
and the pytest-cov export (pytest_patterns_cov_export.py). Both write the same JSON, a subset of
coverage.py's `coverage json` format, to the path in PYTEST_PATTERNS_COVERAGE_JSON:

    {"meta": {"measured_by": ...},
     "files": {"/abs/path.py": {"executed_lines": [...], "missing_lines": [...],
                                 "summary": {"covered_lines", "num_statements", "missing_lines",
                                             "percent_covered"}}},
     "totals": {"covered_lines", "num_statements", "missing_lines", "percent_covered"}}

File names are absolute (coverage.py's own JSON is relative to the pytest process's working
directory, which the runner does not know). `executed_lines` holds executed statements only.
A crate may run pytest more than once (one session per test binary): a report already at the path
is merged into, so no session's lines are lost.

Only the standard library is used.
"""

from __future__ import annotations

import json
import os
import sys
import sysconfig
from typing import Iterable, Mapping, Optional

REPORT_ENV = "PYTEST_PATTERNS_COVERAGE_JSON"
PLUGIN_DIR = os.path.dirname(os.path.realpath(__file__))
THIRD_PARTY_DIR_NAMES = ("site-packages", "dist-packages")


def _interpreter_dirs() -> set[str]:
    """Folders of the standard library and installed packages of this interpreter.

    Not the whole prefix: a project may live under it (an app in /usr/src with Python in /usr).
    """
    dirs = set()
    for scheme_paths in (sysconfig.get_paths(), sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_exec_prefix})):
        dirs |= {scheme_paths.get(name) for name in ("stdlib", "platstdlib", "purelib", "platlib")}
    dirs.add(os.path.dirname(os.__file__))
    return {os.path.realpath(d) for d in dirs if d}


def _is_under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class ProjectFiles:
    """Tells whether a source file is the project's own code (cached per file name).

    The project's code is every existing `.py` file under one of the roots (pytest's rootdir,
    the directory pytest was started in), except the standard library, installed packages
    (site-packages, dist-packages, the interpreter's prefix) and Pytest Patterns' own plugins.
    """

    def __init__(self, roots: Iterable[str] = ()) -> None:
        self._roots: list[str] = []
        self._excluded = sorted(_interpreter_dirs() | {PLUGIN_DIR})
        self._cache: dict[str, Optional[str]] = {}
        for root in roots:
            self.add_root(root)

    def add_root(self, root: str) -> bool:
        """Add a folder of project code; True when it was new (earlier "no" answers are dropped)."""
        real = os.path.realpath(root)
        if real in self._roots:
            return False
        self._roots.append(real)
        self._cache = {name: path for name, path in self._cache.items() if path is not None}
        return True

    def path_of(self, filename: str) -> Optional[str]:
        """The real absolute path of `filename` when it is project code, else None."""
        try:
            return self._cache[filename]
        except KeyError:
            pass
        path: Optional[str] = None
        if filename.endswith(".py") and not filename.startswith("<"):
            real = os.path.realpath(filename)
            if (
                any(_is_under(real, root) for root in self._roots)
                and not any(_is_under(real, folder) for folder in self._excluded)
                and not any(part in THIRD_PARTY_DIR_NAMES for part in real.split(os.sep))
                and os.path.isfile(real)
            ):
                path = real
        self._cache[filename] = path
        return path


def _summary(executed: int, statements: int) -> dict[str, object]:
    """coverage.py's per-file and total numbers for line coverage (no statements: 100 %)."""
    percent = 100.0 * executed / statements if statements else 100.0
    return {"covered_lines": executed, "num_statements": statements, "missing_lines": statements - executed, "percent_covered": percent}


def _merge_previous(path: str, files: dict[str, tuple[set[int], set[int]]]) -> None:
    """Fold a report an earlier pytest session of the same run left at `path` into `files`."""
    try:
        with open(path, encoding="utf-8") as handle:
            previous = json.load(handle).get("files", {})
    except (OSError, ValueError, AttributeError):
        return
    for name, entry in previous.items():
        executed = set(entry.get("executed_lines", []))
        statements = executed | set(entry.get("missing_lines", []))
        old_statements, old_executed = files.get(name, (set(), set()))
        files[name] = (old_statements | statements, old_executed | executed)


def write_report(path: str, measured: Mapping[str, tuple[set[int], set[int]]], measured_by: str) -> None:
    """Write {file: (statements, executed lines)} as the runner's coverage JSON, merging an earlier one."""
    files = {name: (set(statements), set(executed)) for name, (statements, executed) in measured.items()}
    _merge_previous(path, files)
    report: dict[str, object] = {"meta": {"measured_by": measured_by}}
    entries: dict[str, object] = {}
    total_executed = total_statements = 0
    for name in sorted(files):
        statements, executed = files[name]
        hit = executed & statements
        entries[name] = {
            "executed_lines": sorted(hit),
            "missing_lines": sorted(statements - hit),
            "summary": _summary(len(hit), len(statements)),
        }
        total_executed += len(hit)
        total_statements += len(statements)
    report["files"] = entries
    report["totals"] = _summary(total_executed, total_statements)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(report, handle)
    os.replace(temporary, path)
