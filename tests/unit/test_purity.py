"""The house rule: the core imports neither the UI nor the database, nor do plain commands."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import peertui
import peertui.core


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_core_loads_neither_textual_nor_tinydb():
    modules = [m.name for m in pkgutil.iter_modules(peertui.core.__path__, "peertui.core.")]
    assert "peertui.core.session" in modules
    loaded = _loaded_after("\n".join(f"import {m}" for m in modules))
    assert not loaded & {"textual", "tinydb", "pyperclip", "rich"}


def test_plain_commands_do_not_load_textual():
    loaded = _loaded_after(
        "from peertui import cli\n"
        "cli.main(['check', 'sample_groups/codev-managers.toml'])\n"
        "cli.main(['groups', '--db', '/nonexistent/peertui.json'])\n"
        "cli.main(['knowledge', '--db', '/nonexistent/peertui.json'])\n"
        "cli.main(['bilan', '--group', 'x', '--db', '/nonexistent/peertui.json'])\n"
        "cli.main(['outbox', '--db', '/nonexistent/peertui.json', '--output', '/nonexistent/out'])"
    )
    assert "textual" not in loaded


def _imports_of(path: Path, package: str) -> set[str]:
    """The peertui modules a module imports, wherever in it (at the top or in a function),
    but those only a type checker reads (under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # drop the TYPE_CHECKING blocks first
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("peertui"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith(package))
    return found


def test_no_circle_of_imports_in_the_house():
    root = Path(peertui.__file__).parent
    modules = {
        "peertui." + ".".join(path.relative_to(root).with_suffix("").parts): path
        for path in root.rglob("*.py")
        if path.name != "__init__.py"
    }
    graph = {
        name: {m for m in _imports_of(path, "peertui") if m in modules and m != name}
        for name, path in modules.items()
    }

    def circle_from(start: str) -> list[str] | None:
        path, seen = [start], set()

        def walk(name: str) -> list[str] | None:
            for following in graph[name]:
                if following == start:
                    return [*path, start]
                if following not in seen:
                    seen.add(following)
                    path.append(following)
                    if found := walk(following):
                        return found
                    path.pop()
            return None

        return walk(start)

    circles = [circle for name in graph if (circle := circle_from(name))]
    assert not circles, " -> ".join(circles[0])


def test_the_plain_commands_do_not_load_the_memory():
    """`peertui actions` is timed against 150 ms: the memory's code is for those who ask."""
    code = (
        "import sys\nfrom peertui import cli\n"
        "cli.main(['actions', '--db', '/nonexistent/peertui.json'])\n"
        "print('peertui.core.knowledge' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False).stdout
    assert out.strip().endswith("False")
