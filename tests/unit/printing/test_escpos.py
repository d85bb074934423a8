"""ESC/POS output: what the paper says, how Chinese is encoded, and golden files.

Golden files live in ``tests/golden/``. After an intended change in the printed output, regenerate
them with ``STOREDESK_REGEN_GOLDEN=1 python -m pytest tests/unit/printing/test_escpos.py`` and
review the diff of the printed text before committing.
"""

import difflib
import os
import re
from pathlib import Path

import pytest

from shared.printing.escpos_render import KANJI_OFF, KANJI_ON, render_escpos
from shared.printing.layout import columns_for_paper
from tests.unit.printing.escpos_text import printer_columns, read_escpos
from tests.unit.printing.samples import (
    CARD_KEY,
    LINES,
    RECEIPT_NO,
    STORE_NAME,
    sample_receipt,
    sample_z_report,
)

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "golden"
AMOUNT_AT_END = re.compile(r"\d\.\d\d$")
PAPERS = (58, 80)


@pytest.mark.parametrize("paper_mm", PAPERS)
def test_receipt_says_what_was_sold(paper_mm):
    text = "\n".join(read_escpos(render_escpos(sample_receipt(), paper_mm=paper_mm)).lines)
    assert STORE_NAME in text
    assert f"单号：{RECEIPT_NO}" in text
    assert "时间：2026-11-22 14:03" in text
    assert "收银员：李晓梅" in text and "终端：3" in text
    assert "销售小票" in text
    for line in LINES:
        assert line.name in text
    assert "0.523kg" in text and "12.80" in text and "6.69" in text
    assert "-1.75" in text
    for label, amount in [
        ("合计", "￥38.69"),
        ("应收", "￥36.94"),
        ("微信支付", "￥20.00"),
        ("现金", "￥20.00"),
        ("实收", "￥40.00"),
        ("找零", "￥3.06"),
    ]:
        assert re.search(rf"^{label} +{re.escape(amount)}$", text, re.M), label
    assert "谢谢惠顾，欢迎再次光临！" in text


@pytest.mark.parametrize("paper_mm", PAPERS)
@pytest.mark.parametrize("doc", [sample_receipt(), sample_z_report()], ids=["receipt", "z"])
def test_every_line_fits_the_paper_and_amounts_end_at_the_edge(paper_mm, doc):
    columns = columns_for_paper(paper_mm)
    lines = read_escpos(render_escpos(doc, paper_mm=paper_mm)).lines
    assert lines
    for line in lines:
        assert printer_columns(line) <= columns, line
        if AMOUNT_AT_END.search(line):
            assert printer_columns(line) == columns, line


@pytest.mark.parametrize("paper_mm", PAPERS)
def test_item_table_columns_line_up_under_their_headings(paper_mm):
    lines = read_escpos(render_escpos(sample_receipt(), paper_mm=paper_mm)).lines
    heading = next(line for line in lines if line.startswith("品名"))
    price_end = _end_column(heading, "单价")
    quantity_end = _end_column(heading, "数量")
    assert printer_columns(heading) == columns_for_paper(paper_mm)
    item_rows = [line for line in lines if re.search(r"\d(瓶|kg|张) +\d+\.\d\d +\d+\.\d\d$", line)]
    assert len(item_rows) == 3
    for line in item_rows:
        quantity, price, _amount = line.split()[-3:]
        assert _end_column(line, quantity) == quantity_end, line
        assert _end_column(line, f" {price} ") - 1 == price_end, line


def _end_column(line: str, text: str) -> int:
    return printer_columns(line[: line.index(text) + len(text)])


def test_card_key_printed_in_full_with_its_qr():
    for paper_mm in PAPERS:
        out = read_escpos(render_escpos(sample_receipt(), paper_mm=paper_mm))
        assert any(line.strip().endswith(CARD_KEY) for line in out.lines)
        assert CARD_KEY in out.qr_payloads
    plain = read_escpos(render_escpos(sample_receipt(card_key_qr=False)))
    assert plain.qr_payloads == [RECEIPT_NO]


def test_receipt_ends_with_a_native_qr_of_the_receipt_number_then_a_cut():
    data = render_escpos(sample_receipt())
    out = read_escpos(data)
    assert out.qr_payloads[-1] == RECEIPT_NO
    payload = RECEIPT_NO.encode()
    store = b"\x1d(k" + (len(payload) + 3).to_bytes(2, "little") + b"1P0" + payload
    assert store in data
    assert b"\x1d(k\x03\x001Q0" in data  # print the stored symbol
    assert data.index(store) < data.rindex(b"\x1dV")
    assert data.endswith(b"\x1bd\x06\x1dV\x00")
    assert out.cuts == 1


def test_chinese_is_sent_as_gb18030_inside_kanji_mode():
    data = render_escpos(sample_receipt())
    name = re.escape(STORE_NAME.encode("gb18030"))
    assert re.search(re.escape(KANJI_ON) + b" *" + name + re.escape(KANJI_OFF) + b"\n", data)
    assert "￥36.94".encode("gb18030") == b"\xa3\xa436.94"
    assert b"\xa3\xa436.94" in data
    assert "¥".encode("gb18030") not in data
    assert read_escpos(data).kanji_lines > 10


def test_half_width_yen_and_control_codes_in_names_are_neutralised():
    line = LINES[1].__class__(
        name="苹果¥\x1dV\x00特价",
        quantity="1",
        unit="kg",
        unit_price_fen=100,
        gross_fen=100,
    )
    out = read_escpos(render_escpos(sample_receipt(lines=(line,))))
    assert out.cuts == 1
    assert any("苹果￥V特价" in text for text in out.lines)


