"""Where the window keeps its open record forms: it stores their drafts, saves their records
on the vault thread, brings drafts back after a crash, and closes every form on lock.

Every form goes through `FormHost.open`, so no form repeats this machinery and the main
window stays a router.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

from app.drafts import Draft
from app.errors import ValidationError
from ui.forms.base import RecordForm
from ui.tasks import dutch_message

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Resumer = Callable[[Draft], None]


class FormHost(QObject):
    """Open forms of one window. `saved(form_name, result)` follows every saved record."""

    saved = Signal(str, object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.forms: list[RecordForm] = []
        self._resumers: dict[str, Resumer] = {}

    def register_resumer(self, form_name: str, resume: Resumer) -> None:
        """How to reopen a draft of `form_name` after an unlock."""
        self._resumers[form_name] = resume

    def find(self, form_name: str, record_id: str) -> RecordForm | None:
        return next(
            (f for f in self.forms if f.FORM == form_name and f.record_id == record_id), None
        )

    def raise_existing(self, form_name: str, record_id: str) -> bool:
        """Bring an open form of this kind for this record to the front; False if none."""
        existing = self.find(form_name, record_id)
        if existing is None:
            return False
        existing.raise_()
        existing.activateWindow()
        return True

    def open(
        self,
        form: RecordForm,
        on_saved: Callable[[Any], None] | None = None,
        saved_text: str = "",
    ) -> None:
        """Show `form`; its drafts, discards and saves go through the vault thread."""
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Lock (Ctrl+L) and quick hide (Ctrl+Shift+H) work from the form too: it is modal,
        # so the window's own shortcuts do not reach it.
        form.addActions([self.window.lock_action, self.window.hide_action])
        form.draft_changed.connect(self._save_draft)
        form.discard_requested.connect(self._discard_draft)
        form.save_requested.connect(
            lambda record, draft_id: self._save(form, record, draft_id, on_saved, saved_text)
        )
        form.finished.connect(lambda _code: self.forms.remove(form) if form in self.forms else None)
        self.forms.append(form)
        form.open()

    def _save(
        self,
        form: RecordForm,
        record: Any,
        draft_id: str,
        on_saved: Callable[[Any], None] | None,
        saved_text: str,
    ) -> None:
        window, session = self.window, self.window.session
        if session is None:
            return

        def job() -> Any:
            with session.vault.transaction():
                result = form.persist(session, record)
                session.discard_draft(draft_id)
            return result

        def done(result: Any) -> None:
            if shiboken6.isValid(form):  # a lock may have closed it meanwhile
                form.done(1)
            if saved_text:
                window.statusBar().showMessage(saved_text, 5000)
            window.sync.local_change()
            window.refresh()
            if on_saved is not None:
                on_saved(result)
            self.saved.emit(form.FORM, result)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(form):
                form.show_error(dutch_message(error))
                if isinstance(error, ValidationError):  # the service names the field
                    form.focus_field(error.field)
            else:
                window.statusBar().showMessage(dutch_message(error), 10000)

        window.runner.submit(job, done, failed)

    def _save_draft(self, draft_id: str, form_name: str, record_id: str, payload: dict) -> None:
        session = self.window.session
        if session is not None:
            self.window.runner.submit(
                lambda: session.save_draft(draft_id, form_name, record_id, payload)
            )

    def _discard_draft(self, draft_id: str) -> None:
        session = self.window.session
        if session is not None:
            self.window.runner.submit(lambda: session.discard_draft(draft_id))

    def resume(self, drafts: list[Draft]) -> int:
        """Reopen the drafts a crash or a lock left; returns how many were reopened."""
        reopened = 0
        for draft in drafts:
            resume = self._resumers.get(draft.form)
            if resume is not None:
                resume(draft)
                reopened += 1
        return reopened

    def close_all(self) -> None:
        """Before a lock: write every draft (queued before the lock), then close."""
        for form in list(self.forms):
            form.flush_draft()
            form.done(0)
        self.forms.clear()
