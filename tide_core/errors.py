"""Errors raised by the library. Each names what was wrong and what was expected.

Only the CLI and the pages translate these for a person; library code raises them with context.
"""


class TideError(Exception):
    """Base class: a problem a user can fix (bad input, bad config, unwritable path)."""


class ConfigError(TideError, ValueError):
    """A configuration value has the wrong type or an out-of-range value."""


class ImportFormatError(TideError, ValueError):
    """An input file does not have the expected layout. The message names the file, row and field."""


class FormInputError(TideError, ValueError):
    """Input a person must correct in a form; `problems` maps each field to what was expected."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))


class WarehouseError(TideError):
    """The warehouse could not be built or opened; the previous warehouse is left intact."""
