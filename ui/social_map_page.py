"""The sociale kaart screen (Ctrl+4): the team's neighbourhood partners, searched and
browsed offline, added and changed with SocialMapForm, shared with the team through sync.

- SocialMapModel / SocialMapFilter: the entries as a table; the filter keeps the rows that
  hold every word searched (app/social_map.py's rule, on text folded once per load), so a
  map of thousands of partners filters per keystroke.
- SocialMapPage: search field, list, the chosen partner's details, "Add entry…" and
  "Change…". A value that lost a same-field sync merge shows beside its field in the
  details with one click to take it ("conflict:<id>" links, as in the case file).
- SocialMapController: the window's side: loads the map on the vault thread, opens the form
  through the window's FormHost (drafts back after a crash), takes a conflict's value.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.drafts import Draft
from app.social_map import (
    SocialMap,
    SocialMapEntry,
    fold,
    haystack,
    load_social_map,
    matches,
    search_words,
)
from ui.case_file.conflict_marks import ConflictMarks, conflict_id_of
from ui.social_map_form import SocialMapForm
from ui.tasks import dutch_message

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
CONFLICT_COLOUR = QColor("#8a3c00")
MAX_OFFERS_IN_LIST = 120  # characters of the offer on a row (the details show it all)

translate = QCoreApplication.translate


class Column:
    """Model columns, in the order they show."""

    ORGANISATION, CONTACT, PHONE, AREA, OFFERS = range(5)


HEADERS = [
    QT_TRANSLATE_NOOP("SocialMapModel", "Organisation"),
    QT_TRANSLATE_NOOP("SocialMapModel", "Contact person"),
    QT_TRANSLATE_NOOP("SocialMapModel", "Phone"),
    QT_TRANSLATE_NOOP("SocialMapModel", "Area"),
    QT_TRANSLATE_NOOP("SocialMapModel", "What they offer"),
]
_TEXT = {
    Column.ORGANISATION: lambda e: e.organisation,
    Column.CONTACT: lambda e: e.contact_person,
    Column.PHONE: lambda e: e.phone,
    Column.AREA: lambda e: e.area,
    Column.OFFERS: lambda e: " ".join(e.offers.split()),
}


class SocialMapModel(QAbstractTableModel):
    """The entries of the map as rows; rows whose entry has an open conflict are marked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[SocialMapEntry] = []
        self._folded: list[str] = []
        self._conflicted: set[str] = set()

    def set_map(self, social_map: SocialMap) -> None:
        self.beginResetModel()
        self._entries = list(social_map.entries)
        self._folded = [haystack(entry) for entry in self._entries]
        self._conflicted = {c.record_id for c in social_map.conflicts}
        self.endResetModel()

    def clear(self) -> None:
        self.set_map(SocialMap(()))

    def entry_at(self, row: int) -> SocialMapEntry:
        return self._entries[row]

    def folded_at(self, row: int) -> str:
        """The folded text a search looks in (app.social_map.haystack), made at load."""
        return self._folded[row]

    def row_of(self, entry_id: str) -> int:
        return next((i for i, e in enumerate(self._entries) if e.id == entry_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("SocialMapModel", str(HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        conflicted = entry.id in self._conflicted
        if role == Qt.ItemDataRole.DisplayRole:
            text = _TEXT[column](entry)
            if column == Column.OFFERS and len(text) > MAX_OFFERS_IN_LIST:
                text = text[: MAX_OFFERS_IN_LIST - 1] + "…"
            if column == Column.ORGANISATION and conflicted:
                return f"⚠ {text}"
            return text
        if role == SORT_ROLE:
            return (fold(_TEXT[column](entry)), fold(entry.organisation), entry.id)
        if role == ENTRY_ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if conflicted:
                return translate(
                    "SocialMapModel",
                    "A sync merge kept another value of this entry; see the details to take it.",
                )
            if column == Column.OFFERS:
                return entry.offers
        if role == Qt.ItemDataRole.ForegroundRole and conflicted:
            return CONFLICT_COLOUR
        return None


class SocialMapFilter(QSortFilterProxyModel):
    """Keeps the rows holding every searched word; sorts case- and accent-free."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)

    def set_query(self, query: str) -> None:
        words = search_words(query)
        if words == self.words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, SocialMapModel)
        return matches(model.folded_at(source_row), self.words)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)


class SocialMapPage(QWidget):
    """The screen. Signals: new_requested(); change_requested(entry_id);
    restore_conflict_requested(conflict_id)."""

    new_requested = Signal()
    change_requested = Signal(str)
    restore_conflict_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.social_map = SocialMap(())
        self.loaded = False
        self.model = SocialMapModel(self)
        self.proxy = SocialMapFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Organisation, contact person, what they offer, area…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("x" * 32))
        search_label = QLabel(self.tr("Searc&h"))
        search_label.setBuddy(self.search)
        self.search.setAccessibleName(self.tr("Search the sociale kaart"))
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Number of partners shown"))
        self.add = QPushButton(self.tr("&Add entry…"))
        self.add.setToolTip(self.tr("Add a partner to the sociale kaart (Insert in the list)"))
        self.change = QPushButton(self.tr("Chan&ge…"))
        self.change.setToolTip(self.tr("Change the chosen partner (Enter in the list)"))
        self.change.setEnabled(False)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Sociale kaart"))
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(
            Column.ORGANISATION, Qt.SortOrder.AscendingOrder
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fitted_for = -1
        self.table.viewport().installEventFilter(self)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName(self.tr("Details of the chosen partner"))
        self.details.setMinimumWidth(240)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addSpacing(12)
        top.addWidget(self.add)
        top.addWidget(self.change)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_chosen())
        self.table.activated.connect(lambda _index: self._change_chosen())
        self.add.clicked.connect(self.new_requested)
        self.change.clicked.connect(self._change_chosen)
        self.details.anchorClicked.connect(self._link)
        self._show_chosen()

    # --- data in ---------------------------------------------------------------------------

    def show_map(self, social_map: SocialMap, select_id: str | None = None) -> None:
        """Show the map; the chosen partner stays chosen (or `select_id` becomes it)."""
        keep = select_id or self.chosen_id()
        self.social_map = social_map
        self.loaded = True
        self.model.set_map(social_map)
        if (
            select_id is not None
            and self.model.row_of(select_id) >= 0
            and not self.select(select_id)
        ):
            self.search.clear()  # the search hides the partner just saved: start over
        if keep is None or not self.select(keep):
            self._choose_first()
        self._update_count()
        self._show_chosen()

    def clear(self) -> None:
        """Forget everything shown (the window locks)."""
        self.loaded = False
        self.social_map = SocialMap(())
        self.model.clear()
        self.search.clear()
        self.details.clear()
        self.count.clear()
        self.change.setEnabled(False)

    # --- choosing --------------------------------------------------------------------------

    def chosen_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ENTRY_ID_ROLE) if index.isValid() else None

    def chosen_entry(self) -> SocialMapEntry | None:
        entry_id = self.chosen_id()
        return next((e for e in self.social_map.entries if e.id == entry_id), None)

    def select(self, entry_id: str) -> bool:
        """Choose the entry's row if it is shown; False when it is not."""
        row = self.model.row_of(entry_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _choose_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self.table.selectionModel().clearCurrentIndex()

    def _change_chosen(self) -> None:
        entry_id = self.chosen_id()
        if entry_id:
            self.change_requested.emit(entry_id)

    # --- searching -------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        keep = self.chosen_id()
        self.proxy.set_query(text)
        if keep is None or not self.select(keep):
            self._choose_first()
        self._update_count()
        self._show_chosen()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if not self.loaded:
            self.count.clear()
        elif shown == total:
            self.count.setText(self.tr("%n partner(s)", "", total))
        else:
            self.count.setText(
                self.tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total))
            )

    # --- details ---------------------------------------------------------------------------

    def _show_chosen(self) -> None:
        entry = self.chosen_entry()
        self.change.setEnabled(entry is not None)
        if entry is not None:
            self.details.setHtml(self.details_html(entry))
        elif not self.loaded:
            self.details.clear()
        elif not self.social_map.entries:
            self.details.setHtml(
                "<p>"
                + escape(
                    self.tr(
                        "The sociale kaart is empty. Add a partner with “Add entry…”, or load "
                        "an organisation's list with: koers import socialmap."
                    )
                )
                + "</p>"
            )
        else:
            self.details.setHtml(
                "<p>" + escape(self.tr("No partner holds every word searched for.")) + "</p>"
            )

    def details_html(self, entry: SocialMapEntry) -> str:
        """The chosen partner in full, with the marks of values that lost a sync merge."""
        marks = ConflictMarks(self.social_map.conflicts_of(entry.id), mask_address=False)

        def row(label: str, field: str, value: str) -> str:
            return (
                f"<tr><td style='padding-right:12px; color:#555'>{escape(label)}</td>"
                f"<td>{escape(value) or '–'}{marks.mark(entry.id, field)}</td></tr>"
            )

        offers = "<br>".join(escape(line) for line in entry.offers.splitlines())
        offers_title = self.tr("What they offer")  # outside the f-string: lupdate reads it
        return (
            f"<h3>{escape(entry.organisation)}</h3>"
            f"{marks.mark(entry.id, 'organisation')}"
            "<table cellspacing='4'>"
            + row(self.tr("Contact person"), "contact_person", entry.contact_person)
            + row(self.tr("Phone"), "phone", entry.phone)
            + row(self.tr("Area"), "area", entry.area)
            + "</table>"
            f"<p><b>{escape(offers_title)}</b><br>{offers or '–'}"
            f"{marks.mark(entry.id, 'offers')}</p>"
        )

    def _link(self, url: QUrl) -> None:
        conflict_id = conflict_id_of(url.toString())
        if conflict_id:
            self.restore_conflict_requested.emit(conflict_id)

    # --- columns: everything fits the list's width, never a sideways scroll ---------------

    def fit_columns(self) -> None:
        """Contact person, phone and area get their usual width, the organisation a share of
        the rest and the offer what is left; where that leaves too little, the offer (shown
        in the details) and then the area give way."""
        room = self.table.viewport().width()
        if room <= 0 or room == self._fitted_for:
            return
        self._fitted_for = room
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader().fontMetrics()

        def width(column: int, sample: str) -> int:
            title = translate("SocialMapModel", str(HEADERS[column]))
            return max(metrics.horizontalAdvance(sample) + 16, header.horizontalAdvance(title) + 28)

        fixed = {
            Column.CONTACT: width(Column.CONTACT, "Mohammed El Khatib"),
            Column.PHONE: width(Column.PHONE, "+31 30 123 4567"),
            Column.AREA: width(Column.AREA, "Centrum-Oost"),
        }
        least_organisation = width(Column.ORGANISATION, "Inloophuis De Brug")
        least_offer = width(Column.OFFERS, "Budgetbeheer en")
        shown = {Column.ORGANISATION, Column.OFFERS, *fixed}
        for gives_way in (Column.OFFERS, Column.AREA):
            needed = sum(fixed[c] for c in fixed if c in shown) + least_organisation
            if Column.OFFERS in shown:
                needed += least_offer
            if needed <= room:
                break
            shown.discard(gives_way)
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column not in shown)
        for column, px in fixed.items():
            self.table.setColumnWidth(column, px)
        rest = room - sum(px for c, px in fixed.items() if c in shown)
        share = rest // 2 if Column.OFFERS in shown else rest
        self.table.setColumnWidth(Column.ORGANISATION, max(least_organisation, share))

    # --- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                if self.proxy.rowCount() > 0:
                    if self.chosen_id() is None:
                        self._choose_first()
                    self.table.setFocus()
                return True
            if watched is self.table and key == Qt.Key.Key_Insert:
                self.new_requested.emit()
                return True
            if watched is self.table and key == Qt.Key.Key_Escape:
                self.search.setFocus()
                self.search.selectAll()
                return True
        return super().eventFilter(watched, event)


class SocialMapController(QObject):
    """The window's side of the screen: loading, forms, drafts, conflicts."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page = window.social_map
        self.page.new_requested.connect(lambda: self.open_form(None))
        self.page.change_requested.connect(self.open_form)
        self.page.restore_conflict_requested.connect(self.restore_conflict)
        window.form_host.register_resumer(SocialMapForm.FORM, self._resume)
        # A colleague's entry or change arrived: show it if the screen was loaded.
        window.sync.data_changed.connect(self._sync_brought_changes)

    def show(self) -> None:
        """Show the screen (Ctrl+4) with the search field ready, and read the map afresh."""
        window = self.window
        window._show_page(self.page)
        self.page.search.setFocus()
        self.page.search.selectAll()
        self.load()

    def load(self, select_id: str | None = None) -> None:
        session = self.window.session
        if session is not None:
            self.window.runner.submit(
                lambda: load_social_map(session.casework),
                lambda loaded: self._show(loaded, select_id),
                self._show_error,
            )

    def _show(self, loaded: SocialMap, select_id: str | None) -> None:
        if self.window.session is not None:  # locked meanwhile: show nothing
            self.page.show_map(loaded, select_id)

    def _sync_brought_changes(self) -> None:
        if self.page.loaded:
            self.load()

    # --- forms -----------------------------------------------------------------------------

    def open_form(self, entry_id: str | None, draft: Draft | None = None) -> None:
        """The form for a new entry (`entry_id` None) or a change of `entry_id`, read
        afresh from the vault; with `draft`, as it was left."""
        window = self.window
        session = window.session
        if session is None:
            return
        if entry_id is not None and window.form_host.raise_existing(SocialMapForm.FORM, entry_id):
            return

        def read() -> SocialMapEntry | None:
            if entry_id is None:
                return None
            return next((e for e in session.casework.social_map() if e.id == entry_id), None)

        window.runner.submit(read, lambda base: self._show_form(entry_id, base, draft))

    def _resume(self, draft: Draft) -> None:
        payload = draft.payload if isinstance(draft.payload, dict) else {}
        if payload.get("base") is None:  # a new entry, not yet saved
            self._show_form(None, None, draft)
        else:
            self.open_form(draft.record_id, draft)

    def _show_form(
        self, entry_id: str | None, base: SocialMapEntry | None, draft: Draft | None
    ) -> None:
        window = self.window
        session = window.session
        if session is None:
            return
        record_id = (draft.record_id if draft else None) or entry_id or session.new_id()
        if window.form_host.raise_existing(SocialMapForm.FORM, record_id):
            return
        draft_id = draft.id if draft else session.new_id()
        form = SocialMapForm(record_id, base, draft_id, draft.payload if draft else None, window)
        saved = (
            self.tr("Sociale kaart entry changed.")
            if base is not None
            else self.tr("Added to the sociale kaart.")
        )
        window.form_host.open(form, self._saved, saved)

    def _saved(self, entry_id: str) -> None:
        if self.page.loaded:
            self.load(select_id=entry_id)

    # --- conflicts -------------------------------------------------------------------------

    def restore_conflict(self, conflict_id: str) -> None:
        """Take the value that lost a merge (one click on its mark); the map shows it."""
        session = self.window.session
        if session is None:
            return
        chosen = self.page.chosen_id()
        self.window.runner.submit(
            lambda: session.restore_conflict(conflict_id),
            lambda _none: self._restored(chosen),
            self._show_error,
        )

    def _restored(self, chosen: str | None) -> None:
        self.window.statusBar().showMessage(self.tr("The other value was taken."), 5000)
        self.window.sync.local_change()
        self.load(select_id=chosen)

    def _show_error(self, error: BaseException) -> None:
        self.window.statusBar().showMessage(dutch_message(error), 10000)
