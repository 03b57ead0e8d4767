"""Sync of one vault with the server: push the journal, pull what is new, hand over, wipe.

Every step commits in the vault before the next begins and moves its cursor in the same
transaction as the data, so an interruption at any byte resumes where it stopped and ends
in the same state as an uninterrupted sync.
"""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import Any, NamedTuple, Protocol, cast
from urllib.parse import urlsplit

from app import collector
from app.access_log_sync import ACCESS_LOG_SENT, lines_of, push_access_log
from app.access_log_sync import BATCH as ACCESS_LOG_BATCH
from app.access_log_sync import rows_after as access_rows_after
from app.clock_sync import PushClock, follow_server_time
from app.codec import format_datetime
from app.retention import purge_closed_cases, retired_case_ids, unretire_reopened
from app.revocation import wipe_revoked_vault
from app.team import remember_account
from storage import journal, sync_state
from storage.hlc import ceiling_text
from storage.journal import ALL_FIELDS, JournalEntry, JournalRow
from storage.remote import (
    RemoteBatch,
    RemoteChange,
    apply_remote_batches,
    apply_remote_changes,
    local_case_ids,
    purge_cases,
    schema_verdicts,
)
from storage.vault import Vault
from sync.audit_lines import AccessLine, AccessLogAnswer
from sync.client import DeviceRevoked, EncodedChange, HttpTransport, SyncError, push_body
from sync.protocol import (
    CLOCK_AHEAD,
    KEPT_LATE,
    MAX_BATCH,
    Change,
    PullBatch,
    PulledChange,
    PullResponse,
    PushResponse,
    ServerChange,
    batch_of,
)
from sync.schema import MAX_BODY_BYTES

# As many changes as the server takes in one push (sync/protocol.MAX_BATCH). Not more: one
# push is one transaction that other laptops' pushes wait for.
PUSH_BATCH = MAX_BATCH
# A push body stays under the server's limit (sync/schema.MAX_BODY_BYTES): batches are cut
# by size too. Estimated from the changes' JSON with every non-ASCII character escaped.
PUSH_BYTES = MAX_BODY_BYTES // 2
# Batches sent before the answer to the one before is applied: while the server works on a
# batch, the next is read, encoded and on its way, and the previous answer is applied.
PUSH_AHEAD = 1
PULL_BATCH = 500
# Pull answers fetched ahead of the one being applied, and the most changes one transaction
# applies when several answers came while the vault applied the ones before. A commit
# writes every page the transaction dirtied (encrypted), and random ids spread a batch
# over every page of a table's indexes: 8,000 changes a transaction instead of 2,000 cost
# a new laptop's first pull about 5 us less CPU per change (at most 16 answers, some 25 MB,
# wait; a transaction of 8,000 ends well within the 5 s another writer waits for it).
PULL_AHEAD = 16
PULL_COMMIT = 8_000


class Transport(Protocol):
    def push(self, changes: list[Change]) -> PushResponse: ...
    def push_encoded(self, body: bytes) -> PushResponse: ...
    def pull(self, cursor: int, limit: int) -> PullResponse: ...
    def case_history(self, case_id: str, upto: int) -> list[ServerChange]: ...
    def push_access_log(self, lines: list[AccessLine]) -> AccessLogAnswer: ...


@dataclass
class SyncReport:
    pushed: int = 0
    rejected: list[str] = field(default_factory=list)  # reasons, no content
    # Refused because the case moved on: the server keeps them for the new holder.
    kept_late: int = 0
    pulled: int = 0
    conflicts: int = 0
    received_cases: int = 0
    purged_cases: int = 0
    retention_purged: int = 0  # closed cases past the retention period, now only on the server
    wiped: bool = False
    access_lines_sent: int = 0  # access-log lines the server's central log stored now


@dataclass(frozen=True)
class SyncStatus:
    """What the window shows about sync: is this laptop enrolled, when did it last sync,
    how many local changes wait for the server, and which server (host[:port], no path)."""

    enrolled: bool
    last_sync: datetime | None
    pending: int
    server: str | None = None


