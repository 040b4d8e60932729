"""Public verification: rate limit per client that never yields a false "valid"; forged codes cost no database
query; the PDF carries the font and the code."""

from __future__ import annotations

import zlib

import pytest
from sqlalchemy import event
from support.certification import LEVELS, World, issue, make_eligible

from training_app.certification import codes
from training_app.certification.masking import mask_name
from training_app.errors import RateLimited
from training_app.services.certificate_pdf import certificate_pdf
from training_app.services.uow import unit_of_work
from training_app.services.verification import RateLimiter, VerifyState, verify_code


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_holds_and_never_yields_valid_when_exceeded(world: World) -> None:
    make_eligible(world, world.people.trainee)
    good = issue(world, world.people.trainee).code
    clock = Clock()
    limiter = RateLimiter(limit=10, window=60, clock=clock)
    keys = [world.key.public_key()]
    states = []
    for i in range(10):
        code = good if i % 2 else codes.make_code(world.key, codes.new_cert_id())
        states.append(verify_code(world.engine, code, public_keys=keys, levels=LEVELS, client="1.2.3.4",
                                  limiter=limiter).state)  # fmt: skip
    assert states.count(VerifyState.VALID) == 5
    for _ in range(5):
        with pytest.raises(RateLimited):
            verify_code(world.engine, good, public_keys=keys, levels=LEVELS, client="1.2.3.4", limiter=limiter)
    other = verify_code(world.engine, good, public_keys=keys, levels=LEVELS, client="5.6.7.8", limiter=limiter)
    assert other.state == VerifyState.VALID
    clock.now += 61
    assert verify_code(world.engine, good, public_keys=keys, levels=LEVELS, client="1.2.3.4",
                       limiter=limiter).state == VerifyState.VALID  # fmt: skip


def test_forged_code_rejected_before_any_database_query(world: World) -> None:
    make_eligible(world, world.people.trainee)
    good = issue(world, world.people.trainee).code
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    statements: list[str] = []
    event.listen(world.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    result = verify_code(world.engine, forged, public_keys=[world.key.public_key()], levels=LEVELS)
    assert result.state == VerifyState.INVALID
    assert statements == []
    verify_code(world.engine, good, public_keys=[world.key.public_key()], levels=LEVELS)
    assert statements


@pytest.mark.parametrize(
    ("name", "masked"), [("张三丰", "张**"), ("李四", "李*"), ("Ada Lovelace", "A** L*******"), ("", "*")]
)
def test_name_is_masked_when_shown_publicly(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def _text_streams(pdf: bytes) -> bytes:
    out = b""
    for chunk in pdf.split(b"stream\n")[1:]:
        body = chunk.split(b"\nendstream")[0]
        try:
            out += zlib.decompress(body)
        except zlib.error:
            continue
    return out


def test_certificate_pdf_renders_with_cjk_font_and_code(world: World) -> None:
    make_eligible(world, world.people.trainee)
    issued = issue(world, world.people.trainee)
    with unit_of_work(world.engine) as s:
        pdf = certificate_pdf(s, world.people.trainee, certificate_id=issued.certificate.id or 0,
                              signing_key=world.key, base_url="https://academy.example/", levels=LEVELS)  # fmt: skip
    assert pdf.startswith(b"%PDF")
    assert b"NotoSansCJK" in pdf  # the embedded (subset) font
    text = _text_streams(pdf)  # the code is printed in a core font, so it is readable as text (wrapped in lines)
    groups = issued.code.split("-")
    assert groups[0].encode() in text and groups[-1].encode() in text
    assert 5_000 < len(pdf) < 200_000
