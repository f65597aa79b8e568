"""Exports pytest-cov's measurement as the coverage report the Pytest Patterns runner reads.

Loaded by the runner in coverage mode when the interpreter has pytest-cov:

    PYTEST_ADDOPTS="--cov -p pytest_patterns_reporter -p pytest_patterns_cov_export"
    PYTEST_PATTERNS_COVERAGE_JSON=<file the report is written to>
    COVERAGE_FILE=<the runner's temp folder>/.coverage   (no data file left in the crate)

Why not `--cov-report=json:<file>`: pytest-cov only knows `json` since 4.1 (Debian 12 ships 4.0,
Ubuntu 22.04 3.0), and coverage.py's JSON names files relative to the pytest process's working
directory, which the runner does not know. Instead, once pytest-cov has stopped and combined its
data, this plugin asks the same `coverage.Coverage` object (the one pytest-cov's own `cov` fixture
hands out) for each measured file's statements and missing lines, which honours the project's
coverage configuration (exclusions, `source`, `omit`), and writes absolute paths.

A bare `--cov` measures everything that is not the standard library, pytest-cov itself included
when it is not in site-packages (Debian's dist-packages) and Pytest Patterns' reporter plugin. So
unless the project's coverage configuration names a `source`, only the project's own files are
exported (pytest_patterns_coverage_report.ProjectFiles, the rule the built-in tracer uses too).
"""

from __future__ import annotations

import os
import sys
from typing import Any, Optional

import pytest

from pytest_patterns_coverage_report import PLUGIN_DIR, REPORT_ENV, ProjectFiles, write_report


def _coverage_of(config: pytest.Config) -> Optional[Any]:
    """pytest-cov's coverage.Coverage object, or None when pytest-cov did not measure."""
    plugin = config.pluginmanager.get_plugin("_cov")
    controller = getattr(plugin, "cov_controller", None)
    return getattr(controller, "cov", None)


def _wanted_files(cov: Any, config: pytest.Config) -> list[str]:
    """The measured files to export (see the module docstring)."""
    measured = sorted(cov.get_data().measured_files())
    if cov.config.source:
        return [name for name in measured if not os.path.realpath(name).startswith(PLUGIN_DIR + os.sep)]
    rootdir = getattr(config, "rootpath", None) or config.rootdir  # rootpath: pytest >= 6.1
    project = ProjectFiles([str(rootdir), str(config.invocation_params.dir)])
    return [name for name in measured if project.path_of(name) is not None]


def export(cov: Any, config: pytest.Config, path: str) -> None:
    """Write the report of `cov`'s data to `path`."""
    measured: dict[str, tuple[set[int], set[int]]] = {}
    for name in _wanted_files(cov, config):
        try:
            _filename, statements, _excluded, missing, _text = cov.analysis2(name)
        except Exception as error:  # coverage.py's NoSource / NotPython: the file is gone or not Python
            sys.stderr.write(f"pytest-patterns coverage: {name} skipped ({error})\n")
            continue
        measured[os.path.realpath(name)] = (set(statements), set(statements) - set(missing))
    import coverage  # pytest-cov's dependency; present whenever `cov` is

    write_report(path, measured, f"coverage.py {coverage.__version__} through pytest-cov")


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """After pytest-cov finished (it stops and combines at the end of the test loop)."""
    path = os.environ.get(REPORT_ENV)
    cov = _coverage_of(config)
    if not path or cov is None or hasattr(config, "workerinput"):
        return
    try:
        export(cov, config, path)
    except OSError as error:
        sys.stderr.write(f"pytest-patterns coverage: cannot write {path}: {error}\n")
