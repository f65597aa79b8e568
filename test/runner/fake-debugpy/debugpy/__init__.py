"""Stand-in for debugpy (not installable here): records listen/wait_for_client calls.

It lets the runner test check that debug mode asks the plugin to listen on the chosen port
and that the run goes on once a client "attached". The real debugpy has the same two calls.
"""

from __future__ import annotations

import os
import sys

calls: list[str] = []


def listen(address: tuple[str, int]) -> None:
    """Pretend to listen; report the address on stderr for the test to read."""
    sys.stderr.write(f"fake-debugpy listen {address[0]}:{address[1]} pid {os.getpid()}\n")


def wait_for_client() -> None:
    """Pretend a client attached at once."""
    sys.stderr.write("fake-debugpy client attached\n")
