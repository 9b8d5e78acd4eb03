"""The library's shape: topic modules never import each other; modules and functions stay small."""

from __future__ import annotations

import ast
from pathlib import Path

UTILS = Path(__file__).resolve().parent.parent / "utils"
# One module per notebook topic (and the glossary page). Everything else is shared, below them.
TOPIC_MODULES = {"timeline", "geography", "union_state", "politics", "security", "sites", "sanctions",
                 "identity", "glossary", "factcheck"}
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60
LONG_REASON = "Long because"  # a function over the limit says why in its docstring, after these words


def utils_imports(path: Path) -> set[str]:
    """The utils modules a file imports (``from utils.x import …``, ``import utils.x``), anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("utils."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("utils."))
    return found


def modules() -> dict[str, Path]:
    return {p.stem: p for p in sorted(UTILS.glob("*.py")) if p.stem != "__init__"}


def test_every_topic_module_exists() -> None:
    assert TOPIC_MODULES <= set(modules()), TOPIC_MODULES - set(modules())


def test_topic_modules_never_import_each_other() -> None:
    offences = {name: sorted(utils_imports(path) & (TOPIC_MODULES - {name}))
                for name, path in modules().items() if name in TOPIC_MODULES}
    assert not {k: v for k, v in offences.items() if v}, "move what they share to a shared module"


def test_shared_modules_never_import_a_topic_module() -> None:
    offences = {name: sorted(utils_imports(path) & TOPIC_MODULES)
                for name, path in modules().items() if name not in TOPIC_MODULES}
    assert not {k: v for k, v in offences.items() if v}


def test_the_import_rule_is_checked_on_real_imports(tmp_path: Path) -> None:
    """The checker itself sees both import forms, also inside functions."""
    sample = tmp_path / "sample.py"
    sample.write_text("import utils.politics\n\ndef f():\n    from utils.timeline import x\n")
    assert utils_imports(sample) == {"politics", "timeline"}


def test_modules_are_small() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    assert not {k: v for k, v in sizes.items() if v > MAX_MODULE_LINES}


def test_functions_are_short_or_say_why() -> None:
    long = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES and LONG_REASON not in (ast.get_docstring(node) or ""):
                    long.append(f"utils/{name}.py:{node.lineno} {node.name} ({lines} lines)")
    assert not long
