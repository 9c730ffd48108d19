"""`lib` holds helpers that know nothing of the product: no module in it imports one of the
project's apps, so any app may use it without an import circle."""

import ast
from pathlib import Path

LIB = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_lib_imports_no_app_of_the_project():
    modules = [p for p in LIB.rglob("*.py") if "tests" not in p.parts]
    assert len(modules) >= 5  # the walk really found lib's modules
    offending = {
        f"{path.relative_to(LIB)}: {name}"
        for path in modules
        for name in _imports(path)
        if name.startswith("mentorplan.") and not name.startswith("mentorplan.lib")
    }
    assert not offending, f"lib must not import the project's apps: {sorted(offending)}"


def test_the_walk_sees_an_import_inside_a_type_checking_block(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("if TYPE_CHECKING:\n    from mentorplan.calls.models import Call\n")
    assert _imports(module) == ["mentorplan.calls.models"]
