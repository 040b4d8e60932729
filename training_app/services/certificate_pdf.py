"""The certificate PDF for a certificate the actor may see (the holder, their trainers, their agency, admins)."""

from __future__ import annotations

from urllib.parse import quote

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session

from training_app.catalog.certification import CertificationCatalog
from training_app.certification.pdf import CertificateDoc, FontMissing, render_certificate
from training_app.db.tables import Organisation, User
from training_app.errors import ConfigurationError, Conflict
from training_app.services import audit
from training_app.services.certificates import code_for, get_certificate
from training_app.services.certification import default_levels

VERIFY_PATH = "verify"


def verify_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/{VERIFY_PATH}?code={quote(code)}"


def certificate_pdf(
    session: Session,
    actor: User,
    *,
    certificate_id: int,
    signing_key: Ed25519PrivateKey,
    base_url: str,
    levels: CertificationCatalog | None = None,
) -> bytes:
    cert = get_certificate(session, actor, certificate_id)
    if cert.revoked_at is not None:
        raise Conflict("certification.revoked_no_pdf")
    levels = levels or default_levels()
    spec = next((lv for lv in levels.levels if lv.id == cert.level), None)
    org = session.get(Organisation, cert.issuing_org_id)
    code = code_for(cert, signing_key)
    doc = CertificateDoc(
        holder=cert.holder_masked_name,
        programme_zh=levels.programme.zh,
        programme_en=levels.programme.en,
        level_zh=spec.title.zh if spec else cert.level,
        level_en=spec.title.en if spec else cert.level,
        agency=org.name if org else "",
        issued_on=cert.issued_at.date(),
        expires_on=cert.expires_at.date(),
        code=code,
        verify_url=verify_url(base_url, code),
    )
    try:
        data = render_certificate(doc)
    except FontMissing:
        raise ConfigurationError("errors.configuration", detail="fonts-noto-cjk") from None
    audit.record(session, actor=actor, action="certificate.pdf", resource_type="certificate", resource_id=cert.id)
    return data
