"""Pytest plugin of the Pytest Patterns extension: streams per-test events to the runner.

Loaded through the environment, because `cargo test` sits between the runner and pytest:

    PYTHONPATH=<this folder>:$PYTHONPATH
    PYTEST_ADDOPTS="-p pytest_patterns_reporter ..."

Environment read here:

    PYTEST_PATTERNS_EVENTS   "127.0.0.1:<port>" (or just "<port>") of the runner's TCP listener.
    PYTEST_PATTERNS_SELECT   path of a file with one node id per line; everything else is deselected.
    PYTEST_PATTERNS_DEBUG_PORT  when set, wait for a debugpy client on 127.0.0.1:<port> (0: a free port).

Side channel: a TCP socket on the loopback rather than a file or a FIFO, because it streams
without polling, leaves nothing behind, works on every OS (no FIFOs on Windows), serves several
pytest sessions at once (a crate may run pytest from more than one test binary) and lets the
runner tell "the plugin never connected" (the harness dropped the environment) from "no tests".

With pytest-xdist (`-n`), tests run in worker processes and the controller reports them: only the
controller talks to the runner. A worker selects the requested tests and attaches where a test
failed and what its failing `==` compared to the test's report, which xdist carries to the
controller with the report. Debugging and the built-in coverage tracer need the tests in the
process they watch, so they turn distribution off (with a notice). With pytest-rerunfailures, the
attempts it repeats are not results: a test's one result is its last attempt's, listing the
causes of the failed ones (`reruns`).

Every event is one JSON object per line with an "event" field. Only the standard library is used.
"""

from __future__ import annotations

import doctest
import json
import os
import pprint
import socket
import sys
import threading
from pathlib import Path
from typing import Any, Optional

import pytest

PROTOCOL_VERSION = 1
EVENTS_ENV = "PYTEST_PATTERNS_EVENTS"
SELECT_ENV = "PYTEST_PATTERNS_SELECT"
DEBUG_PORT_ENV = "PYTEST_PATTERNS_DEBUG_PORT"
# Pretty-printed reprs longer than this are cut, so one huge object cannot flood the channel.
MAX_REPR_CHARS = 20_000


class EventChannel:
    """Writes JSON lines to the runner; silent no-op when no runner listens."""

    def __init__(self, address: Optional[str]) -> None:
        self._socket: Optional[socket.socket] = None
        self._lock = threading.Lock()
        if not address:
            return
        host, _, port = address.rpartition(":")
        try:
            self._socket = socket.create_connection((host or "127.0.0.1", int(port)), timeout=10)
            self._socket.settimeout(None)
        except (OSError, ValueError) as error:
            sys.stderr.write(f"pytest-patterns: cannot reach the runner at {address}: {error}\n")

    def send(self, event: str, **fields: Any) -> None:
        """Send one event; a broken channel is reported once and then ignored."""
        if self._socket is None:
            return
        line = json.dumps({"event": event, **fields}, default=str) + "\n"
        with self._lock:
            try:
                self._socket.sendall(line.encode("utf-8"))
            except OSError as error:
                sys.stderr.write(f"pytest-patterns: event channel closed: {error}\n")
                self._socket = None

    def close(self) -> None:
        """Close the connection so the runner sees the end of this session."""
        if self._socket is not None:
            try:
                self._socket.close()
            finally:
                self._socket = None


def _read_selection(path: Optional[str]) -> Optional[list[str]]:
    """Node ids to keep, or None when no selection was given."""
    if not path:
        return None
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def _selects(wanted: str, nodeid: str) -> bool:
    """True when `wanted` is the node id itself or one of its parents (file, class, function of a case)."""
    if nodeid == wanted:
        return True
    return nodeid.startswith(wanted) and nodeid[len(wanted)] in (":", "[")


