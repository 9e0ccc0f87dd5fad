"""The one error tree and the named exit codes. The CLI turns these into messages in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented in the README; cron wrappers rely on them, so never renumber."""

    OK = 0
    ERROR = 1  # unexpected failure, or a store problem
    USAGE = 2  # bad configuration, bad option or bad input file
    NOTHING_TO_DO = 3  # an automatic run found nothing to act on
    PARTIAL = 4  # stopped early because a cap, limit or budget was reached
    AUTH = 5  # not logged in, or the credentials were refused
    API = 6  # the network failed or the API refused the request
    LOCKED = 7  # another run holds the lock
    NEEDS_CONFIRMATION = 8  # would act, but nobody can confirm (no terminal, no --yes)
    COST_LIMIT = 9  # reading would cost more than allowed
    ACCESS = 10  # the API account cannot do this (not enrolled, credits depleted, usage cap)
    INTERRUPTED = 130
    # What a shell reports for a tool SIGPIPE ended: the reader (`| head`) stopped reading.
    PIPE_CLOSED = 141


class FollowpruneError(Exception):
    """Base of every error a user can cause or meet. `hint` says what to do next."""

    exit_code: ExitCode = ExitCode.ERROR
    # Whether a run of several actions must stop here (the next call would fail too).
    stops_run = True

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ConfigError(FollowpruneError):
    exit_code = ExitCode.USAGE


class InputError(FollowpruneError):
    """A file, argument or handle given by the user is wrong."""

    exit_code = ExitCode.USAGE


class StoreError(FollowpruneError):
    exit_code = ExitCode.ERROR


class NeedsConfirmation(FollowpruneError):
    exit_code = ExitCode.NEEDS_CONFIRMATION


class AuthError(FollowpruneError):
    exit_code = ExitCode.AUTH


class CredentialsRefused(AuthError):
    """Credentials the person gave (an environment variable, a typed password) were refused,
    or cannot be any. Said at once: unlike a login that is simply missing, never stood in for
    by the follow list an earlier sync stored, which hid a wrong password behind exit 0."""


class ApiError(FollowpruneError):
    exit_code = ExitCode.API


class AccessError(FollowpruneError):
    exit_code = ExitCode.ACCESS


class CostLimitExceeded(FollowpruneError):
    exit_code = ExitCode.COST_LIMIT


class LockedError(FollowpruneError):
    exit_code = ExitCode.LOCKED


class ActionRejected(ApiError):
    """The network refused one action (e.g. the account no longer exists); others may work."""

    stops_run = False


class AccountGone(ActionRejected):
    """The network refused one action because the account, or its instance, no longer exists
    (Mastodon's 404 or 410): trying again cannot succeed, so an undo that met this never
    tries that restore again (the journal says so: see store.journal.NOT_RESTORABLE)."""


class OutcomeUnknown(ApiError):
    """An action's request may have reached the network, and no answer said whether it was
    done (the server kept failing, the connection kept dropping). Journaled as neither done
    nor failed: it stays in flight, so the next acting run carries it out again (actions
    are idempotent) and records what happened, and undo counts it as possibly done."""


class InterruptedInFlight(KeyboardInterrupt):
    """Ctrl-C between an action's journaled intent and its outcome: the network may have
    carried it out, and the next acting run reconciles it from the journal."""
