"""The demo certification authority and the signers' certificates.

Nothing here is committed: the CA's key and certificate, and each signer's key and certificate, are
generated at first use under ``$TINHSO_VAR_DIR/signing/`` (keys readable by the owner only). In
production this module is replaced by a PKCS#11 token, an HSM or a remote signing service (design.md);
the rest of the platform only calls ``signer_credentials`` and ``trust_roots``.

A signer is a staff user holding an active signing role (``Role.DIRECTOR`` or ``Role.DEPUTY_DIRECTOR``)
in an agency. The certificate's subject carries the person's full name (CN), title, agency (O) and
province, with their Vietnamese diacritics (UTF8String). A certificate whose subject no longer matches
the user (a new title or agency, a database rebuilt with other users) is issued again.

An agency also has a certificate of its own (Decree 30/2020 Appendix I: the agency's signature, with
its seal as the image, applied when a document is issued): subject O = CN = the agency's name, the
organization identifier its QCVN 102 code; issued by the same demo CA, kept under
``signing/agencies/``, and used only by the agency's records clerk (``Role.DOCUMENT_CLERK`` held in the
agency or one of its divisions).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

from tinhso.core.errors import NotAllowed
from tinhso.org.models import Agency, Role, StaffRole

SIGNER_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY_DIRECTOR})
SEAL_ROLES = frozenset({Role.DOCUMENT_CLERK})  # who may apply the agency's signature
CA_NAME = "Tỉnh số - CA thử nghiệm"  # a demo CA: not for real transactions
# Valid from before the demo years, so that documents signed "in 2016" by the demo loader verify.
NOT_BEFORE = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
CA_NOT_AFTER = dt.datetime(2045, 12, 31, tzinfo=dt.UTC)
SIGNER_NOT_AFTER = dt.datetime(2040, 12, 31, tzinfo=dt.UTC)
KEY_SIZE = 2048


@dataclass(frozen=True)
class Credentials:
    """A signer's private key and certificate, and the chain up to (and including) the CA."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]


def signing_dir() -> Path:
    return Path(settings.VAR_DIR) / "signing"


@contextmanager
def _locked() -> Iterator[None]:
    """One process at a time generates keys (gunicorn workers, the task worker, tests)."""
    directory = signing_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_private(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _write_public(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _load_key(path: Path) -> rsa.RSAPrivateKey:
    """The RSA key in ``path``. Loading checks the key (about 50 ms for 2048 bits), so a loaded key is
    kept per process, under the file's path, size and modification time: a key issued again is read
    again."""
    stat = path.stat()
    return _load_key_cached(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _load_key_cached(path: str, size: int, mtime_ns: int) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):  # pragma: no cover - only this module writes these files
        raise ValueError(f"{path} không phải khóa RSA.")
    return key


def _ca_subject() -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tỉnh số"),
            x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME),
        ]
    )


def _ca_cert_unlocked() -> x509.Certificate:
    """The demo CA's certificate (generated with its key on first use); its key is not read."""
    directory = signing_dir()
    key_path, cert_path = directory / "ca-key.pem", directory / "ca-cert.pem"
    if key_path.exists() and cert_path.exists():
        return x509.load_pem_x509_certificate(cert_path.read_bytes())
    return _ca_unlocked()[1]


