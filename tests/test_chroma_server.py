"""Server mode: the same index and answers through a real `chroma run` server."""
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import Assistant, Settings

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def chroma_server(tmp_path):
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(tmp_path / "srv"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_ask_through_chroma_server(chroma_server, tmp_path):
    s = Settings(data_dir=tmp_path / "unused", corpus_dir=ROOT / "corpus",
                 index={"chroma_host": "127.0.0.1", "chroma_port": chroma_server})
    a = Assistant(s)
    assert a.store.count() > 50 and a.last_sync.embedded == a.store.count()
    ans = a.ask("What are China's lithium battery measures?")
    assert {"merics-china-industries-2021-11#top5-3", "merics-china-industries-2022-11#top5-2"} <= {c.item_id for c in ans.citations}
    again = Assistant(s)  # a second client reuses the server's store: nothing re-embedded
    assert again.last_sync.embedded == 0