def _server_host(url: str | None) -> str | None:
    """host[:port] of a server address, without any user or password it may hold."""
    try:
        parts = urlsplit(url or "")
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host:
        return None
    return f"{host}:{port}" if port else host


def sync_status(vault: Vault) -> SyncStatus:
    last = sync_state.get(vault, sync_state.LAST_SYNC)
    return SyncStatus(
        enrolled=sync_state.get(vault, sync_state.DEVICE_TOKEN) is not None,
        last_sync=datetime.fromisoformat(last) if last else None,
        pending=sync_state.pending_changes(vault),
        server=_server_host(sync_state.get(vault, sync_state.SERVER_URL)),
    )


def enroll_device(vault: Vault, server_url: str, user: str, password: str) -> str:
    """Register this laptop; the device token is kept only inside the vault."""
    transport = HttpTransport(server_url)
    try:
        answer = transport.enroll(
            user, password, socket.gethostname()[:100] or "laptop", clock_id=vault.device_id
        )
    finally:
        transport.close()
    with vault.transaction():
        sync_state.put(vault, sync_state.SERVER_URL, server_url)
        sync_state.put(vault, sync_state.DEVICE_TOKEN, answer.token)
        sync_state.put(vault, sync_state.SERVER_DEVICE_ID, answer.device_id)
    link = transport_for(vault)
    try:
        _remember_account(vault, link)
    finally:
        link.close()
    return answer.device_id


def _remember_account(vault: Vault, transport: Transport) -> None:
    """Keep the account's name, role and team as the server says (the window shows a
    teamleider's team page from them, offline too). A server that cannot say now is
    asked again at the next sync."""
    if isinstance(transport, HttpTransport):
        try:
            remember_account(vault, transport)
        except DeviceRevoked:
            raise  # the wipe is never a "cannot say now"
        except SyncError:
            pass


def transport_for(vault: Vault) -> HttpTransport:
    url = sync_state.get(vault, sync_state.SERVER_URL)
    token = sync_state.get(vault, sync_state.DEVICE_TOKEN)
    if not url or not token:
        raise NotEnrolled()
    return HttpTransport(url, token)


class NotEnrolled(Exception):
    def __init__(self) -> None:
        super().__init__("this vault is not enrolled with a server; run `koers enroll` first")


def _as_change(entry: JournalEntry) -> Change:
    return Change(
        change_id=entry.change_id,
        record_type=entry.record_type,
        record_id=entry.record_id,
        fields=dict(journal.field_changes(entry)),
        hlc=entry.hlc,
        device_id=entry.device_id,
        created=entry.field == ALL_FIELDS,
    )


def _within_push_bytes(batch: list[JournalRow]) -> list[JournalRow]:
    """The first rows of `batch` whose push body stays under PUSH_BYTES (at least one: a
    change the app wrote fits the schema's limits, so it fits the body limit alone)."""
    size = 0
    for index, row in enumerate(batch):
        size += len(row.value) + len(row.field) + 300  # the value's JSON; ids, clock, keys
        if size > PUSH_BYTES and index > 0:
            return batch[:index]
    return batch


def _encoded(row: JournalRow) -> EncodedChange:
    """A journal row as it goes on the wire, its stored JSON sent as it is."""
    created = row.field == ALL_FIELDS
    fields = row.value if created else f"{{{json.dumps(row.field)}:{row.value}}}"
    return EncodedChange(
        row.change_id, row.record_type, row.record_id, fields, row.hlc, row.device_id, created
    )


def push_journal(vault: Vault, transport: Transport, report: SyncReport) -> None:
    """Push every unsent journal row, in journal order, in batches of PUSH_BATCH.

    The next batch is sent while the answer to the one before is applied (PUSH_AHEAD), but
    answers are applied strictly in journal order and PUSHED_SEQ moves only past a batch
    whose answer is applied. A batch that fails stops the push: nothing after it is sent
    (_Sender), its error is raised, and the next sync sends again from the first batch not
    applied (a change the server already has is answered as before and stored once)."""
    clock = PushClock(vault)
    sender = _Sender(transport)
    try:
        _push_in_order(vault, sender, clock, report)
    finally:
        sender.close()


