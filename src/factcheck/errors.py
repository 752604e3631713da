"""One user-error family and the named exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes: the contract scripts and CI rely on."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as a shell reports it
    BROKEN_PIPE = 141  # the reader went away (`| head`): 128 + SIGPIPE, what `yes | head` gives


class FactcheckError(Exception):
    """A problem the user can fix: bad input, config or registry. Printed as one line, exit 2."""

    def __init__(self, what: str, where: str = "", todo: str = "") -> None:
        self.what, self.where, self.todo = what, where, todo
        super().__init__(self.line())

    def line(self) -> str:
        """`error: <what happened>, <where>; <what to do>` without a newline."""
        text = f"error: {self.what}"
        if self.where:
            text += f", {self.where}"
        if self.todo:
            text += f"; {self.todo}"
        return " ".join(text.split())


class InputError(FactcheckError):
    """A draft or article that cannot be read."""


class ConfigError(FactcheckError):
    """A bad option or configuration value."""


class RegistryError(FactcheckError):
    """A claims registry that is missing, invalid or stale."""


class IndexDamaged(RegistryError):
    """The registry index in the cache folder was found damaged during a check (and deleted):
    the command runs again, reading the registry files and building a new index."""


def from_os_error(exc: OSError) -> FactcheckError:
    """A one-line error for a failure of the machine rather than of our code: a file that
    cannot be written, a full disk, a name too long."""
    what = (exc.strerror or str(exc) or type(exc).__name__).rstrip(".")
    what = what[:1].lower() + what[1:]
    where = " -> ".join(str(f) for f in (exc.filename, exc.filename2) if f is not None)
    return FactcheckError(what, where or "reading or writing a file",
                          "check the path, its permissions and the free disk space")
