"""One shared Assistant for the whole app, built in the background so the UI is up at once.

Indexing the corpus on first start takes a while (embedding model + chunks); the page
shows its progress instead of the server appearing dead. Every core call goes through
`holder.lock`: asks read the index while add_brief writes it, and the core makes no
thread-safety promise, so they are serialised (asks are fast; uploads are rare).
"""
from __future__ import annotations

import sys
import threading
import time

from assistant.settings import Settings

from assistant import Assistant


class NotReady(RuntimeError):
    """The index is still being built (or failed to build)."""


class AssistantHolder:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.lock = threading.RLock()
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
            with self.lock:
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