def _push_in_order(vault: Vault, sender: _Sender, clock: PushClock, report: SyncReport) -> None:
    after = sync_state.get_int(vault, sync_state.PUSHED_SEQ)
    waiting: deque[tuple[list[JournalRow], Future[PushResponse]]] = deque()
    while True:
        while len(waiting) <= PUSH_AHEAD:
            batch = _within_push_bytes(journal.rows_after(vault.db, after, PUSH_BATCH))
            if not batch:
                break
            waiting.append((batch, sender.send(push_body(map(_encoded, batch)))))
            after = batch[-1].seq
        if not waiting:
            return
        batch, sent = waiting.popleft()
        answer = sent.result()
        if waiting and _may_restamp(vault, answer, waiting):
            # Applying this answer may re-stamp changes already sent after it (restamp moves
            # them under new ids): wait for their answers and apply all as one batch.
            for later, sent_later in waiting:
                answer = _joined(answer, sent_later.result())
                batch = batch + later
            waiting.clear()
        _apply_answer(vault, clock, batch, answer, report)
        if clock.gave_up:
            return


def _may_restamp(
    vault: Vault, answer: PushResponse, waiting: deque[tuple[list[JournalRow], Future[Any]]]
) -> bool:
    """Whether applying `answer` may re-stamp (app/clock_sync.py) rows of the batches
    `waiting` for theirs: the server refused changes as stamped ahead (every unsent row after
    them moves), or a waiting row is stamped near or past the ceiling the answer's time sets
    (a minute of margin for this laptop's clock)."""
    if any(r.code == CLOCK_AHEAD for r in answer.rejected):
        return True
    now_ms = answer.server_time_ms if answer.server_time_ms > 0 else vault.corrected_now_ms()
    ceiling = ceiling_text(now_ms - 60_000)
    return any(row.hlc >= ceiling for batch, _ in waiting for row in batch)


def _joined(first: PushResponse, then: PushResponse) -> PushResponse:
    """The answers to two batches sent one after the other, as the answer to one batch."""
    return PushResponse(
        accepted=first.accepted + then.accepted,
        rejected=first.rejected + then.rejected,
        server_time_ms=then.server_time_ms or first.server_time_ms,
    )


def _apply_answer(
    vault: Vault,
    clock: PushClock,
    batch: list[JournalRow],
    answer: PushResponse,
    report: SyncReport,
) -> None:
    """Apply the server's answer to `batch` in one transaction: learn its time (re-stamping
    changes it refused as stamped ahead: they go again), keep its refusals, move PUSHED_SEQ."""
    with vault.transaction() as db:
        answer = clock.settle(batch, answer)
        refused = {r.change_id: r for r in answer.rejected}
        for entry in batch if refused else ():
            if entry.change_id in refused:
                db.execute(
                    "INSERT INTO sync_rejections(change_id, record_type, record_id, reason, "
                    "at, code) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(change_id) DO NOTHING",
                    [
                        entry.change_id,
                        entry.record_type,
                        entry.record_id,
                        refused[entry.change_id].reason,
                        format_datetime(vault.now()),
                        refused[entry.change_id].code,
                    ],
                )
        sync_state.put(vault, sync_state.PUSHED_SEQ, batch[-1].seq)
    report.pushed += len(answer.accepted)
    report.kept_late += sum(r.code == KEPT_LATE for r in refused.values())
    report.rejected += [r.reason for r in refused.values() if r.code != KEPT_LATE]


