"""Certificate codes: a random certificate id signed with Ed25519, written in Crockford base32 with dashes.

Layout (81 bytes): version byte ``0x01`` · 16 random bytes (the certificate's public id, 128 bits) · 64-byte Ed25519
signature over ``b"RLA-CERT" + version + id``. Encoded in Crockford base32 that is 130 characters, printed in groups
of five (``7Q2KD-…``): only digits and upper-case letters without I, L, O, U, so it reads aloud, types from paper
and fits a QR code in alphanumeric mode. Decoding forgives case, spaces, dashes and the look-alikes O→0, I/L→1.

A verifying host needs only the public key: a forged or mistyped code fails the signature check before anything
is looked up. Ed25519 signatures cannot be shortened, hence the length; the printed code and the QR carry the same.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

VERSION = 1
ID_BYTES = 16
SIGNATURE_BYTES = 64
CODE_BYTES = 1 + ID_BYTES + SIGNATURE_BYTES
GROUP = 5
_DOMAIN = b"RLA-CERT"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
_IGNORED = str.maketrans("", "", "- \t\r\n")
MAX_INPUT = 400  # longer input is refused before any work


class CodeError(ValueError):
    """The text is not a well-formed, correctly signed certificate code."""


@dataclass(frozen=True)
class CodeInfo:
    version: int
    cert_id: bytes

    @property
    def public_id(self) -> str:
        """The certificate id as stored in the database (hex)."""
        return self.cert_id.hex()


def b32encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    bits = len(data) * 8
    chars = -(-bits // 5)
    number <<= chars * 5 - bits
    return "".join(ALPHABET[(number >> (5 * (chars - 1 - i))) & 31] for i in range(chars))


def b32decode(text: str, length: int) -> bytes:
    chars = -(-length * 8 // 5)
    if len(text) != chars:
        raise CodeError("wrong length")
    number = 0
    for char in text:
        value = _DECODE.get(char)
        if value is None:
            raise CodeError("bad character")
        number = (number << 5) | value
    pad = chars * 5 - length * 8
    if number & ((1 << pad) - 1):
        raise CodeError("non-zero padding")
    return (number >> pad).to_bytes(length, "big")


def new_cert_id() -> bytes:
    return secrets.token_bytes(ID_BYTES)


def _message(version: int, cert_id: bytes) -> bytes:
    return _DOMAIN + bytes([version]) + cert_id


def make_code(private_key: Ed25519PrivateKey, cert_id: bytes) -> str:
    """The printable code for ``cert_id``: grouped Crockford base32."""
    if len(cert_id) != ID_BYTES:
        raise ValueError("certificate id must be 16 bytes")
    signature = private_key.sign(_message(VERSION, cert_id))
    return group(b32encode(bytes([VERSION]) + cert_id + signature))


def group(text: str) -> str:
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def normalize(text: str) -> str:
    return text.translate(_IGNORED).upper()


def parse_code(text: str, public_keys: list[Ed25519PublicKey]) -> CodeInfo:
    """Decode and verify ``text``; raises :class:`CodeError` for anything malformed, forged or signed by another key."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        raise CodeError("too long")
    raw = b32decode(normalize(text), CODE_BYTES)
    version, cert_id, signature = raw[0], raw[1 : 1 + ID_BYTES], raw[1 + ID_BYTES :]
    if version != VERSION:
        raise CodeError("unknown version")
    message = _message(version, cert_id)
    for key in public_keys:
        try:
            key.verify(signature, message)
        except InvalidSignature:
            continue
        return CodeInfo(version, cert_id)
    raise CodeError("bad signature")
