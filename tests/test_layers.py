"""Knowledge flows one way: storage knows no feature, features know no renderer.

Every import of the package is walked (module level, inside functions, under
``TYPE_CHECKING``), because any of them is a place where changing a feature would mean
changing what it is imported from. A newcomer who adds an import against the direction below,
or closes a circle, is told here which line did it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "xmfacts"

# Lowest first. A module may import its own layer or any layer below it, never one above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "text", "t2s_table", "model", "fields", "figures", "safewrite", "pinyin"),
    ("factbase",),
    ("index",),
    ("lookup", "search", "check", "compare", "extract", "validate", "inputs", "series"),
    ("authoring", "present"),
    ("run", "cli_typer", "cli", "entry", "completion", "__main__"),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """(module imported, line) for every import in the file, wherever it stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, node.lineno))
            # ``from xmfacts.factbase import parse`` imports a module, not a name
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                if _exists(candidate):
                    found.append((candidate, node.lineno))
    return [(m, line) for m, line in found if m == "xmfacts" or m.startswith("xmfacts.")]


def _exists(module: str) -> bool:
    rel = Path(*module.split("."))
    return (SRC.parent / rel).with_suffix(".py").exists() or (SRC.parent / rel / "__init__.py").exists()


def _layer(module: str) -> int:
    top = module.split(".")[1] if module.count(".") else ""
    for rank, names in enumerate(LAYERS):
        if top in names:
            return rank
    raise AssertionError(f"{module}: not in any layer of tests/test_layers.py; add it where it belongs")


def _graph() -> dict[str, list[tuple[str, int]]]:
    graph = {}
    for path in sorted(SRC.rglob("*.py")):
        name = _module_name(path)
        edges = []
        for target, line in _imports(path):
            if target == "xmfacts" or not _exists(target) or name.startswith(target + "."):
                continue  # a module's own package is already being imported when it runs
            edges.append((target, line))
            # importing a.b.c runs a/b/__init__ first: an edge to each package above it,
            # but for the packages the importing module itself is in
            parts = target.split(".")
            for depth in range(2, len(parts)):
                package = ".".join(parts[:depth])
                if not name.startswith(package + ".") and name != package:
                    edges.append((package, line))
        graph[name] = edges
    return graph


def test_every_module_is_in_a_layer() -> None:
    for module in _graph():
        if module != "xmfacts":
            _layer(module)


def test_no_import_against_the_layers() -> None:
    wrong = []
    for module, imported in _graph().items():
        if module == "xmfacts":
            continue
        for target, line in imported:
            if _layer(target) > _layer(module):
                wrong.append(f"{module}:{line} imports {target}")
    assert not wrong, "imports against the direction of the layers:\n" + "\n".join(wrong)


def test_no_circle_of_imports() -> None:
    graph = {m: sorted({t for t, _ in imported if t != m}) for m, imported in _graph().items()}
    # Tarjan's strongly connected components: any component of two or more modules is a circle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, []):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert not circles, "circles of imports:\n" + "\n".join(" ↔ ".join(c) for c in circles)


@pytest.mark.parametrize("module", ["xmfacts.index", "xmfacts.factbase"])
def test_storage_imports_no_feature(module: str) -> None:
    features = {name for rank in LAYERS[3:] for name in rank}
    for name, imported in _graph().items():
        if name == module or name.startswith(module + "."):
            used = {t.split(".")[1] for t, _ in imported}
            assert not used & features, f"{name} imports {sorted(used & features)}"