class _Sender:
    """Sends push bodies one after another on a thread of its own, in the order given, each
    once its predecessor's answer came (the server applies them in journal order). After a
    failure it sends nothing more: no batch reaches the server after one before it failed."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="koers-push")
        self._stopped = False

    def send(self, body: bytes) -> Future[PushResponse]:
        return self._pool.submit(self._post, body)

    def _post(self, body: bytes) -> PushResponse:
        if self._stopped:
            raise _NotSent()
        try:
            return self._transport.push_encoded(body)
        except BaseException:
            self._stopped = True
            raise

    def close(self) -> None:
        """Send nothing more; return once a request on its way has its answer (dropped)."""
        self._stopped = True
        self._pool.shutdown(wait=True, cancel_futures=True)


class _NotSent(SyncError):
    """A batch not sent because one before it failed (that failure is the one raised)."""


def pull_changes(vault: Vault, transport: Transport, report: SyncReport) -> list[str]:
    """Apply everything new; returns the cases this account may see now. A case whose
    creation came in the pull (a team leader's first sync, a colleague's new case, a second
    laptop) counts as received, as one fetched whole after a handover does.

    The batches are asked for on a thread of their own, one after another (the server's
    cursor says where the next starts, whatever this laptop makes of a batch), at most
    PULL_AHEAD answers ahead of the ones applied; that thread also reads each answer's
    changes and has the schema judge them (_prepared). The first answer is applied alone;
    after it, the answers that came while the vault applied the ones before are applied
    together, each as alone, in one transaction (at most PULL_COMMIT changes): fewer
    commits when the vault is the slower side. An answer whose batch fails to apply is
    dropped with the ones after it, and the cursor stays where the vault has it. Between
    two transactions the access log's lines go up (_LinesAlongside).

    Python's cycle collector is paused meanwhile (app/collector.py): a long pull makes a
    dict per change on the fetching thread, and the collections they set off walked every
    object again and again (a new laptop's first pull: about 5 us per change, and a full
    collection holds the GIL for tens of ms while the vault's thread waits to go on)."""
    with collector.paused():
        return _pull_changes(vault, transport, report)


def _pull_changes(vault: Vault, transport: Transport, report: SyncReport) -> list[str]:
    held = _held_case_ids(vault)
    cursor = sync_state.get_int(vault, sync_state.PULL_CURSOR)
    fetch = _prepared(_pull_batches(transport))
    with _Fetcher(fetch, cursor) as fetcher, _LinesAlongside(vault, transport, report) as lines:
        first = True  # applied alone: a laptop holds the start of a long pull soonest
        while True:
            answers = [fetcher.next()]
            size = len(answers[0].changes)
            while (
                not first
                and answers[-1].more
                and size < PULL_COMMIT
                and (ready := fetcher.ready()) is not None
            ):
                answers.append(ready)
                size += len(ready.changes)
            _apply_pulled(vault, answers, report)
            first = False
            lines.step(sending=answers[-1].more)
            if not answers[-1].more:
                lines.finish()
                report.received_cases += len(_held_case_ids(vault) - held)
                return answers[-1].visible_cases


def _pull_batches(transport: Transport) -> Callable[[int, int], PullBatch]:
    """The transport's pull as plain values (HttpTransport.pull_batch), or its models made so."""
    plain = getattr(transport, "pull_batch", None)
    if plain is not None:
        return cast(Callable[[int, int], PullBatch], plain)
    return lambda cursor, limit: batch_of(transport.pull(cursor, limit))


class _Prepared(NamedTuple):
    """A pull answer with what applying it needs that the vault does not decide: its
    changes as RemoteChange and the schema's verdict on each (made on the fetching thread,
    while the vault applies the answer before; SQLite works without the GIL)."""

    changes: list[PulledChange]
    cursor: int
    more: bool
    visible_cases: list[str]
    server_time_ms: int
    remote: list[RemoteChange]
    verdicts: list[str | None]


def _prepared(fetch: Callable[[int, int], PullBatch]) -> Callable[[int, int], _Prepared]:
    def prepared(cursor: int, limit: int) -> _Prepared:
        answer = fetch(cursor, limit)
        # _as_remote for each change, without a call per change.
        remote = [
            RemoteChange(change_id, record_type, record_id, fields, hlc, device or "", created)
            for change_id, record_type, record_id, fields, hlc, device, created, _ in (
                answer.changes
            )
        ]
        return _Prepared(*answer, remote, schema_verdicts(remote))

    return prepared


class _Fetcher:
    """Pull answers fetched in order on a thread of its own, from `cursor` until one says
    there is no more, at most PULL_AHEAD waiting. A failed fetch is raised by `next` after
    the answers before it; nothing is fetched after it, or after the pull stopped."""

    def __init__(self, fetch: Callable[[int, int], _Prepared], cursor: int) -> None:
        self._fetch = fetch
        self._cursor = cursor
        self._answers: queue.Queue[_Prepared | BaseException] = queue.Queue(PULL_AHEAD)
        self._stopped = threading.Event()
        self._held: _Prepared | BaseException | None = None  # taken from the queue, not used
        self._thread = threading.Thread(target=self._run, name="koers-pull", daemon=True)

    def __enter__(self) -> _Fetcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopped.set()
        with contextlib.suppress(queue.Empty):  # let a fetch that waits for room end
            while True:
                self._answers.get_nowait()
        self._thread.join()

    def _run(self) -> None:
        cursor = self._cursor
        try:
            while not self._stopped.is_set():
                answer = self._fetch(cursor, PULL_BATCH)
                self._put(answer)
                if not answer.more:
                    return
                cursor = answer.cursor
        except BaseException as exc:  # handed to the applying thread, raised there
            self._put(exc)

    def _put(self, item: _Prepared | BaseException) -> None:
        while not self._stopped.is_set():
            try:
                self._answers.put(item, timeout=0.05)
                return
            except queue.Full:
                continue

    def next(self) -> _Prepared:
        """The next answer, waiting for it; raises the failure that stopped the fetching."""
        item, self._held = (self._held or self._answers.get()), None
        if isinstance(item, BaseException):
            raise item
        return item

    def ready(self) -> _Prepared | None:
        """The next answer if it has come already; None if not, or if a failure came (left
        for `next` to raise)."""
        if self._held is not None:
            return None
        try:
            item = self._answers.get_nowait()
        except queue.Empty:
            return None
        if isinstance(item, BaseException):
            self._held = item
            return None
        return item


# The most access-log batches read at one step of a pull and sent one after the other while
# the pull applies on (the server's hourly allowance of lines, sync/server/ratelimit.py).
LINES_AHEAD = 20


class _LinesAlongside:
    """The access log's lines (app/access_log_sync.py) sent to the server while a long pull
    applies, full batches only, one request at a time on a thread of its own, from what the
    pull has committed: the server is mostly idle while the laptop applies, and a new
    laptop's first pull writes a line per record it receives. At a step between two
    transactions, every full batch committed (at most LINES_AHEAD) goes, one request after
    the other, while the next transactions apply; whatever is left is sent after the pull,
    when the laptop waits for each answer. The cursor (ACCESS_LOG_SENT) moves in a
    transaction of its own past the batches the server has answered for; a batch that fails
    stops these sends (the batches after it are not sent) and is left, with every error, to
    push_access_log after the pull (which sends from the cursor on, as it always did). Only
    over HttpTransport."""

    def __init__(self, vault: Vault, transport: Transport, report: SyncReport) -> None:
        self._vault = vault
        self._transport = transport
        self._report = report
        self._on = isinstance(transport, HttpTransport)
        self._pool: ThreadPoolExecutor | None = None
        # The batches on their way: (last seq, answer) of each answered, and the failure that
        # stopped them (None: all were answered).
        self._sending: Future[tuple[list[tuple[int, AccessLogAnswer]], Exception | None]] | None
        self._sending = None
        self._after = 0

    def __enter__(self) -> _LinesAlongside:
        if self._on:
            self._after = sync_state.get_int(self._vault, ACCESS_LOG_SENT)
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="koers-lines")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:  # an answer not taken (the pull failed) is dropped
            self._pool.shutdown(wait=True, cancel_futures=True)

    def step(self, sending: bool = True) -> None:
        """Between two pull transactions: take the answers that came, and unless `sending`
        is False (the pull is at its end: push_access_log sends the rest) send the full
        batches committed since."""
        if not self._on or (self._sending is not None and not self._sending.done()):
            return
        if self._sending is not None and not self._take():
            return
        if not sending or self._pool is None:
            return
        batches: list[list[Any]] = []
        after = self._after
        while len(batches) < LINES_AHEAD:
            rows = access_rows_after(self._vault, after, ACCESS_LOG_BATCH)
            if len(rows) < ACCESS_LOG_BATCH:
                break
            batches.append(rows)
            after = rows[-1][0]
        if batches:
            self._sending = self._pool.submit(_send_lines, self._transport, batches)

    def finish(self) -> None:
        """At the end of the pull: wait for the batch on its way and take its answer."""
        if self._on and self._sending is not None:
            self._take()
        self._on = False

    def _take(self) -> bool:
        assert self._sending is not None
        answered, failed = self._sending.result()
        self._sending = None
        if answered:
            last = answered[-1][0]
            with self._vault.transaction():
                sync_state.put(self._vault, ACCESS_LOG_SENT, last)
            self._after = last
            self._report.access_lines_sent += sum(len(a.accepted) for _, a in answered)
        if failed is not None:  # push_access_log meets it again after the pull, and decides
            self._on = False
            return False
        return True


