"""`fic2epub inspect SRC`: what the parser saw, as a readable outline or as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..model import AuthorNote, SceneBreak, Story, text_of_block
from ..options import Options
from .common import config_rules


def story_summary(story: Story) -> dict[str, Any]:
    """The parsed model as plain data: what `inspect --json` prints."""

    def notes(blocks: list[Any]) -> list[dict[str, Any]]:
        return [{"label": b.label, "text": text_of_block(b)} for b in blocks if isinstance(b, AuthorNote)]

    return {
        "source": story.source,
        "title": story.title,
        "authors": story.authors,
        "language": story.language,
        "series": {"name": story.series.name, "position": story.series.position} if story.series else None,
        "metadata": {f.label: f.value for f in story.metadata},
        "front_notes": notes(story.front_notes),
        "back_notes": notes(story.back_notes),
        "chapters": [
            {
                "title": c.title,
                "scene_breaks": sum(isinstance(b, SceneBreak) for b in c.blocks),
                "notes": notes(c.blocks),
                "words": c.word_count(),
                "end_marker": c.end_marker,
            }
            for c in story.chapters
        ],
        "words": story.word_count(),
        "recognised": [
            {"line": r.line, "element": r.element, "rule": r.rule, "text": r.text, "source": r.source}
            for r in story.recognitions
        ],
        "dropped": story.dropped,
    }


@click.command("inspect")
@click.argument("src", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the parsed model as JSON.")
def inspect_command(src: Path, as_json: bool) -> None:
    """Show what the parser recognised in a story, and by which rule."""
    from ..readers import read_path  # the parser: loaded by the command that needs it

    story = read_path(src, Options(rules=config_rules()))
    data = story_summary(story)
    if as_json:
        import json  # here, not at the top: every command would pay its start-up time

        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"title:   {story.title or '(none)'}")
    click.echo(f"authors: {', '.join(story.authors) or '(none)'}")
    for label, value in data["metadata"].items():
        click.echo(f"  {label}: {value[:100]}")
    click.echo(
        f"{len(story.chapters)} chapter(s), {data['words']:,} words, "
        f"{story.scene_break_count()} scene break(s), {story.note_count()} author note(s)"
    )
    click.echo("")
    for r in story.recognitions:
        where = f"{Path(r.source).name}:" if r.source and Path(src).is_dir() else ""
        click.echo(
            f"{where}{r.line:>6}  {r.element:<18} [{r.rule}]  {r.text.splitlines()[0][:70] if r.text else ''}"
        )
