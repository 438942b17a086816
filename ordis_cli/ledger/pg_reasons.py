"""libpq's and the server's reason for a failure, in the user's language (they say it in
English), never with a password: libpq quotes the address it could not read, password
included (« invalid URI: "postgresql://user:secret@[::1/x" »)."""

from __future__ import annotations

import re
import urllib.parse

from ..messages import Lang, say
from .location import LedgerUrl

_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), key)
    for pattern, key in (
        (r"connection refused", "hint-pg-refused"),
        (
            r"could not translate host name|failed to resolve host|name or service not known",
            "hint-pg-unknown-host",
        ),
        (r"invalid port number|invalid integer value .* \"port\"", "hint-pg-bad-port"),
        (r"timeout expired|timed out", "hint-pg-timeout"),
        (r"no route to host|network is unreachable", "hint-pg-no-route"),
        (
            r"IPv6 host address|invalid URI|invalid connection option|missing \"=\"|"
            r"invalid percent-encoded|invalid URI query parameter|unexpected spaces found|"
            r"unexpected character .* in URI|invalid [a-z_]+ value: \"",  # libpq's options
            "hint-pg-bad-address",
        ),
        (r"permission denied for (?:database|schema|table|relation|sequence)", "hint-pg-rights"),
        (r"read-only transaction", "hint-pg-read-only"),
        (r"server closed the connection|terminating connection", "hint-pg-closed"),
        (r"too many clients|remaining connection slots", "hint-pg-too-many"),
    )
)
_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:@/\s\"']*):[^@\s\"']*@", re.IGNORECASE)


def pg_reason(exc: BaseException, location: LedgerUrl, lang: Lang) -> str:
    """Why the connection or the operation failed, first line of libpq's or the server's
    words: a known reason in ``lang``, another quoted (in English, as the server says it),
    the address shown without its password."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = (primary or str(exc) or type(exc).__name__).strip().splitlines()[0]
    text = text.rsplit(" failed: ", 1)[-1]
    for pattern, key in _REASONS:
        if pattern.search(text):
            return say(key, lang)
    text = _PASSWORD.sub(r"\1@", text.replace(location.conninfo, location.shown))
    if any(secret in text for secret in _secrets(location.conninfo)):
        return say("hint-pg-bad-address", lang)  # libpq quoted the password: never shown
    return say("hint-pg-said", lang, text=" ".join(text.split())[:200])


def _secrets(conninfo: str) -> set[str]:
    """The password of ``conninfo`` as written and decoded (in the address or as its
    ``password=`` parameter), which libpq may quote back (« unexpected spaces found in
    "my pass" »)."""
    _, _, rest = conninfo.partition("://")
    netloc, _, tail = rest.partition("/")
    found = {netloc.rpartition("@")[0].partition(":")[2]}
    found |= {value for key, value in _parameters(tail.partition("?")[2]) if key == "password"}
    return {f for written in found for f in (written, urllib.parse.unquote(written)) if f}


def _parameters(query: str) -> list[tuple[str, str]]:
    return [part.partition("=")[::2] for part in query.split("&") if part]


def is_denied(exc: BaseException) -> bool:
    """A refusal for lack of rights (on connecting as on working)."""
    state = getattr(exc, "sqlstate", None) or ""
    return state == "42501" or "permission denied" in str(exc).lower()