def _send_lines(
    transport: Transport, batches: list[list[Any]]
) -> tuple[list[tuple[int, AccessLogAnswer]], Exception | None]:
    """Send access-log batches (rows_after's rows) in order, one request at a time, until
    one fails: (last seq, answer) of each answered batch, and the failure or None."""
    answered: list[tuple[int, AccessLogAnswer]] = []
    for rows in batches:
        try:
            answer = transport.push_access_log(lines_of(rows))
        except Exception as exc:
            return answered, exc
        answered.append((rows[-1][0], answer))
    return answered, None


def _as_remote(change: PulledChange | ServerChange) -> RemoteChange:
    return RemoteChange(
        change.change_id,
        change.record_type,
        change.record_id,
        change.fields,
        change.hlc,
        change.device_id or "",
        change.created,
    )


def _apply_pulled(vault: Vault, answers: list[_Prepared], report: SyncReport) -> None:
    """Pulled batches applied one after the other, each with the cursor after it, in one
    transaction (a batch sees the vault as the ones before it left it, as when each had a
    transaction of its own).

    Answers that name the same visible cases are applied together (apply_remote_batches:
    their rows read ahead in one query per table and written in one go), each still as
    alone: its own changes left out, a reopened retired case noted and its server time
    learnt before it is merged, its own access-log lines, and the cases held but not
    visible noted after them (the same cases: the held ones only grow). Not while this
    laptop has unsent changes: learning a server time may then re-stamp them, in their
    records' rows, which the merge holds in memory until its end."""
    applied = conflicts = 0
    with vault.transaction() as db:
        unsent = sync_state.pending_changes(vault) > 0
        runs = [[answer] for answer in answers] if unsent else _same_visible(answers)
        for run in runs:
            batches: list[RemoteBatch] = []
            for answer in run:
                own = journal.known_change_ids(vault.db, [c.change_id for c in answer.changes])
                foreign, verdicts = answer.remote, answer.verdicts
                if own:  # this laptop's own changes come back: they are in the vault already
                    kept = [n for n, c in enumerate(foreign) if c.change_id not in own]
                    foreign = [foreign[n] for n in kept]
                    verdicts = [verdicts[n] for n in kept]
                batches.append(RemoteBatch(foreign, verdicts))

            def before(n: int, run: list[_Prepared] = run) -> None:
                unretire_reopened(
                    vault,
                    [
                        (c.record_type, c.record_id, c.fields)
                        for c in run[n].changes
                        if c.record_type == "case"  # only a case is retired
                    ],
                )
                follow_server_time(vault, run[n].server_time_ms)

            result = apply_remote_batches(vault, batches, held_cases_only=True, before_each=before)
            sync_state.put(vault, sync_state.PULL_CURSOR, run[-1].cursor)
            # Held but not visible: this batch left their changes out (see stale_cases).
            db.conn.execute(
                "INSERT OR IGNORE INTO stale_cases(case_id) SELECT id FROM cases "
                "WHERE id NOT IN (SELECT value FROM json_each(?)) ORDER BY id",
                [json.dumps(run[-1].visible_cases)],
            )
            applied += result.applied
            conflicts += result.conflicts
    report.pulled += applied
    report.conflicts += conflicts


