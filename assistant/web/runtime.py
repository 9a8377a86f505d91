"""One shared Assistant for the whole app, built in the background so the UI is up at once.

Indexing the corpus on first start takes a while (embedding model + chunks); the page
shows its progress instead of the server appearing dead. Core calls go through a
readers-writer lock: asks only read the index and run in parallel (their shared caches
are safe to update concurrently), while add_brief and re-indexing change it and run alone.
"""
from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from assistant.settings import Settings

from assistant import Assistant


class NotReady(RuntimeError):
    """The index is still being built (or failed to build)."""


class ReadWriteLock:
    """Many readers or one writer. Writers are preferred: a waiting upload is not starved by a
    stream of asks. Not reentrant: a holder must not take it again (nothing in the app does)."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:  # an error in one request never keeps the lock from others
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class AssistantHolder:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.lock = ReadWriteLock()  # .read() for asks and listings, .write() for corpus changes
        self.message = "Starting…"
        self.fraction = 0.0
        self.error = ""
        self.ready_since = 0.0
        self._assistant: Assistant | None = None
        self._done = threading.Event()
        self._last_print = 0.0

    def start(self) -> "AssistantHolder":
        threading.Thread(target=self._build, name="index-build", daemon=True).start()
        return self

    def _build(self) -> None:
        started = time.perf_counter()
        try:
            with self.lock.write():
                self._assistant = Assistant(self.settings, progress=self.progress)
            n = sum(len(b.items) for b in self._assistant.briefs())
            self.message = (f"Index ready: {len(self._assistant.briefs())} briefs, {n} items "
                            f"({time.perf_counter() - started:.1f} s).")
            self.fraction = 1.0
            self.ready_since = time.time()
        except Exception as e:  # shown in the UI banner: the app stays up to say why
            self.error = f"{type(e).__name__}: {e}"
        finally:
            line = f"Index could not be built: {self.error}" if self.error else self.message
            print(f"[app] {line}", file=sys.stderr, flush=True)
            self._done.set()

    def progress(self, message: str, fraction: float) -> None:
        """Core progress callback; also echoed to the terminal (at most twice a second)."""
        self.message, self.fraction = message, fraction
        now = time.monotonic()
        if now - self._last_print > 0.5 or fraction >= 1.0:
            self._last_print = now
            print(f"[app] indexing {fraction:4.0%} {message}", file=sys.stderr, flush=True)

    @property
    def ready(self) -> bool:
        return self._done.is_set() and self._assistant is not None

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        self._done.wait(timeout)
        return self.ready

    @property
    def assistant(self) -> Assistant:
        if self.error:
            raise NotReady(f"The index could not be built: {self.error}")
        if self._assistant is None:
            raise NotReady(f"Still indexing the corpus ({self.fraction:.0%}): {self.message}")
        return self._assistant
