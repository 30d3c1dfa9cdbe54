"""The documentation runs: every example in examples/, every ```python and ```sh block in docs/*.md, and the
command-line reference is what the commands are.

How a page marks its blocks (HTML comments, invisible on the rendered page), on the line before a fence:
    <!-- file: story.txt -->       the block is a file the next examples use: written into the folder
    <!-- output -->                the block is what the runnable block before it prints, exactly
    <!-- skip: why -->             the block is not run (say why: it installs software, needs a cluster)
Blocks of other languages (text, toml, ...) without a mark are illustrations.  Each page runs in a fresh
folder holding a copy of samples/; its Python blocks share one namespace, in order, as in a session.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from support.modules import module_from_file

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
EXAMPLES = REPO / "examples"
RUNNABLE = {"python", "sh"}
MARK = re.compile(r"^<!--\s*(file|output|skip)\s*(?::\s*(.*?))?\s*-->\s*$")
BIN = str(Path(sys.executable).parent)


@dataclass
class Block:
    language: str
    code: str
    line: int
    mark: str | None = None  # file, output or skip
    argument: str = ""


def blocks_of(text: str) -> list[Block]:
    """The fenced code blocks of a Markdown page, each with the mark on the line before it."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        fence = re.match(r"^(`{3,})\s*([\w+-]*)", lines[i])
        if not fence:
            i += 1
            continue
        start, ticks = i, fence.group(1)
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == ticks), len(lines))
        mark = MARK.match(lines[start - 1].strip()) if start else None
        blocks.append(
            Block(
                fence.group(2).lower(),
                "\n".join(lines[start + 1 : end]) + "\n",
                start + 1,
                mark.group(1) if mark else None,
                (mark.group(2) or "") if mark else "",
            )
        )
        i = end + 1
    return blocks


def pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copytree(REPO / "samples", folder / "samples")
    return folder


def environment(tmp_path: Path) -> dict[str, str]:
    """No user config leaks in; the fic2epub of this checkout is on PATH."""
    env = dict(os.environ)
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")
    env["HOME"] = str(tmp_path / "home")
    env.pop("PYTHONHASHSEED", None)
    return env


def run_shell(code: str, cwd: Path, env: dict[str, str], where: str) -> str:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{where} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


def run_python(code: str, namespace: dict[str, object], where: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, where, "exec"), namespace)
    return out.getvalue()


def normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_doc_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = workspace(tmp_path)
    env = environment(tmp_path)
    monkeypatch.chdir(folder)
    for key in ("XDG_CONFIG_HOME", "HOME"):
        monkeypatch.setenv(key, env[key])
    namespace: dict[str, object] = {"__name__": "__doc__"}
    last_output: str | None = None
    for block in blocks_of(page.read_text(encoding="utf-8")):
        where = f"{page.relative_to(REPO)}:{block.line}"
        if block.mark == "skip":
            assert block.argument, f"{where}: say why the block is skipped (<!-- skip: why -->)"
            continue
        if block.mark == "file":
            target = folder / block.argument
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.code, encoding="utf-8")
            continue
        if block.mark == "output":
            assert last_output is not None, f"{where}: an output block with no runnable block before it"
            assert normalise(last_output) == normalise(block.code), f"{where}: the output differs"
            continue
        if block.language == "python":
            last_output = run_python(block.code, namespace, where)
        elif block.language == "sh":
            last_output = run_shell(block.code, folder, env, where)


def examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.py"))


@pytest.mark.parametrize("example", examples(), ids=lambda p: p.name)
def test_examples_run(example: Path, tmp_path: Path) -> None:
    """Each example runs as a user runs it, from a folder holding samples/, with no arguments."""
    folder = workspace(tmp_path)
    done = subprocess.run(
        [sys.executable, str(example)],
        cwd=folder,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{example.name} failed:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr


def test_examples_pass_mypy_strict(tmp_path: Path) -> None:
    """A script written against the API type-checks as strictly as fic2epub itself."""
    api = pytest.importorskip("mypy.api")
    out, err, status = api.run(
        ["--strict", "--cache-dir", str(tmp_path / "mypy-cache"), *map(str, examples())]
    )
    assert status == 0, out + err


def test_every_example_is_shown_in_the_library_guide() -> None:
    guide = (DOCS / "library.md").read_text(encoding="utf-8")
    for example in examples():
        assert f"examples/{example.name}" in guide, f"docs/library.md does not mention {example.name}"


def make_cli_docs() -> ModuleType:
    return module_from_file("make_cli_docs", REPO / "scripts" / "make_cli_docs.py")


def test_cli_reference_is_up_to_date() -> None:
    expected = make_cli_docs().render()
    actual = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is out of date: run python scripts/make_cli_docs.py"


def test_cli_reference_lists_every_command_and_option() -> None:
    """Independent of the generator: each command and each of its flags appears on the page."""
    import click

    from fic2epub.cli import cli

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"## fic2epub {name}" in text
        section = text.split(f"## fic2epub {name}\n", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            if isinstance(param, click.Option):
                for flag in param.opts:
                    assert f"`{flag}`" in section, f"{flag} of {name} is missing from docs/cli.md"


def test_every_public_name_is_in_the_library_guide() -> None:
    import fic2epub

    guide = (DOCS / "library.md").read_text(encoding="utf-8")
    table = guide.split("## Everything fic2epub exports", 1)[1]
    listed = set(re.findall(r"`(\w+)`", table))
    missing = sorted(set(fic2epub.__all__) - listed)
    assert not missing, f"add to the last table of docs/library.md: {missing}"


def test_rule_table_in_the_docs_is_the_parsers() -> None:
    """docs/extending-rules.md lists the parser's rules, every one, in the order they are tried."""
    from fic2epub.parse.rules import RULES

    text = (DOCS / "extending-rules.md").read_text(encoding="utf-8")
    table = text.split("## The rule table", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)
    assert listed == [rule.name for rule in RULES], "update the rule table of docs/extending-rules.md"


def test_pages_link_to_each_other() -> None:
    """Every relative link of README and docs/ leads to a file that exists."""
    for page in [REPO / "README.md", *pages()]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target):
                continue
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_readme_links_the_docs_and_shows_the_book() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert first_block.strip().splitlines()[1:] == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/fic2epub batch samples -o out",
        "bash scripts/test.sh",
    ]
    for page in ("getting-started", "cli", "input-formats", "library", "configuration", "extending-rules"):
        assert f"docs/{page}.md" in readme
    assert "docs/images/title-page.png" in readme
    assert "CHANGELOG.md" in readme
