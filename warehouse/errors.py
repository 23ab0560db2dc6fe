"""Errors raised by the warehouse. Each names what was wrong and what was expected.

The project's base error lives here, in the bottom layer, so that a warehouse error is a TideError without the
warehouse importing tide_core; tide_core.errors re-exports both classes (`from tide_core.errors import TideError`
keeps working, and `except TideError` still catches every warehouse error).
"""


class TideError(Exception):
    """Base class: a problem a user can fix (bad input, bad config, unwritable path)."""


class WarehouseError(TideError):
    """The warehouse could not be built or opened; the previous warehouse is left intact."""
