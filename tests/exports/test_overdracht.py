"""The handover pack as its recipient opens it: encrypted, complete, correctly numbered."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf.constants import UserAccessPermissions

from app.casework import Casework
from app.errors import ValidationError
from app.exports.service import CaseSelection, ExportError, export_handover_pack
from storage import access_log
from tests.exports.conftest import PDF_PASSWORD, KnownCase, pdf_text, read_pdf


def export_one(casework: Casework, known: KnownCase, out: Path, **options) -> None:
    export_handover_pack(
        casework.vault, out, CaseSelection(case_ids=(known.id,)), PDF_PASSWORD, **options
    )


def test_pack_is_aes256_encrypted_and_allows_printing_but_not_copying(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    export_one(casework, known_case, out)
    raw = out.read_bytes()
    assert known_case.name.encode() not in raw and b"Overdrachtsdossier" not in raw
    reader = read_pdf(out)
    assert reader.is_encrypted
    assert not reader.decrypt("niet-het-wachtwoord")
    assert reader.decrypt(PDF_PASSWORD)
    encryption = reader.trailer["/Encrypt"].get_object()
    assert (encryption["/V"], encryption["/R"]) == (5, 6)  # AES-256 as ISO 32000-2 defines it
    assert encryption["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    permissions = reader.user_access_permissions
    assert permissions & UserAccessPermissions.PRINT
    assert not permissions & UserAccessPermissions.EXTRACT  # copying text
    assert not permissions & UserAccessPermissions.MODIFY


def test_pack_holds_every_part_of_the_case_with_dutch_characters(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    export_one(casework, known_case, out)
    pages = pdf_text(read_pdf(out, PDF_PASSWORD))
    text = "\n".join(pages)
    flat = " ".join(text.split())
    assert pages[0].count("Overdrachtsdossier") >= 1 and "Vertrouwelijk" in pages[0]
    for part in (
        known_case.name,  # with ë: the embedded font maps it back to text
        known_case.plan_text,
        known_case.agreement,
        known_case.breach,  # an open breach: no follow-up yet
        known_case.goal,
        known_case.action,
        known_case.report,
        known_case.handover,
        known_case.partner_contact,
        known_case.partner_phone,
        "situatie 3 (ernstige dreiging)",
        "Financiën",  # the ZRM chart's legend and table
        "Veel berichten 's nachts & dreigende taal <hoofdletters>.",  # markup printed as written
    ):
        assert part in flat, part
    assert "(verlopen)" in flat  # the plan is past its review date
    for number, page in enumerate(pages, start=1):
        assert "VERTROUWELIJK" in page
        assert "Geëxporteerd op 22-11-2026 10:00 door tester" in page
        assert f"pagina {number} van {len(pages)}" in " ".join(page.split())


def test_contents_page_numbers_point_at_the_case_headings(
    busy_casework: Casework, tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    result = export_handover_pack(
        busy_casework.vault, out, CaseSelection(all_cases=True), PDF_PASSWORD
    )
    reader = read_pdf(out, PDF_PASSWORD)
    pages = pdf_text(reader)
    assert result.cases == 12 and result.pages == len(pages) > 12
    # Triage, title page, contents. The reader gives each contents line as its title, its
    # dot leaders, then its page number.
    assert "Triage" in pages[0] and pages[2].splitlines()[2] == "Inhoud"
    lines = pages[2].splitlines()
    entries = [
        (lines[i - 1].strip(), int(lines[i + 1]))
        for i, line in enumerate(lines[1:-1], start=1)
        if re.fullmatch(r"[ .]+", line)
    ]
    assert len(entries) == 12
    for title, page in entries:
        assert pages[page - 1].splitlines()[2] == title
    outline = [
        (item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline
    ]
    assert outline == entries


def test_secret_address_is_left_out_unless_asked_for_and_then_logged(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    plain = tmp_path / "zonder.pdf"
    export_one(casework, known_case, plain)
    text = "\n".join(pdf_text(read_pdf(plain, PDF_PASSWORD)))
    assert known_case.street not in text and "Geheim adres: niet opgenomen" in text
    with_address = tmp_path / "met.pdf"
    export_one(casework, known_case, with_address, include_secret_addresses=True)
    text = "\n".join(pdf_text(read_pdf(with_address, PDF_PASSWORD)))
    assert known_case.street in text
    logged = [json.loads(e.detail) for e in access_log.entries(casework.vault.db, action="export")]
    assert [d["secret_addresses_included"] for d in logged] == [False, True]


def test_export_writes_one_access_log_line_saying_who_what_how_many_and_where(
    busy_casework: Casework, tmp_path: Path
) -> None:
    before = len(access_log.entries(busy_casework.vault.db))
    out = tmp_path / "team.pdf"
    result = export_handover_pack(busy_casework.vault, out, CaseSelection(all_cases=True), None)
    entries = access_log.entries(busy_casework.vault.db)
    assert len(entries) == before + 1
    entry = entries[-1]
    detail = json.loads(entry.detail)
    assert (entry.action, entry.actor) == ("export", "tester")
    assert detail["export"] == "overdracht" and detail["selection"] == "all"
    assert detail["cases"] == 12 and len(detail["case_ids"]) == 12
    assert detail["path"] == str(out.resolve())
    assert result.generated_password and result.generated_password not in entry.detail
    assert read_pdf(out, result.generated_password).pages


def test_worker_selection_takes_only_that_workers_running_cases(
    busy_casework: Casework, tmp_path: Path
) -> None:
    cases = busy_casework.cases()
    worker = cases[0].worker
    result = export_handover_pack(
        busy_casework.vault, tmp_path / "w.pdf", CaseSelection(worker=worker.upper()), PDF_PASSWORD
    )
    assert result.cases == sum(c.worker == worker for c in cases)


@pytest.mark.parametrize(
    ("out", "password", "error"),
    [
        ("missing/pack.pdf", PDF_PASSWORD, ExportError),
        ("pack.txt", PDF_PASSWORD, ExportError),
        ("pack.pdf", "kort", ValidationError),
    ],
)
def test_refused_export_writes_nothing_and_logs_nothing(
    casework: Casework, known_case: KnownCase, tmp_path: Path, out: str, password: str, error
) -> None:
    before = len(access_log.entries(casework.vault.db))
    with pytest.raises(error):
        export_handover_pack(
            casework.vault, tmp_path / out, CaseSelection(case_ids=(known_case.id,)), password
        )
    assert list(tmp_path.rglob("*.pdf")) == [] and list(tmp_path.rglob(".koers-export-*")) == []
    assert len(access_log.entries(casework.vault.db)) == before


def test_an_existing_file_is_replaced_whole_and_no_temporary_file_stays(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"an older export")
    export_one(casework, known_case, out)
    assert read_pdf(out, PDF_PASSWORD).pages
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("werk.koers")] == [
        "pack.pdf"
    ]
    assert out.stat().st_mode & 0o077 == 0  # readable by the worker only
