"""``certificate verify|keygen|export-public-key``: check a certificate code, manage the signing key.

``certificate verify CODE`` prints the state as its first word (``valid``, ``revoked``, ``expired``, ``unknown``,
``invalid``), then the public facts; it exits 0 only for ``valid`` (1 otherwise, 2 on an error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from training_app.i18n import t


def register(sub: argparse._SubParsersAction, models_sub: argparse._SubParsersAction) -> None:
    cert = sub.add_parser("certificate", help="verify certificate codes, manage the signing key")
    cert_sub = cert.add_subparsers(dest="certificate_command", metavar="ACTION")
    cert_sub.required = True
    verify = cert_sub.add_parser("verify", help="check a certificate code (exit 0 only when valid)")
    verify.add_argument("code", metavar="CODE")
    verify.add_argument("--lang", choices=("zh", "en"), default="en", help="language of the details")
    verify.set_defaults(handler=verify_cmd)
    keygen = cert_sub.add_parser("keygen", help="create the signing key in DATA_DIR/keys if it does not exist")
    keygen.set_defaults(handler=keygen_cmd)
    export = cert_sub.add_parser("export-public-key", help="print (or write) the public key for verifying hosts")
    export.add_argument("--output", type=Path, metavar="FILE", help="write to FILE (e.g. other-host/keys/main.pub)")
    export.set_defaults(handler=export_cmd)


def keys_dir() -> Path:
    from training_app.config import get_settings

    return get_settings().data_dir / "keys"


def both(key: str, **params: object) -> str:
    zh, en = t(key, "zh", **params), t(key, "en", **params)
    return zh if zh == en else f"{zh} / {en}"


def verify_cmd(args: argparse.Namespace) -> int:
    from training_app.catalog.certification import load_certification
    from training_app.certification.keys import trusted_public_keys
    from training_app.config import get_settings
    from training_app.services.startup import engine_for
    from training_app.services.verification import VerifyState, verify_code

    settings = get_settings()
    public_keys = trusted_public_keys(keys_dir())
    if not public_keys:
        print(both("certification.no_keys"), file=sys.stderr)
    result = verify_code(
        engine_for(settings), args.code, public_keys=public_keys,
        levels=load_certification(settings.assessments_dir), lang=args.lang,
    )  # fmt: skip
    print(result.state.value)
    if result.state not in (VerifyState.INVALID, VerifyState.UNKNOWN):
        facts = [
            ("holder", result.holder), ("programme", result.programme), ("level", result.level),
            ("agency", result.agency), ("issued", result.issued_at), ("expires", result.expires_at),
            ("revoked", result.revoked_at),
        ]  # fmt: skip
        for name, value in facts:
            if value:
                shown = value.date().isoformat() if hasattr(value, "date") else value
                print(f"{name}: {shown}")
    return 0 if result.state == VerifyState.VALID else 1


def keygen_cmd(args: argparse.Namespace) -> int:
    from training_app.certification.keys import load_signing_key, signing_key_path

    load_signing_key(keys_dir(), create=True)
    print(both("certification.key_created", path=signing_key_path(keys_dir())))
    return 0


def export_cmd(args: argparse.Namespace) -> int:
    from training_app.certification.keys import load_signing_key, public_pem

    key = load_signing_key(keys_dir(), create=True)
    assert key is not None
    pem = public_pem(key.public_key())
    if args.output is None:
        sys.stdout.write(pem)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(pem, encoding="ascii")
    print(both("certification.public_key_written", path=args.output))
    return 0