def test_long_names_wrap_within_the_paper():
    line = LINES[0].__class__(
        name="农夫山泉 饮用天然水 550ml×24瓶 整箱装 家庭囤货 超值优惠装",
        quantity="1",
        unit="箱",
        unit_price_fen=4990,
        gross_fen=4990,
    )
    for paper_mm in PAPERS:
        lines = read_escpos(render_escpos(sample_receipt(lines=(line,)), paper_mm=paper_mm)).lines
        assert all(printer_columns(text) <= columns_for_paper(paper_mm) for text in lines)
        assert "超值优惠装" in "".join(lines)


def test_reprint_and_refund_are_marked():
    reprint = "\n".join(read_escpos(render_escpos(sample_receipt(reprint=True))).lines)
    assert "** 重打小票 **" in reprint
    refund = sample_receipt(is_refund=True, original_receipt_no="S0012-T03-20261120-000042")
    text = "\n".join(read_escpos(render_escpos(refund)).lines)
    assert "退货单" in text and "销售小票" not in text
    assert "原单号：S0012-T03-20261120-000042" in text
    assert re.search(r"^应退 +￥36\.94$", text, re.M)


def test_english_receipt_uses_english_labels():
    text = "\n".join(read_escpos(render_escpos(sample_receipt(language="en"))).lines)
    assert re.search(r"^Total +￥36\.94$", text, re.M)
    assert "WeChat Pay" in text and "SALES RECEIPT" in text


def test_copies_repeat_the_whole_receipt():
    one = render_escpos(sample_receipt())
    three = render_escpos(sample_receipt(), copies=3)
    assert read_escpos(three).cuts == 3
    body = one[2:]  # after ESC @
    assert three == one[:2] + body * 3


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        render_escpos(sample_receipt(), paper_mm=76)
    with pytest.raises(ValueError):
        render_escpos(sample_receipt(), copies=0)
    with pytest.raises(TypeError):
        render_escpos("not a document")


def test_z_report_lists_figures_methods_cash_and_signatures():
    text = "\n".join(read_escpos(render_escpos(sample_z_report())).lines)
    assert "Z报表/交班单" in text
    for label, amount in [
        ("销售笔数", "128"),
        ("销售总额", "￥12560.80"),
        ("净销售额", "￥12270.30"),
        ("现金", "￥3120.30"),
        ("微信支付", "￥6045.00"),
        ("支付宝", "￥2800.00"),
        ("银行卡", "￥305.00"),
        ("备用金", "￥500.00"),
        ("现金存入", "￥100.00"),
        ("现金取出", "-￥35.00"),
        ("应有现金", "￥3685.30"),
        ("实点现金", "￥3683.30"),
        ("差异", "-￥2.00"),
    ]:
        assert re.search(rf"^{label} +{re.escape(amount)}$", text, re.M), label
    assert "收银员签字：" in text and "店长签字：" in text
    assert read_escpos(render_escpos(sample_z_report())).qr_payloads == []


def test_x_report_has_no_count_and_no_signatures():
    x = sample_z_report(report_type="X", counted_cash_fen=None, variance_fen=None)
    text = "\n".join(read_escpos(render_escpos(x)).lines)
    assert "X报表" in text and "打印时间：2026-11-22 20:05" in text
    assert "实点现金" not in text and "差异" not in text and "签字" not in text


def test_output_is_deterministic():
    assert render_escpos(sample_receipt()) == render_escpos(sample_receipt())


GOLDEN_CASES = {
    "receipt_58.bin": lambda: render_escpos(sample_receipt(), paper_mm=58),
    "receipt_80.bin": lambda: render_escpos(sample_receipt(), paper_mm=80),
    "zreport_80.bin": lambda: render_escpos(sample_z_report(), paper_mm=80),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_matches_golden_file(name):
    rendered = GOLDEN_CASES[name]()
    path = GOLDEN_DIR / name
    if os.environ.get("STOREDESK_REGEN_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rendered)
        pytest.skip(f"regenerated {path}; review the change before committing")
    assert path.exists(), (
        f"{path} is missing: run STOREDESK_REGEN_GOLDEN=1 pytest {__file__} to create it"
    )
    expected = path.read_bytes()
    if rendered != expected:
        diff = "\n".join(
            difflib.unified_diff(
                read_escpos(expected).lines,
                read_escpos(rendered).lines,
                "golden",
                "rendered",
                lineterm="",
            )
        )
        offset = next(
            (i for i, (a, b) in enumerate(zip(expected, rendered, strict=False)) if a != b),
            min(len(expected), len(rendered)),
        )
        pytest.fail(
            f"{name} differs from the golden file at byte {offset} "
            f"({len(expected)} -> {len(rendered)} bytes).\nPrinted text diff:\n{diff or '(none)'}\n"
            "If the change is intended, regenerate with STOREDESK_REGEN_GOLDEN=1."
        )


def test_cash_counted_by_denomination_is_listed_largest_first():
    report = sample_z_report(denominations={"50": 4, "10000": 36, "1000": 8})
    lines = read_escpos(render_escpos(report, paper_mm=58)).lines
    start = lines.index("点钞明细")
    assert [line.split() for line in lines[start + 1 : start + 4]] == [
        ["￥100.00", "x", "36", "￥3600.00"],
        ["￥10.00", "x", "8", "￥80.00"],
        ["￥0.50", "x", "4", "￥2.00"],
    ]
