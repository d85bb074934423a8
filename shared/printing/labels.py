"""Fixed labels printed on receipts and shift reports, per language.

Documents carry their own text already translated (names, store, footer); the renderers add only
these labels. ``zh_CN`` is the default and the fallback for an unknown language.
"""

from __future__ import annotations

DEFAULT_LANGUAGE = "zh_CN"

#: payment methods in the order they are listed on a receipt or report
PAYMENT_METHODS = ("cash", "card", "wechat", "alipay", "balance", "points")

_ZH_CN = {
    "colon": "：",
    "sale_receipt": "销售小票",
    "refund_receipt": "退货单",
    "reprint": "重打小票",
    "receipt_no": "单号",
    "original_receipt_no": "原单号",
    "time": "时间",
    "cashier": "收银员",
    "terminal": "终端",
    "address": "地址",
    "phone": "电话",
    "item": "品名",
    "quantity": "数量",
    "unit_price": "单价",
    "amount": "金额",
    "discount": "优惠",
    "subtotal": "合计",
    "total": "应收",
    "paid": "实收",
    "change": "找零",
    "refund_total": "应退",
    "refund_paid": "实退",
    "reference": "交易号",
    "card_key": "卡密",
    "serial_no": "序列号",
    "x_report": "X报表",
    "z_report": "Z报表/交班单",
    "opened_at": "开班时间",
    "printed_at": "打印时间",
    "closed_at": "交班时间",
    "sales_count": "销售笔数",
    "gross": "销售总额",
    "discounts": "优惠总额",
    "refunds_count": "退货笔数",
    "refunds": "退货金额",
    "net": "净销售额",
    "coupons_redeemed": "核销卡券",
    "card_keys_issued": "发放卡密",
    "by_method": "收款方式",
    "cash_drawer": "钱箱现金",
    "opening_float": "备用金",
    "cash_takings": "现金收款",
    "cash_in": "现金存入",
    "cash_out": "现金取出",
    "expected_cash": "应有现金",
    "counted_cash": "实点现金",
    "variance": "差异",
    "denominations": "点钞明细",
    "cashier_signature": "收银员签字",
    "manager_signature": "店长签字",
    "cash": "现金",
    "card": "银行卡",
    "wechat": "微信支付",
    "alipay": "支付宝",
    "balance": "会员余额",
    "points": "积分抵扣",
    "coupon": "优惠券",
    "member": "会员",
}

_EN = {
    "colon": ": ",
    "sale_receipt": "SALES RECEIPT",
    "refund_receipt": "REFUND",
    "reprint": "REPRINT",
    "receipt_no": "No.",
    "original_receipt_no": "Original No.",
    "time": "Time",
    "cashier": "Cashier",
    "terminal": "Terminal",
    "address": "Address",
    "phone": "Tel",
    "item": "Item",
    "quantity": "Qty",
    "unit_price": "Price",
    "amount": "Amount",
    "discount": "Discount",
    "subtotal": "Subtotal",
    "total": "Total",
    "paid": "Paid",
    "change": "Change",
    "refund_total": "Refund due",
    "refund_paid": "Refunded",
    "reference": "Ref",
    "card_key": "Card key",
    "serial_no": "S/N",
    "x_report": "X REPORT",
    "z_report": "Z REPORT / HANDOVER",
    "opened_at": "Opened",
    "printed_at": "Printed",
    "closed_at": "Closed",
    "sales_count": "Sales",
    "gross": "Gross sales",
    "discounts": "Discounts",
    "refunds_count": "Refunds",
    "refunds": "Refunded",
    "net": "Net sales",
    "coupons_redeemed": "Coupons redeemed",
    "card_keys_issued": "Card keys issued",
    "by_method": "By payment method",
    "cash_drawer": "Cash drawer",
    "opening_float": "Opening float",
    "cash_takings": "Cash takings",
    "cash_in": "Cash in",
    "cash_out": "Cash out",
    "expected_cash": "Expected cash",
    "counted_cash": "Counted cash",
    "variance": "Variance",
    "denominations": "Count by denomination",
    "cashier_signature": "Cashier signature",
    "manager_signature": "Manager signature",
    "cash": "Cash",
    "card": "Bank card",
    "wechat": "WeChat Pay",
    "alipay": "Alipay",
    "balance": "Member balance",
    "points": "Points",
    "coupon": "Coupon",
    "member": "Member",
}

LABELS: dict[str, dict[str, str]] = {"zh_CN": _ZH_CN, "en": _EN}


def normalize_language(language: str | None) -> str:
    """``"zh-CN"``/``"zh"`` -> ``"zh_CN"``, ``"en_US"`` -> ``"en"``; unknown -> the default."""
    tag = (language or "").replace("-", "_")
    if tag in LABELS:
        return tag
    base = tag.split("_", 1)[0].lower()
    if base == "zh":
        return "zh_CN"
    if base in LABELS:
        return base
    return DEFAULT_LANGUAGE


def label(language: str | None, key: str) -> str:
    """The fixed label ``key`` in ``language``. An unknown key is a programming error (KeyError)."""
    return LABELS[normalize_language(language)][key]


def method_label(language: str | None, method: str) -> str:
    """Printed name of a payment method; an unknown method prints as its own code."""
    table = LABELS[normalize_language(language)]
    return table[method] if method in PAYMENT_METHODS else method
