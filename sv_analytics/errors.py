"""Error types shared by the CLI, the importers and the app.

Everything the user can fix (bad input, a wrong file, a database of another version)
raises a subclass of :class:`UserError` with a Dutch message; the CLI turns those into
exit code 2 and the app into a readable message. Anything else is a bug (exit code 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field


class UserError(Exception):
    """A problem the user can fix; ``str(error)`` is a Dutch message for them."""


class DatabaseError(UserError):
    """The database file cannot be used (missing, locked, foreign, other version)."""


@dataclass(frozen=True)
class Problem:
    """One problem in an input file, located as precisely as the format allows."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def location(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"blad '{self.sheet}'")
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        found = f" (gevonden: {self.value!r})" if self.value is not None else ""
        return f"{self.location()}: {self.message}{found}"


@dataclass
class ValidationError(UserError):
    """Input rejected; carries every problem found, so the user can fix them at once."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{len(self.problems)} probleem/problemen gevonden; er is niets opgeslagen."
        return "\n".join([head, *(f"- {p}" for p in self.problems)])
