"""Turn domain dataclasses into vault column values and back.

Scalars map to columns as they are (bool as 0/1, enums by value, dates as ISO text, datetimes
as UTC ISO text); nested dataclasses, tuples and dicts are stored as JSON text.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
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


_HINTS: dict[Any, dict[str, Any]] = {}


def _hints(cls: Any) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _decode(tp: Any, value: Any, *, from_column: bool) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(inner[0], value, from_column=from_column)
    if value is None:
        return None
    if tp is Any:
        return value
    if origin in (tuple, list, dict) or dataclasses.is_dataclass(tp):
        data = json.loads(value) if from_column and isinstance(value, str) else value
        if origin is tuple:
            (item,) = typing.get_args(tp)[:1]
            return tuple(_decode(item, v, from_column=False) for v in data)
        if origin is list:
            (item,) = typing.get_args(tp)
            return [_decode(item, v, from_column=False) for v in data]
        if origin is dict:
            key_tp, val_tp = typing.get_args(tp)
            return {
                _decode(key_tp, k, from_column=False): _decode(val_tp, v, from_column=False)
                for k, v in data.items()
            }
        return _from_mapping(tp, data)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(int(value)) if issubclass(tp, int) else tp(value)
    if tp is bool:
        return bool(value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if tp in (int, float, str):
        return tp(value)
    raise TypeError(f"cannot decode into {tp!r}")


def _from_mapping(cls: type[T], data: dict[str, Any]) -> T:
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs = {k: _decode(hints[k], v, from_column=False) for k, v in data.items() if k in names}
    return cls(**kwargs)


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    """Build a record from a vault row; vault-managed columns are ignored."""
    hints = _hints(cls)
    kwargs = {
        f.name: _decode(hints[f.name], row[f.name], from_column=True)
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in row
    }
    return cls(**kwargs)


def from_json(cls: type[T], text: str) -> T:
    """Build a record from JSON text written by `encode_value`."""
    return _from_mapping(cls, json.loads(text))


def decode_json(tp: Any, text: str) -> Any:
    """Decode JSON text into a typed value such as tuple[PhaseEntry, ...]."""
    return _decode(tp, text, from_column=True)