def _same_visible(answers: list[_Prepared]) -> list[list[_Prepared]]:
    """`answers` in runs, in order, of answers that name the same visible cases."""
    return [list(run) for _, run in groupby(answers, key=lambda a: a.visible_cases)]


def _held_case_ids(vault: Vault) -> set[str]:
    """The cases this vault holds (a deleted case's tombstone is not one)."""
    return {row[0] for row in vault.db.execute("SELECT id FROM cases WHERE deleted = 0")}


def _rejected_new_cases(vault: Vault) -> set[str]:
    """Cases created here whose creation the server refused: never purge those."""
    return {
        row[0]
        for row in vault.db.execute(
            "SELECT r.record_id FROM sync_rejections r JOIN journal j "
            "ON j.change_id = r.change_id WHERE r.record_type = 'case' AND j.field = ?",
            [ALL_FIELDS],
        )
    }


def _stale_case_ids(vault: Vault) -> set[str]:
    return {row[0] for row in vault.db.execute("SELECT case_id FROM stale_cases")}


def follow_assignments(
    vault: Vault, transport: Transport, visible: list[str], actor: str, report: SyncReport
) -> None:
    """Receive whole cases newly assigned here; purge those handed over to someone else."""
    upto = sync_state.get_int(vault, sync_state.PULL_CURSOR)
    # A case that missed changes while it was not visible here is fetched again, whole
    # (everything of it was pushed before this pull, so the local copy holds nothing new).
    missed = {
        case_id
        for case_id in set(visible) & _stale_case_ids(vault)
        if not sync_state.case_has_unsent_changes(vault, case_id, refused_count=False)
    }
    purge_cases(vault, missed, actor=actor, reason="fetched again: changes were missed")
    local = local_case_ids(vault)
    for case_id in sorted(set(visible) - local - retired_case_ids(vault)):
        history = transport.case_history(case_id, upto)
        with vault.transaction():
            result = apply_remote_changes(vault, [_as_remote(c) for c in history])
        report.pulled += result.applied
        report.conflicts += result.conflicts
        report.received_cases += 1
    # Never purge a case while the laptop holds work of it the server does not (unsent, or
    # refused and not kept as a late arrival): it would exist nowhere. The case goes once
    # the server holds every change of it.
    gone = {
        case_id
        for case_id in local - set(visible)
        if not sync_state.case_has_unsent_changes(vault, case_id, refused_count=True)
    } - _rejected_new_cases(vault)
    report.purged_cases += purge_cases(vault, gone, actor=actor)


