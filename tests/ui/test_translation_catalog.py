"""A string that ui/ translates through a one-argument helper (`_t(text)`, `_tr(text)`) or
through QCoreApplication.translate under another name (`t = QCoreApplication.translate`) is
invisible to pyside6-lupdate, so it would never reach koers_nl.ts and would show in English
on a Dutch screen. ui/translation_catalog.py lists those strings; this test keeps the list
complete (every literal passed to such a helper) and clean (nothing no helper passes)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
CATALOG = UI / "translation_catalog.py"


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


LUPDATE_NAMES = {"translate", "tr"}  # the call names pyside6-lupdate reads


def _is_translate(node: ast.expr) -> bool:
    """`QCoreApplication.translate` or a bare `translate`."""
    if isinstance(node, ast.Attribute):
        return node.attr == "translate"
    return isinstance(node, ast.Name) and node.id == "translate"


def _wrapped_context(node: ast.FunctionDef) -> str | None:
    """The context of `def f(text): return translate("Ctx", text)` (or
    QCoreApplication.translate), else None."""
    if len(node.args.args) != 1 or len(node.body) != 1:
        return None
    body = node.body[0]
    if not isinstance(body, ast.Return) or not isinstance(body.value, ast.Call):
        return None
    call = body.value
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name != "translate" or len(call.args) != 2:
        return None
    context, text = call.args
    if (
        isinstance(context, ast.Constant)
        and isinstance(context.value, str)
        and isinstance(text, ast.Name)
        and text.id == node.args.args[0].arg
    ):
        return context.value
    return None


def wrapped_strings() -> set[tuple[str, str]]:
    """(context, text) of every string literal passed to a one-argument translate helper
    anywhere under ui/ (the helper called by its own name, imported, or through its
    module), or to QCoreApplication.translate under another name (`t = ...translate`)."""
    trees = {
        _module_name(p): ast.parse(p.read_text()) for p in sorted(UI.rglob("*.py")) if p != CATALOG
    }
    helpers = {
        module: {
            node.name: context
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and (context := _wrapped_context(node))
        }
        for module, tree in trees.items()
    }
    found: set[tuple[str, str]] = set()
    for module, tree in trees.items():
        names = dict(helpers[module])  # callable name -> context
        modules: dict[str, str] = {}  # alias -> module holding helpers
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    here = helpers.get(node.module, {})
                    if alias.name in here:
                        names[alias.asname or alias.name] = here[alias.name]
                    if f"{node.module}.{alias.name}" in helpers:
                        modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in helpers:
                        modules[alias.asname or alias.name] = alias.name
        aliases = {  # `t = QCoreApplication.translate`: lupdate knows no `t(...)`
            node.targets[0].id
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id not in LUPDATE_NAMES
            and _is_translate(node.value)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in aliases
                and len(node.args) >= 2
                and all(isinstance(a, ast.Constant) for a in node.args[:2])
            ):
                found.add((str(node.args[0].value), str(node.args[1].value)))  # type: ignore[attr-defined]
            if not isinstance(node, ast.Call) or len(node.args) != 1:
                continue
            context = None
            if isinstance(node.func, ast.Name):
                context = names.get(node.func.id)
            elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                owner = modules.get(node.func.value.id)
                context = helpers.get(owner, {}).get(node.func.attr) if owner else None
            text = node.args[0]
            if context and isinstance(text, ast.Constant) and isinstance(text.value, str):
                found.add((context, text.value))
    return found


def catalogued_strings() -> set[tuple[str, str]]:
    """(context, text) of every QT_TRANSLATE_NOOP in ui/translation_catalog.py."""
    found: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(CATALOG.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
            context, text = (a.value if isinstance(a, ast.Constant) else None for a in node.args)
            found.add((str(context), str(text)))
    return found


def _lines(entries: set[tuple[str, str]]) -> str:
    return "\n".join(f"    QT_TRANSLATE_NOOP({c!r}, {t!r})," for c, t in sorted(entries))


def test_every_string_a_translate_helper_gets_is_in_the_catalog() -> None:
    missing = wrapped_strings() - catalogued_strings()
    assert not missing, "add to ui/translation_catalog.py:\n" + _lines(missing)


def test_the_catalog_lists_no_string_that_is_no_longer_used() -> None:
    stale = catalogued_strings() - wrapped_strings()
    assert not stale, "remove from ui/translation_catalog.py:\n" + _lines(stale)
