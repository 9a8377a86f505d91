"""A tiny OpenAI-compatible chat-completions server for tests (stdlib http.server, 127.0.0.1).

It stands in for an external model server (Ollama, vLLM, ...), not for any part of our stack:
the client code under test talks real HTTP to it, JSON or server-sent events. What it answers is
scripted: by default one sentence copied from each of the first sources of the prompt, with
their markers, so a grounded answer with resolving citations comes back over the wire."""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

SOURCE_RE = re.compile(r"^\[(\d+)\] [^\n]*\n(.*?)(?=\n\n\[\d+\] |\n\nQuestion: |\Z)", re.S | re.M)


def prompt_sources(body: dict) -> dict[int, str]:
    """Source number -> source text, from the last user message of a chat request."""
    last = [m for m in body.get("messages", []) if m.get("role") == "user"][-1]
    content = last["content"] if isinstance(last["content"], str) else " ".join(p.get("text", "") for p in last["content"])
    return {int(n): text.strip() for n, text in SOURCE_RE.findall(content)}


def first_sentence(text: str) -> str:
    line = next((ln.lstrip("• ").strip() for ln in text.split("\n") if ln.strip()), "")
    m = re.search(r"^(.+?[.!?])(\s|$)", line)
    return (m.group(1) if m else line).rstrip(".!?")


def copy_sources(body: dict, count: int = 2) -> str:
    """A grounded reply: the first sentence of sources 1..count, each with its marker."""
    sources = prompt_sources(body)
    return " ".join(f"{first_sentence(sources[n])} [{n}]." for n in sorted(sources)[:count])


class StubServer:
    """Serves POST /v1/chat/completions on a free port until stop(); mode picks the behaviour:
    "ok" (reply(body)), "garbage" (HTTP 200 that is not the protocol), "slow" (silent for delay s
    before answering), "trickle" (a piece every delay s, forever: the client must give up).
    chunk_delay > 0 makes "ok" streams pause that long after each piece, so a page can show them arrive."""

    def __init__(self, reply: Callable[[dict], str] = copy_sources):
        self.reply = reply
        self.mode = "ok"
        self.delay = 5.0
        self.chunk_delay = 0.0
        self.requests: list[dict] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                stub.requests.append(body)
                try:
                    stub._answer(self, body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- the protocol -------------------------------------------------------------------
    def _answer(self, h: BaseHTTPRequestHandler, body: dict) -> None:
        if self.mode == "garbage":
            return self._send(h, 200, "text/html", b"<html>502 upstream confused</html>")
        if self.mode == "slow":
            time.sleep(self.delay)
        text = self.reply(body)
        if not body.get("stream"):
            msg = {"id": "stub-1", "object": "chat.completion", "created": int(time.time()), "model": "stub",
                   "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                   "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
            return self._send(h, 200, "application/json", json.dumps(msg).encode())
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.send_header("Cache-Control", "no-cache")
        h.end_headers()
        pieces = re.findall(r"\S+\s*", text)
        while True:
            for i, piece in enumerate(pieces):
                delta = {"role": "assistant", "content": piece} if i == 0 else {"content": piece}
                self._event(h, {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
                time.sleep(self.delay if self.mode == "trickle" else self.chunk_delay)
            if self.mode != "trickle":
                break
        self._event(h, {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        h.wfile.write(b"data: [DONE]\n\n")
        h.wfile.flush()

    @staticmethod
    def _event(h: BaseHTTPRequestHandler, payload: dict) -> None:
        chunk = {"id": "stub-1", "object": "chat.completion.chunk", "created": int(time.time()), "model": "stub", **payload}
        h.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        h.wfile.flush()

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, code: int, ctype: str, data: bytes) -> None:
        h.send_response(code)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)
