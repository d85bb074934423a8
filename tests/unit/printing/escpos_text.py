"""Read ESC/POS bytes back: the printed text lines, the QR payloads, the commands.

A strict reader for the commands the renderer uses; an unknown command fails loudly so that a
change in the output is seen, not skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, FS = 0x1B, 0x1D, 0x1C

#: command byte after ESC / GS -> number of argument bytes
_ESC_ARGS = {ord("@"): 0, ord("E"): 1, ord("a"): 1, ord("d"): 1, ord("!"): 1, ord("2"): 0}
_GS_ARGS = {ord("!"): 1}


@dataclass
class Printout:
    lines: list[str] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    cuts: int = 0
    #: lines printed between a Kanji-mode on and off, for checking the encoding was used
    kanji_lines: int = 0


def read_escpos(data: bytes) -> Printout:
    out = Printout()
    line = bytearray()
    kanji = False
    i = 0
    while i < len(data):
        b = data[i]
        if b == ESC:
            cmd = data[i + 1]
            if cmd not in _ESC_ARGS:
                raise ValueError(f"unexpected ESC {cmd:#04x} at {i}")
            i += 2 + _ESC_ARGS[cmd]
        elif b == GS:
            cmd = data[i + 1]
            if cmd == ord("(") and data[i + 2] == ord("k"):
                size = data[i + 3] + 256 * data[i + 4]
                body = data[i + 5 : i + 5 + size]
                if body[:3] == b"1P0":
                    out.qr_payloads.append(body[3:].decode("utf-8"))
                i += 5 + size
            elif cmd == ord("V"):
                out.cuts += 1
                i += 3 if data[i + 2] in (0, 1, 48, 49) else 4
            elif cmd in _GS_ARGS:
                i += 2 + _GS_ARGS[cmd]
            else:
                raise ValueError(f"unexpected GS {cmd:#04x} at {i}")
        elif b == FS:
            cmd = data[i + 1]
            if cmd == 0x26:
                kanji = True
                out.kanji_lines += 1
            elif cmd == 0x2E:
                kanji = False
            else:
                raise ValueError(f"unexpected FS {cmd:#04x} at {i}")
            i += 2
        elif b == 0x0A:
            out.lines.append(line.decode("gb18030"))
            line.clear()
            i += 1
        elif b < 0x20:
            raise ValueError(f"unexpected control byte {b:#04x} at {i}")
        else:
            if b >= 0x80 and not kanji:
                raise ValueError(f"double-byte text outside Kanji mode at {i}")
            line.append(b)
            i += 1
    if line:
        out.lines.append(line.decode("gb18030"))
    return out


def printer_columns(text: str) -> int:
    """Columns a GB18030 printer uses: one per ASCII character, two per double-byte character."""
    return sum(1 if ord(ch) < 0x80 else 2 for ch in text)
