"""The cells of the team overview, the same for its PDF and its CSV.

One row per group: a worker's cases in one programme, a worker's total, a programme's
total in a team, a team's total (and all teams' for a manager). Each row joins the laptop's
process figures (`OverviewLine`) and the server's outcome figures (`MonitoringFigures`) of
its group. Every cell is printed text, made here once, so the PDF and the CSV cannot differ.

Small outcome counts are not printed: uitstroom by reason and by destination and the
terugval counts below SMALL print as "< 5", so no client can be recognised from a figure;
where one hidden cell could be worked out from a total and its printed neighbours, the
smallest neighbour is hidden too. Process figures print as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from app.team_overview import OverviewLine, TeamOverview
from app.vocabulary import LABELS, ClosingReason, Destination, LifeDomain
from sync.protocol import MonitoringFigures, MonitoringReport, ZrmDomainChange

SMALL = 5
HIDDEN = "< 5"
TOTAL = "Totaal"
ALL_TEAMS = "Alle teams"
NO_REASON = "geen_reden"  # a closing without a reason (uitval before the start)


def team_words(name: str) -> str:
    """ "Team Noord" for a team named "Noord"; a team whose name starts with the word team
    ("Team Noord", "team-Oost") as it is, not "Team Team Noord"."""
    return name if re.match(r"team\b", name.casefold()) else f"Team {name}"


def percent_text(ratio: float | None) -> str:
    """50% for 0.5; empty when nothing was asked."""
    return "" if ratio is None else f"{ratio * 100:.0f}%"


def decimal_text(value: float | None, *, signed: bool = False) -> str:
    """One decimal with a decimal comma (4,5; +0,3 with `signed`); empty for None."""
    if value is None:
        return ""
    text = f"{value:+.1f}" if signed else f"{value:.1f}"
    return text.replace(".", ",")


@dataclass(frozen=True)
class Column:
    """One figure: its CSV name, its short PDF head, and how to read it from a row."""

    name: str
    head: str
    read: Callable[[Row], str]
    hidden_below: bool = False  # an outcome count printed as "< 5" below SMALL
    percent: bool = False  # a percentage: 50,0 in the CSV, 50% in the PDF


@dataclass
class Row:
    """One group of the overview. `worker`/`programme` is TOTAL for a total; `team` is ""
    when it is not known (offline) and ALL_TEAMS for all teams together."""

    team: str
    worker: str
    programme: str
    process: OverviewLine | None = None
    outcome: MonitoringFigures | None = None
    hidden: set[str] = field(default_factory=set)  # column names printed as "< 5"

    @property
    def level(self) -> str:
        if self.team == ALL_TEAMS:
            return "alle_teams"
        if self.worker == TOTAL:
            return "team" if self.programme == TOTAL else "programma"
        return "trajectbegeleider" if self.programme == TOTAL else "regel"

    def label(self) -> str:
        """What the row is called in a PDF table."""
        if self.level == "alle_teams":
            return ALL_TEAMS
        if self.level == "team":
            return team_words(self.team) if self.team else "Hele team"
        if self.level == "programma":
            return self.programme
        if self.level == "trajectbegeleider":
            return self.worker
        return f"{self.worker}: {self.programme}"


# --- reading cells ---------------------------------------------------------------------------


OTHER_REASON = ClosingReason.ANDERE_REDEN.value
OTHER_DESTINATION = Destination.ANDERS_BESTEMMING.value
KNOWN_REASONS = frozenset(r.value for r in ClosingReason) | {NO_REASON}
KNOWN_DESTINATIONS = frozenset(d.value for d in Destination)


def reasons(report: MonitoringReport | None) -> list[str]:
    """The closing reasons the CSV and PDF show: every reason Koers knows, then "geen
    reden" when the server counted a closing without one. Any other key the server sent
    (free text: it could be a client's name) is never a column: `_reason` counts it
    under "andere reden"."""
    known = [r.value for r in ClosingReason]
    found = {key for group in (report.groups if report else ()) for key, count in
             group.closed_by_reason.items() if count}  # fmt: skip
    return known + ([NO_REASON] if NO_REASON in found else [])


def destinations(report: MonitoringReport | None) -> list[str]:
    """The destinations Koers knows; any other key the server sent is counted under
    "anders" (`_destination`), never shown by name."""
    del report  # the same columns whatever the server sent
    return [d.value for d in Destination]


def word(value: str) -> str:
    """The Dutch word of a vocabulary value ("doelen_bereikt" -> "Doelen bereikt")."""
    if value == NO_REASON:
        return "Geen reden"
    return LABELS.get(value, value.replace("_", " ").capitalize())


def zrm_change(figures: MonitoringFigures, domain: str) -> ZrmDomainChange:
    """The ZRM change of one life domain (all zero when nobody was measured on it)."""
    return figures.zrm.get(domain) or ZrmDomainChange()


def zrm_mean(change: ZrmDomainChange) -> float | None:
    """The mean change in points, None when nobody was measured."""
    return change.total_change / change.measured if change.measured else None


TERUGVAL = (
    ("terugval", "Terugval", lambda f: f.reopened),
    ("terugval_binnen_garantie", "binnen garantie", lambda f: f.reopened_within_guarantee),
    ("terugval_binnen_6_maanden", "binnen 6 mnd", lambda f: f.reopened_within_6_months),
    ("terugval_binnen_12_maanden", "binnen 12 mnd", lambda f: f.reopened_within_12_months),
)


class OverviewTable:
    """The rows and columns of one team overview, with the small counts hidden.

    `process_columns` come from the laptop's vault, `outcome_columns` from the server (empty
    cells when it gave none); `rows` in reading order: per team its workers (each worker's
    programmes, then the worker's total), its programmes, the team's total; then all teams
    together when there are several."""

    def __init__(self, overview: TeamOverview) -> None:
        self.overview = overview
        report = overview.outcomes
        self.reasons = reasons(report)
        self.destinations = destinations(report)
        # The counts that are hidden below SMALL, by column name.
        self.hideable: dict[str, Callable[[MonitoringFigures], int]] = {}
        for reason in self.reasons:
            self.hideable[f"uitstroom_reden_{reason}"] = partial(_reason, reason)
        for destination in self.destinations:
            self.hideable[f"uitstroom_bestemming_{destination}"] = partial(
                _destination, destination
            )
        for name, _head, read in TERUGVAL:
            self.hideable[name] = read
        self.process_columns = self._process_columns()
        self.outcome_columns = self._outcome_columns()
        self.rows = self._rows()
        self._hide_small()

    # --- columns -----------------------------------------------------------------------

    def _process_columns(self) -> list[Column]:
        def count(read: Callable[[OverviewLine], int]) -> Callable[[Row], str]:
            return lambda row: str(read(_line(row)))

        def share(read: Callable[[OverviewLine], float | None]) -> Callable[[Row], str]:
            return lambda row: decimal_text(None if (v := read(_line(row))) is None else v * 100)

        return [
            Column("lopende_casussen", "Lopend", count(lambda x: x.active)),
            Column("contact_achterstallig", "Contact achter", count(lambda x: x.overdue)),
            Column("contactnaleving_28_dagen_pct", "Naleving 4 wk",
                   share(lambda x: x.compliance), percent=True),
            Column("veiligheidsplan_over_evaluatie", "Plan over evaluatie",
                   count(lambda x: x.plans_past_review)),
            Column("nazorg_checkins_28_dagen", "Check-ins 4 wk", count(lambda x: x.checkins_due)),
            Column("nazorg_checkins_28_dagen_gedaan", "Gedaan", count(lambda x: x.checkins_done)),
            Column("nazorg_naleving_28_dagen_pct", "Nazorg 4 wk",
                   share(lambda x: x.nazorg_compliance), percent=True),
        ]  # fmt: skip

    def _outcome_columns(self) -> list[Column]:
        def cell(name: str, read: Callable[[MonitoringFigures], object]) -> Callable[[Row], str]:
            def text(row: Row) -> str:
                if row.outcome is None:
                    return ""
                if name in row.hidden:
                    return HIDDEN
                value = read(row.outcome)
                return value if isinstance(value, str) else str(value)

            return text

        def plain(name: str, head: str, read: Callable[[MonitoringFigures], object]) -> Column:
            return Column(name, head, cell(name, read))

        result = [
            plain("in_zorg", "In zorg", lambda f: f.in_care),
            plain("aanmeldingen", "Aanmeldingen", lambda f: f.aanmeldingen),
            plain("gestart", "Gestart", lambda f: f.started),
            plain("wachttijd_mediaan_dagen", "Wachttijd (mediaan, dagen)",
                  lambda f: decimal_text(f.waiting_days_median)),
            plain("uitstroom", "Uitstroom", lambda f: f.closed),
            plain("uitstroom_met_nazorg", "met nazorg", lambda f: f.closed_with_nazorg),
        ]  # fmt: skip
        for reason in self.reasons:
            name = f"uitstroom_reden_{reason}"
            result.append(Column(name, word(reason), cell(name, self.hideable[name]), True))
        for destination in self.destinations:
            name = f"uitstroom_bestemming_{destination}"
            result.append(Column(name, word(destination), cell(name, self.hideable[name]), True))
        result += [
            plain("nazorg_checkins_gepland", "Check-ins gepland", lambda f: f.checkins_planned),
            plain("nazorg_checkins_gedaan", "gedaan", lambda f: f.checkins_done),
            plain("nazorg_checkins_gemist", "gemist", lambda f: f.checkins_missed),
        ]
        for name, head, read in TERUGVAL:
            result.append(Column(name, head, cell(name, read), True))
        for domain in LifeDomain:
            for suffix, read in (
                ("gemeten", partial(_zrm_count, domain.value, "measured")),
                ("vooruit", partial(_zrm_count, domain.value, "improved")),
                ("gelijk", partial(_zrm_count, domain.value, "same")),
                ("achteruit", partial(_zrm_count, domain.value, "worsened")),
                ("gemiddelde_verandering", partial(_zrm_mean_text, domain.value)),
            ):
                name = f"zrm_{domain.value}_{suffix}"
                result.append(plain(name, f"{domain.label}: {suffix}", read))
        result += [
            plain("doelen_behaald", "Doelen behaald", lambda f: f.goals_achieved),
            plain("doelen_gestopt", "gestopt", lambda f: f.goals_dropped),
            plain("doelen_open", "open", lambda f: f.goals_open),
            plain("wisseling_begeleider", "Wisseling begeleider", lambda f: f.changed_worker),
        ]
        return result

    def column(self, name: str) -> Column:
        return next(c for c in (*self.process_columns, *self.outcome_columns) if c.name == name)

    def cell(self, row: Row, name: str, *, pdf: bool = False) -> str:
        """The text of one cell; `pdf` prints a percentage as "50%" (the CSV: 50,0)."""
        found = self.column(name)
        value = found.read(row)
        if pdf and found.percent and value:
            return f"{float(value.replace(',', '.')):.0f}%"
        return value

    def count(self, row: Row, name: str) -> int:
        """The true value of a hideable count (0 without outcome figures): for the rule
        that hides, never for printing."""
        return 0 if row.outcome is None else self.hideable[name](row.outcome)

    # --- rows -----------------------------------------------------------------------------

    def _rows(self) -> list[Row]:
        overview = self.overview
        names = overview.programme_names
        team_of: dict[str, str] = {}
        rows: dict[tuple[str, str, str], Row] = {}

        def row(team: str, worker: str, programme: str) -> Row:
            return rows.setdefault((team, worker, programme), Row(team, worker, programme))

        report = overview.outcomes
        if report is not None:
            for group in report.groups:
                team = ALL_TEAMS if group.team is None else group.team
                worker = TOTAL if group.worker is None else group.worker
                programme = (
                    TOTAL
                    if group.programme_id is None
                    else names.get(group.programme_id, group.programme_id)
                )
                row(team, worker, programme).outcome = group
                if group.worker is not None and group.team is not None:
                    team_of.setdefault(group.worker, group.team)
        only_team = report.teams[0] if report is not None and len(report.teams) == 1 else ""
        by_team: dict[str, list[OverviewLine]] = {}
        for line in overview.lines:
            team = team_of.get(line.worker, only_team)
            by_team.setdefault(team, []).append(line)
            row(team, line.worker, line.programme).process = line
        for team, lines in by_team.items():
            for worker in {line.worker for line in lines}:
                mine = [line for line in lines if line.worker == worker]
                row(team, worker, TOTAL).process = overview.total(mine, worker, TOTAL)
            for programme in {line.programme for line in lines}:
                theirs = [line for line in lines if line.programme == programme]
                row(team, TOTAL, programme).process = overview.total(theirs, TOTAL, programme)
            row(team, TOTAL, TOTAL).process = overview.total(lines, TOTAL, TOTAL)
        if len(by_team) > 1 or (ALL_TEAMS, TOTAL, TOTAL) in rows:
            row(ALL_TEAMS, TOTAL, TOTAL).process = overview.total(overview.lines, TOTAL, TOTAL)
        return sorted(rows.values(), key=_order)

    def _hide_small(self) -> None:
        """Hide outcome counts below SMALL, then as many more as it takes so that no hidden
        count follows from a total and the printed counts beside it: within a row (the
        reasons add up to the uitstroom, the destinations too) and among rows (workers add
        up to the team, programmes too, a worker's programmes to the worker)."""
        with_outcome = [r for r in self.rows if r.outcome is not None]
        reason_names = [f"uitstroom_reden_{r}" for r in self.reasons]
        destination_names = [f"uitstroom_bestemming_{d}" for d in self.destinations]
        for r in with_outcome:
            r.hidden = {name for name in self.hideable if self.count(r, name) < SMALL}
        sets: list[tuple[list[Row], list[str]]] = []
        for r in with_outcome:  # across a row
            sets += [([r], reason_names), ([r], destination_names)]
        for siblings in _sibling_sets(with_outcome):  # down a column
            sets += [(siblings, [name]) for name in self.hideable]
        changed = True
        while changed:
            changed = False
            for members, names in sets:
                cells = [(r, n) for r in members for n in names]
                if sum(1 for r, n in cells if n in r.hidden) != 1:
                    continue
                shown = [(self.count(r, n), i) for i, (r, n) in enumerate(cells)
                         if n not in r.hidden]  # fmt: skip
                if shown:
                    r, n = cells[min(shown)[1]]
                    r.hidden.add(n)
                    changed = True


def _line(row: Row) -> OverviewLine:
    """The row's process figures; none (all zero) when this laptop has no running case of
    the group."""
    return row.process if row.process is not None else OverviewLine(row.worker, row.programme)


def _reason(reason: str, figures: MonitoringFigures) -> int:
    return _folded(figures.closed_by_reason, KNOWN_REASONS, OTHER_REASON).get(reason, 0)


def _destination(destination: str, figures: MonitoringFigures) -> int:
    counts = figures.closed_by_destination
    return _folded(counts, KNOWN_DESTINATIONS, OTHER_DESTINATION).get(destination, 0)


def _folded(counts: dict[str, int], known: frozenset[str], other: str) -> dict[str, int]:
    """`counts` with every key outside `known` added to `other`."""
    result: dict[str, int] = {}
    for key, count in counts.items():
        name = key if key in known else other
        result[name] = result.get(name, 0) + count
    return result


def _zrm_count(domain: str, what: str, figures: MonitoringFigures) -> int:
    return int(getattr(zrm_change(figures, domain), what))


def _zrm_mean_text(domain: str, figures: MonitoringFigures) -> str:
    return decimal_text(zrm_mean(zrm_change(figures, domain)), signed=True)


def _order(row: Row) -> tuple:
    return (
        row.team == ALL_TEAMS, row.team.casefold(), row.worker == TOTAL, row.worker.casefold(),
        row.programme == TOTAL, row.programme.casefold(),
    )  # fmt: skip


def _sibling_sets(rows: Iterable[Row]) -> list[list[Row]]:
    """Groups of rows whose counts add up: a total and the rows it sums. Printed, a total
    and all but one of its parts give away the last part, and all parts give away the
    total."""
    found = {(r.team, r.worker, r.programme): r for r in rows}
    groups: dict[tuple[str, ...], list[Row]] = {}

    def part_of(parent: tuple[str, str, str], kind: str, r: Row) -> None:
        total = found.get(parent)
        if total is not None:
            groups.setdefault((kind, *parent), [total]).append(r)

    for r in found.values():
        if r.level == "regel":  # a worker's programmes add up to the worker, and across
            part_of((r.team, r.worker, TOTAL), "w", r)  # workers to the programme
            part_of((r.team, TOTAL, r.programme), "p", r)
        elif r.level == "trajectbegeleider":  # the workers add up to the team
            part_of((r.team, TOTAL, TOTAL), "tw", r)
        elif r.level == "programma":  # and so do the programmes
            part_of((r.team, TOTAL, TOTAL), "tp", r)
        elif r.level == "team":  # the teams add up to all teams
            part_of((ALL_TEAMS, TOTAL, TOTAL), "all", r)
    return list(groups.values())
