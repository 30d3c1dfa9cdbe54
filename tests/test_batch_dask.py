"""fic2epub batch on a Dask cluster (issue 6), against a LocalCluster started here.

The workers are threads of this process (processes=False), but they get what a remote worker gets,
bytes in and bytes out: one test gives the jobs paths that exist nowhere.  Needs dask[distributed]
(the test extra installs it); skipped with a message where it is missing.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from fic2epub import Options, convert_tree
from fic2epub.batch.cluster import Dask, convert_portable, detach
from fic2epub.batch.plan import plan_batch
from fic2epub.batch.run import BatchRun
from fic2epub.batch.work import Job, Outcome
from fic2epub.cli import cli

distributed = pytest.importorskip(
    "distributed", reason="dask.distributed is not installed: pip install 'fic2epub[dask]' to run these"
)

OPTIONS = Options(no_cover=True)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def library(root: Path) -> Path:
    texts = {
        "a/one.txt": "Title: One\n\nChapter 1\n\nIt begins here.\n\n* * *\n\nIt goes on.\n",
        "a/two.md": "# Two\n\nA *Markdown* story, short and sweet.\n",
        "saga/01.txt": "Title: Saga\n\nThe first part of the saga.\n",
        "saga/02.txt": "The second part of the saga.\n",
        "broken.txt": "",
    }
    for name, text in texts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_dask_makes_the_same_books_as_local_processes(tmp_path: Path, scheduler: str) -> None:
    src = library(tmp_path / "lib")
    local = convert_tree([src], tmp_path / "local", OPTIONS, jobs=2)
    on_dask = convert_tree([src], tmp_path / "dask", OPTIONS, scheduler=scheduler)
    assert [(r.source, r.status, r.reason) for r in on_dask] == [
        (r.source, r.status, r.reason) for r in local
    ]
    assert {r.source.name: r.status for r in on_dask} == {
        "one.txt": "converted",
        "two.md": "converted",
        "saga": "converted",
        "broken.txt": "failed",
    }
    for result in local:
        if result.status == "converted":
            assert result.output is not None
            twin = tmp_path / "dask" / result.output.relative_to(tmp_path / "local")
            assert twin.read_bytes() == result.output.read_bytes()
    again = convert_tree([src], tmp_path / "dask", OPTIONS, scheduler=scheduler)
    assert {r.status for r in again} == {"skipped", "failed"}


def test_workers_get_bytes_not_paths(tmp_path: Path, scheduler: str) -> None:
    src = library(tmp_path / "lib")
    plan = plan_batch([src], tmp_path / "out")
    sent: list[Job] = []

    class Elsewhere(Dask):
        """Gives every job a path no worker can read: the bytes in the job must be enough."""

        def __call__(self, jobs: Iterator[Job], options: Options) -> Iterator[Outcome]:
            def moved() -> Iterator[Job]:
                for job in jobs:
                    sent.append(job)
                    yield replace(job, path="/on/another/machine" + job.path)

            return super().__call__(moved(), options)

    results = BatchRun(plan, OPTIONS).run(Elsewhere(scheduler))
    assert all(job.files is not None for job in sent) and len(sent) == 4
    assert {r.source.name: r.status for r in results} == {
        "one.txt": "converted",
        "two.md": "converted",
        "saga": "converted",
        "broken.txt": "failed",
    }
    broken = next(r for r in results if r.status == "failed")
    assert broken.reason == f"/on/another/machine{src / 'broken.txt'}: the file is empty"


def test_files_named_in_the_options_travel_with_the_tasks(tmp_path: Path) -> None:
    css = tmp_path / "extra.css"
    css.write_text("p { color: teal; }\n", encoding="utf-8")
    portable, attachments = detach(Options(no_cover=True, css=css))
    css.unlink()  # as on a worker, which never saw it
    assert portable.css is None
    story = tmp_path / "story.txt"
    data = b"Title: Teal\n\nSome words in a teal story.\n"
    job = Job(0, str(story), False, len(data), ((str(story), data),))
    [outcome] = convert_portable([job], portable, attachments)
    assert outcome.epub is not None, outcome.reason
    with zipfile.ZipFile(io.BytesIO(outcome.epub)) as book:
        [name] = [n for n in book.namelist() if n.endswith("user.css")]
        assert book.read(name) == b"p { color: teal; }\n"


def test_the_cli_takes_a_scheduler_address(tmp_path: Path, scheduler: str) -> None:
    src = library(tmp_path / "lib")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(
        cli,
        [
            "batch",
            str(src),
            "-o",
            str(tmp_path / "out"),
            "--no-cover",
            "--scheduler",
            scheduler,
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 1, result.output  # broken.txt fails; the others are made
    assert "3 converted, 1 failed" in result.output
    assert report.exists()
