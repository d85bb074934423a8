"""The e-commerce areas' (电商渠道, 电商订单) door to the services: plain functions of plain data,
each opening its own unit of work on the central database, run on the operation runner's
workers (never on the GUI thread).

Kept apart from ``backoffice.backend`` like ``stock_ops_backend``; the composition root builds
one over the same central ``Database`` and the card-key encryption key it checked at start
(``card_key_backend.CardKeySetup``): revealing or copying a card key refuses with the setup's
error when the key is not usable. The rules are ``services.channels``'.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from backoffice.card_key_backend import CardKeySetup
from shared.db.uow import Database
from shared.domain.errors import ValidationError
from shared.services import channels
from shared.services.auth import Actor
from shared.services.channels import (
    AfterSaleResult,
    ChannelAlerts,
    DeleteResult,
    DeliveryReport,
    OrderImport,
    OrderQuery,
    OrderRow,
    Page,
    RevealedKeys,
    ShopInput,
    ShopQuery,
    ShopRow,
    ShopSummary,
)

# the most shops the order list's shop filter offers
SHOP_CHOICES = 500


class ChannelBackend:
    def __init__(self, db: Database, card_keys: CardKeySetup | None = None) -> None:
        self.db = db
        self.card_keys = card_keys or CardKeySetup(None)

    # -- shops ------------------------------------------------------------------------------------
    def shop_page(self, actor: Actor, query: ShopQuery, offset: int, limit: int) -> Page:
        with self.db.reader() as uow:
            return channels.list_shops(uow, actor, query, offset, limit)

    def shop_choices(self, actor: Actor) -> list[ShopRow]:
        with self.db.reader() as uow:
            return channels.list_shops(uow, actor, ShopQuery(), 0, SHOP_CHOICES).rows

    def shop_detail(self, actor: Actor, shop_id: str) -> ShopRow:
        with self.db.reader() as uow:
            return channels.shop_detail(uow, actor, shop_id)

    def shop_summary(self, actor: Actor) -> ShopSummary:
        with self.db.reader() as uow:
            return channels.shop_summary(uow, actor)

    def save_shop(
        self, actor: Actor, shop_id: str | None, data: ShopInput, *, confirm: bool = False
    ) -> ShopRow:
        with self.db.uow() as uow:
            if shop_id is None:
                new_id = channels.create_shop(uow, actor, data)
                return channels.shop_detail(uow, actor, new_id)
            return channels.update_shop(uow, actor, shop_id, data, confirm=confirm)

    def set_shop_enabled(
        self, actor: Actor, shop_id: str, enabled: bool, *, confirm: bool = False
    ) -> ShopRow:
        with self.db.uow() as uow:
            return channels.set_shop_enabled(uow, actor, shop_id, enabled, confirm=confirm)

    # -- orders -----------------------------------------------------------------------------------
    def order_page(self, actor: Actor, query: OrderQuery, offset: int, limit: int) -> Page:
        with self.db.reader() as uow:
            return channels.list_orders(uow, actor, query, offset, limit)

    def order_detail(self, actor: Actor, order_id: str) -> OrderRow:
        with self.db.reader() as uow:
            return channels.order_detail(uow, actor, order_id)

    def alerts(self, actor: Actor) -> ChannelAlerts:
        with self.db.reader() as uow:
            return channels.alerts(uow, actor)

    def deliver(self, actor: Actor, order_ids: Sequence[str]) -> DeliveryReport:
        with self.db.uow() as uow:
            return channels.deliver_orders(uow, actor, list(order_ids))

    def after_sale(self, actor: Actor, order_id: str, action: str, reason: str) -> AfterSaleResult:
        with self.db.uow() as uow:
            return channels.after_sale(uow, actor, order_id, action, reason)

    def mark(self, actor: Actor, order_ids: Sequence[str], mark: str, reason: str) -> int:
        with self.db.uow() as uow:
            return channels.mark_orders(uow, actor, list(order_ids), mark, reason)

    def delete_test_orders(self, actor: Actor, order_ids: Sequence[str]) -> DeleteResult:
        """Called after the screen asked: the service still refuses real orders."""
        with self.db.uow() as uow:
            return channels.delete_test_orders(uow, actor, list(order_ids), confirm=True)

    def reveal(self, actor: Actor, order_id: str, purpose: str = "copy") -> RevealedKeys:
        if self.card_keys.error is not None:
            raise self.card_keys.error
        with self.db.uow() as uow:
            return channels.reveal_keys(
                uow, actor, self.card_keys.keyring, order_id, purpose=purpose
            )

    def copy_link(self, actor: Actor, order_id: str) -> str:
        with self.db.uow() as uow:
            return channels.copy_link(uow, actor, order_id)

    def import_csv(self, actor: Actor, path: Path) -> OrderImport:
        """Read the file here (on the worker), then import it."""
        try:
            if Path(path).stat().st_size > channels.MAX_IMPORT_BYTES:
                raise ValidationError(
                    f"the file is larger than {channels.MAX_IMPORT_BYTES // (1024 * 1024)} MB: "
                    "split it",
                    code="file_too_large",
                )
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ValidationError(
                f"the file could not be read: {exc.strerror or exc}", code="file_unreadable"
            ) from None
        with self.db.uow() as uow:
            return channels.import_orders_csv(uow, actor, data, Path(path).name)
