"""A scan whose worker or parent process is killed ends, says so in one line, and leaves no process behind.

Each case runs a scan with ``--jobs 2`` in a subprocess whose check, in the worker that meets one document,
kills that worker, sends SIGTERM to the parent, or kills the parent: the moment is the document's, not a
timer's. ``subprocess.run`` returns only when every process holding the scan's stderr has ended, the workers
too, so a clean stderr and a return within the timeout mean that no worker was left running or printing.
Both ways workers are run are covered: with broken-link selected they first exchange anchors (``learn``);
without it they only check the chunks handed out.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.runner.parallel_test import build

#: Runs a scan with --jobs 2 whose conflict-markers check does ``ACTION`` on the document named ``NAME``.
DRIVER = """
import os, signal, sys, time
from review_hooks import console
from review_hooks.checks import conflict_markers

ACTION, NAME = sys.argv[1], sys.argv[2]
original = conflict_markers.CHECK.find

def find(document, context):
    if document.path.endswith(NAME):
        if ACTION == "kill-worker":
            os.kill(os.getpid(), signal.SIGKILL)
        elif ACTION == "terminate-parent":
            os.kill(os.getppid(), signal.SIGTERM)
            time.sleep(10)  # still working when the parent ends: it must end this worker
        elif ACTION == "kill-parent":
            os.kill(os.getppid(), signal.SIGKILL)
            time.sleep(0.2)  # the parent is gone when this worker sends its results
    return original(document, context)

conflict_markers.CHECK = conflict_markers.CHECK._replace(find=find)
console.main(["scan", "--jobs", "2", *sys.argv[3:]])
"""

#: Every check (broken-link: workers that exchange anchors), and checks none of which learns.
SELECTIONS = [[], ["--select", "conflict-markers,required-headings"]]


def scan(folder: Path, action: str, selection: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", DRIVER, action, "doc-040.md", *selection], cwd=folder,
                          capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize("selection", SELECTIONS)
def test_a_killed_worker_ends_the_scan_with_one_line(repo: Path, selection: list[str]) -> None:
    build(repo)
    result = scan(repo, "kill-worker", selection)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("review-hooks: a worker process ended unexpectedly (killed by signal 9); "
                             "nothing was reported\n")


@pytest.mark.parametrize("selection", SELECTIONS)
def test_sigterm_ends_the_parent_and_its_workers_without_a_traceback(repo: Path, selection: list[str]) -> None:
    build(repo)
    result = scan(repo, "terminate-parent", selection)
    assert (result.returncode, result.stdout) == (128 + signal.SIGTERM, "")
    assert result.stderr == "review-hooks: terminated\n"


@pytest.mark.parametrize("selection", SELECTIONS)
def test_workers_of_a_killed_parent_end_quietly(repo: Path, selection: list[str]) -> None:
    build(repo)
    result = scan(repo, "kill-parent", selection)
    assert (result.returncode, result.stdout, result.stderr) == (-signal.SIGKILL, "", "")
