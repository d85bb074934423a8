"""All models, imported so that ``Base.metadata`` knows every table."""

from shared.db.models.base import Base
from shared.db.models.catalog import Barcode, Category, Product, Sku, StorePrice
from shared.db.models.counter import (
    CashMovement,
    JournalEntry,
    Payment,
    PaymentIntent,
    Refund,
    RefundLine,
    RefundPayment,
    Sale,
    SaleDiscount,
    SaleLine,
    Shift,
)
from shared.db.models.coupons import (
    Coupon,
    CouponInstance,
    CouponStore,
    PickupOrder,
    SigningKey,
    Verification,
)
from shared.db.models.local import (
    CentralHold,
    PrintJob,
    ReceiptCounter,
    SuspendedSale,
    TerminalIdentity,
)
from shared.db.models.members import Member, MemberLedger
from shared.db.models.org import AuditEntry, Enterprise, Staff, StaffStore, Store, Terminal
from shared.db.models.sync import ChangeLog, Inbox, Outbox, SyncException, SyncState

__all__ = [
    "MemberLedger",
    "Member",
    "Verification",
    "SigningKey",
    "PickupOrder",
    "CouponStore",
    "CouponInstance",
    "Coupon",
    "CentralHold",
    "AuditEntry",
    "Barcode",
    "Base",
    "CashMovement",
    "Category",
    "ChangeLog",
    "Enterprise",
    "Inbox",
    "JournalEntry",
    "Outbox",
    "Payment",
    "PaymentIntent",
    "PrintJob",
    "Product",
    "ReceiptCounter",
    "Refund",
    "RefundLine",
    "RefundPayment",
    "Sale",
    "SaleDiscount",
    "SaleLine",
    "Shift",
    "Sku",
    "Staff",
    "StaffStore",
    "Store",
    "StorePrice",
    "SuspendedSale",
    "SyncException",
    "SyncState",
    "Terminal",
    "TerminalIdentity",
]
