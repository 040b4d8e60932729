"""Password hashing (argon2id) and strength rules.

No upper length limit that would reject a long Chinese passphrase: argon2 hashes any length; we cap only at
1,024 characters so a request cannot make the server hash megabytes.
"""

from __future__ import annotations

import secrets
import string

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from training_app.errors import InvalidInput

MIN_LENGTH = 8
MAX_LENGTH = 1024
_COMMON = {
    "password", "password1", "12345678", "123456789", "1234567890", "87654321", "11111111", "88888888",
    "66666666", "00000000", "qwertyui", "qwerty123", "iloveyou", "admin123", "abc12345", "a1234567",
    "woaini1314", "woaini520", "1qaz2wsx", "zxcvbnm1", "passw0rd", "aa123456", "123123123", "5201314520",
}  # fmt: skip

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("dummy password for timing parity")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-effort check; an unknown user is verified against a dummy hash so timing does not tell."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def _is_sequence(password: str) -> bool:
    steps = {ord(b) - ord(a) for a, b in zip(password, password[1:], strict=False)}
    return len(steps) == 1 and steps.pop() in (-1, 0, 1)


def check_strength(password: str, *, username: str = "") -> None:
    """Raise InvalidInput with a specific reason if the password is too weak."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput("accounts.password_too_short", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise InvalidInput("accounts.password_too_long", max=MAX_LENGTH)
    if password.strip() != password or not password.strip():
        raise InvalidInput("accounts.password_whitespace")
    if _is_sequence(password) or len(set(password)) < 3:
        raise InvalidInput("accounts.password_repetitive")
    if password.lower() in _COMMON:
        raise InvalidInput("accounts.password_common")
    if username and username.lower() in password.lower():
        raise InvalidInput("accounts.password_contains_username")


def generate_password(length: int = 16) -> str:
    """A random password for first start and resets (letters and digits, no look-alikes)."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "0OoIl1")
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate):
            return candidate
