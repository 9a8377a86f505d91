"""Start the briefs-assistant web app: `python app.py [--port N] [--host H]`.

Thin on purpose: arguments and launch only; the app itself is assistant.web.blocks.
Bind address: --host, else GRADIO_SERVER_NAME, else settings (127.0.0.1).
Port: --port, else GRADIO_SERVER_PORT, else settings (7860).
"""
from __future__ import annotations

import argparse
import os

from assistant.settings import Settings, force_offline

force_offline()  # before gradio is imported: it reads GRADIO_ANALYTICS_ENABLED at import

from assistant.web.blocks import build, launch_kwargs  # noqa: E402
from assistant.web.runtime import AssistantHolder  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="MERICS China Industries briefs assistant (web app)")
    p.add_argument("--port", type=int, help="port (default: GRADIO_SERVER_PORT or 7860)")
    p.add_argument("--host", help="bind address (default: GRADIO_SERVER_NAME or 127.0.0.1)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    settings = Settings()
    host = args.host or os.environ.get("GRADIO_SERVER_NAME") or settings.app.host
    port = args.port or int(os.environ.get("GRADIO_SERVER_PORT") or settings.app.port)
    holder = AssistantHolder(settings).start()  # index builds while the page is already up
    demo = build(holder)
    demo.queue(default_concurrency_limit=4)
    demo.launch(server_name=host, server_port=port, share=False, inbrowser=False,
                show_error=True, **launch_kwargs(holder))


if __name__ == "__main__":
    main()
