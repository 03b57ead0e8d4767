"""The schema's quick per-field test (sync/schema._FITS) passes only what the full check
passes: a push or a pull that takes the quick way never lets in a value the schema refuses."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sync import schema

SPECS = sorted(
    {(record_type, name) for record_type, fields in schema._WIRE_FIELDS.items() for name in fields}
)

# Values near every edge the checks draw: text with null bytes and lone surrogates, lengths
# around the limits, dates that are no dates, numbers past 64 bits, NaN, JSON of every shape.
_tricky_text = st.text(
    alphabet=st.sampled_from(["a", "é", " ", "\x00", "\ud800", "\x1f", "-", "0", "T", ":", "Z"]),
    max_size=40,
)
_json_text = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _tricky_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_tricky_text, inner, max_size=3),
    max_leaves=8,
).map(lambda v: schema.json.dumps(v))
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 0, 1, 2, float("nan")]),
    st.floats(allow_nan=True, allow_infinity=True),
    _tricky_text,
    st.sampled_from(["2026-11-30", "2026-02-30", "2026-11-30T09:15:00Z", "2026-11-30T09:15:00"]),
    st.sampled_from(["[]", '["cliënt"]', '{"street": "Laan", "house_number": "1"}', "[1]"]),
    _json_text,
    st.integers(min_value=0, max_value=3).map(lambda n: "x" * (schema.ID_LENGTH + n - 1)),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=3000, deadline=None)
@given(spec=st.sampled_from(SPECS), value=VALUES)
def test_the_quick_check_never_passes_a_value_the_full_check_refuses(
    spec: tuple[str, str], value: Any
) -> None:
    record_type, name = spec
    if schema._FITS[record_type][name](value):
        assert schema.check_value(schema._WIRE_FIELDS[record_type][name], value) is None


def test_a_remembered_json_verdict_belongs_to_its_field_only() -> None:
    """The same short text fits one JSON field and not another: each keeps its own verdicts."""
    words = '["cliënt"]'
    fits = {
        (record_type, name): fit(words)
        for record_type, fields in schema._FITS.items()
        for name, fit in fields.items()
        if schema._WIRE_FIELDS[record_type][name].kind == schema.Kind.JSON
    }
    assert True in fits.values() and False in fits.values()
    for (record_type, name), fitted in fits.items():
        full = schema.check_value(schema._WIRE_FIELDS[record_type][name], words) is None
        assert fitted == full