def _failing_location(item: pytest.Item, excinfo: Optional[pytest.ExceptionInfo[BaseException]]) -> tuple[str, int]:
    """File and 1-based line where the test failed.

    Preference: the frame of the test function itself (the line in the test's body), else the
    deepest frame in the test's file (a helper there), else the deepest frame of the project
    (under rootdir: a conftest fixture), else the test's definition. Never a frame outside the
    project: when pytest itself fails the test (an async test no plugin runs) or a plugin's
    fixture fails, the editor shows the message at the test, and the stack trace has the rest.
    """
    test_file = Path(str(item.path)).resolve()
    fallback = (str(test_file), item.location[1] + 1 if item.location[1] is not None else 1)
    if excinfo is None:
        return fallback
    test_code = getattr(getattr(item, "obj", None), "__code__", None)
    in_test_function: Optional[tuple[str, int]] = None
    in_test_file: Optional[tuple[str, int]] = None
    in_project: Optional[tuple[str, int]] = None
    rootdir = Path(str(item.config.rootpath)).resolve()
    for entry in excinfo.traceback:
        if not entry.path:
            continue
        entry_path = Path(str(entry.path)).resolve()
        location = (str(entry_path), entry.lineno + 1)
        if rootdir in entry_path.parents and "site-packages" not in entry_path.parts:
            in_project = location
        if entry_path == test_file:
            in_test_file = location
            if test_code is not None and entry.frame.code.raw is test_code:
                in_test_function = location
    return in_test_function or in_test_file or in_project or fallback


def _pretty(value: object) -> str:
    """pprint a compared value so a line diff of expected/actual is readable."""
    text = pprint.pformat(value, width=88, sort_dicts=True)
    return text if len(text) <= MAX_REPR_CHARS else text[:MAX_REPR_CHARS] + "\n..."


def _failure_message(report: pytest.TestReport) -> str:
    """The one-line cause of a failed report (pytest's crash line), else its whole longrepr."""
    crash = getattr(report.longrepr, "reprcrash", None)
    return crash.message if crash is not None else str(report.longrepr)


def _skip_reason(report: pytest.TestReport) -> str:
    """Reason text of a skip (pytest stores it as (file, line, 'Skipped: reason'))."""
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr or "")


def _doctest_failure(error: BaseException) -> dict[str, Any]:
    """A failing doctest's first failing example: its line, and what it printed against what it wanted."""
    failures = getattr(error, "failures", None)  # pytest's MultipleDoctestFailures
    first = failures[0] if failures else error
    test, example = getattr(first, "test", None), getattr(first, "example", None)
    if not isinstance(test, doctest.DocTest) or not isinstance(example, doctest.Example):
        return {}
    notes: dict[str, Any] = {}
    if test.filename and test.lineno is not None:
        notes["file"], notes["line"] = str(Path(test.filename).resolve()), test.lineno + example.lineno + 1
    if isinstance(first, doctest.DocTestFailure):
        notes["expected"], notes["actual"] = example.want, first.got
    return notes


NOTES_ATTRIBUTE = "pytest_patterns"


def _describe(item: pytest.Item) -> dict[str, Any]:
    """The fields of a `collected` or `deselected` event."""
    line = item.location[1]
    return {
        "nodeid": item.nodeid,
        "file": str(Path(str(item.path)).resolve()),
        "line": (line + 1) if line is not None else None,
        "name": item.name,
        "markers": sorted({marker.name for marker in item.iter_markers()}),
    }


def _skip_location(report: pytest.CollectReport) -> tuple[str, Optional[int], str]:
    """Where a collector was skipped (its file, the 1-based line of the skip) and why."""
    file = str(Path(report.fspath).resolve()) if report.fspath else ""
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        path, line, message = longrepr
        reason = str(message).removeprefix("Skipped: ")
        # pytest's crash location: the line is already 1-based (its `-rs` summary prints it as is).
        return str(Path(str(path)).resolve()) if path else file, line if isinstance(line, int) else None, reason
    return file, None, str(longrepr)


def _deselecting_options(config: pytest.Config) -> str:
    """The session's options that deselect tests, as a user would write them ('' when none)."""
    options = []
    if getattr(config.option, "markexpr", ""):
        options.append(f'-m "{config.option.markexpr}"')
    if getattr(config.option, "keyword", ""):
        options.append(f'-k "{config.option.keyword}"')
    if getattr(config.option, "deselect", None):
        options.extend(f"--deselect {prefix}" for prefix in config.option.deselect)
    return " ".join(options)


def _deselection_reason(config: pytest.Config) -> str:
    """What deselected a test: those options, or else a plugin's own choice."""
    return _deselecting_options(config) or "a pytest plugin"


