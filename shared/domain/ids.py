"""UUIDv7 ids, made where the record is born.

Python 3.11 has no ``uuid.uuid7``; this is RFC 9562 §5.7 with a monotonic counter in ``rand_a`` so
ids made within one millisecond on one process still sort in creation order.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id() -> uuid.UUID:
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                ms += 1
                _counter = 0
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last_ms = ms
        counter = _counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    return uuid.UUID(int=value)


def new_id_strings(n: int) -> list[str]:
    """``n`` new ids as text (``str(new_id())`` each), made together for bulk imports: the same
    clock, counter and lock as ``new_id``, so they sort after every id made before and before
    every id made after; one ``os.urandom`` call for all their random bits."""
    global _last_ms, _counter
    if n <= 0:
        return []
    noise = os.urandom(10 * n)  # per id: 8 bytes for rand_b, 2 for a new millisecond's counter
    values = []
    with _lock:
        for i in range(n):
            at = 10 * i
            ms = time.time_ns() // 1_000_000
            if ms <= _last_ms:
                ms = _last_ms
                _counter += 1
                if _counter > 0xFFF:
                    ms += 1
                    _counter = 0
            else:
                _counter = int.from_bytes(noise[at + 8 : at + 10], "big") & 0x3FF
            _last_ms = ms
            rand_b = int.from_bytes(noise[at : at + 8], "big") & ((1 << 62) - 1)
            values.append(
                (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | _counter << 64 | 0b10 << 62 | rand_b
            )
    out = []
    for value in values:
        h = f"{value:032x}"
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out
