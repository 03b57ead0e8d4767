"""Password protection of exported PDFs: AES-256 (PDF revision 6), printing allowed, copying not.

reportlab builds the document in memory and pypdf encrypts it before a byte reaches the
disk. reportlab's own 256-bit mode is not used: it writes revision 5 with 48-byte /UE and
/OE entries (padded AES), which poppler and pypdf refuse to open, and revision 5 derives the
key with a single SHA-256 where revision 6 iterates.
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions

from app.errors import ValidationError

MIN_PASSWORD_LENGTH = 10
# No 0/O, 1/l/I: a generated password is read aloud or copied by hand.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
# Print (also at full quality), nothing else: no copying, changing or annotating.
PERMISSIONS = UserAccessPermissions.PRINT | UserAccessPermissions.PRINT_TO_REPRESENTATION


def generate_password() -> str:
    """Five groups of four (about 99 bits), e.g. "k7mp-x3qd-9tva-4hze-wr2n"."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(5))


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            f"the PDF password needs at least {MIN_PASSWORD_LENGTH} characters",
            f"Het wachtwoord van de PDF moet minstens {MIN_PASSWORD_LENGTH} tekens hebben.",
        )


def encrypt_pdf(pdf: bytes, password: str) -> bytes:
    """The same document, encrypted; the owner password is random and never kept."""
    check_password(password)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(
        user_password=password,
        owner_password=secrets.token_urlsafe(32),
        permissions_flag=PERMISSIONS,
        algorithm="AES-256",
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
