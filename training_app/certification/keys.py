"""The certificate signing key: created on first use in ``DATA_DIR/keys`` (mode 0600), never committed.

A host that only verifies holds public keys: every ``*.pub`` file (PEM) in the keys directory is trusted, besides
the public half of the local signing key if there is one. ``training-app certificate export-public-key`` writes the
public key to copy to such a host; after a key rotation, keep the old ``.pub`` so old certificates still verify.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

logger = logging.getLogger(__name__)

SIGNING_KEY_FILE = "certificate-signing.key"


def signing_key_path(keys_dir: Path) -> Path:
    return keys_dir / SIGNING_KEY_FILE


def _write_new_key(path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if another process won the race: its key stays
        logger.warning("created a new certificate signing key at %s", path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()


def load_signing_key(keys_dir: Path, *, create: bool = True) -> Ed25519PrivateKey | None:
    """The signing key, created (0600) when missing and ``create`` is true."""
    path = signing_key_path(keys_dir)
    if not path.exists():
        if not create:
            return None
        _write_new_key(path)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return key


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def trusted_public_keys(keys_dir: Path) -> list[Ed25519PublicKey]:
    """Public keys codes are checked against: the local signing key's, then every ``*.pub`` in ``keys_dir``."""
    keys: list[Ed25519PublicKey] = []
    signing = load_signing_key(keys_dir, create=False)
    if signing is not None:
        keys.append(signing.public_key())
    for path in sorted(keys_dir.glob("*.pub")) if keys_dir.is_dir() else []:
        try:
            keys.append(load_public_key(path.read_bytes()))
        except ValueError:
            logger.error("ignoring %s: not an Ed25519 public key in PEM", path)
    return keys
