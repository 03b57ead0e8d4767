"""The laptop's clock follows the server's: every sync answer tells the server's time.

The server refuses changes stamped more than a few minutes ahead of its own time
(sync/protocol.CLOCK_AHEAD). The laptop learns the offset between the server's time and its
own at every push and pull answer, stamps later edits with its time corrected by it, and
stamps the refused (and any other unsent) changes again and pushes them in the same sync
(storage/restamp.py): nothing the worker typed is lost or shown as refused because the
laptop's clock was wrong.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from storage.journal import JournalEntry, JournalRow
from storage.restamp import restamp_unsent
from storage.vault import HLC_LAST, Vault
from sync.protocol import CLOCK_AHEAD, PushResponse

# Re-stamping more often than this in one sync means the server keeps refusing what the
# corrected clock stamps (its clock jumping about): the changes wait, re-stamped, for the
# next sync instead of going round for ever.
MAX_RESTAMP_ROUNDS = 3


def follow_server_time(
    vault: Vault,
    server_time_ms: int,
    *,
    refused: Collection[str] = (),
    answered_upto: int | None = None,
) -> int:
    """Learn the server's time (ms since the epoch, from a sync answer) and re-stamp unsent
    changes stamped too far ahead of it, with the changes `refused` for their clock in a push
    batch whose last journal seq is `answered_upto`. Returns the journal rows re-stamped.
    One transaction (joins the caller's)."""
    with vault.transaction():
        clock_was = vault.meta(HLC_LAST) or ""
        shift = vault.learn_server_time(server_time_ms)
        if not refused and clock_was < vault.hlc_ceiling():
            return 0  # no change is stamped after the clock: none can be ahead
        return restamp_unsent(vault, refused=refused, answered_upto=answered_upto, shift_ms=shift)


class PushClock:
    """The clock side of one push loop (app/sync_service.push_journal)."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.rounds = 0

    def settle(
        self, batch: Sequence[JournalEntry] | Sequence[JournalRow], answer: PushResponse
    ) -> PushResponse:
        """Learn the server's time from `answer`, re-stamp the changes of `batch` it refused
        as stamped ahead (they go to the journal's end, to be pushed next) and return the
        answer without those refusals."""
        ahead = {r.change_id for r in answer.rejected if r.code == CLOCK_AHEAD}
        follow_server_time(
            self.vault,
            answer.server_time_ms,
            refused=ahead,
            answered_upto=batch[-1].seq if batch else None,
        )
        if not ahead:
            return answer
        self.rounds += 1
        return answer.model_copy(
            update={"rejected": [r for r in answer.rejected if r.change_id not in ahead]}
        )

    @property
    def gave_up(self) -> bool:
        """Whether this sync should stop pushing (the re-stamped changes stay unsent)."""
        return self.rounds >= MAX_RESTAMP_ROUNDS
