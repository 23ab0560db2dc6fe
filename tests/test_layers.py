"""The layers import one way (docs/architecture.md): warehouse/ at the bottom, tide_core/ above it, the CLI, the
dashboard and the pages on top. Every import in a layer's .py files is read with `ast`, those inside functions and
classes too, and `importlib.import_module("...")` calls with a literal name as well.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# layer folder -> top-level packages it must never import
FORBIDDEN = {
    "warehouse": ("tide_core", "dashboard", "pages", "app", "streamlit"),
    "tide_core": ("streamlit", "dashboard", "pages", "app"),
}


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) for every import anywhere in `source`: module level, in functions, in classes, in try blocks."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (isinstance(node, ast.Call) and _called_name(node.func) in ("import_module", "__import__")
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return found


def _called_name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def back_edges(layer: str) -> list[str]:
    """'path:line imports module' for each import of a forbidden package in the layer's .py files."""
    bad = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for line, module in imported_modules(path.read_text()):
            if module.split(".")[0] in FORBIDDEN[layer]:
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return bad


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_one_way(layer):
    assert list((ROOT / layer).rglob("*.py")), f"no .py files under {layer}/"
    bad = back_edges(layer)
    assert not bad, f"{layer}/ must not import {', '.join(FORBIDDEN[layer])}:\n" + "\n".join(bad)


def test_every_kind_of_import_is_seen():
    source = '''
import tide_core
import os, tide_core.dataset as ds
from tide_core.errors import TideError
from . import sibling

def load():
    from tide_core.pipeline.build import load_dataset
    import importlib
    return importlib.import_module("dashboard.data")

class Page:
    def draw(self):
        try:
            import streamlit as st
        except ImportError:
            pass
'''
    assert sorted(m for _, m in imported_modules(source)) == sorted([
        "tide_core", "os", "tide_core.dataset", "tide_core.errors", "tide_core.pipeline.build", "importlib",
        "dashboard.data", "streamlit"])
