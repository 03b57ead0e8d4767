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
from sync.protocol import (
    IncomingChange,
    PushedChange,
    PushRequest,
    push_changes,
    pushed_of,
)


def check_change(change: IncomingChange) -> str | None:
    """The reason `change` does not fit its record type's schema, or None when it fits."""
    return schema.check_change(
        change.record_type, change.change_id, change.record_id, change.fields, change.created
    )


def push_request(body: bytes, content_type: str | None) -> list[PushedChange]:
    """The changes of the push request in `body` (the raw request body; `content_type` its
    header), read the way FastAPI reads a body parameter (json.loads, then the models),
    with the same refusals: RequestValidationError (422: not JSON, or not the protocol's
    shape; a missing body, or one not sent as JSON) or HTTPException 400 (bytes that are
    no text).

    Fast path: a body whose values have exactly the types the models ask for is checked by
    protocol.push_changes, without a model per change; anything else goes through the
    models, so every coercion and refusal is as before (tests/sync/test_push_request.py
    compares the two)."""
    json_sent = _is_json(content_type)
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
        except (ValueError, RecursionError):  # no UTF-8/16/32 text, or nested too deep
            # FastAPI answers any other failure of json.loads so (a RecursionError too).
            raise HTTPException(400, "There was an error parsing the body") from None
        changes = push_changes(data)
        if changes is not None:
            return changes
    try:
        request = PushRequest.model_validate(data, from_attributes=True)  # as FastAPI: its wording
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in errors]
        ) from None
    return pushed_of(request)


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


def unnameable(changes: list[PushedChange]) -> str | None:
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