def _select(config: pytest.Config, items: list[pytest.Item], selection: list[str]) -> list[str]:
    """Deselect every item the selection does not name; returns the wanted ids that named nothing."""
    kept: list[pytest.Item] = []
    deselected: list[pytest.Item] = []
    matched: set[str] = set()
    for item in items:
        hits = [wanted for wanted in selection if _selects(wanted, item.nodeid)]
        matched.update(hits)
        (kept if hits else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
    return [wanted for wanted in selection if wanted not in matched]


class Selection:
    """An xdist worker's share of the reporter: keep only the requested tests (the controller says what matched nothing)."""

    def __init__(self, selection: Optional[list[str]]) -> None:
        self.selection = selection

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        if self.selection is not None:
            _select(config, items, self.selection)


class FailureNotes:
    """Attaches where a test failed and what its failing `==` compared to the test's report.

    Kept on the report rather than in the reporter because with pytest-xdist the test runs in a
    worker: xdist serializes the report's attributes, so the controller's reporter reads them there.
    """

    def __init__(self) -> None:
        self.current: Optional[tuple[str, str]] = None
        self.comparisons: dict[tuple[str, str], tuple[str, str]] = {}

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self.current = (item.nodeid, "setup")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> None:
        self.current = (item.nodeid, "call")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> None:
        self.current = (item.nodeid, "teardown")

    def pytest_assertrepr_compare(self, config: pytest.Config, op: str, left: object, right: object) -> None:
        # Remember the operands of the last failing `==` so the runner can show a diff.
        # Returning None leaves pytest's own explanation untouched.
        if op == "==" and self.current is not None:
            self.comparisons[self.current] = (_pretty(left), _pretty(right))
        return None

    # Old-style hookwrapper (not wrapper=True) so the plugin also loads on pytest 7.
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
        outcome = yield
        comparison = self.comparisons.pop((item.nodeid, call.when), None)
        if call.when == "teardown":
            self.current = None
        if call.excinfo is None:
            return
        notes: dict[str, Any] = {}
        notes["file"], notes["line"] = _failing_location(item, call.excinfo)
        # A comparison that failed inside e.g. pytest.raises is not this failure's cause.
        if comparison is not None and call.excinfo.errisinstance(AssertionError):
            notes["actual"], notes["expected"] = comparison
        notes.update(_doctest_failure(call.excinfo.value))
        setattr(outcome.get_result(), NOTES_ATTRIBUTE, notes)


class Reporter:
    """Sends the session's events to the runner; one instance, in the process that reports results."""

    def __init__(self, config: pytest.Config, selection: Optional[list[str]]) -> None:
        self.config = config
        self.channel = EventChannel(os.environ.get(EVENTS_ENV))
        self.selection = selection
        self.reports: dict[str, list[pytest.TestReport]] = {}
        self.notices: list[str] = []
        self.unmatched_sent = False
        # pytest-rerunfailures: the failure messages of the attempts it repeated, per test.
        self.reruns: dict[str, list[str]] = {}
        # Tests the session's own options deselected (-m, -k, --deselect, a plugin), in pytest's order:
        # they exist, so the runner keeps them, and a run that asks for one learns why it did not run.
        self.deselected: dict[str, pytest.Item] = {}
        self.selecting = False  # our own selection's deselections are not the session's
        # Position of each item in pytest's collection (source) order, which plugins may later shuffle.
        self.collection_order: dict[str, int] = {}

    # -- session -----------------------------------------------------------------------------
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.channel.send(
            "sessionStart",
            protocol=PROTOCOL_VERSION,
            pid=os.getpid(),
            python=sys.executable,
            pytestVersion=pytest.__version__,
            rootdir=str(session.config.rootpath),
            collectOnly=bool(session.config.option.collectonly),
        )
        for message in self.notices:
            self.channel.send("notice", kind="singleProcess", message=message)
        self._wait_for_debugger(session)

    def _wait_for_debugger(self, session: pytest.Session) -> None:
        """In debug mode: start debugpy, tell the runner where it listens, block until a client attaches.

        Port 0 (the runner's default) lets debugpy's adapter pick a free loopback port, so a debug run
        never collides with another debug session; the port it got is what `debugListening` reports.
        When debugging cannot start, no test runs: a debug run that silently ran undebugged would
        look like a debugger that ignores breakpoints.
        """
        port = os.environ.get(DEBUG_PORT_ENV)
        if port is None or port.strip() == "":
            return
        try:
            import debugpy  # type: ignore[import-not-found]
        except ImportError as error:
            self._stop_debugging(session, f"debugpy is not importable in {sys.executable} ({error}). Install it there to debug tests.")
            return
        try:
            host, actual_port = debugpy.listen(("127.0.0.1", int(port)))
        except (RuntimeError, OSError, ValueError) as error:
            self._stop_debugging(session, f"debugpy could not listen on 127.0.0.1:{port}: {error}")
            return
        self.channel.send("debugListening", host=str(host), port=int(actual_port))
        debugpy.wait_for_client()

    def _stop_debugging(self, session: pytest.Session, message: str) -> None:
        """Report why debugging could not start and stop the session before it collects anything.

        `shouldstop` rather than pytest.exit(): an exit raised in sessionstart skips sessionfinish,
        and the runner would take the missing sessionFinish for a crash.
        """
        self.channel.send("debugError", message=message)
        session.shouldstop = message

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self.channel.send("sessionFinish", exitstatus=int(exitstatus))
        self.channel.close()

    # -- collection --------------------------------------------------------------------------
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        if self.selection is None:
            return
        self.selecting = True
        try:
            unmatched = _select(config, items, self.selection)
        finally:
            self.selecting = False
        deselected = [wanted for wanted in unmatched if any(_selects(wanted, nodeid) for nodeid in self.deselected)]
        if deselected:
            self.channel.send("selectionDeselected", nodeids=deselected, reason=_deselection_reason(config))
        self._send_unmatched([wanted for wanted in unmatched if wanted not in deselected])

    def pytest_itemcollected(self, item: pytest.Item) -> None:
        self.collection_order.setdefault(item.nodeid, len(self.collection_order))

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        if not self.selecting:
            for item in items:
                self.deselected.setdefault(item.nodeid, item)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: object, ids: list[str]) -> None:
        """With xdist the workers collect and select; every worker has the same ids, so the first says it."""
        if self.selection is not None and not self.unmatched_sent:
            # The workers deselect: what the session's options took out cannot be told from the renamed here.
            options = _deselecting_options(self.config)
            self._send_unmatched([wanted for wanted in self.selection if not any(_selects(wanted, nodeid) for nodeid in ids)], options)

    def _send_unmatched(self, unmatched: list[str], maybe_deselected_by: str = "") -> None:
        self.unmatched_sent = True
        if unmatched:
            self.channel.send("selectionUnmatched", nodeids=unmatched, maybeDeselectedBy=maybe_deselected_by or None)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.channel.send(
                "collectError",
                nodeid=report.nodeid,
                file=str(Path(report.fspath).resolve()) if report.fspath else "",
                message=str(report.longrepr),
            )
        elif report.skipped:
            # `pytest.skip(..., allow_module_level=True)` or `importorskip` on import: nothing under
            # it is collected, and that is the module's result, not a missing test.
            where, line, reason = _skip_location(report)
            self.channel.send("collectSkipped", nodeid=report.nodeid, file=where, line=line, reason=reason)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Every collected test in pytest's collection order, the deselected ones among them marked so."""
        reason = _deselection_reason(session.config)
        unknown = len(self.collection_order)  # an item a plugin added: after the collected ones, in its place
        listed = [(item, False) for item in session.items] + [(item, True) for item in self.deselected.values()]
        for item, deselected in sorted(listed, key=lambda entry: self.collection_order.get(entry[0].nodeid, unknown)):
            if deselected:
                self.channel.send("deselected", **_describe(item), reason=reason)
            else:
                self.channel.send("collected", **_describe(item))
        self.channel.send("collectionFinish", count=len(session.items))

    # -- running -----------------------------------------------------------------------------
    def pytest_runtest_logstart(self, nodeid: str, location: tuple[str, Optional[int], str]) -> None:
        self.reports[nodeid] = []
        if nodeid not in self.reruns:  # a rerun attempt: the test already shows as running
            self.channel.send("started", nodeid=nodeid)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.reports.setdefault(report.nodeid, []).append(report)

    def pytest_runtest_logfinish(self, nodeid: str, location: tuple[str, Optional[int], str]) -> None:
        reports = self.reports.pop(nodeid, [])
        rerun = next((report for report in reports if report.outcome == "rerun"), None)
        if rerun is not None:
            # pytest-rerunfailures runs the test again: this attempt is not its result.
            self.reruns.setdefault(nodeid, []).append(_failure_message(rerun))
            return
        if reports:
            self.channel.send("result", **self._result(nodeid, reports, self.reruns.pop(nodeid, [])))

    def _result(self, nodeid: str, reports: list[pytest.TestReport], reruns: list[str]) -> dict[str, Any]:
        """Fold the setup/call/teardown reports of one test into one outcome."""
        decisive = self._decisive(reports)
        outcome = self._outcome(decisive)
        last = reports[-1]
        fields: dict[str, Any] = {
            "nodeid": nodeid,
            "outcome": outcome,
            "when": decisive.when,
            "duration": sum(report.duration for report in reports),
            "stdout": last.capstdout,
            "stderr": last.capstderr,
            "log": last.caplog,
        }
        if reruns:
            fields["reruns"] = reruns
        if outcome in ("failed", "error"):
            fields["message"] = _failure_message(decisive)
            fields["longrepr"] = str(decisive.longrepr)
            # Only the fields FailureNotes writes: the attribute may come from another process.
            notes = getattr(decisive, NOTES_ATTRIBUTE, None) or {}
            fields.update({key: notes[key] for key in ("file", "line", "actual", "expected") if key in notes})
        elif outcome in ("skipped", "xfailed"):
            fields["message"] = getattr(decisive, "wasxfail", "") or _skip_reason(decisive)
        elif outcome == "xpassed":
            fields["message"] = getattr(decisive, "wasxfail", "")
        return fields

    @staticmethod
    def _decisive(reports: list[pytest.TestReport]) -> pytest.TestReport:
        """The report that decides the outcome: the first failure, else the first skip, else call."""
        for report in reports:
            if report.failed:
                return report
        for report in reports:
            if report.skipped:
                return report
        for report in reports:
            if report.when == "call":
                return report
        return reports[-1]

    @staticmethod
    def _outcome(report: pytest.TestReport) -> str:
        was_xfail = hasattr(report, "wasxfail")
        if report.failed:
            return "failed" if report.when == "call" else "error"
        if report.skipped:
            return "xfailed" if was_xfail else "skipped"
        return "xpassed" if was_xfail else "passed"


