"""The certificate as a one-page A4 PDF in Chinese and English (fpdf2 + Noto Sans CJK SC), with a QR code of the
verification URL and the printed code.

The Noto CJK font comes from Debian's ``fonts-noto-cjk`` (a TrueType collection: face 2 is Simplified Chinese);
fpdf2 embeds only the glyphs used (subsetting is automatic), so a certificate is tens of kilobytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import segno
from fpdf import FPDF

FONT = "noto"
# (path, face index in the collection); the first that exists is used.
FONT_CANDIDATES: tuple[tuple[Path, int], ...] = (
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"), 0),
    (Path("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"), 2),
)


class FontMissing(RuntimeError):
    """No Chinese font is installed (apt-get install fonts-noto-cjk)."""


@dataclass(frozen=True)
class CertificateDoc:
    holder: str  # masked name
    programme_zh: str
    programme_en: str
    level_zh: str
    level_en: str
    agency: str
    issued_on: date
    expires_on: date
    code: str
    verify_url: str


def find_font() -> tuple[Path, int]:
    for path, face in FONT_CANDIDATES:
        if path.is_file():
            return path, face
    raise FontMissing("no Noto CJK font found")


def qr_png(url: str) -> bytes:
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=6, border=2)
    return buf.getvalue()


def _centered(pdf: FPDF, text: str, size: float, *, height: float | None = None) -> None:
    pdf.set_font(FONT, size=size)
    pdf.cell(0, height or size * 0.55, text, align="C", new_x="LMARGIN", new_y="NEXT")


def _border(pdf: FPDF) -> None:
    pdf.set_draw_color(150, 110, 40)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)


def _facts(pdf: FPDF, doc: CertificateDoc) -> None:
    rows = (
        ("持证人 Holder", doc.holder),
        ("等级 Level", f"{doc.level_zh}  {doc.level_en}"),
        ("颁发机构 Issued by", doc.agency),
        ("颁发日期 Issued on", doc.issued_on.isoformat()),
        ("有效期至 Valid until", doc.expires_on.isoformat()),
    )
    pdf.set_font(FONT, size=12)
    for label, value in rows:
        pdf.set_x(30)
        pdf.cell(55, 9, label)
        pdf.multi_cell(150, 9, value, new_x="LMARGIN", new_y="NEXT")


def _code_block(pdf: FPDF, doc: CertificateDoc) -> None:
    size = 48
    top = pdf.h - size - 22
    pdf.image(io.BytesIO(qr_png(doc.verify_url)), x=pdf.w - size - 22, y=top, w=size, h=size)
    pdf.set_xy(22, top + 4)
    pdf.set_font(FONT, size=10)
    pdf.multi_cell(
        pdf.w - size - 52,
        6,
        "证书编号（扫码或在验证页输入）Certificate code (scan, or type it on the verification page):",
    )
    pdf.set_x(22)
    pdf.set_font("Courier", size=8.5)
    pdf.multi_cell(pdf.w - size - 52, 4.6, doc.code)
    pdf.set_x(22)
    pdf.set_font(FONT, size=8)
    pdf.multi_cell(pdf.w - size - 52, 5, doc.verify_url)


def render_certificate(doc: CertificateDoc, *, font: tuple[Path, int] | None = None) -> bytes:
    """The certificate PDF as bytes (starts with ``%PDF``)."""
    path, face = font or find_font()
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(f"{doc.programme_en} - {doc.level_en}")
    pdf.set_creator("Rural Livestream Academy")
    pdf.add_font(FONT, "", str(path), collection_font_number=face)
    pdf.add_page()
    _border(pdf)
    pdf.set_y(22)
    pdf.set_text_color(120, 80, 20)
    _centered(pdf, "结业证书", 30, height=16)
    _centered(pdf, "Certificate of Completion", 16, height=10)
    pdf.set_text_color(30, 30, 30)
    _centered(pdf, doc.programme_zh, 13, height=8)
    _centered(pdf, doc.programme_en, 11, height=8)
    pdf.ln(4)
    _facts(pdf, doc)
    _code_block(pdf, doc)
    return bytes(pdf.output())
