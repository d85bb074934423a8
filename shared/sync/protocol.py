"""What both sides of sync agree on: versions, streams, message kinds, digests.

Versions:
- ``CLIENT_VERSION``: the sync protocol a terminal speaks, sent in ``hello`` and ``pull``. The
  central side serves pulls only to terminals at or above its minimum (``MIN_PULL_VERSION``, or
  the enterprise setting ``sync_min_pull_version``): a terminal too old to understand the
  head-office rows is told so and keeps selling, it just stops receiving catalog changes.
- ``PAYLOAD_VERSION``: the shape of an outbox message. The central side accepts every version
  from ``MIN_PUSH_VERSION`` up to its own and upgrades older payloads step by step
  (``ingest.upgrade_payload``), so an older terminal's sales are never refused. A payload newer
  than the server is kept pending on the terminal (retried) until the server is upgraded.

Payload history:
- 1: a document's rows (``sale``/``lines``/``payments``/``discounts`` ...), no journal entry.
- 2: adds the document's ``journal`` entry and the ``shift`` row it belongs to.
"""

from __future__ import annotations

import hashlib
import json

CLIENT_VERSION = 2
MIN_PULL_VERSION = 1

PAYLOAD_VERSION = 2
MIN_PUSH_VERSION = 1

#: the one stream of head-office data a terminal pulls (catalog, prices, staff, stores, settings)
HEAD_OFFICE = "head_office"
STREAMS = (HEAD_OFFICE,)

#: what a terminal pushes, one message per document
KINDS = (
    "sale",
    "refund",
    "shift_open",
    "cash_movement",
    "shift_close",
    # a journal entry of something decided centrally (a redemption, its reversal)
    "journal",
    # a member's balance top-up taken at the counter (credited once, centrally)
    "member_topup",
    # a count scanned at the counter, added to the store warehouse's open stocktake (once)
    "stock_count",
)

#: a terminal whose clock differs from the server's by more than this gets a warning
CLOCK_WARNING_S = 5 * 60


def canonical(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def message_digest(kind: str, payload_version: int, payload: dict) -> str:
    """What identifies a message's content: same msg_id + same digest = a replay."""
    material = canonical({"kind": kind, "payload": payload, "payload_version": payload_version})
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
