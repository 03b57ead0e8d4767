"""An unauthenticated enrolment flood (40 threads) against the real server on loopback, at the
server's real password-hashing strength, while an honest laptop pulls: the pull's time before
and during the flood, and how the flood was answered.

    python -m bench.enrol_flood [--seconds 15] [--threads 40] [--database sqlite|postgresql]

(postgresql: KOERS_PG_URL as for the tests). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx

from bench.timing import report
from sync.server import ratelimit
from tests.sync.server_harness import PASSWORD, LiveServer, database


def _pull_seconds(url: str, token: str) -> float:
    start = time.perf_counter()
    answer = httpx.post(
        f"{url}/v1/pull",
        headers={"Authorization": f"Bearer {token}"},
        json={"cursor": 0, "limit": 500},
        timeout=120,
    )
    answer.raise_for_status()
    return time.perf_counter() - start


def _honest_laptop(live: LiveServer) -> str:
    live.add_user("anna")
    clock_id = uuid.uuid4().hex[:16]
    token = httpx.post(
        f"{live.url}/v1/enroll",
        json={"user": "anna", "password": PASSWORD, "device_name": "t", "clock_id": clock_id},
        timeout=120,
    ).json()["token"]
    stamp = f"{int(time.time() * 1000):015d}:00000:{clock_id}"
    batch = [
        {
            "change_id": str(uuid.uuid4()),
            "record_type": "case",
            "record_id": str(uuid.uuid4()),
            "fields": {"display_name": f"Synthetisch {i}"},
            "hlc": stamp,
            "created": True,
        }
        for i in range(50)
    ]
    httpx.post(
        f"{live.url}/v1/push",
        headers={"Authorization": f"Bearer {token}"},
        json={"changes": batch},
        timeout=120,
    ).raise_for_status()
    return token


def run(kind: str, seconds: float, threads: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp)) as url:
        live = LiveServer(url).start()
        try:
            token = _honest_laptop(live)
            calm = [_pull_seconds(live.url, token) for _ in range(20)]
            stop = threading.Event()
            answers: Counter[int] = Counter()

            def flood(worker: int) -> None:
                i = 0
                while not stop.is_set():
                    answer = httpx.post(
                        f"{live.url}/v1/enroll",
                        json={"user": f"aanvaller{worker}-{i}", "password": "raden"},
                        timeout=120,
                    )
                    answers[answer.status_code] += 1
                    i += 1

            workers = [threading.Thread(target=flood, args=(w,)) for w in range(threads)]
            started = time.perf_counter()
            for worker in workers:
                worker.start()
            during = []
            while time.perf_counter() - started < seconds:
                during.append(_pull_seconds(live.url, token))
                time.sleep(0.2)
            stop.set()
            for worker in workers:
                worker.join()
            elapsed = time.perf_counter() - started
        finally:
            live.stop()
    limit = ratelimit.ENROL_PER_ADDRESS
    print(f"enrolment flood, {kind} server, {threads} threads for {elapsed:.0f} s")
    print(f"(limit per address: {limit.attempts} attempts per {limit.window_s:.0f} s)")
    report("honest pull, median before the flood", f"{statistics.median(calm):.3f} s")
    report("honest pull, median during the flood", f"{statistics.median(during):.3f} s")
    report("honest pull, slowest during the flood", f"{max(during):.3f} s")
    report("honest pulls during the flood", f"{len(during)}")
    for status in sorted(answers):
        report(f"flood answers {status}", f"{answers[status]}")
    report("flood requests per second", f"{sum(answers.values()) / elapsed:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--threads", type=int, default=40)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    run(args.database, args.seconds, args.threads)


if __name__ == "__main__":
    main()
