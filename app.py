"""Start the briefs-assistant web app: `python app.py [--port N] [--host H]`.

Thin on purpose: arguments and launch only; the app itself is assistant.web.blocks.
Bind address: --host, else GRADIO_SERVER_NAME, else settings (127.0.0.1).
Port: --port, else GRADIO_SERVER_PORT, else settings (7860); 0 picks a free port.
A non-loopback address needs a users file (BRIEFS_APP__USERS_FILE): the app refuses to start
without one. The line "[app] Serving on http://HOST:PORT/" says where it listens.
"""
from __future__ import annotations

import argparse
import os
import socket
import sys

from assistant.settings import Settings, force_offline

force_offline()  # before gradio is imported: it reads GRADIO_ANALYTICS_ENABLED at import

from assistant.web.auth import Access, AuthConfigError  # noqa: E402
from assistant.web.blocks import build, launch_kwargs  # noqa: E402
from assistant.web.runtime import AssistantHolder  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="MERICS China Industries briefs assistant (web app)")
    p.add_argument("--port", type=int, help="port (default: GRADIO_SERVER_PORT or 7860; 0 = any free port)")
    p.add_argument("--host", help="bind address (default: GRADIO_SERVER_NAME or 127.0.0.1)")
    return p.parse_args(argv)


def free_port(host: str) -> int:
    """gradio binds the number it is given; 0 is resolved here to a port free right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings()
    host = args.host or os.environ.get("GRADIO_SERVER_NAME") or settings.app.host
    port = args.port if args.port is not None else int(os.environ.get("GRADIO_SERVER_PORT") or settings.app.port)
    try:
        access = Access.for_bind(host, settings.app.users_file)
    except AuthConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    holder = AssistantHolder(settings).start()  # index builds while the page is already up
    demo = build(holder, access)
    demo.queue(default_concurrency_limit=settings.app.concurrency)
    demo.launch(server_name=host, server_port=port or free_port(host), share=False, inbrowser=False,
                show_error=True, prevent_thread_lock=True, **launch_kwargs(holder, access))
    print(f"[app] Serving on {demo.local_url}" + (" (login required)" if access.required else ""),
          file=sys.stderr, flush=True)
    demo.block_thread()
    return 0


if __name__ == "__main__":
    sys.exit(main())
