"""fic2epub.toml: option defaults, per-command tables, user rules, precedence and errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from fic2epub import ConfigError
from fic2epub.cli import cli
from fic2epub.config import load_config, options_from_config, read_config

STORY = "My Story\n\nHello there, friend.\n\nMeanwhile, elsewhere\n\nMore text here.\n"


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = tmp_path / "stories" / "story.txt"
    path.parent.mkdir()
    path.write_text(STORY, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_story_folder_config_sets_defaults_and_rules(story: Path) -> None:
    (story.parent / "fic2epub.toml").write_text(
        'title-page = false\n[rules]\ndividers = ["Meanwhile, elsewhere"]\n', encoding="utf-8"
    )
    code, _ = run("convert", str(story), "-o", str(story.with_suffix(".epub")), "--no-cover")
    assert code == 0
    names = zipfile.ZipFile(story.with_suffix(".epub")).namelist()
    assert not any("titlepage" in n for n in names)
    code, out = run("inspect", str(story), "--json")
    recognised = json.loads(out)["recognised"]
    assert any(r["rule"] == "user_divider" for r in recognised)


def test_command_line_flag_wins_over_config(story: Path) -> None:
    (story.parent / "fic2epub.toml").write_text('notes = "drop"\n[convert]\nscene-break = "asterisks"\n')
    config = load_config(story)
    assert config.for_command("convert") == {"notes": "drop", "scene_break": "asterisks"}
    out = story.with_suffix(".epub")
    code, _ = run("convert", str(story), "-o", str(out), "--no-cover", "--scene-break", "space")
    assert code == 0
    chapter = zipfile.ZipFile(out).read("EPUB/ch0001.xhtml").decode()
    assert "break-space" in chapter


def test_precedence_working_folder_then_story_folder_then_explicit(story: Path, tmp_path: Path) -> None:
    (tmp_path / "fic2epub.toml").write_text('notes = "end"\nlanguage = "fr"\n')
    (story.parent / "fic2epub.toml").write_text('notes = "drop"\n')
    explicit = tmp_path / "explicit.toml"
    explicit.write_text('language = "de"\n')
    config = load_config(story, explicit)
    assert config.for_command("convert") == {"notes": "drop", "language": "de"}
    options = options_from_config(config)
    assert options.notes == "drop" and options.language == "de"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bogus = 1\n", "unknown option 'bogus'"),
        ("[rules]\ndividers = ['(']\n", "bad pattern"),
        ("[rules]\ndisable = ['no_such_rule']\n", "no rule named no_such_rule"),
        ("[rules]\nshapes = ['x']\n", "unknown key 'shapes'"),
        ("title = \n", "not valid TOML"),
        ("title-page = 'no'\n", "must be true or false"),
    ],
)
def test_bad_config_is_one_clear_line(story: Path, tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    code, out = run("--config", str(bad), "convert", str(story), "-o", str(tmp_path / "x.epub"))
    assert code == 2
    assert message in out and str(bad) in out
    assert len(out.strip().splitlines()) == 1


def test_disabled_rule_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[rules]\ndisable = ['title_line']\n")
    config = read_config(path)
    from fic2epub import parse

    story = parse(STORY, options_from_config(config))
    assert story.title is None


def test_every_option_of_every_command_can_be_set_from_a_config_file() -> None:
    """Each long flag of each command, without its dashes, is a key a config file may use."""
    from fic2epub.cli import _default_map, config_names
    from fic2epub.config import Config

    for name, command in cli.commands.items():
        names = config_names(command)
        flags = [
            f for p in command.params if isinstance(p, click.Option) for f in p.opts if f.startswith("--")
        ]
        params = {p.name for p in command.params if isinstance(p, click.Option) and p.name != "help"}
        for flag in flags:
            if flag != "--help":
                assert flag[2:].replace("-", "_") in names, (name, flag)
        config = Config(commands={name: {key: object() for key in names if key != "help"}})
        assert set(_default_map(config)[name]) == params


def test_flag_names_relative_paths_and_verbose(story: Path, tmp_path: Path) -> None:
    folder = story.parent
    (folder / "extra.css").write_text("p { margin: 0 }\n")
    (folder / "fic2epub.toml").write_text(
        'verbose = true\ncss = "extra.css"\nno-cover = true\n'
        '[batch]\noutput = "books"\nreport = "report.json"\nquiet = true\njobs = 1\n'
        "[inspect]\njson = true\n",
        encoding="utf-8",
    )
    code, out = run("batch", str(folder))
    assert code == 0, out
    book = folder / "books" / "story.epub"
    assert json.loads((folder / "report.json").read_text())["stories"][0]["status"] == "converted"
    names = zipfile.ZipFile(book).namelist()
    assert "EPUB/user.css" in names and not any("cover" in n for n in names)
    code, out = run("inspect", str(story))
    assert json.loads(out)["title"] == "My Story"


def test_verbose_must_be_a_boolean(story: Path) -> None:
    (story.parent / "fic2epub.toml").write_text('verbose = "yes"\n')
    code, out = run("inspect", str(story))
    assert code == 2 and "'verbose' must be true or false" in out


def test_options_for_library_users(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('title-page = false\nmax-size = 2\n[batch]\njobs = 3\nnotes = "end"\n')
    config = read_config(path)
    options = config.options("batch", scene_break="space", smart_typography=False)
    assert (options.title_page, options.notes, options.scene_break) == (False, "end", "space")
    assert options.max_size == 2 * 1024 * 1024 and not options.smart_typography
    with pytest.raises(ConfigError, match="no field 'jobs'"):
        config.options(jobs=2)
    with pytest.raises(ConfigError, match="scene_break must be one of"):
        config.options(scene_break="stars")
