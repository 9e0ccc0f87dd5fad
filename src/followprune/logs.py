"""The log file: a rotating file in the platform log dir, written by every run that acts
(automatic runs, confirmed reviews, undo).

Every action, every sleep and every error goes here, so a cron job that printed nothing can
still be audited. Optionally the same lines go to stderr (not with --quiet).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from followprune.errors import FollowpruneError

LOGGER = "followprune"
MAX_BYTES = 1_000_000
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s pid=%(process)d: %(message)s"
# Marks the handlers this module added, so a second setup (tests run many in one process)
# replaces them instead of writing every line twice.
_OURS = "_followprune_handler"
# `log.error(..., extra=FILE_ONLY)`: for lines the user already sees another way (the CLI
# prints every error once, as "Error: …").
FILE_ONLY = {"file_only": True}


def setup_logging(log_file: Path, *, echo: bool = False) -> logging.Logger:
    """Log INFO and above to `log_file` (rotated at 1 MB, 5 kept), and to stderr if `echo`."""
    logger = logging.getLogger(LOGGER)
    close_logging()
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        raise FollowpruneError(
            f"cannot write the log file {log_file}: {exc.strerror}",
            hint="FOLLOWPRUNE_HOME chooses another folder",
        ) from None
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    handlers: list[logging.Handler] = [file_handler]
    if echo:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(_OneLineFormatter("%(message)s"))
        stream.addFilter(lambda record: not getattr(record, "file_only", False))
        handlers.append(stream)
    for handler in handlers:
        setattr(handler, _OURS, True)
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    # Our lines go to our handlers only, not to whatever the root logger does.
    logger.propagate = False
    return logger


def close_logging() -> None:
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if getattr(handler, _OURS, False):
            logger.removeHandler(handler)
            handler.close()


class _OneLineFormatter(logging.Formatter):
    """For stderr, which cron mails: the message only, never a traceback (the file has it)."""

    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage()


def one_line(problem: object, limit: int = 300) -> str:
    """An exception or a message as one bounded line: `TypeError: what it said`."""
    if isinstance(problem, BaseException):
        text = f"{type(problem).__name__}: {problem}" if str(problem) else type(problem).__name__
    else:
        text = str(problem)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