def _distributes(config: pytest.Config) -> bool:
    """True in an xdist controller that is about to start workers (xdist reads this after us)."""
    option = config.option
    return getattr(option, "dist", "no") != "no" and bool(getattr(option, "tx", None)) and not option.collectonly


def _run_in_one_process(config: pytest.Config, why: str) -> str:
    """Turn pytest-xdist's distribution off for this session; the notice says why."""
    config.option.dist = "no"
    config.option.tx = []
    return f"pytest-xdist's -n is ignored for this run: {why}, so the tests run in one process."


# tryfirst: before pytest-xdist's (trylast) pytest_configure decides whether to start workers.
@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Register the plugins once per session: the reporter only where results are reported."""
    manager = config.pluginmanager
    if manager.has_plugin("pytest-patterns-failure-notes"):
        return
    manager.register(FailureNotes(), "pytest-patterns-failure-notes")
    selection = _read_selection(os.environ.get(SELECT_ENV))
    if hasattr(config, "workerinput"):
        # An xdist worker: it runs the tests, its controller reports them.
        manager.register(Selection(selection), "pytest-patterns-selection")
        return
    reporter = Reporter(config, selection)
    if _distributes(config):
        if os.environ.get(DEBUG_PORT_ENV, "").strip():
            reporter.notices.append(_run_in_one_process(config, "the debugger attaches to one process"))
        elif manager.has_plugin("pytest_patterns_coverage"):
            reporter.notices.append(_run_in_one_process(config, "the built-in coverage tracer measures one process (pytest-cov measures workers)"))
    manager.register(reporter, "pytest-patterns-reporter")
