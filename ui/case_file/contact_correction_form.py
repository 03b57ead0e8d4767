"""Correct a done contact: the contact form, filled with what the contact says now. Saving
stores a new version that supersedes it (Casework.correct_contact); the earlier version is
never overwritten and stays readable in the contacts tab, under the correction."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app.contact import Contact, require_content
from app.errors import ValidationError
from app.rules import LOCAL_TZ
from app.session import CaseContext
from app.vocabulary import ContactKind, ContactStatus, LifeDomain
from ui.contact_form import ContactForm, contact_values

CONTACT_ID = "contact_id"  # the payload key naming the contact corrected
ADDRESS = "address"  # the payload key for the address the contact carried


class CorrectContactForm(ContactForm):
    """The contact form on a done contact (`contact`, or the one its draft names); what it
    saves is the correction: `record()` gives a Contact that supersedes the original."""

    FORM = "contact_correction"

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        contact: Contact | None = None,
    ) -> None:
        self.context = context
        self.original = contact
        named = payload.get(CONTACT_ID) if isinstance(payload, dict) else None
        self.original_id = contact.id if contact else (named if isinstance(named, str) else "")
        kept = payload.get(ADDRESS) if isinstance(payload, dict) else None
        self.kept_address = contact.address if contact else (kept if isinstance(kept, str) else "")
        super().__init__(context.visit, draft_id, payload, parent)
        self.setWindowTitle(
            self.tr("Correct contact – %1").replace("%1", context.case.display_name)
        )
        self.setAccessibleName(self.tr("Correct contact"))
        hint = QLabel(
            self.tr(
                "Saving keeps the contact as it was and adds this version; the contacts tab "
                "shows the earlier text under the correction."
            )
        )
        hint.setObjectName("hintText")
        hint.setWordWrap(True)
        self.form_layout.insertRow(0, hint)

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), CONTACT_ID: self.original_id, ADDRESS: self.kept_address}

    def default_payload(self) -> dict[str, Any]:
        c = self.original
        if c is None:
            return super().default_payload()
        return {
            "starts_at": c.starts_at.astimezone(LOCAL_TZ).isoformat(),
            "kind": (c.kind or ContactKind.HUISBEZOEK).value,
            "duration_minutes": c.duration_minutes,
            "location": c.location,
            "present": ", ".join(c.present),
            "domains": [d.value for d in c.domains],
            "report": c.report,
            "safety_check_done": c.safety_check_done,
            "safety_changes": c.safety_changes,
            "agreements_made": c.agreements_made,
            "brief": c.brief,
        }

    def contact(self) -> Contact:
        """The correction as typed: a new version naming the original. Raises
        ValidationError."""
        if not self.original_id:
            raise ValidationError(
                CONTACT_ID,
                "no contact chosen",
                "Kies eerst het contact in het tabblad Contacten.",
            )
        p = self.payload()
        values = contact_values(p, self.kept_address)
        # The address the contact carried (worker safety) stays with a home visit.
        values["address"] = self.kept_address if values["kind"] is ContactKind.HUISBEZOEK else ""
        return Contact(
            id=self.draft_id,
            case_id=self.context.case.id,
            status=ContactStatus.GEDAAN,
            **values,
            domains=tuple(LifeDomain(d) for d in p["domains"]),
            report=p["report"].strip(),
            safety_check_done=p["safety_check_done"],
            safety_changes=p["safety_changes"].strip(),
            agreements_made=p["agreements_made"].strip(),
            brief=bool(p.get("brief")),
            supersedes=self.original_id,
        )

    def record(self) -> Contact:
        contact = self.contact()
        require_content(contact)
        return contact

    @staticmethod
    def persist(session: Any, record: Contact) -> str:
        """Store the correction through Casework.correct_contact; returns its id."""
        changes = {
            name: getattr(record, name)
            for name in (
                "starts_at",
                "kind",
                "duration_minutes",
                "location",
                "address",
                "present",
                "domains",
                "report",
                "safety_check_done",
                "safety_changes",
                "agreements_made",
                "brief",
            )
        }
        assert record.supersedes is not None
        # The case the form is about: a draft naming a contact of another case is refused.
        changes["case_id"] = record.case_id
        return session.casework.correct_contact(record.supersedes, **changes).id
