"""The import graph of saidwhat points one way: no cycles, no private names across modules, no upward arrows.

A small walk over the source with `ast` (no dependency): every `import`/`from ... import` that names a
saidwhat module is an arrow. Every arrow counts for cycles: at module level, under `if TYPE_CHECKING:`
and inside functions, since a lazy import that closes a cycle hides it rather than removes it. The few
lazy arrows that still close one are listed in `LAZY_BACK_ARROWS` with the reason; the list must stay
exact, so a new one fails here and a fixed one must leave the list. A `__main__` module is a program,
not a library module (nothing imports it), so it may use the CLI. The stages of extraction (the
subpackages `saidwhat.extraction` lists in `STAGES`) import earlier stages only, never a later one.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from saidwhat import extraction
from saidwhat.extraction import STAGES

PACKAGE = "saidwhat"
ROOT = Path(__file__).resolve().parent.parent / "src" / PACKAGE

# (importer prefix, forbidden imported prefix, why)
FORBIDDEN = [
    ("saidwhat.store", "saidwhat.extraction", "the store must not depend on spaCy-loading rules"),
    ("saidwhat.store", "saidwhat.pipeline", "the store must not depend on spaCy-loading rules"),
    (
        "saidwhat.identity",
        "saidwhat.extraction",
        "identity, name, kind and gender rules are spaCy-free (store and Spark)",
    ),
    ("saidwhat.store", "saidwhat.web", "the store knows nothing of its callers"),
    ("saidwhat.store", "saidwhat.cli", "the store knows nothing of its callers"),
    ("saidwhat.store", "saidwhat.ingest", "the store knows nothing of its callers"),
    ("saidwhat.web", "saidwhat.store.connection", "the web app asks the Store, never opens connections"),
    ("saidwhat.web", "saidwhat.store.corrections", "corrections go through Store methods"),
    ("saidwhat.web", "saidwhat.store.writer", "the web app never writes but through Store methods"),
    ("saidwhat.cli", "saidwhat.store.connection", "commands ask the Store, never open connections"),
    ("saidwhat.cli", "saidwhat.store.corrections", "corrections go through Store methods"),
    ("saidwhat.ingest", "saidwhat.store.connection", "ingest writes through Store.open_writer"),
    ("saidwhat.spark", "saidwhat.ingest.warc", "Spark and ingest share formats, not each other"),
    ("saidwhat.spark", "saidwhat.cli", "Spark jobs must not depend on the command line"),
]


# Lazy imports (inside a function) that close a cycle, each with why it is still there.
LAZY_BACK_ARROWS = {
    ("saidwhat.model", "saidwhat.notebook"): "Extraction's Jupyter display (_repr_html_) draws with it",
}


# Arrows from a stage to a later one, each with why it is still there; the list must stay exact.
LATER_STAGE_ARROWS = {
    ("saidwhat.extraction.cues.special", "saidwhat.extraction.speakers.names"): (
        "a Q&A's interviewee is the introduction's most-named person, found by the one name finder"
    ),
}

# Callers of the store: they use the Store's methods and its row types, never a function that runs SQL
# on a connection of their own; and only the store (and ingest, for the error type of a failed write)
# imports sqlite3.
STORE_CALLERS = ("saidwhat.web", "saidwhat.cli", "saidwhat.ingest", "saidwhat.frames", "saidwhat.notebook")
SQLITE_USERS = ("saidwhat.store", "saidwhat.ingest.runner")


@dataclass(frozen=True)
class Arrow:
    """One import of a saidwhat module (`names` are the names taken from it, if any)."""

    importer: str
    imported: str
    names: tuple[str, ...]
    line: int
    module_level: bool
    type_checking: bool


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, module_level: bool, type_checking: bool):
    """Yield (import node, module level?, under TYPE_CHECKING?) for every import below `node`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, module_level, type_checking
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _walk(child, False, type_checking)
        elif isinstance(child, ast.If) and _is_type_checking(child):
            yield from _walk(child, module_level, True)
        else:
            yield from _walk(child, module_level, type_checking)


