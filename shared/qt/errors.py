"""Domain errors as the cashier reads them: the common ``code``s get a translated message.

Services raise ``DomainError``s with an English message, a stable ``code`` and ``details``.
``describe(exc)`` returns the message in the interface language for the codes listed here and the
service's English message for the rest. Values in the message come from ``exc.details`` where the
service gives them, else from the English message itself (a quoted name, a number).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from shared.domain.errors import DomainError
from shared.qt.money import fmt_fen
from shared.services.verification import VerificationRefused

log = logging.getLogger(__name__)


def _quoted(message: str) -> str:
    m = re.search(r"'([^']*)'", message)
    return m.group(1) if m else ""


def _number(message: str, pattern: str) -> str:
    m = re.search(pattern, message)
    return m.group(1) if m else ""


def _yuan(message: str, pattern: str) -> str:
    text = _number(message, pattern)
    if not text:
        return ""
    try:
        whole, _, frac = text.partition(".")
        return fmt_fen(int(whole) * 100 + int((frac or "0").ljust(2, "0")[:2]))
    except ValueError:
        return text


def _detail(exc: DomainError, key: str, fallback: str) -> str:
    """A value the service put in ``details``; older messages are read from the English text."""
    value = exc.details.get(key)
    return str(value) if value is not None else fallback


def _detail_fen(exc: DomainError, key: str, fallback: str) -> str:
    value = exc.details.get(key)
    return fmt_fen(int(value)) if value is not None else fallback


def _value(exc: DomainError) -> str:
    value = exc.details.get("value")
    return str(value) if value is not None else _quoted(exc.message)


def _serial_not_in_stock(e: DomainError) -> str:
    value, state = _value(e), e.details.get("state")
    if state == "in_stock":
        return QCoreApplication.translate(
            "ErrorMessages", "Serial number {value} is not in stock here: it is at {store}"
        ).format(value=value, store=_detail(e, "store", "?"))
    if state == "in_transit":
        return QCoreApplication.translate(
            "ErrorMessages", "Serial number {value} is not in stock here: it is in transit"
        ).format(value=value)
    if state == "out":
        return QCoreApplication.translate(
            "ErrorMessages", "Serial number {value} has already been sold or taken out"
        ).format(value=value)
    return QCoreApplication.translate(
        "ErrorMessages", "Serial number {value} is not in stock here (head office has no record)"
    ).format(value=value)


def _method_name(method: str) -> str:
    return {
        "cash": QCoreApplication.translate("PaymentMethods", "Cash"),
        "card": QCoreApplication.translate("PaymentMethods", "Bank card"),
        "wechat": QCoreApplication.translate("PaymentMethods", "WeChat Pay"),
        "alipay": QCoreApplication.translate("PaymentMethods", "Alipay"),
        "balance": QCoreApplication.translate("PaymentMethods", "Member balance"),
        "points": QCoreApplication.translate("PaymentMethods", "Points"),
    }.get(method, method)


def method_name(method: str) -> str:
    """A payment method's name in the interface language."""
    return _method_name(method)


def _bad_credentials(exc: DomainError) -> str:
    left = _detail(exc, "attempts_left", _number(exc.message, r"\((\d+) attempts? left\)"))
    if left:
        return QCoreApplication.translate(
            "ErrorMessages", "Wrong account or PIN ({left} attempts left)"
        ).format(left=left)
    if "password" in exc.message:
        return QCoreApplication.translate("ErrorMessages", "Wrong account or password")
    return QCoreApplication.translate("ErrorMessages", "Wrong account or PIN")


def _account_locked(exc: DomainError) -> str:
    minutes = _detail(exc, "minutes", _number(exc.message, r"(\d+) min"))
    if minutes:
        return QCoreApplication.translate(
            "ErrorMessages",
            "Account locked after repeated wrong PINs: try again in {minutes} min or ask a manager",
        ).format(minutes=minutes)
    return QCoreApplication.translate(
        "ErrorMessages", "Account locked after repeated wrong PINs: ask a manager"
    )


