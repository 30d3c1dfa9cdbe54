"""Options, the config file, and parser rules of your own, from Python.

    python examples/options_and_rules.py

`Options` is one object for every choice the command line offers; `load_config` reads the same
fic2epub.toml files the command line reads; `UserRules` adds patterns to the parser.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import fic2epub

STORY = """Moonlit Errands

First Errand: The Bell

The shop bell rang twice.

~~ meanwhile ~~

Across town, the lights went out.

Second Errand: The Dark

Nobody slept.
"""

# A config file, as you would write it (TOML's single quotes keep the backslash as it is):
CONFIG = r"""notes = "end"
scene-break = "asterism"

[rules]
headings = ['\w+ Errand: .+']
dividers = ['~~ meanwhile ~~']
"""

if __name__ == "__main__":
    # Without help, "First Errand: ..." and "~~ meanwhile ~~" are not read as a chapter and a scene break:
    plain = fic2epub.parse(STORY)
    print("built-in rules:", [c.title for c in plain.chapters], plain.scene_break_count(), "scene break(s)")

    # Patterns of your own (regular expressions matched against a whole line, ignoring case):
    rules = fic2epub.UserRules(headings=[r"\w+ Errand: .+"], dividers=[r"~~ meanwhile ~~"])
    options = fic2epub.Options(rules=rules, scene_break="asterism", no_cover=True)
    story = fic2epub.parse(STORY, options)
    print("with my rules: ", [c.title for c in story.chapters], story.scene_break_count(), "scene break(s)")
    for seen in story.recognitions[:4]:  # what `fic2epub inspect` shows
        print(f"  line {seen.line}: {seen.element} [{seen.rule}]")

    # The same from a fic2epub.toml file in the story's folder, and a changed copy of the options:
    folder = Path("out/moonlit")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "moonlit.txt").write_text(STORY, encoding="utf-8")
    (folder / "fic2epub.toml").write_text(CONFIG, encoding="utf-8")
    config = fic2epub.load_config(folder / "moonlit.txt")  # user folder, working folder, story's folder
    options = config.options(no_cover=True)
    print("from the file: ", options.notes, options.scene_break, options.rules.headings)
    kepub = dataclasses.replace(options, format="kepub")
    written = fic2epub.convert(folder / "moonlit.txt", folder / "moonlit.kepub.epub", kepub)
    print(f"wrote {written}")
