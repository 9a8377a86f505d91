"""Who may use the app and who may change the corpus.

On loopback with no users file the app is one person's tool and that person may do anything.
Served to a team it needs a users file (settings.app.users_file, never in the repository):
one `name:role:hash` line per user, role `editor` (chat, upload briefs, run evals) or `reader`
(chat only). Hashes are PBKDF2-SHA256 from the standard library; create lines with

    python -m assistant.web.auth add NAME --role reader --file users.txt
"""
from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import ipaddress
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROLES = ("editor", "reader")
EDITOR = "editor"
SCHEME = "pbkdf2_sha256"
# OWASP's 2023 floor for PBKDF2-SHA256 is 600k; one login costs ~0.3 s here, paid once per session.
ITERATIONS = 600_000


class AuthConfigError(ValueError):
    """The users file is missing, malformed, or the bind address needs one."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str


def hash_password(password: str, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"{SCHEME}${iterations}${b64(salt)}${b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        got = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8", "replace"),
                                  base64.b64decode(salt), int(iterations))
        return hmac.compare_digest(got, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


def load_users(path: Path) -> dict[str, User]:
    """Users of a users file; AuthConfigError naming file and line if it cannot be used."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise AuthConfigError(f"users file {path}: {e.strerror or e}") from e
    users: dict[str, User] = {}
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) != 3 or not parts[0] or parts[1] not in ROLES or not parts[2].startswith(SCHEME + "$"):
            raise AuthConfigError(f"{path}:{n}: expected name:role:{SCHEME}$… with role one of {', '.join(ROLES)}")
        users[parts[0]] = User(*parts)
    if not users:
        raise AuthConfigError(f"users file {path} names no user")
    return users


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


@dataclass
class Access:
    """The app's access rules: users (None = single local user, who may do everything)."""

    users: dict[str, User] | None = None

    @classmethod
    def for_bind(cls, host: str, users_file: Path | None) -> "Access":
        """Refuses (AuthConfigError) to serve a non-loopback address without users."""
        if users_file:
            return cls(load_users(users_file))
        if not is_loopback(host):
            raise AuthConfigError(
                f"refusing to serve {host} without login: anyone who reaches it could change the "
                "corpus. Set BRIEFS_APP__USERS_FILE (see README, 'Serving a team') or bind 127.0.0.1.")
        return cls(None)

    @property
    def required(self) -> bool:
        return self.users is not None

    async def login(self, name: str, password: str) -> bool:
        """gradio's auth callable; async so the deliberately slow hash runs off the event loop
        (gradio awaits a coroutine but would call a plain function on the loop itself)."""
        import anyio

        return await anyio.to_thread.run_sync(self.check, name, password)

    def check(self, name: str, password: str) -> bool:
        user = (self.users or {}).get(name)
        if user is None:
            hash_password(password, salt=b"\0" * 16)  # same cost as a real check: names don't leak
            return False
        return check_password(password, user.password_hash)

    def may_edit(self, name: str | None) -> bool:
        if self.users is None:
            return True
        user = self.users.get(name or "")
        return user is not None and user.role == EDITOR


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m assistant.web.auth", description="Manage the app's users file.")
    sub = p.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="add or replace a user (password from a prompt or stdin)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="reader")
    add.add_argument("--file", type=Path, required=True)
    args = p.parse_args(argv)
    if ":" in args.name or not args.name.strip():
        print("error: a user name must be non-empty and hold no ':'", file=sys.stderr)
        return 2
    password = getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if not password:
        print("error: empty password", file=sys.stderr)
        return 2
    lines = args.file.read_text(encoding="utf-8").splitlines() if args.file.exists() else []
    lines = [ln for ln in lines if ln.split(":", 1)[0] != args.name]
    lines.append(f"{args.name}:{args.role}:{hash_password(password)}")
    # Created owner-only (no window in which others could read the hashes).
    fd = os.open(args.file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print(f"{args.name} ({args.role}) written to {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