def _auth_code(exc: DomainError) -> str:
    if "WeChat" in exc.message:
        return QCoreApplication.translate(
            "ErrorMessages",
            "That is not a WeChat Pay payment code: ask the customer to refresh it and scan again",
        )
    if "Alipay" in exc.message:
        return QCoreApplication.translate(
            "ErrorMessages",
            "That is not an Alipay payment code: ask the customer to refresh it and scan again",
        )
    return QCoreApplication.translate(
        "ErrorMessages", "That is not a payment code: ask the customer to refresh it and scan again"
    )


def _payment_declined(exc: DomainError) -> str:
    reason = exc.message.split(":", 1)[1].strip() if ":" in exc.message else ""
    return QCoreApplication.translate("ErrorMessages", "Payment declined: {reason}").format(
        reason=reason or "-"
    )


def _payment_unknown(exc: DomainError) -> str:
    trade = exc.details.get("out_trade_no") or _number(exc.message, r"trade (\S+?)\)")
    return QCoreApplication.translate(
        "ErrorMessages",
        "The payment result is unknown: check the customer's payment record, then try again "
        "(trade {trade})",
    ).format(trade=trade)


def _fen_or(exc: DomainError, key: str, pattern: str) -> str:
    return _detail_fen(exc, key, _yuan(exc.message, pattern))


def _already_redeemed(exc: DomainError) -> str:
    store = exc.details.get("store")
    verifier = exc.details.get("verifier")
    when = exc.details.get("local_time")
    if store and verifier and when:
        return QCoreApplication.translate(
            "ErrorMessages", "Already redeemed at {store} by {verifier} at {time}"
        ).format(store=store, verifier=verifier, time=when)
    return QCoreApplication.translate("ErrorMessages", "This code was already redeemed")


def _offline(exc: DomainError) -> str:
    if "balance" in exc.message or "points" in exc.message:
        return QCoreApplication.translate(
            "ErrorMessages",
            "Paying with a member's balance or points needs a connection to head office",
        )
    return QCoreApplication.translate(
        "ErrorMessages", "Verification needs a connection to head office"
    )


#: refusals the central database gives for a scanned code (``VerificationRefused``); where a code
#: means something else elsewhere (``wrong_store``, ``unknown_code``) these win for such refusals
_CENTRAL_MESSAGES: dict[str, Callable[[DomainError], str]] = {
    "already_redeemed": _already_redeemed,
    "wrong_store": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This coupon is not valid at this store ({store})"
    ).format(store=_detail(e, "store", _number(e.message, r"\(([^)]*)\)"))),
    "unknown_code": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Unknown code {code}"
    ).format(code=_number(e.message, r"unknown code (\S+)")),
}


