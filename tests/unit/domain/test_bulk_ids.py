"""``new_id_strings``: ids made together for bulk imports are the ids ``new_id`` would make."""

from __future__ import annotations

import uuid

from shared.domain.ids import new_id, new_id_strings


def test_bulk_ids_are_uuid7_text_unique_and_in_creation_order_with_new_id():
    before = str(new_id())
    many = new_id_strings(20_000)
    after = str(new_id())
    assert len(set(many)) == 20_000
    assert before < many[0] and many == sorted(many) and many[-1] < after
    for text in many[::997]:
        value = uuid.UUID(text)
        assert value.version == 7 and value.variant == uuid.RFC_4122 and str(value) == text
    assert new_id_strings(0) == [] and len(new_id_strings(1)) == 1
