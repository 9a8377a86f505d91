"""Who may use the app: users file, password hashes, loopback rule, editor vs reader."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.web.auth import Access, AuthConfigError, check_password, hash_password, is_loopback, load_users

ROOT = Path(__file__).resolve().parent.parent


def test_hash_round_trip_and_salt():
    h = hash_password("s3cret", iterations=1000)
    assert h.startswith("pbkdf2_sha256$1000$") and "s3cret" not in h
    assert check_password("s3cret", h) and not check_password("S3cret", h)
    assert hash_password("s3cret", iterations=1000) != h  # salted
    assert not check_password("x", "garbage") and not check_password("x", "md5$1$a$b")


def test_users_file_is_checked_line_by_line(tmp_path):
    f = tmp_path / "users.txt"
    f.write_text(f"# team\nann:editor:{hash_password('a', iterations=1000)}\nbob:admin:{hash_password('b', iterations=1000)}\n")
    with pytest.raises(AuthConfigError, match=r"users.txt:3"):
        load_users(f)
    with pytest.raises(AuthConfigError, match="cannot|No such"):
        load_users(tmp_path / "missing.txt")


def test_public_bind_needs_users(tmp_path):
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert is_loopback(host) and not Access.for_bind(host, None).required
    for host in ("0.0.0.0", "192.168.1.5", "::", "example.org"):
        assert not is_loopback(host)
        with pytest.raises(AuthConfigError, match="refusing"):
            Access.for_bind(host, None)


def test_roles(tmp_path):
    f = tmp_path / "users.txt"
    f.write_text(f"ann:editor:{hash_password('a', iterations=1000)}\nbob:reader:{hash_password('b', iterations=1000)}\n")
    access = Access.for_bind("0.0.0.0", f)
    assert access.required and access.check("ann", "a") and access.check("bob", "b")
    assert not access.check("bob", "a") and not access.check("eve", "a")
    assert access.may_edit("ann") and not access.may_edit("bob") and not access.may_edit(None)
    assert Access().may_edit(None)  # loopback, no users: the one local user may do everything


def test_cli_adds_and_replaces_users(tmp_path):
    f = tmp_path / "users.txt"
    for role, pw in (("reader", "one"), ("editor", "two")):
        r = subprocess.run([sys.executable, "-m", "assistant.web.auth", "add", "ann", "--role", role, "--file", str(f)],
                           input=pw + "\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert r.returncode == 0, r.stderr
    users = load_users(f)
    assert list(users) == ["ann"] and users["ann"].role == "editor"
    assert check_password("two", users["ann"].password_hash) and "two" not in f.read_text()
    assert f.stat().st_mode & 0o077 == 0  # not readable by others
