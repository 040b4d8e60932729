"""Certificate codes: Ed25519-signed random ids in grouped Crockford base32; anything else is rejected."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from training_app.certification import codes

KEY = Ed25519PrivateKey.generate()
OTHER = Ed25519PrivateKey.generate()
CERT_ID = bytes(range(16))
CODE = codes.make_code(KEY, CERT_ID)


def _flip(code: str, index: int) -> str:
    chars = list(code.replace("-", ""))
    chars[index] = "0" if chars[index] != "0" else "1"
    return "".join(chars)


def test_code_round_trips_to_its_id_when_signed_by_a_trusted_key() -> None:
    info = codes.parse_code(CODE, [OTHER.public_key(), KEY.public_key()])
    assert info.cert_id == CERT_ID
    assert info.public_id == CERT_ID.hex()


def test_code_is_grouped_upper_case_crockford_when_printed() -> None:
    groups = CODE.split("-")
    assert all(len(g) == 5 for g in groups[:-1])
    assert set(CODE.replace("-", "")) <= set(codes.ALPHABET)
    assert len(CODE.replace("-", "")) == 130  # 81 bytes: version, 16-byte id, 64-byte signature


@pytest.mark.parametrize(
    "typed",
    [CODE.lower(), CODE.replace("-", ""), CODE.replace("-", " "), CODE.replace("0", "O").replace("1", "I")],
    ids=["lower-case", "no-dashes", "spaces", "look-alikes"],
)
def test_code_is_accepted_when_typed_loosely(typed: str) -> None:
    assert codes.parse_code(typed, [KEY.public_key()]).cert_id == CERT_ID


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_flip(CODE, 5), id="tampered-id"),
        pytest.param(_flip(CODE, 100), id="tampered-signature"),
        pytest.param(_flip(CODE, 0), id="tampered-version"),
        pytest.param(CODE[:-6], id="truncated"),
        pytest.param(CODE + "-ABCDE", id="too-long"),
        pytest.param("", id="empty"),
        pytest.param("HELLO-WORLD", id="malformed"),
        pytest.param(CODE.replace(CODE[7], "!", 1), id="bad-character"),
        pytest.param("7" * 5000, id="huge"),
        pytest.param(codes.make_code(OTHER, CERT_ID), id="wrong-key"),
    ],
)
def test_code_is_rejected_when_not_genuine(text: str) -> None:
    with pytest.raises(codes.CodeError):
        codes.parse_code(text, [KEY.public_key()])


def test_code_is_rejected_when_no_key_is_trusted() -> None:
    with pytest.raises(codes.CodeError):
        codes.parse_code(CODE, [])


def test_same_key_gives_same_code_when_rendered_again() -> None:
    assert codes.make_code(KEY, CERT_ID) == CODE


@pytest.mark.parametrize("data", [b"", b"\x00", b"\xff" * 81, bytes(range(81))])
def test_base32_round_trips_when_any_bytes(data: bytes) -> None:
    assert codes.b32decode(codes.b32encode(data), len(data)) == data
