"""Shared bits of the certification pages: levels, keys, the app's public address, the visitor's client key."""

from __future__ import annotations

import ipaddress
import secrets
from urllib.parse import urlsplit

import streamlit as st
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from training_app.catalog.certification import CertificationCatalog, load_certification
from training_app.certification.keys import load_signing_key, trusted_public_keys
from training_app.ui import context
from training_app.ui.navigation import PAGES_DIR
from training_app.ui.state import lang

VERIFY_PAGE = str(PAGES_DIR / "verify_page.py")
_CLIENT = "verify_client_id"


def levels() -> CertificationCatalog:
    return load_certification(context.settings().assessments_dir)


def level_title(level_id: str) -> str:
    found = next((lv for lv in levels().levels if lv.id == level_id), None)
    return found.title.get(lang()) if found else level_id


def level_picker(key: str, *, label: str) -> str:
    ids = levels().level_ids
    return str(st.selectbox(label, ids, format_func=level_title, key=key))


def signing_key() -> Ed25519PrivateKey:
    key = load_signing_key(context.settings().data_dir / "keys", create=True)
    assert key is not None
    return key


def public_keys() -> list[Ed25519PublicKey]:
    return trusted_public_keys(context.settings().data_dir / "keys")


def base_url() -> str:
    """Scheme and host the visitor used (what the QR code on a certificate should point at)."""
    url = st.context.url or ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "http://localhost:8501"


def _is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def client_key() -> str:
    """Who is asking, for the rate limit: the peer address; behind a local reverse proxy, the address it forwards;
    without either (tests, some embeddings), this browser session."""
    peer = st.context.ip_address
    if _is_loopback(peer):
        forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")[0].strip()
        if forwarded:
            return f"ip:{forwarded}"
    if peer and not _is_loopback(peer):
        return f"ip:{peer}"
    if _CLIENT not in st.session_state:
        st.session_state[_CLIENT] = secrets.token_hex(8)
    return f"session:{st.session_state[_CLIENT]}"
