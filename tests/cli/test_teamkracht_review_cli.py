"""`koers export teamkracht` prints the sheet's review and writes it only with --yes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import run
from app.exports import deduce_cache, teamkracht_service
from app.exports.deidentify_worker import DeidentifyWorker
from tests.cli.test_cli import assert_clean_error, filled_vault, koers  # noqa: F401
from tests.cli.test_export_cli import case_id
from tests.conftest import PASSPHRASE
from tests.exports.conftest import pdf_text, read_pdf


def test_the_review_is_printed_and_the_sheet_needs_yes(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    vault, sheet = str(filled_vault), tmp_path / "tk.pdf"
    question = "Hoe helpen we Samira Benali uit Gouda verder?"
    ask = ("export", "teamkracht", "--vault", vault, "--case", case_id(filled_vault),
           "--out", str(sheet), "--question", question)  # fmt: skip
    refused = koers(*ask)
    assert_clean_error(refused, "--yes")
    assert not sheet.exists()
    assert "Vraag aan het team:" in refused.stdout and "Verwijderd:" in refused.stdout
    assert "Building" not in refused.stdout  # the word lists are there: nothing to say
    assert "Hoe helpen we [persoon] uit [plaats] verder?" in refused.stdout
    assert "Samira" not in refused.stdout and "Gouda" not in refused.stdout

    written = koers(*ask, "--blank", "helpen", "--yes")
    assert written.returncode == 0, written.stderr
    text = " ".join(" ".join(pdf_text(read_pdf(sheet))).split())
    assert "Hoe [weggelaten] we [persoon] uit [plaats] verder?" in text
    assert "Samira" not in text and "1 woord door de begeleider" in text


def test_a_bad_target_is_refused_before_anything_is_read(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    assert_clean_error(
        koers("export", "teamkracht", "--vault", str(filled_vault), "--case", "x",
              "--out", str(tmp_path / "tk.txt"), "--yes"),
        "must end in .pdf",
    )  # fmt: skip


def test_an_unknown_discussion_is_a_one_line_error_and_nothing_is_written(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "tk.pdf"
    result = koers("export", "teamkracht", "--vault", str(filled_vault),
                   "--case", case_id(filled_vault), "--out", str(sheet),
                   "--discussion", "nope", "--yes")  # fmt: skip
    assert_clean_error(result, "no case discussion with id 'nope'")
    assert not sheet.exists() and "Verwijderd:" not in result.stdout


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("Wat nu?\u202eesreveR", "reverses the reading direction"),
        ("Wat nu?\x1b[31m", "control character"),
        ("Wat nu? " + "x" * 20_000, "characters long"),
    ],
    ids=["direction override", "escape sequence", "overlong"],
)
def test_a_question_typed_for_the_sheet_meets_the_rules_of_a_stored_one(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
    question: str,
    message: str,
) -> None:
    sheet = tmp_path / "tk.pdf"
    result = koers("export", "teamkracht", "--vault", str(filled_vault),
                   "--case", case_id(filled_vault), "--out", str(sheet),
                   "--question", question, "--yes")  # fmt: skip
    assert_clean_error(result, message)
    assert not sheet.exists() and "Verwijderd:" not in result.stdout


def test_the_first_sheet_on_a_new_install_says_first_that_it_builds_the_word_lists(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch,
    capsys,
) -> None:
    case = case_id(filled_vault)
    monkeypatch.setenv("KOERS_PASSPHRASE", PASSPHRASE)
    # A new install: no cache in the user data folder, none in the library's install folder.
    monkeypatch.setenv("KOERS_DEDUCE_CACHE", str(tmp_path / "user-data" / "deduce-cache"))
    monkeypatch.setattr(deduce_cache, "library_lookup_folder", lambda: tmp_path / "install")
    worker = DeidentifyWorker(library=False)  # Koers' detectors alone: no minutes of building
    monkeypatch.setattr(teamkracht_service, "shared_worker", lambda: worker)
    try:
        code = run(["export", "teamkracht", "--vault", str(filled_vault), "--case", case,
                    "--out", str(tmp_path / "tk.pdf")])  # fmt: skip
    finally:
        worker.close()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Building the de-identification word lists once; this takes a few minutes…"
    assert "Vraag aan het team:" in lines[1:] and code != 0  # the review, then --yes asked
