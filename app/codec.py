"""Turn domain dataclasses into vault column values and back.

Scalars map to columns as they are (bool as 0/1, enums by value, dates as ISO text, datetimes
as UTC ISO text); nested dataclasses, tuples and dicts are stored as JSON text.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


def _to_jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(_to_jsonable(k)): _to_jsonable(v) for k, v in value.items()}
    raise TypeError(f"cannot encode {type(value).__name__}")


def format_datetime(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("datetimes in Koers are timezone-aware")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def encode_value(value: Any) -> str | int | float | None:
    """One field as a column value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, int | float | str):
        return value
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return json.dumps(_to_jsonable(value), ensure_ascii=False, sort_keys=True)


def to_fields(record: Any) -> dict[str, str | int | float | None]:
    """All fields but `id`, as column values."""
    return {
        f.name: encode_value(getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.name != "id"
    }


Decoder = Callable[[Any], Any]
# Decoders are built once per type and kept: decoding runs for every row of every screen.
_DECODERS: dict[Any, Decoder] = {}
_ROW_DECODERS: dict[Any, list[tuple[str, Decoder]]] = {}


def _none_safe(fn: Decoder) -> Decoder:
    return lambda value: None if value is None else fn(value)


def _decoder(tp: Any) -> Decoder:
    """A function turning a JSON-level value into a value of type `tp`."""
    decoder = _DECODERS.get(tp)
    if decoder is None:
        decoder = _DECODERS[tp] = _build_decoder(tp)
    return decoder


def _is_structured(tp: Any) -> bool:
    """Stored as JSON text in a column (containers and nested dataclasses)."""
    return typing.get_origin(tp) in (tuple, list, dict) or dataclasses.is_dataclass(tp)


def _strip_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(tp) if a is not type(None))
    return tp


def _build_decoder(tp: Any) -> Decoder:
    tp = _strip_optional(tp)
    origin = typing.get_origin(tp)
    if tp is Any:
        return lambda value: value
    if origin is tuple:
        item = _decoder(typing.get_args(tp)[0])
        return _none_safe(lambda value: tuple(item(v) for v in value))
    if origin is list:
        item = _decoder(typing.get_args(tp)[0])
        return _none_safe(lambda value: [item(v) for v in value])
    if origin is dict:
        key, val = (_decoder(a) for a in typing.get_args(tp))
        return _none_safe(lambda value: {key(k): val(v) for k, v in value.items()})
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(tp)]
        cls = typing.cast(Any, tp)
        return _none_safe(
            lambda value: cls(**{name: dec(value[name]) for name, dec in fields if name in value})
        )
    if isinstance(tp, type) and issubclass(tp, Enum):
        enum_cls: Any = tp
        return _none_safe((lambda value: enum_cls(int(value))) if issubclass(tp, int) else enum_cls)
    if tp is bool:
        return _none_safe(bool)
    if tp is datetime:
        return _none_safe(datetime.fromisoformat)
    if tp is date:
        return _none_safe(date.fromisoformat)
    if tp in (int, float, str):
        return _none_safe(tp)
    raise TypeError(f"cannot decode into {tp!r}")


def _column_decoder(tp: Any) -> Decoder:
    """Like `_decoder`, but structured values arrive as JSON text from a column."""
    decode = _decoder(tp)
    if not _is_structured(_strip_optional(tp)):
        return decode
    return lambda value: (
        None if value is None else decode(json.loads(value) if isinstance(value, str) else value)
    )


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    """Build a record from a vault row; vault-managed columns are ignored."""
    decoders = _ROW_DECODERS.get(cls)
    if decoders is None:
        hints = typing.get_type_hints(cls)
        decoders = _ROW_DECODERS[cls] = [
            (f.name, _column_decoder(hints[f.name]))
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        ]
    return cls(**{name: decode(row[name]) for name, decode in decoders if name in row})


def from_json(cls: type[T], text: str) -> T:
    """Build a record from JSON text written by `encode_value`."""
    return typing.cast(T, _decoder(cls)(json.loads(text)))


def decode_json(tp: Any, text: str) -> Any:
    """Decode JSON text into a typed value such as tuple[PhaseEntry, ...]."""
    return _decoder(tp)(json.loads(text))
