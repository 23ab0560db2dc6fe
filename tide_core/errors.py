"""Errors raised by the library. Each names what was wrong and what was expected.

Only the CLI and the pages translate these for a person; library code raises them with context. TideError and
WarehouseError are defined in warehouse.errors (the bottom layer, which imports nothing from tide_core) and
re-exported here, so every warehouse error is a TideError.
"""

from warehouse.errors import TideError, WarehouseError

__all__ = ["ConfigError", "FormInputError", "ImportFormatError", "TideError", "WarehouseError"]


class ConfigError(TideError, ValueError):
    """A configuration value has the wrong type or an out-of-range value."""


class ImportFormatError(TideError, ValueError):
    """An input file does not have the expected layout. The message names the file, row and field."""


class FormInputError(TideError, ValueError):
    """Input a person must correct in a form; `problems` maps each field to what was expected."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))
