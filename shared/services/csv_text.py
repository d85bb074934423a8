"""Reading an imported CSV file's text the one way every import does (stores, channel orders):
UTF-8 with or without a byte-order mark, or GB18030 (what Excel saves on a Chinese Windows);
UTF-16, binary and over-large files are refused with the reason. Headers are compared after
NFKC normalisation, without spaces or the ``*`` that marks a required column in a template."""

from __future__ import annotations

import codecs
import re
import unicodedata

from shared.domain.errors import ValidationError


def decode(data: bytes, *, max_bytes: int) -> str:
    """The file's text; a clear refusal (and nothing read) otherwise."""
    if not isinstance(data, (bytes, bytearray)):
        raise ValidationError("the file could not be read", code="file_unreadable")
    if len(data) > max_bytes:
        raise ValidationError(
            f"the file is larger than {max_bytes // (1024 * 1024)} MB: split it",
            code="file_too_large",
            limit_mb=max_bytes // (1024 * 1024),
        )
    if data.startswith(codecs.BOM_UTF8):
        try:
            return bytes(data[3:]).decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(
                "the file says it is UTF-8 but is not: save it as CSV UTF-8", code="file_encoding"
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValidationError(
            "the file is UTF-16 text: save it as CSV UTF-8 (or GB18030)", code="file_encoding"
        )
    if b"\x00" in data:
        raise ValidationError("this is not a CSV text file", code="file_not_text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return bytes(data).decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        "the file is neither UTF-8 nor GB18030 text: save it as CSV UTF-8", code="file_encoding"
    )


def norm_header(text: str) -> str:
    return re.sub(r"[\s*]+", "", unicodedata.normalize("NFKC", text)).lower()
