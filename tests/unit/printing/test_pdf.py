import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from PIL import Image
from reportlab.lib.units import mm

from shared.domain.errors import ConfigurationError
from shared.printing import fonts
from shared.printing.fonts import FontSpec, find_cjk_font, has_truetype_outlines, register_cjk_font
from shared.printing.pdf_render import render_pdf
from tests.unit.printing.samples import (
    CARD_KEY,
    LINES,
    RECEIPT_NO,
    STORE_NAME,
    sample_receipt,
    sample_z_report,
)

SYSTEM_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def _page(data: bytes) -> pypdf.PageObject:
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return reader.pages[0]


@pytest.fixture(scope="module")
def receipt_pdf() -> bytes:
    return render_pdf(sample_receipt())


def test_pdf_text_has_store_lines_and_total(receipt_pdf):
    text = _page(receipt_pdf).extract_text()
    assert STORE_NAME in text
    for line in LINES:
        assert line.name in text
    assert "应收 ￥36.94" in text
    assert f"单号：{RECEIPT_NO}" in text
    assert CARD_KEY in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_pdftotext_reads_the_chinese(receipt_pdf, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(receipt_pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    assert STORE_NAME in text and "散装苹果" in text and "￥36.94" in text


def test_every_font_is_embedded_truetype(receipt_pdf):
    page = _page(receipt_pdf)
    used = page["/Resources"]["/Font"]
    assert used
    for font in used.values():
        font = font.get_object()
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_page_is_as_wide_as_the_paper_and_fits_the_content(paper_mm):
    box = _page(render_pdf(sample_receipt(), paper_mm=paper_mm)).mediabox
    assert float(box.width) == pytest.approx(paper_mm * mm, abs=0.01)
    assert float(box.height) > 2 * float(box.width)
    short = _page(render_pdf(sample_receipt(lines=LINES[:1], footer=""), paper_mm=paper_mm))
    assert float(short.mediabox.height) < float(box.height)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
@pytest.mark.parametrize("paper_mm", [58, 80])
def test_qr_codes_decode_from_the_rendered_page(paper_mm, tmp_path):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(sample_receipt(), paper_mm=paper_mm))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    with Image.open(tmp_path / "page.png") as image:
        found = {result.text for result in zxingcpp.read_barcodes(image)}
    assert RECEIPT_NO in found
    assert CARD_KEY in found


def test_shift_report_pdf():
    text = _page(render_pdf(sample_z_report(), paper_mm=58)).extract_text()
    assert STORE_NAME in text and "Z报表/交班单" in text
    assert "应有现金 ￥3685.30" in text and "差异 -￥2.00" in text


def test_pdf_is_deterministic(receipt_pdf):
    assert render_pdf(sample_receipt()) == receipt_pdf


def test_truetype_check_refuses_postscript_outlines(tmp_path):
    otf = tmp_path / "NotoSansCJK-Regular.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 64)
    collection = tmp_path / "NotoSansCJK.ttc"
    collection.write_bytes(b"ttcf\0\1\0\0\0\0\0\1\0\0\0\x10OTTO" + b"\0" * 32)
    assert not has_truetype_outlines(otf)
    assert not has_truetype_outlines(collection)
    assert not has_truetype_outlines(tmp_path / "missing.ttf")
    if SYSTEM_FONT.exists():
        assert has_truetype_outlines(SYSTEM_FONT)


@pytest.fixture
def no_fonts(monkeypatch, tmp_path):
    """A machine with no bundled font, no setting and no system font."""
    monkeypatch.setattr(fonts, "_resource_dirs", lambda: [tmp_path / "resources" / "fonts"])
    monkeypatch.setattr(fonts, "_system_candidates", lambda: [tmp_path / "none.ttc"])
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    return tmp_path


def test_missing_font_says_what_to_install(no_fonts):
    with pytest.raises(ConfigurationError, match="fonts-wqy-microhei") as info:
        find_cjk_font()
    assert fonts.ENV_VAR in str(info.value)
    assert info.value.code == "cjk_font_missing"


def test_environment_variable_names_the_font(no_fonts, monkeypatch):
    if not SYSTEM_FONT.exists():
        pytest.skip("fonts-wqy-microhei not installed")
    monkeypatch.setenv(fonts.ENV_VAR, f"{SYSTEM_FONT}#1")
    assert find_cjk_font() == FontSpec(str(SYSTEM_FONT), 1)
    otf = no_fonts / "x.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 64)
    monkeypatch.setenv(fonts.ENV_VAR, str(otf))
    with pytest.raises(ConfigurationError, match="not a TrueType font"):
        find_cjk_font()
    monkeypatch.setenv(fonts.ENV_VAR, str(no_fonts / "nowhere.ttf"))
    with pytest.raises(ConfigurationError, match="not a file"):
        find_cjk_font()


def test_bundled_font_comes_first(no_fonts, monkeypatch):
    if not SYSTEM_FONT.exists():
        pytest.skip("fonts-wqy-microhei not installed")
    bundled = no_fonts / "resources" / "fonts"
    bundled.mkdir(parents=True)
    (bundled / "README.txt").write_text("fonts go here")
    (bundled / "wqy-microhei.ttc").symlink_to(SYSTEM_FONT)
    monkeypatch.setenv(fonts.ENV_VAR, "/elsewhere/font.ttf")
    assert find_cjk_font() == FontSpec(str(bundled / "wqy-microhei.ttc"), 0)


def test_font_registration_is_idempotent():
    assert register_cjk_font() == register_cjk_font()


def test_a_font_without_chinese_is_refused():
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.exists():
        pytest.skip("DejaVuSans not installed")
    with pytest.raises(ConfigurationError, match="no Chinese characters"):
        register_cjk_font(FontSpec(str(latin)))
