from dataclasses import replace

from shared.domain.journal_chain import (
    GENESIS,
    ChainEntry,
    entry_hash,
    first_broken,
    payload_digest,
)


def chain(n: int) -> list[ChainEntry]:
    out, prev = [], GENESIS
    for seq in range(1, n + 1):
        digest = payload_digest({"n": seq})
        h = entry_hash(prev, seq, "sale", f"doc{seq}", "2026-11-22T02:00:00+00:00", digest)
        out.append(
            ChainEntry(seq, "sale", f"doc{seq}", "2026-11-22T02:00:00+00:00", digest, prev, h)
        )
        prev = h
    return out


def test_intact_chain():
    assert first_broken(chain(5)) is None


def test_altered_entry_named():
    c = chain(5)
    c[2] = replace(c[2], payload_digest=payload_digest({"n": 999}))
    assert first_broken(c).seq == 3


def test_removed_entry_named():
    c = chain(5)
    del c[1]
    brk = first_broken(c)
    assert brk.seq == 2 and "missing" in brk.reason


def test_rehashed_entry_still_breaks_the_next_link():
    c = chain(5)
    e = c[1]
    digest = payload_digest({"n": "forged"})
    c[1] = replace(
        e,
        payload_digest=digest,
        hash=entry_hash(e.prev_hash, e.seq, e.kind, e.document_id, e.at_iso, digest),
    )
    assert first_broken(c).seq == 3
