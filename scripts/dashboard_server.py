"""Start and stop ``streamlit run dashboard.py`` on loopback, for tests and benchmarks.

One place for the command line and the health wait, shared by the browser
tests, ``scripts/bench_dashboard.py`` and ``scripts/load_test.py``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(db: Path, log: Path, extra_env: dict[str, str] | None = None,
                    timeout: float = 90, clean_env: bool = False,
                    script: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Run the dashboard on store ``db`` (output to ``log``); return the process and URL once healthy.

    ``clean_env`` drops the caller's ``GEO_*`` variables first. The server gets
    a session of its own, so :func:`stop_dashboard` stops it with its children.
    ``script`` runs another app the same way (the benchmark's reference page).

    Raises:
        RuntimeError: streamlit exited or did not become healthy in ``timeout`` seconds.
    """
    port = free_port()
    base = {k: v for k, v in os.environ.items() if not (clean_env and k.startswith("GEO_"))}
    env = {**base, "GEO_DB": str(db), **(extra_env or {})}
    script = script or REPO / "dashboard.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--server.enableStaticServing", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=script.parent, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return proc, url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    stop_dashboard(proc)
    raise RuntimeError(f"streamlit did not start in {timeout} s:\n{log.read_text()[-3000:]}")


def stop_dashboard(proc: subprocess.Popen) -> None:
    """Stop a server from :func:`start_dashboard`: SIGTERM to its session, SIGKILL if it lingers."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