def _ca_unlocked() -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    directory = signing_dir()
    key_path, cert_path = directory / "ca-key.pem", directory / "ca-cert.pem"
    if key_path.exists() and cert_path.exists():
        return _load_key(key_path), x509.load_pem_x509_certificate(cert_path.read_bytes())
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    name = _ca_subject()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(CA_NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write_private(key_path, _key_pem(key))
    _write_public(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def demo_ca() -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """The demo CA's key and certificate, generated on first use."""
    with _locked():
        return _ca_unlocked()


def trust_roots() -> list[x509.Certificate]:
    """The certificates a signature must chain to, to be trusted: the demo CA."""
    return [demo_ca()[1]]


# --- signers ---------------------------------------------------------------------------------------
def signing_role(user: Any) -> StaffRole | None:
    """The user's active signing role (director first, then deputy), or None."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    roles = list(
        StaffRole.objects.filter(user=user, is_active=True, role__in=SIGNER_ROLES).select_related("agency")
    )
    roles.sort(key=lambda r: (r.role != Role.DIRECTOR, r.pk))
    return roles[0] if roles else None


def can_sign(user: Any) -> bool:
    return signing_role(user) is not None


def signer_subject(user: Any, role: StaffRole) -> x509.Name:
    full_name = (getattr(user, "full_name", "") or user.get_username()).strip()
    title = role.title or str(Role(role.role).label)
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, _province()),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, role.agency.name[:64]),
            x509.NameAttribute(NameOID.TITLE, title[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, full_name[:64]),
            x509.NameAttribute(NameOID.USER_ID, user.get_username()),
        ]
    )


def _province() -> str:
    from tinhso.core.context_processors import province_name

    return str(province_name())


def signer_credentials(user: Any) -> Credentials:
    """The user's key and certificate issued by the demo CA (issued at first use, and again when the
    subject changed). Raises ``NotAllowed`` when the user holds no signing role."""
    role = signing_role(user)
    if role is None:
        raise NotAllowed(
            "Chỉ Giám đốc, Phó Giám đốc đang giữ chức vụ mới có chứng thư số để ký văn bản.",
            code="not_a_signer",
        )
    return _credentials(signer_subject(user, role), signing_dir() / "signers", str(user.pk))


# --- agencies --------------------------------------------------------------------------------------
def seal_role(user: Any, agency: Agency) -> StaffRole | None:
    """The user's active records-clerk role in ``agency`` or in a unit under it, or None."""
    from tinhso.org.selectors import agency_subtree_ids

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return (
        StaffRole.objects.filter(
            user=user, is_active=True, role__in=SEAL_ROLES, agency_id__in=agency_subtree_ids(agency)
        )
        .order_by("pk")
        .first()
    )


def agency_subject(agency: Agency) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, _province()),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, agency.name[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, agency.code[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, agency.name[:64]),
        ]
    )


def agency_credentials(user: Any, agency: Agency) -> Credentials:
    """The key and certificate of ``agency`` itself, for its records clerk ``user`` to apply the
    agency's signature. Raises ``NotAllowed`` for anyone else (a director included)."""
    if seal_role(user, agency) is None:
        raise NotAllowed(
            "Chỉ văn thư của cơ quan mới được dùng chữ ký số của cơ quan để phát hành văn bản.",
            code="not_the_clerk",
        )
    return _credentials(agency_subject(agency), signing_dir() / "agencies", str(agency.pk))


def _credentials(subject: x509.Name, directory: Path, stem: str) -> Credentials:
    """The key and certificate of ``subject`` kept as ``directory/stem-{key,cert}.pem``: issued by the
    demo CA at first use, and again when the stored certificate's subject or issuer differs."""
    key_path, cert_path = directory / f"{stem}-key.pem", directory / f"{stem}-cert.pem"
    with _locked():
        ca_cert = _ca_cert_unlocked()
        directory.mkdir(parents=True, exist_ok=True)
        if key_path.exists() and cert_path.exists():
            cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
            if cert.subject == subject and cert.issuer == ca_cert.subject:
                return Credentials(_load_key(key_path), cert, (ca_cert,))
        ca_key, ca_cert = _ca_unlocked()  # the CA's key only to issue a certificate
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOT_BEFORE)
            .not_valid_after(SIGNER_NOT_AFTER)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.CLIENT_AUTH]
                ),
                critical=False,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
                critical=False,
            )
            .sign(ca_key, hashes.SHA256())
        )
        _write_private(key_path, _key_pem(key))
        _write_public(cert_path, cert.public_bytes(serialization.Encoding.PEM))
        return Credentials(key, cert, (ca_cert,))
