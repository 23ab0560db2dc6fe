"""Typed dataclasses from plain mappings (parsed YAML, command-line options), with errors that name the field.

    obj = build(MyConfig, data, "my.yaml", rules)

`build` walks the dataclass: `data` must be a mapping, unknown keys and missing required fields are refused,
fields annotated with a dataclass (or `X | None`) are built recursively from nested mappings, and every other
value goes through `rules.convert(value, annotation, "where.field")`. Each built object is then passed to
`rules.check`. A `Rules` holds the caller's error class and message templates, so every config keeps its own
wording. `matches`, `type_name` and `check_fields` check values against annotations (int never accepts bool;
float accepts int) for configs that check a dataclass after it is built.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass

from tide_core.errors import ConfigError


@dataclass(frozen=True)
class Rules:
    """How `build` words its errors and treats values.

    Templates are filled with str.format: not_mapping gets where, cls (the class name), data and kind (the type
    name of data); unknown gets where, unknown and expected (sorted lists of names); missing gets where.
    """

    not_mapping: str
    unknown: str
    missing: str = "{where}: required field is missing"
    error: type[ConfigError] = ConfigError
    convert: Callable[[object, object, str], object] = lambda value, tp, where: value  # checks or coerces a value
    check: Callable[[object, str], None] | None = None  # called with each built object and its path
    exclude: tuple[str, ...] = ()  # fields the loader sets itself; in data they are unknown


def _dataclass_of(tp: object) -> tuple[type | None, bool]:
    """The dataclass an annotation names (`X` or `X | None`), if any, and whether it allows None."""
    union = typing.get_origin(tp) in (typing.Union, types.UnionType)
    args = typing.get_args(tp) if union else (tp,)
    classes = [a for a in args if isinstance(a, type) and dataclasses.is_dataclass(a)]
    return (classes[0] if classes else None), type(None) in args


def build(cls: type, data: object, where: str, rules: Rules) -> object:
    """An instance of the dataclass `cls` from the mapping `data`; `where` prefixes every error."""
    if not isinstance(data, dict):
        raise rules.error(rules.not_mapping.format(where=where, cls=cls.__name__, data=data, kind=type(data).__name__))
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in rules.exclude}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise rules.error(rules.unknown.format(where=where, unknown=unknown, expected=sorted(fields)))
    values = {}
    for name, f in fields.items():
        key = f"{where}.{name}"
        if name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise rules.error(rules.missing.format(where=key))
            continue
        nested, optional = _dataclass_of(hints[name])
        if nested is None:
            values[name] = rules.convert(data[name], hints[name], key)
        else:
            values[name] = None if data[name] is None and optional else build(nested, data[name], key, rules)
    obj = cls(**values)
    if rules.check is not None:
        rules.check(obj, where)
    return obj


def type_name(tp: object) -> str:
    """An annotation as written: int, dict[str, float], list[str] | None."""
    if typing.get_origin(tp) is not None:
        return str(tp).replace("typing.", "")
    return getattr(tp, "__name__", None) or str(tp)


def matches(value: object, tp: object) -> bool:
    """Whether `value` fits the annotation `tp` (containers are checked item by item)."""
    origin = typing.get_origin(tp)
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp in (str, bool):
        return isinstance(value, tp)
    if origin in (typing.Union, types.UnionType):
        return any(matches(value, a) for a in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if origin is list:
        (item,) = typing.get_args(tp)
        return isinstance(value, list) and all(matches(v, item) for v in value)
    if origin is dict:
        k, v = typing.get_args(tp)
        return isinstance(value, dict) and all(matches(a, k) and matches(b, v) for a, b in value.items())
    if dataclasses.is_dataclass(tp):
        return isinstance(value, tp)
    return True


def check_fields(obj: object, where: str, error: type[ConfigError] = ConfigError) -> None:
    """Raise `error` for the first field of the dataclass `obj` whose value does not fit its annotation."""
    hints = typing.get_type_hints(type(obj))
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if not matches(value, hints[f.name]):
            raise error(f"{where}.{f.name} must be {type_name(hints[f.name])}, got {type(value).__name__} {value!r}")
