"""The tamper-evident journal's hash chain (SPEC §14).

Each entry's hash covers the previous entry's hash, its sequence number, kind, document id, time
and a digest of the document's canonical JSON. Changing, removing or re-ordering any entry breaks
every hash after it; ``first_broken`` names the first entry that no longer fits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64


def canonical_json(payload: object) -> str:
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def payload_digest(payload: object) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def entry_hash(
    prev_hash: str, seq: int, kind: str, document_id: str, at_iso: str, digest: str
) -> str:
    material = "|".join([prev_hash, str(seq), kind, document_id, at_iso, digest])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainEntry:
    seq: int
    kind: str
    document_id: str
    at_iso: str
    payload_digest: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


def first_broken(entries: Iterable[ChainEntry]) -> ChainBreak | None:
    prev = GENESIS
    expected_seq = 1
    for e in entries:
        if e.seq != expected_seq:
            return ChainBreak(expected_seq, f"entry {expected_seq} is missing (found {e.seq} next)")
        if e.prev_hash != prev:
            return ChainBreak(e.seq, "does not link to the entry before it")
        if (
            entry_hash(e.prev_hash, e.seq, e.kind, e.document_id, e.at_iso, e.payload_digest)
            != e.hash
        ):
            return ChainBreak(e.seq, "its content no longer matches its hash")
        prev = e.hash
        expected_seq += 1
    return None
