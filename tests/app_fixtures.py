"""Shared fixtures for the app tests: a brief writer and a running `python app.py` server.

Imported by test_app_browser.py and test_app_client.py (tests/conftest.py belongs to the
core). The server runs on tmp copies of the corpus and a fresh index folder, so the tests
never touch the repository's data/ and can add briefs freely.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CORPUS = ROOT / "corpus"
START_TIMEOUT_S = float(os.environ.get("APP_TEST_START_TIMEOUT", "600"))  # first index build
MAX_UPLOAD_BYTES = 60_000
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]  # small, so the oversize-upload test needs only a small file

BATTERY_2021 = "MIIT pushes battery makers to double down on innovation"
BATTERY_2022 = "Greater regulatory oversight to stabilize China’s battery supply chain"
BATTERY_QUESTION = "What are China's lithium battery measures?"
# In the tmp corpus from the start: a brief whose headline carries markup.
XSS_HEADLINE = 'Beijing sets <script>window.__xss=1</script> rules for quantum sensor <img src=x onerror="window.__xss=2"> makers'
# Outside links and images in brief text (the spaces defeat naive markdown stripping).
HOSTILE_LINK = "[official notice]( https://evil.example/login)"
HOSTILE_IMAGE = "![t]( http://203.0.113.5/pixel.png)"
HOSTILE_GLANCE = (f"MIIT released rules for quantum sensor makers <b>bold</b> & co., see the {HOSTILE_LINK} "
                  f"{HOSTILE_IMAGE} and www.evil.example/x.")
# Added through the upload tab by the browser test; its topic is in no corpus brief.
UPLOAD_HEADLINE = "Graphene desalination membranes get a national pilot programme"


def make_brief(month: str, topics: str, headline: str, glance: str, policy: str, policy_cn: str,
               issuers: str, day: int = 12) -> str:
    """Brief text in the corpus files' layout: one Top-5 item plus policy and corporate news."""
    y, m = (int(x) for x in month.split("-"))
    mon = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"][m - 1]
    return f"""Test cover image
MERICS Briefs
MERICS China Industries
3 min read

{topics}

MERICS' Top 5

1. {headline}

At a glance: {glance} The measures propose officials should:

  • Fund pilot plants in three coastal provinces
  • Publish national standards within two years

MERICS comment: {glance} Foreign suppliers may find new openings, but local champions will be favoured.


Policy name: {policy}
({policy_cn}) (Link)
Issuing bodies: {issuers}
Date: {mon} {day}, {y}

Worth Noting

Policy news

  • {mon} 3: The NDRC publishes a list of {topics.lower()} demonstration projects (NDRC notice (CN))

Corporate news

  • {mon} 5: A Shenzhen start-up raises CNY 200 million for {topics.lower()} equipment (Caixin article (EN))
Author(s)
"""


def xss_brief() -> str:
    return make_brief("2023-02", "Quantum sensing", XSS_HEADLINE, HOSTILE_GLANCE,
                      "Quantum Sensor Industry Rules <script>alert(1)</script>", "量子传感器产业规范",
                      "MIIT, MOST", day=9)


def upload_brief() -> str:
    return make_brief("2023-04", "Graphene desalination", UPLOAD_HEADLINE,
                      "The Ministry of Water Resources launched a pilot programme for graphene "
                      "desalination membranes in coastal cities.",
                      "Graphene Desalination Membrane Pilot Programme", "石墨烯海水淡化膜试点方案",
                      "MWR, NDRC", day=14)


@dataclass
class AppServer:
    url: str  # empty until the app reports where it listens
    corpus_dir: Path
    data_dir: Path
    log_path: Path
    proc: subprocess.Popen

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _wait_until_ready(server: AppServer, timeout: float) -> None:
    """Up = the HTTP server answers; ready = the background index build has finished."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"app exited with {server.proc.returncode}:\n{server.log()[-4000:]}")
        log = server.log()
        if not server.url and (m := SERVING_RE.search(log)):
            server.url = m.group(1)  # the app bound a free port itself and says which
        if server.url and "[app] Index ready" in log:
            try:
                urllib.request.urlopen(server.url, timeout=5).read(100)
                return
            except OSError:
                pass
        if "[app] Index could not be built" in log:
            break
        time.sleep(0.5)
    raise RuntimeError(f"app not ready after {timeout:.0f} s:\n{server.log()[-4000:]}")


SERVING_RE = re.compile(r"\[app\] Serving on (http://127\.0\.0\.1:\d+/)")


def write_users(path: Path, users: dict[str, tuple[str, str]]) -> Path:
    """A users file: name -> (role, password). Few hash iterations: test passwords guard nothing."""
    from assistant.web.auth import hash_password

    path.write_text("".join(f"{name}:{role}:{hash_password(pw, iterations=1000)}\n"
                            for name, (role, pw) in users.items()), encoding="utf-8")
    return path


def start_app(tmp: Path, extra_briefs: dict[str, str] | None = None,
              users: dict[str, tuple[str, str]] | None = None, args: tuple[str, ...] = (),
              env: dict[str, str] | None = None) -> AppServer:
    """`python app.py` on a tmp copy of the corpus; `env` overrides settings (BRIEFS_...)."""
    corpus = tmp / "corpus"
    shutil.copytree(CORPUS, corpus)
    for name, text in (extra_briefs or {}).items():
        (corpus / name).write_text(text, encoding="utf-8")
    data = tmp / "data"
    extra_env, env = env, dict(os.environ, BRIEFS_CORPUS_DIR=str(corpus), BRIEFS_DATA_DIR=str(data),
                               BRIEFS_APP__MAX_UPLOAD_BYTES=str(MAX_UPLOAD_BYTES), PYTHONUNBUFFERED="1",
                               GRADIO_ANALYTICS_ENABLED="False")
    env.pop("GRADIO_SERVER_PORT", None)  # --port must be the one used
    env.pop("BRIEFS_APP__USERS_FILE", None)
    if users:
        env["BRIEFS_APP__USERS_FILE"] = str(write_users(tmp / "users.txt", users))
    env.update(extra_env or {})
    log_path = tmp / "app.log"
    proc = subprocess.Popen([sys.executable, "app.py", "--port", "0", *args], cwd=ROOT, env=env,
                            stdout=log_path.open("w"), stderr=subprocess.STDOUT)
    server = AppServer("", corpus, data, log_path, proc)
    try:
        _wait_until_ready(server, START_TIMEOUT_S)
    except BaseException:
        stop_app(server)
        raise
    return server


def stop_app(server: AppServer) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """One app per test module, on a tmp corpus that also holds the <script> brief."""
    tmp = tmp_path_factory.mktemp("app")
    server = start_app(tmp, {"merics-china-industries-2023-02.txt": xss_brief()})
    yield server
    stop_app(server)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(server.log_path, ARTIFACTS / f"app-{tmp.name}.log")


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
