"""How a run ends, for both entry points (the fast console script and the click command line)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn


class WorkerLost(RuntimeError):
    """A worker process of a scan ended without its results (killed, out of memory): the scan cannot say
    what it would have found, so it says so and reports nothing."""


class Terminated(BaseException):
    """SIGTERM during a scan in worker processes (``parallel.py`` raises it), so that the workers are ended
    as on Ctrl-C; a BaseException, so that no ``except Exception`` takes it. Elsewhere SIGTERM keeps its
    default: a hook run does not import ``signal`` for it (start-up time on every commit)."""


def exit_with(call: Callable[[], int], interrupted: str = "review-hooks: interrupted") -> NoReturn:
    """Run ``call`` and exit with its code, for both entry points: Ctrl-C is one line and 130 (a fix
    being written is abandoned whole, see write.py), SIGTERM one line and 143, a lost worker one line and 2,
    a closed pipe 1, any other error one line and 2."""
    escape_unencodable()
    try:
        code = call()
    except KeyboardInterrupt:
        print(interrupted, file=sys.stderr)
        sys.exit(130)
    except Terminated:
        print("review-hooks: terminated", file=sys.stderr)
        sys.exit(143)  # 128 + SIGTERM, as a shell reports a process that SIGTERM ended
    except BrokenPipeError:
        sys.exit(1)
    except WorkerLost as error:
        print(f"review-hooks: {error}; nothing was reported", file=sys.stderr)
        sys.exit(2)
    except Exception as error:  # the contract: one line on stderr, exit 2, no traceback
        print(f"review-hooks: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(2)
    sys.exit(code)


def escape_unencodable() -> None:
    """A path or message the terminal cannot show is escaped, not fatal (both entry points)."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
