import pytest

from shared.printing.labels import LABELS, PAYMENT_METHODS, label, method_label
from shared.printing.layout import (
    clean_text,
    columns_for_paper,
    display_width,
    fit_row,
    pad,
    row,
    truncate,
    two_column,
    wrap,
)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("abc 123", 7),
        ("散装苹果", 8),
        ("可口可乐 330ml", 14),
        ("￥36.94", 7),
        ("单号：", 6),
        ("2×3·5", 7),  # × and · are double-byte in GB18030: full width on the printer
        ("e\u0301", 1),  # a combining accent takes no column
        ("", 0),
    ],
)
def test_display_width_counts_printer_columns(text, width):
    assert display_width(text) == width


def test_paper_columns():
    assert columns_for_paper(58) == 32
    assert columns_for_paper(80) == 48
    with pytest.raises(ValueError, match="58 or 80"):
        columns_for_paper(76)


def test_truncate_never_splits_a_wide_character():
    assert truncate("星辰便利店", 5) == "星辰"
    assert truncate("星辰便利店", 10) == "星辰便利店"
    assert truncate("abc", 0) == ""


def test_pad_fills_to_exact_width_by_columns():
    assert pad("苹果", 6) == "苹果  "
    assert pad("苹果", 6, "right") == "  苹果"
    assert pad("苹果", 7, "center") == " 苹果  "
    assert pad("星辰便利店", 5) == "星辰 "
    for text in ("苹果", "apple", "星辰便利店"):
        for align in ("left", "right", "center"):
            assert display_width(pad(text, 9, align)) == 9


def test_wrap_breaks_chinese_anywhere_and_latin_at_spaces():
    lines = wrap("农夫山泉饮用天然水550ml 24瓶整箱装 special offer", 16)
    assert all(display_width(line) <= 16 for line in lines)
    assert "".join(lines).replace(" ", "") == "农夫山泉饮用天然水550ml24瓶整箱装specialoffer"
    assert "special" in lines[-1] or "offer" in lines[-1]
    assert all(not line.startswith(" ") for line in lines[1:])


def test_wrap_keeps_words_whole_when_possible():
    assert wrap("Coca Cola Zero Sugar", 10) == ["Coca Cola", "Zero Sugar"]


def test_wrap_moves_a_number_after_chinese_whole_to_the_next_line():
    assert wrap("Address: 上海市静安区南京西路1266号", 32) == [
        "Address: 上海市静安区南京西路",
        "1266号",
    ]


def test_wrap_cuts_a_word_longer_than_the_line_without_losing_characters():
    key = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX"
    lines = wrap(key, 10)
    assert "".join(lines) == key
    assert all(display_width(line) <= 10 for line in lines)


def test_wrap_honours_line_breaks():
    assert wrap("谢谢惠顾\n欢迎再次光临", 32) == ["谢谢惠顾", "欢迎再次光临"]


def test_two_column_puts_right_text_flush_with_the_end():
    line = two_column("应收", "￥36.94", 32)
    assert display_width(line) == 32
    assert line.startswith("应收") and line.endswith("￥36.94")
    long = two_column("腾讯视频VIP会员月卡超长名称测试", "￥25.00", 20)
    assert display_width(long) <= 20 and long.endswith("￥25.00")


def test_row_lines_up_columns_whatever_the_script():
    widths = (20, 9, 9, 10)
    rows = [
        ["散装苹果", "0.523kg", "12.80", "6.69"],
        ["Apple", "2", "3.50", "7.00"],
        ["可口可乐 330ml", "2瓶", "13.50", "27.00"],
    ]
    for cells in rows:
        line = row(cells, widths)
        assert line.startswith(cells[0])
        assert _column_where_ends(line, cells[1], after=cells[0]) == 29
        assert _column_where_ends(line, cells[2], after=cells[1]) == 38
        assert display_width(line) == 48 and line.endswith(cells[3])


def _column_where_ends(line: str, text: str, *, after: str) -> int:
    start = line.index(text, line.index(after) + len(after))
    return display_width(line[: start + len(text)])


def test_fit_row_lets_a_long_amount_borrow_from_its_neighbour():
    cells = fit_row(["", "1000kg", "99999.99", "1234567.89"], (8, 8, 8, 8))
    assert [c.text for c in cells] == ["", "1000kg", "99999.99", "1234567.89"]
    ends = [c.start + c.width for c in cells]
    assert ends[-1] == 32
    assert all(cells[i].start > ends[i - 1] for i in range(1, 4) if cells[i - 1].width)


def test_clean_text_drops_control_codes_and_fixes_the_yen_sign():
    assert clean_text("坏\x1b@名\x1dV\x00字") == "坏@名V字"
    assert clean_text("¥5") == "￥5"
    assert clean_text("a\tb\nc") == "a b c"
    assert clean_text("a\nb", keep_newlines=True) == "a\nb"


def test_labels_exist_in_every_language():
    keys = set(LABELS["zh_CN"])
    for language, table in LABELS.items():
        assert set(table) == keys, language
    assert label("zh_CN", "total") == "应收"
    assert label("zh_CN", "z_report") == "Z报表/交班单"
    assert label("en", "total") == "Total"


def test_label_language_fallback():
    assert label("zh-CN", "subtotal") == "合计"
    assert label("zh", "subtotal") == "合计"
    assert label("en_US", "subtotal") == "Subtotal"
    assert label("fr", "subtotal") == "合计"
    assert label(None, "subtotal") == "合计"
    with pytest.raises(KeyError):
        label("zh_CN", "no_such_label")


def test_payment_method_names():
    names = {m: method_label("zh_CN", m) for m in PAYMENT_METHODS}
    assert names == {
        "cash": "现金",
        "card": "银行卡",
        "wechat": "微信支付",
        "alipay": "支付宝",
        "balance": "会员余额",
        "points": "积分抵扣",
    }
    assert method_label("en", "wechat") == "WeChat Pay"
    assert method_label("zh_CN", "voucher") == "voucher"
