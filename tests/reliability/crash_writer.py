"""Child process for the crash test: writes case + contact pairs until it is killed.

Prints "B <id>" as a transaction begins and "C <id>" only after it committed, so the parent
knows what must survive and can aim its kill inside a transaction.
"""

from __future__ import annotations

import sys
import uuid

from storage.repository import RecordStore
from storage.vault import Vault

CONTACTS_PER_CASE = 8


def main() -> None:
    path, passphrase = sys.argv[1], sys.argv[2]
    vault = Vault.open(path, passphrase)
    store = RecordStore(vault, "crash-writer")
    while True:
        case_id = str(uuid.uuid4())
        print("B", case_id, flush=True)
        with vault.transaction():
            store.insert(
                "case",
                case_id,
                {
                    "display_name": "Synthetisch " + case_id[:8],
                    "status": "actief",
                    "worker": "w",
                    "phone": "06-0",
                },
            )
            for n in range(CONTACTS_PER_CASE):
                store.insert(
                    "contact",
                    f"{case_id}-{n}",
                    {
                        "case_id": case_id,
                        "status": "gedaan",
                        "kind": "huisbezoek",
                        "report": "x" * 3000,
                    },
                )
            store.update("case", case_id, {"status": "nazorg"})
        print("C", case_id, flush=True)


if __name__ == "__main__":
    main()
