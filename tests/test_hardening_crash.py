"""Hardening: an ingest killed with SIGKILL at random moments loses nothing.

A short run of ``scripts/crash_test.py`` (15 kills; the script's default is
60): after every kill ``python -m geo check`` exits 0 and every stored article
is complete (its sentence, place, actor and unresolved rows equal those of a
clean reference ingest); a run that finishes, and a last run to completion,
give ``stats --json`` equal to the reference exactly.
"""

from __future__ import annotations

import random

from scripts.crash_test import crash_test


def test_sigkilled_ingests_leave_the_store_sound_and_complete(tmp_path):
    seed = random.randrange(1 << 30)  # a new sample of moments each time; the seed replays one
    runs = 15
    report = crash_test(runs, seed=seed, workdir=tmp_path)
    assert report.problems == [], f"seed {seed}: {report.problems}"
    assert report.final_stats == report.reference, f"seed {seed}"
    assert report.kills >= runs // 2, f"seed {seed}: too few runs were killed to show anything: {report.summary()}"
    assert report.kills_in_write >= 1, f"seed {seed}: no kill landed inside a write: {report.summary()}"
    print(report.summary())
