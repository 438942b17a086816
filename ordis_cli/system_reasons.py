"""The system's reason for a file that cannot be opened or written, in the user's language:
``OSError.strerror`` is the C library's English (« No space left on device »)."""

from __future__ import annotations

import errno

from .messages import Lang, say

_REASONS = {
    errno.ENOENT: "hint-os-not-found",
    errno.EACCES: "hint-os-denied",
    errno.EPERM: "hint-os-not-permitted",
    errno.ENOSPC: "hint-os-disk-full",
    errno.EDQUOT: "hint-os-quota",
    errno.EROFS: "hint-os-read-only",
    errno.ENOTDIR: "hint-os-not-a-folder",
    errno.EISDIR: "hint-os-is-a-folder",
    errno.EEXIST: "hint-os-exists",
    errno.ENOTEMPTY: "hint-os-exists",
    errno.ENAMETOOLONG: "hint-os-name-too-long",
    errno.EIO: "hint-os-input-output",
    errno.EMFILE: "hint-os-too-many-open",
    errno.ENFILE: "hint-os-too-many-open",
    errno.ELOOP: "hint-os-links",
    errno.EBUSY: "hint-os-busy",
    errno.ETXTBSY: "hint-os-busy",
}


def system_reason(error: OSError, lang: Lang) -> str:
    """Why the system refused, in ``lang``; a reason not listed here is named by its code
    (``EXDEV``) in French, as the system says it in English."""
    key = _REASONS.get(error.errno or 0)
    if key is not None:
        return say(key, lang)
    if lang == "en":
        return error.strerror or type(error).__name__
    return say(
        "hint-os-other", lang, code=errno.errorcode.get(error.errno or 0, type(error).__name__)
    )