def wipe_revoked(vault: Vault) -> SyncReport:
    """Erase the vault of a laptop the server revoked, heard by a call other than a sync
    (app/revocation.LaptopRevoked): the wipe sync_now does, with the report a sync's wipe
    gives (`wiped`), so the window ends it the same way."""
    wipe_revoked_vault(vault)
    return SyncReport(wiped=True)


def sync_now(vault: Vault, transport: Transport | None = None) -> SyncReport:
    """One full sync: push, pull, follow handovers; a revoked device wipes its vault."""
    report = SyncReport()
    own_transport = transport is None
    transport = transport or transport_for(vault)
    actor = vault.owner
    try:
        push_journal(vault, transport, report)
        visible = pull_changes(vault, transport, report)
        follow_assignments(vault, transport, visible, actor, report)
        # The access log to the central one, this sync's own lines with it.
        report.access_lines_sent += push_access_log(vault, transport)
        _remember_account(vault, transport)
        with vault.transaction():
            sync_state.put(vault, sync_state.LAST_SYNC, format_datetime(vault.now()))
        report.retention_purged = purge_closed_cases(vault)
        if report.purged_cases or report.retention_purged:
            vault.renew_backups()  # no backup may still hold a case that left
    except DeviceRevoked:
        wipe_revoked_vault(vault)  # app/revocation.py: the one wipe every server call leads to
        report.wiped = True
    finally:
        if own_transport and isinstance(transport, HttpTransport):
            transport.close()
    return report