def _arrows() -> list[Arrow]:
    modules = _modules()
    arrows = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node, module_level, type_checking in _walk(ast.parse(path.read_text()), True, False):
            if isinstance(node, ast.Import):
                targets = [(alias.name, ()) for alias in node.names]
            else:
                base = _resolve(name, is_package, node)
                # `from saidwhat.store import queries` imports a module; `from x import f` a name.
                targets = []
                names = []
                for alias in node.names:
                    if f"{base}.{alias.name}" in modules:
                        targets.append((f"{base}.{alias.name}", ()))
                    else:
                        names.append(alias.name)
                if names or not targets:
                    targets.append((base, tuple(names)))
            for imported, names in targets:
                if imported == PACKAGE or imported.startswith(PACKAGE + "."):
                    arrows.append(Arrow(name, imported, names, node.lineno, module_level, type_checking))
    return arrows


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _cycles(arrows: list[Arrow]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), over the arrows that run on import."""
    graph: dict[str, set[str]] = {}
    for arrow in arrows:
        if arrow.importer != arrow.imported:
            # Importing a package runs its __init__ too; a submodule importing its own package's
            # __init__ is the normal case for `from . import x`, so only sibling modules count.
            if _within(arrow.importer, arrow.imported):
                continue
            graph.setdefault(arrow.importer, set()).add(arrow.imported)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.fixture(scope="module")
def arrows() -> list[Arrow]:
    return _arrows()


def test_import_graph_sees_the_package(arrows: list[Arrow]) -> None:
    assert len({arrow.importer for arrow in arrows}) > 50


def test_import_graph_has_no_cycles(arrows: list[Arrow]) -> None:
    assert _cycles([a for a in arrows if (a.importer, a.imported) not in LAZY_BACK_ARROWS]) == []


def test_import_graph_lists_its_lazy_back_arrows_exactly(arrows: list[Arrow]) -> None:
    found = {(a.importer, a.imported) for a in arrows if (a.importer, a.imported) in LAZY_BACK_ARROWS}
    assert found == set(LAZY_BACK_ARROWS)
    eager = [a for a in arrows if (a.importer, a.imported) in LAZY_BACK_ARROWS and a.module_level]
    assert eager == []


def test_import_graph_takes_no_private_names_across_modules(arrows: list[Arrow]) -> None:
    private = [
        f"{arrow.importer}:{arrow.line} takes {name} from {arrow.imported}"
        for arrow in arrows
        for name in arrow.names
        if name.startswith("_") and not name.startswith("__") and arrow.importer != arrow.imported
    ]
    assert private == []


@pytest.mark.parametrize(("importer", "imported", "why"), FORBIDDEN)
def test_import_graph_has_no_upward_arrows(
    arrows: list[Arrow], importer: str, imported: str, why: str
) -> None:
    wrong = [
        f"{arrow.importer}:{arrow.line} imports {arrow.imported}"
        for arrow in arrows
        if _within(arrow.importer, importer)
        and _within(arrow.imported, imported)
        and not arrow.importer.endswith(".__main__")
    ]
    assert wrong == [], why


def test_import_graph_finds_a_cycle_when_there_is_one() -> None:
    def arrow(a: str, b: str) -> Arrow:
        return Arrow(a, b, (), 1, True, False)

    assert _cycles([arrow("saidwhat.a", "saidwhat.b"), arrow("saidwhat.b", "saidwhat.a")]) == [
        ["saidwhat.a", "saidwhat.b"]
    ]
    lazy = Arrow("saidwhat.b", "saidwhat.a", (), 1, False, False)
    assert _cycles([arrow("saidwhat.a", "saidwhat.b"), lazy]) == [["saidwhat.a", "saidwhat.b"]]


def test_import_graph_nothing_imports_a_main_module(arrows: list[Arrow]) -> None:
    assert [a.importer for a in arrows if a.imported.endswith(".__main__")] == []


def _stage(module: str) -> int | None:
    """The position of the extraction stage ``module`` belongs to, or None outside the stages."""
    parts = module.split(".")
    if parts[:2] != ["saidwhat", "extraction"] or len(parts) < 3:
        return None
    return STAGES.index(parts[2]) if parts[2] in STAGES else None


def _later_stage_arrows(arrows: list[Arrow]) -> set[tuple[str, str]]:
    found = set()
    for arrow in arrows:
        here, there = _stage(arrow.importer), _stage(arrow.imported)
        if here is not None and there is not None and there > here:
            found.add((arrow.importer, arrow.imported))
    return found


def test_import_graph_stages_import_no_later_stage(arrows: list[Arrow]) -> None:
    assert _later_stage_arrows(arrows) == set(LATER_STAGE_ARROWS)


def test_import_graph_every_stage_is_a_subpackage_in_order() -> None:
    """The stage list is the one the extraction package documents, and each stage is a subpackage."""
    numbered = [line.split()[1] for line in (extraction.__doc__ or "").splitlines() if line[:1].isdigit()]
    assert tuple(numbered) == STAGES
    assert [stage for stage in STAGES if not (ROOT / "extraction" / stage / "__init__.py").is_file()] == []


def test_import_graph_finds_an_arrow_to_a_later_stage() -> None:
    arrow = Arrow("saidwhat.extraction.quotes.marks", "saidwhat.extraction.report.build", (), 1, True, False)
    assert _later_stage_arrows([arrow]) == {(arrow.importer, arrow.imported)}


def test_import_graph_offsets_become_tokens_in_one_place() -> None:
    """Stages hand on character offsets; only ``extraction.text.offsets`` turns them into tokens."""
    callers = sorted(
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "char_span(" in path.read_text() and path != ROOT / "extraction" / "text" / "offsets.py"
    )
    assert callers == []


def _takes_a_connection(module: Path, name: str) -> bool:
    """Whether ``name`` in ``module`` is a function whose first parameter is a connection (``conn``)."""
    for node in ast.parse(module.read_text()).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            args = node.args.posonlyargs + node.args.args
            return bool(args) and args[0].arg == "conn"
    return False


def test_import_graph_store_callers_use_the_store_not_its_sql(arrows: list[Arrow]) -> None:
    modules = _modules()
    wrong = [
        f"{arrow.importer}:{arrow.line} takes {name} from {arrow.imported}"
        for arrow in arrows
        if any(_within(arrow.importer, caller) for caller in STORE_CALLERS)
        and _within(arrow.imported, "saidwhat.store")
        and arrow.imported in modules
        for name in arrow.names
        if _takes_a_connection(modules[arrow.imported], name)
    ]
    assert wrong == []


def test_import_graph_only_the_store_imports_sqlite3() -> None:
    users = set()
    for name, path in _modules().items():
        for node, _, _ in _walk(ast.parse(path.read_text()), True, False):
            imported = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if "sqlite3" in imported:
                users.add(name)
    assert sorted(u for u in users if not any(_within(u, allowed) for allowed in SQLITE_USERS)) == []
