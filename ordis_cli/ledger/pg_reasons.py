"""libpq's and the server's reason for a failure, in the user's language (they say it in
English), never with a password: libpq quotes the address it could not read, password
included (« invalid URI: "postgresql://user:secret@[::1/x" »)."""

from __future__ import annotations

import re

from ..messages import Lang, say
from .location import LedgerUrl, without_passwords

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
    text = without_passwords(text.replace(location.conninfo, location.shown))
    if any(secret in text for secret in location.passwords):
        return say("hint-pg-bad-address", lang)  # libpq quoted the password: never shown
    return say("hint-pg-said", lang, text=" ".join(text.split())[:200])


def is_denied(exc: BaseException) -> bool:
    """A refusal for lack of rights (on connecting as on working)."""
    state = getattr(exc, "sqlstate", None) or ""
    return state == "42501" or "permission denied" in str(exc).lower()
