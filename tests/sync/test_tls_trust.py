"""A laptop trusts what its operating system trusts: a server with the organisation's own
certificate is reached once that CA is in the system's store (here: OpenSSL's store, named
by SSL_CERT_FILE), and a certificate the computer does not trust is said as such, not as
"server unreachable"."""

from __future__ import annotations

import ssl
import subprocess
import time
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client import HttpTransport, ServerNotTrusted
from tests.cli.test_cli import assert_clean_error, koers
from tests.commands import free_port, start

PASSWORD = "tls-proef-wachtwoord-2026"


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """An organisation's CA, and a server certificate for 127.0.0.1 signed by it:
    (ca.pem, server.pem, server.key)."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Koers Proef CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
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
        )  # fmt: skip
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), True
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@pytest.fixture
def tls_server(tmp_path: Path):
    """A real server on 127.0.0.1 with TLS and one account; yields (url, ca.pem)."""
    ca, cert, key = make_certificates(tmp_path)
    db = f"sqlite:///{tmp_path / 'server.db'}"
    add = subprocess.run(
        [*_server(db), "user", "add", "anna", "--role", "worker"],
        env=_env(KOERS_PASSWORD=PASSWORD), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert add.returncode == 0, add.stderr
    port = free_port()
    proc = start("koers-server", "--database", db, "serve", "--port", str(port),
                 "--tls-cert", str(cert), "--tls-key", str(key))  # fmt: skip
    url = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    trusting = ssl.create_default_context(cafile=str(ca))
    while True:
        try:
            httpx.get(f"{url}/healthz", verify=trusting, timeout=1)
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.05)
    yield url, ca
    proc.terminate()
    proc.wait(timeout=30)


def _server(db: str) -> list[str]:
    from tests.commands import _command

    return _command("koers-server", ("--database", db))


def _env(**extra: str) -> dict[str, str]:
    from tests.commands import _environment

    return _environment(extra)


def test_a_certificate_the_computer_does_not_trust_is_named_as_such(tls_server) -> None:
    url, _ = tls_server
    transport = HttpTransport(url)
    with pytest.raises(ServerNotTrusted) as refused:
        transport.me()
    assert "certificate is not trusted" in str(refused.value)
    assert url not in str(refused.value)


def test_a_laptop_enrols_once_the_organisations_ca_is_in_the_system_store(
    tls_server, tmp_path: Path
) -> None:
    url, ca = tls_server
    vault = tmp_path / "werk.koers"
    assert koers("vault", "init", "--vault", str(vault)).returncode == 0
    enrol = ("enroll", "--vault", str(vault), "--server", url, "--user", "anna")
    untrusted = koers(*enrol, KOERS_PASSWORD=PASSWORD)
    assert_clean_error(untrusted, "certificate is not trusted")
    trusted = koers(*enrol, KOERS_PASSWORD=PASSWORD, SSL_CERT_FILE=str(ca))
    assert trusted.returncode == 0, trusted.stderr