_MESSAGES: dict[str, Callable[[DomainError], str]] = {
    # scanning and the catalog
    "unknown_code": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Item not found: {value}"
    ).format(value=_value(e)),
    "unknown_plu": lambda e: QCoreApplication.translate(
        "ErrorMessages", "No weighed item with PLU {plu}"
    ).format(plu=_number(e.message, r"PLU (\d+)")),
    "unknown_sku": lambda e: QCoreApplication.translate(
        "ErrorMessages", "That item is no longer in the catalog"
    ),
    "bad_check_digit": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Barcode {value}: wrong check digit (misread?), please scan again"
    ).format(value=e.details.get("value") or _number(e.message, r"barcode (\d+)")),
    "off_shelf": lambda e: QCoreApplication.translate(
        "ErrorMessages", "{name} is off shelf and cannot be sold"
    ).format(name=_detail(e, "name", _quoted(e.message))),
    "choose_sku": lambda e: QCoreApplication.translate(
        "ErrorMessages",
        "This product has several specs: scan the SKU's barcode or pick it with F2 search",
    ),
    "empty_code": lambda e: QCoreApplication.translate("ErrorMessages", "Nothing was scanned"),
    "code_too_long": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Too long to be a barcode or code"
    ),
    "code_unprintable": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The code contains control characters: scan again"
    ),
    "weighed_zero": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The scale label carries no price or weight"
    ),
    "too_many_lines": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A sale holds at most 500 lines"
    ),
    # quantities, prices and discounts
    "quantity_not_positive": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Quantity must be above zero"
    ),
    "quantity_absurd": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Quantity is implausibly large (at most 9999 pieces or 99.999 kg)"
    ),
    "quantity_fractional": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This item is sold in whole pieces"
    ),
    "quantity_format": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Not a quantity: {value}"
    ).format(value=_value(e)),
    # card keys
    "card_key_sold_out": lambda e: QCoreApplication.translate(
        "ErrorMessages", "{name}: sold out, no card key left to issue"
    ).format(name=_detail(e, "name", "")),
    "card_key_unavailable": lambda e: QCoreApplication.translate(
        "ErrorMessages",
        "{name}: no connection to head office and this counter's lease has {available} left",
    ).format(name=_detail(e, "name", ""), available=_detail(e, "available", "0")),
    "card_key_no_key": lambda e: QCoreApplication.translate(
        "ErrorMessages",
        "Card keys cannot be issued here: this counter has no card-key encryption key configured",
    ),
    "card_key_hold_expired": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The card keys reserved for this sale ran out: take the payment again"
    ),
    # serial-tracked goods
    "serial_required": lambda e: QCoreApplication.translate(
        "ErrorMessages", "{name} is serial-tracked: scan or type its serial number"
    ).format(name=_detail(e, "name", _quoted(e.message))),
    "serial_quantity": lambda e: QCoreApplication.translate(
        "ErrorMessages",
        "A serial-tracked line is one unit: scan the next unit's serial number instead",
    ),
    "serial_in_cart": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Serial number {value} is already in this sale"
    ).format(value=_value(e)),
    "serial_empty": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Scan or type the serial number"
    ),
    "serial_too_long": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A serial number has at most 64 characters"
    ),
    "bad_serial": lambda e: QCoreApplication.translate(
        "ErrorMessages", "That is not a serial number"
    ),
    "serial_not_in_stock": lambda e: _serial_not_in_stock(e),
    "quantity_fixed": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The quantity of a priced scale label cannot be changed"
    ),
    "price_fixed": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A priced scale label cannot be re-priced"
    ),
    "price_range": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Price must be zero or more"
    ),
    "discount_exceeds_line": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The discount is more than the line amount"
    ),
    "discount_exceeds_total": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The order discount is more than the sale amount"
    ),
    "discount_over_100": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A discount cannot be more than 100 %"
    ),
    "discount_not_positive": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A discount must be above zero"
    ),
    "percent_format": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Not a percentage (at most two decimals)"
    ),
    "percent_range": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A percentage must be above 0 and at most 100"
    ),
    "amount_format": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Not an amount in yuan (e.g. 12.50): {value}"
    ).format(value=_quoted(e.message)),
    "amount_required": lambda e: QCoreApplication.translate("ErrorMessages", "Enter an amount"),
    "amount_negative": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The amount must not be negative"
    ),
    "amount_too_large": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The amount is too large"
    ),
    "amount_range": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The amount is out of range"
    ),
    "total_absurd": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The sale total is implausibly large"
    ),
    "line_missing": lambda e: QCoreApplication.translate(
        "ErrorMessages", "That line is no longer in the sale"
    ),
    "override_unapproved": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A price change needs a manager's approval"
    ),
    "price_changed": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The price of {name} changed: scan it again"
    ).format(name=_quoted(e.message)),
    "text_too_long": lambda e: QCoreApplication.translate("ErrorMessages", "The text is too long"),
    "empty_sale": lambda e: QCoreApplication.translate("ErrorMessages", "The sale has no items"),
    # payments
    "tender_below_total": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Payment is short by {short}: tendered below the total"
    ).format(short=_detail_fen(e, "short_fen", _yuan(e.message, r"short by (\d+(?:\.\d+)?)"))),
    "non_cash_overpay": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A non-cash payment cannot be more than what is still due"
    ),
    "cash_not_last": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Cash with change must be the last payment"
    ),
    "payment_not_needed": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The sale is already paid"
    ),
    "no_payment": lambda e: QCoreApplication.translate("ErrorMessages", "No payment given"),
    "payment_not_positive": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A payment must be above zero"
    ),
    "payment_absurd": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The payment amount is implausibly large"
    ),
    "payment_declined": _payment_declined,
    "payment_unknown": _payment_unknown,
    "auth_code_format": _auth_code,
    "duplicate_payment": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This payment was already used for another sale"
    ),
    # staff, approval, permissions
    "bad_credentials": _bad_credentials,
    "account_locked": _account_locked,
    "account_disabled": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This account is disabled"
    ),
    "account_required": lambda e: QCoreApplication.translate("ErrorMessages", "Enter your account"),
    "pin_format": lambda e: QCoreApplication.translate("ErrorMessages", "A PIN is 4 to 8 digits"),
    "wrong_store": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This person does not work at this store"
    ),
    "approval_required": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This needs a manager's approval"
    ),
    "not_an_approver": lambda e: QCoreApplication.translate(
        "ErrorMessages", "That person cannot approve this"
    ),
    "permission_denied": lambda e: QCoreApplication.translate(
        "ErrorMessages", "You are not allowed to do this"
    ),
    # shifts
    "no_open_shift": lambda e: QCoreApplication.translate(
        "ErrorMessages", "No shift is open on this terminal: open a shift first"
    ),
    "shift_already_open": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A shift is already open on this terminal"
    ),
    "not_your_shift": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Only the shift's cashier or a manager may close it"
    ),
    "counted_required": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Enter the counted cash"
    ),
    "count_mismatch": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The counted cash does not match the denominations"
    ),
    "cash_out_exceeds_drawer": lambda e: QCoreApplication.translate(
        "ErrorMessages", "There is not that much cash in the drawer ({drawer})"
    ).format(drawer=_detail_fen(e, "drawer_fen", _yuan(e.message, r"only (\d+(?:\.\d+)?)"))),
    "reason_required": lambda e: QCoreApplication.translate("ErrorMessages", "Give a reason"),
    "denomination_count": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A denomination count must be 0 to 100000"
    ),
    # returns
    "unknown_receipt": lambda e: QCoreApplication.translate(
        "ErrorMessages", "No sale with receipt number {number} at this terminal"
    ).format(number=_detail(e, "value", _number(e.message, r"receipt number (\S+)"))),
    "receipt_no_format": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Not a receipt number (like 261122-03-0042): {value}"
    ).format(value=_quoted(e.message)),
    "is_refund_no": lambda e: QCoreApplication.translate(
        "ErrorMessages", "That is a refund slip, not a sale receipt"
    ),
    "other_store": lambda e: QCoreApplication.translate(
        "ErrorMessages", "That receipt belongs to another store"
    ),
    "refund_exceeds_sold": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Cannot refund more {name} than was sold: {left} left to refund"
    ).format(
        name=_detail(e, "name", _quoted(e.message)),
        left=(
            f"{int(e.details['left_milli']) / 1000:g}"
            if "left_milli" in e.details
            else _number(e.message, r"(\S+) left to refund")
        ),
    ),
    "card_key_not_refundable": lambda e: QCoreApplication.translate(
        "ErrorMessages", "{name} is a card key: card keys are never refundable"
    ).format(name=_detail(e, "name", _quoted(e.message))),
    "nothing_to_refund": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Nothing left to refund on this receipt"
    ),
    "nothing_chosen": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Choose what to refund"
    ),
    "refund_exceeds_paid": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The refund is more than the sale's payments"
    ),
    # parked sales
    "too_many_parked": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Too many parked sales on this terminal (at most 20)"
    ),
    "parked_missing": lambda e: QCoreApplication.translate(
        "ErrorMessages", "That parked sale was already resumed"
    ),
    # printing
    "no_print_job": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Nothing was printed for that number on this terminal"
    ),
    "printer_path": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A file printer needs a path"
    ),
    "printer_host": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A network printer needs a host name or IP address (no port)"
    ),
    "printer_port": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The printer port must be a number from 1 to 65535"
    ),
    "printer_usb_id": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A USB printer needs its vendor and product id (e.g. 0x0416)"
    ),
    "printer_serial": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A serial printer needs a device (e.g. /dev/ttyS0 or COM3)"
    ),
    "printer_baudrate": lambda e: QCoreApplication.translate("ErrorMessages", "Choose a baud rate"),
    "printer_copies": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Copies must be 1 to 5"
    ),
    "printer_paper": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Paper width must be 58 or 80 mm"
    ),
    "printer_text": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Header and footer are at most 500 characters"
    ),
    # coupons: the code, the central database's decision, the sale's rules (SPEC §6)
    "verification_offline": _offline,
    "code_empty": lambda e: QCoreApplication.translate("ErrorMessages", "Scan or type a code"),
    "code_format": lambda e: QCoreApplication.translate(
        "ErrorMessages", "{value} is not a coupon code"
    ).format(value=_value(e)),
    "code_check": lambda e: QCoreApplication.translate(
        "ErrorMessages", "{value} is not a valid coupon code (mistyped?)"
    ).format(value=_value(e)),
    "qr_truncated": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The QR code is incomplete: ask the customer to refresh it and scan again"
    ),
    "qr_expired": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The QR code expired {seconds} s ago: ask the customer to refresh it"
    ).format(seconds=_detail(e, "seconds", _number(e.message, r"expired (\d+) s"))),
    "qr_bad_signature": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The QR code is not valid: it was forged or altered"
    ),
    "qr_malformed": lambda e: QCoreApplication.translate(
        "ErrorMessages", "That is not a StoreDesk coupon QR code"
    ),
    "code_void": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This code was voided by head office"
    ),
    "expired": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This coupon expired (valid until {until})"
    ).format(until=_detail(e, "valid_until", _number(e.message, r"until ([^)]*)\)"))),
    "not_yet_valid": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This coupon is not valid yet (valid from {since})"
    ).format(since=_detail(e, "valid_from", _number(e.message, r"from ([^)]*)\)"))),
    "coupon_disabled": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Coupon {name} is disabled by head office"
    ).format(name=_quoted(e.message)),
    "other_enterprise": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This code belongs to another enterprise"
    ),
    "limit_daily_total": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Coupon {name} reached today's limit of {limit} redemptions"
    ).format(name=_quoted(e.message), limit=_detail(e, "limit", "")),
    "limit_device": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Coupon {name} reached this counter's daily limit of {limit}"
    ).format(name=_quoted(e.message), limit=_detail(e, "limit", "")),
    "limit_user": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This customer reached the limit of {limit} for coupon {name}"
    ).format(name=_quoted(e.message), limit=_detail(e, "limit", "")),
    "pickup_in_sale": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A pickup code is verified at the verifier station, not in a sale"
    ),
    "verifier_unknown": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This account cannot redeem codes"
    ),
    "verifier_role": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This account cannot redeem codes"
    ),
    "verifier_store": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This account does not work at this store"
    ),
    "coupon_threshold_not_met": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Coupon {name} needs a sale of at least {threshold} (this sale: {base})"
    ).format(
        name=_detail(e, "name", _quoted(e.message)),
        threshold=_fen_or(e, "threshold_fen", r"at least (\d+(?:\.\d+)?)"),
        base=_fen_or(e, "base_fen", r"this sale: (\d+(?:\.\d+)?)"),
    ),
    "coupon_item_missing": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Coupon {name} is for one given item: add that item to the sale first"
    ).format(name=_detail(e, "name", _quoted(e.message))),
    "coupon_no_stacking": lambda e: (
        QCoreApplication.translate(
            "ErrorMessages", "Coupon {name} cannot be combined with a discount"
        )
        if "discount" in e.message
        else QCoreApplication.translate(
            "ErrorMessages", "Coupon {name} cannot be combined with another coupon"
        )
    ).format(name=_detail(e, "name", _quoted(e.message))),
    "coupon_already_in_sale": lambda e: QCoreApplication.translate(
        "ErrorMessages", "That coupon is already in this sale"
    ),
    "coupon_empty_sale": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Scan the items first, then the coupon"
    ),
    "coupon_not_held": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Coupon {name} was not redeemed for this sale: scan it again"
    ).format(name=_detail(e, "name", _quoted(e.message))),
    "sale_committed": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This sale is complete: refund it instead"
    ),
    # members (SPEC §9)
    "phone_format": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Not a mobile number (11 digits starting with 1): {value}"
    ).format(value=_value(e)),
    "unknown_member": lambda e: QCoreApplication.translate(
        "ErrorMessages", "No member with this phone number"
    ),
    "member_disabled": lambda e: QCoreApplication.translate(
        "ErrorMessages", "This membership is disabled"
    ),
    "member_required": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Look the member up first"
    ),
    "balance_insufficient": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The member's balance is {balance}; {needed} is needed"
    ).format(
        balance=_fen_or(e, "balance_fen", r"balance is (\d+(?:\.\d+)?)"),
        needed=_fen_or(e, "needed_fen", r"; (\d+(?:\.\d+)?) is needed"),
    ),
    "points_insufficient": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The member has {points} points; {needed} are needed"
    ).format(
        points=_detail(e, "points", _number(e.message, r"has (\d+) points")),
        needed=_detail(e, "needed", _number(e.message, r"(\d+) are needed")),
    ),
    "points_cap": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Points can pay at most {cap} of this sale"
    ).format(cap=_fen_or(e, "cap_fen", r"at most (\d+(?:\.\d+)?)")),
    "points_step": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Points pay in steps of {step}"
    ).format(step=_fen_or(e, "step_fen", r"steps of (\d+(?:\.\d+)?)")),
    "member_pay_not_held": lambda e: QCoreApplication.translate(
        "ErrorMessages", "The balance or points payment was not taken for this sale: take it again"
    ),
    "topup_too_large": lambda e: QCoreApplication.translate(
        "ErrorMessages", "A top-up is at most {limit}"
    ).format(limit=_fen_or(e, "limit_fen", r"at most (\d+(?:\.\d+)?)")),
    "topup_method": lambda e: QCoreApplication.translate(
        "ErrorMessages", "Top-ups are taken in cash at the counter"
    ),
}


def describe(exc: BaseException) -> str:
    """What to tell the cashier about ``exc``, in the interface language."""
    if isinstance(exc, DomainError):
        make = _MESSAGES.get(exc.code)
        if isinstance(exc, VerificationRefused):
            make = _CENTRAL_MESSAGES.get(exc.code, make)
        if make is not None:
            try:
                return make(exc)
            except (KeyError, IndexError, ValueError):  # a malformed message: fall back
                log.debug("could not translate %s", exc.code, exc_info=True)
        return exc.message
    log.error("unexpected error: %r", exc)
    return QCoreApplication.translate("ErrorMessages", "Unexpected error: {error}").format(
        error=f"{type(exc).__name__}: {exc}"
    )


def is_domain(exc: BaseException) -> bool:
    return isinstance(exc, DomainError)
