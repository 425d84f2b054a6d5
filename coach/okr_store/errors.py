"""The OKR store's failures: each a `StorageError` whose `str()` is one line a person can act
on (the CLI prints it and exits with its `exit_code`). A database URL in a message is always
masked: no password ever reaches a message or a log."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from coach.storage.errors import BAD_SETUP, StorageError


class NotFound(StorageError):
    """No OKR set, check-in or KR with that id."""

    def __init__(self, message: str) -> None:
        super().__init__(message, BAD_SETUP)


class InvalidInput(StorageError):
    """The store refuses what it was given (nothing was written)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, BAD_SETUP)


class SchemaTooNew(StorageError):
    """The database was written by a newer okr-coach than this one."""

    def __init__(self, where: str, found: int, known: int) -> None:
        super().__init__(
            f"the OKR store {where} has schema version {found}, this okr-coach knows up to "
            f"{known} — upgrade okr-coach to use it", BAD_SETUP)
        self.found = found
        self.known = known


_PASSWORD_KV = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def mask_url(url: str) -> str:
    """`url` with its password replaced by `***` (URL and `key=value` forms)."""
    if "://" not in url:
        return _PASSWORD_KV.sub(r"\1***", url)
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, host = netloc.rsplit("@", 1)
            if ":" in userinfo:
                userinfo = userinfo.split(":", 1)[0] + ":***"
            netloc = f"{userinfo}@{host}"
        query = _PASSWORD_KV.sub(r"\1***", parts.query.replace("&", " ")).replace(" ", "&")
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    except ValueError:
        return "<the COACH_DATABASE_URL, unreadable>"


def password_of(url: str) -> str | None:
    """The password in `url`, to scrub from a driver's message (never shown)."""
    if "://" in url:
        try:
            password = urlsplit(url).password
        except ValueError:
            password = None
        if password:
            return password
    found = _PASSWORD_KV.search(url.replace("&", " "))
    return found.group(2).strip("'") if found else None


def one_line(text: str, secret: str | None = None) -> str:
    """The first non-empty line of `text`, with `secret` (a password) blotted out."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    first = lines[0] if lines else "no reason given"
    if secret:
        first = first.replace(secret, "***")
    return first
