"""One user-error family and the named exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes: the contract scripts and CI rely on."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERRUPTED = 130


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
