"""Whether a pushed change fits the wire format's schema (sync/schema.py): record type, field
names, each value's kind and size, no null bytes or lone surrogates, JSON text of its shape,
every field a created record must carry.

One answer per change: None when it fits, else the reason (English, one line, no value in it).
The push answers a change that does not fit with code INVALID and stores nothing of it.
"""

from __future__ import annotations

import email.message
import json
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from sync import schema
from sync.protocol import Change, PushRequest


def check_change(change: Change) -> str | None:
    """The reason `change` does not fit its record type's schema, or None when it fits."""
    return schema.check_change(
        change.record_type, change.change_id, change.record_id, change.fields, change.created
    )


def push_request(body: bytes, content_type: str | None) -> PushRequest:
    """The push request in `body` (the raw request body; `content_type` its header), read
    the way FastAPI reads a body parameter, with the same refusals: RequestValidationError
    (422: not JSON, or not the protocol's shape; a missing body, or one not sent as JSON)
    or HTTPException 400 (bytes that are no text).

    Fast path: pydantic reads the JSON bytes straight into the models (no dict in between).
    A body it refuses is read again as FastAPI does (json.loads, then the models), so every
    refusal is worded as before and what only json.loads takes (a lone UTF-16 surrogate,
    which the server then refuses change by change) is taken as before."""
    json_sent = _is_json(content_type)
    if json_sent and body:
        try:
            return PushRequest.model_validate_json(body)
        except ValidationError:
            pass  # read again below: the refusal (or a lone surrogate) as FastAPI words it
    if not body:
        raise RequestValidationError(
            [{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}]
        )
    data: Any = body
    if json_sent:
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            raise RequestValidationError(
                [
                    {
                        "type": "json_invalid",
                        "loc": ("body", exc.pos),
                        "msg": "JSON decode error",
                        "input": {},
                        "ctx": {"error": exc.msg},
                    }
                ]
            ) from None
        except ValueError:  # not UTF-8, UTF-16 or UTF-32 text
            raise HTTPException(400, "There was an error parsing the body") from None
    try:
        return PushRequest.model_validate(data, from_attributes=True)  # as FastAPI: its wording
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in errors]
        ) from None


def _is_json(content_type: str | None) -> bool:
    """Whether a Content-Type header says JSON (application/json or application/*+json)."""
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def unnameable(changes: list[Change]) -> str | None:
    """Why a push cannot even be answered change by change, or None: a change id or record id
    holding a null byte or a lone UTF-16 surrogate can be neither looked up in the database
    nor named in the answer (PostgreSQL refuses the one, JSON in UTF-8 the other)."""
    ids = "".join([c.change_id for c in changes]) + "".join([c.record_id for c in changes])
    if schema.unstorable(ids) is None:  # one search for the whole batch: nearly every push
        return None
    for index, change in enumerate(changes):
        for what, value in (("change id", change.change_id), ("record id", change.record_id)):
            bad = schema.unstorable(value)
            if bad is not None:
                return f"change {index + 1}: its {what} holds {bad}"
    return None


def free_text_problem(what: str, value: str, *, multiline: bool = True) -> str | None:
    """Why free text from a request that the server writes (`what`: "the reason", "the
    device name") breaks the laptop's text rules (sync/schema.unclean_text), as one English
    line naming no value; None when it keeps them."""
    problem = schema.unclean_text(value, multiline=multiline)
    return None if problem is None else f"{what} {problem}; remove it"
