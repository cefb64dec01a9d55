"""Real services for pipeline tests: a private redis-server on a free port and Celery worker processes.

Nothing here is mocked: the worker is `celery worker` (prefork) run through tests/moderation/worker_main.py,
which only adds test hooks (a deterministic delay, a "task started" marker) around the real engine.
Everything started is killed in teardown, even when a test fails.
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout: float, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class RedisServer:
    """A throw-away redis-server (no persistence) that tests may stop and start again on the same port."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.2, socket_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def start(self) -> RedisServer:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(self.ping, timeout=10, what=f"redis-server on port {self.port}")
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            if self.proc.returncode is None:
                self.proc.send_signal(signal.SIGCONT)  # in case a test froze it
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> RedisServer:
        """Start again on the same port (empty: no persistence), like a Redis that came back."""
        self.stop()
        return self.start()

    def queue_length(self, queue: str) -> int:
        return redis.Redis(port=self.port).llen(queue)


def point_celery_at(url: str) -> str:
    """Make this (test) process publish to `url`; returns the previous broker URL."""
    from newsportal.celery import app

    previous = app.conf.broker_url
    # Settings came from Django with the CELERY_ namespace, so that is the key Celery reads first.
    app.conf["CELERY_BROKER_URL"] = url
    assert app.conf.broker_url == url
    # Drop pooled connections so the next publish connects to the new URL.
    app._pool = None
    app.amqp._producer_pool = None
    return previous


def test_database_url() -> str:
    """The URL of the database this test run uses (pytest-django's `test_` database), for worker processes."""
    s = connection.settings_dict
    auth = quote(s["USER"], safe="") + (f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """One `celery worker` process (and its prefork children) in its own process group."""

    def __init__(self, broker_url: str, log_dir: Path, *, name: str = "w", concurrency: int = 1, env=None):
        self.broker_url, self.name, self.concurrency = broker_url, name, concurrency
        self.log_path = Path(log_dir) / f"worker-{name}-{time.monotonic_ns()}.log"
        self.marker_path = self.log_path.with_suffix(".started")
        self.extra_env = dict(env or {})
        self.proc: subprocess.Popen | None = None

    def start(self, *, wait: bool = True) -> Worker:
        env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "REDIS_URL": self.broker_url,
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "MODERATION_TEST_STARTED_FILE": str(self.marker_path),
            "PYTHONPATH": str(ROOT),
            **self.extra_env,
        }
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.moderation.worker_main", "-A", "newsportal", "worker",
             "-Q", "moderation,bulk", "--concurrency", str(self.concurrency), "--prefetch-multiplier", "1",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-P", "prefork",
             "-n", f"{self.name}-{os.getpid()}@%h", "-l", "info"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        if wait:
            wait_for(lambda: self.log_contains("ready.") or self._died(), timeout=60, what=f"worker {self.name} ready")
            assert self.proc.poll() is None, self.log()
        return self

    def _died(self) -> bool:
        return self.proc.poll() is not None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_contains(self, text: str) -> bool:
        return text in self.log()

    def started_ids(self) -> list[int]:
        """Comment ids whose evaluation began in this worker (written by the test hook)."""
        if not self.marker_path.exists():
            return []
        return [int(line) for line in self.marker_path.read_text().split()]

    def children(self) -> list[int]:
        """Pids of the pool processes (children of the main worker process)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.proc.pid:
                    pids.append(int(stat.parent.name))
        return pids

    def kill(self, sig=signal.SIGKILL) -> None:
        """Kill the whole worker (main process and children) at once, like a machine losing power."""
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
            self.proc.wait(timeout=20)

    def stop(self) -> None:
        """Kill the group outright: the test is over, a graceful shutdown would only cost seconds."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        self._log.close()
