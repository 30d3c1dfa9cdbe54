"""fic2epub against its peers, side by side in one run: `python bench/run.py` (see bench/README.md).

Builds a set of stories of realistic sizes from the corpus (../shared/corpus), then measures, every
tool as a whole process on this machine:
1. one cold conversion of the seed story: fic2epub convert, pandoc -f markdown -t epub3, calibre;
2. a batch: fic2epub batch with 1 and 2 jobs, pandoc one story after the other, and calibre on a
   sample of the stories (it takes seconds per story);
3. how fic2epub's time and peak memory grow with the size of a story (1 KB to 5 MB), and the
   3.5 MB corpus story.
It prints the tables, and the issue's targets met or not, and writes them to bench/RESULTS.md.
Peers that are not installed are skipped, and the tables say so.  Wall time is what counts; CPU
time (user + system, the process and its children) is shown too, as it depends less on what else
the machine is doing.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "files"
SEED = "000_fb6cf01391b8e67a.txt"
BIG = "02_hpmor_full-text.txt"
# English fan fiction the generated stories are cut from (read from the corpus, never copied here)
SOURCES = [
    "02_hpmor_full-text.txt",
    "03_aci100_ashes-of-chaos_fichub-export.md",
    "04_aci100_perversion-of-purity_book1.md",
    "05_aci100_fabric-of-fate.md",
]
MIN_SIZE, MAX_SIZE = 1_000, 5_000_000
MEDIAN_SIZE, SPREAD = 25_000, 1.4  # log-normal: most fan works are a few thousand words, a few are novels
LADDER = [1_000, 4_000, 16_000, 64_000, 256_000, 1_000_000, 2_000_000, 5_000_000]


@dataclass
class Run:
    seconds: float  # wall
    cpu: float  # user + system, with the children the process waited for
    peak_kb: int  # peak resident memory of the process itself (Linux: KB)
    failed: int = 0  # runs that exited with an error (a peer's failures are counted, not fatal)


def run(command: list[str], ok: tuple[int, ...] | None = (0,)) -> Run:
    """Run a command to the end: its wall and CPU time and peak memory.  Another exit status than
    `ok` stops the benchmark (fic2epub must not fail); with `ok` None it is counted as a failure."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if ok is not None and code not in ok:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"failed ({code}): {' '.join(command)}\n{message}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, int(code != 0))


def best(command: list[str], times: int, ok: tuple[int, ...] | None = (0,)) -> Run:
    """The fastest of a few runs (the least disturbed by whatever else the machine does)."""
    return min((run(command, ok) for _ in range(times)), key=lambda r: r.seconds)


def best_in_turn(
    commands: dict[str, list[str]], times: int, ok: dict[str, tuple[int, ...] | None]
) -> dict[str, Run]:
    """The fastest of a few runs of each command, the commands taking turns: a spell of load on the
    machine then slows each of them, not the one that happened to run in it."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(times):
        for name, command in commands.items():
            runs[name].append(run(command, ok.get(name, (0,))))
    return {name: min(done, key=lambda r: r.seconds) for name, done in runs.items()}


def one_by_one(commands: list[list[str]]) -> Run:
    """A peer's commands run one after the other, as a shell loop would: total time, failures counted."""
    runs = [run(command, ok=None) for command in commands]
    return Run(
        sum(r.seconds for r in runs),
        sum(r.cpu for r in runs),
        max(r.peak_kb for r in runs),
        sum(r.failed for r in runs),
    )


def _burn(seconds: float) -> float:
    """Busy work for `seconds` of CPU time; returns the wall time it took."""
    start, cpu_start = time.perf_counter(), time.process_time()
    while time.process_time() - cpu_start < seconds:
        pass
    return time.perf_counter() - start


def parallel_capacity() -> float:
    """How much faster two CPU-bound processes run than one, here and now: 2.0 on an idle 2-core
    machine, less when other work holds the cores.  It is the ceiling for `--jobs 2 / --jobs 1`."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [0.01, 0.01])  # started
        one = pool.apply(_burn, (1.0,))
        start = time.perf_counter()
        pool.map(_burn, [1.0, 1.0])
        two = time.perf_counter() - start
    return 2 * one / two


def fic2epub_command() -> list[str]:
    """The installed `fic2epub` script beside this Python (not a shell shim in front of it)."""
    script = Path(sys.executable).parent / "fic2epub"
    return (
        [str(script)] if script.exists() else [sys.executable, "-c", "from fic2epub.cli import main; main()"]
    )


def deflater() -> str:
    """What deflates the books' zips: ISA-L where python-isal is installed, else zlib (see ocf_zip.py)."""
    code = "from fic2epub.ocf_zip import DEFAULT; print(DEFAULT.name)"
    return version([sys.executable, "-c", code])


def version(command: list[str]) -> str:
    try:
        text = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout
    except OSError:
        return "?"
    return text.strip().splitlines()[0] if text.strip() else "?"


# ------------------------------------------------------------------ the stories


def paragraphs() -> list[str]:
    pool: list[str] = []
    for name in SOURCES:
        text = (CORPUS / name).read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
        paras = [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 40]
        pool.extend(paras[20:])  # past the header
    return pool


def make_story(pool: list[str], size: int, number: int, rng: random.Random) -> str:
    """A story of about `size` bytes: a header, chapters of about 25 KB, a scene break now and then."""
    parts = [f"Title: Bench Story {number}\nAuthor: Bench Writer\nRating: T\n"]
    total, chapter, since = 0, 1, 0
    start = rng.randrange(len(pool))
    for i in range(len(pool)):
        if total >= size:
            break
        if since == 0 and (chapter == 1 or size > 30_000):
            parts.append(f"Chapter {chapter}")
            chapter += 1
        para = pool[(start + i) % len(pool)]
        parts.append(para)
        total += len(para.encode()) + 2
        since += len(para.encode())
        if since > 25_000:
            since = 0
        elif rng.random() < 0.02:
            parts.append("* * *")
    return "\n\n".join(parts) + "\n"


def story_sizes(count: int, rng: random.Random) -> list[int]:
    sizes = [
        min(MAX_SIZE, max(MIN_SIZE, int(MEDIAN_SIZE * math.exp(rng.gauss(0, SPREAD))))) for _ in range(count)
    ]
    sizes[0], sizes[-1] = MIN_SIZE, MAX_SIZE  # both ends of the range are in the set
    return sizes


# ------------------------------------------------------------------ the measurements


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.fic2epub = fic2epub_command()
        self.pandoc = shutil.which("pandoc")
        self.calibre = shutil.which("ebook-convert")
        self.lines: list[str] = []
        self.targets: list[tuple[str, str, bool]] = []  # (target, measured, met)
        self.pool = paragraphs()

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.say("| " + " | ".join(header) + " |")
        self.say("|---" + "|---:" * (len(header) - 1) + "|")
        for row in rows:
            self.say("| " + " | ".join(row) + " |")

    def missing_peers(self) -> None:
        missing = [name for name, path in (("pandoc", self.pandoc), ("calibre", self.calibre)) if not path]
        if missing:
            self.say(f"\n{' and '.join(missing)} not installed: skipped (see bench/README.md).")

    def pandoc_command(self, src: Path, out: Path) -> list[str]:
        assert self.pandoc is not None
        return [self.pandoc, "-f", "markdown", "-t", "epub3", str(src), "-o", str(out)]

    def header(self) -> None:
        a = self.args
        self.say("# fic2epub benchmark")
        self.say()
        self.say(
            f"{time.strftime('%Y-%m-%d %H:%M')}; {platform.platform()}; {os.cpu_count()} cores; "
            f"load average {os.getloadavg()[0]:.1f} at the start, niceness {os.nice(0)}; "
            f"Python {platform.python_version()}; "
            f"{version([*self.fic2epub, '--version'])} (zip deflated by {deflater()}); "
            f"{version([self.pandoc, '--version']) if self.pandoc else 'pandoc not installed'}; "
            f"{version([self.calibre, '--version']) if self.calibre else 'calibre not installed'}."
        )
        self.say()
        self.say(
            f"Command: `python bench/run.py --stories {a.stories} --calibre-sample {a.calibre_sample} "
            f"--repeat {a.repeat} --repeat-batch {a.repeat_batch}`"
        )

    def single(self) -> None:
        seed = CORPUS / SEED
        out = self.work / "single.epub"
        n = self.args.repeat
        self.say()
        self.say(
            f"## One story, cold: {SEED} ({seed.stat().st_size / 1000:.0f} KB), whole process, best of {n}"
        )
        self.say()
        commands = {
            "fic2epub convert": [*self.fic2epub, "convert", str(seed), "-o", str(out)],
            "fic2epub convert --no-cover": [
                *self.fic2epub,
                "convert",
                str(seed),
                "-o",
                str(out),
                "--no-cover",
            ],
        }
        if self.pandoc:
            commands["pandoc"] = self.pandoc_command(seed, out)
        runs = best_in_turn(commands, n, ok={"pandoc": None})
        if self.calibre:
            runs["calibre ebook-convert"] = best([self.calibre, str(seed), str(out)], max(1, n // 2), ok=None)
        pandoc = runs.get("pandoc")
        rows = [
            [
                tool,
                f"{r.seconds:.3f}",
                f"{r.cpu:.2f}",
                f"{r.peak_kb / 1024:.0f} MB",
                f"{r.seconds / pandoc.seconds:.2f}x" if pandoc else "-",
            ]
            for tool, r in runs.items()
        ]
        self.table(["tool", "seconds", "CPU s", "peak memory", "time / pandoc's"], rows)
        self.say()
        self.say(
            "The tools take turns, run after run.  `fic2epub convert` draws the cover in a second process "
            "where a second core is free (src/fic2epub/cli/cover_process.py): its CPU time counts both."
        )
        self.missing_peers()
        if pandoc:
            for tool in ("fic2epub convert", "fic2epub convert --no-cover"):
                r = runs[tool]
                self.targets.append(
                    (
                        f"cold `{tool}` of the seed no slower than pandoc",
                        f"{r.seconds:.3f} s vs {pandoc.seconds:.3f} s",
                        r.seconds <= pandoc.seconds,
                    )
                )

    def batch(self) -> None:
        rng = random.Random(6)
        stories = self.work / "stories"
        stories.mkdir()
        sizes = story_sizes(self.args.stories, rng)
        for n, size in enumerate(sizes):
            (stories / f"story{n:04d}.txt").write_text(make_story(self.pool, size, n, rng), encoding="utf-8")
        files = sorted(stories.iterdir())
        total_mb = sum(f.stat().st_size for f in files) / 1e6
        self.say()
        self.say(
            f"## A batch: {len(files)} stories, {total_mb:.1f} MB, 1 KB to 5 MB (median "
            f"{statistics.median(sizes) / 1000:.0f} KB), whole process"
        )
        self.say()
        runs: dict[str, Run] = {}
        before = parallel_capacity()
        for cover in ([], ["--no-cover"]):
            # 1 and 2 jobs take turns, the best of each kept, so that both meet the same machine
            for _ in range(self.args.repeat_batch):
                for jobs in (1, 2):
                    outdir = self.work / f"batch-{jobs}-{len(cover)}"
                    command = [*self.fic2epub, "batch", str(stories), "-o", str(outdir), "--jobs", str(jobs)]
                    # --force: every run converts every story (a run's output folder is reused)
                    result = run([*command, "-q", "--force", *cover])
                    name = " ".join(["fic2epub batch", f"--jobs {jobs}", *cover])
                    if name not in runs or result.seconds < runs[name].seconds:
                        runs[name] = result
        after = parallel_capacity()
        if self.pandoc:
            out = self.work / "pandoc.epub"
            runs["pandoc, one by one"] = one_by_one([self.pandoc_command(f, out) for f in files])
        pandoc = runs.get("pandoc, one by one")
        rows = []
        for tool, r in runs.items():
            per = r.seconds / len(files)
            ratio = f"{pandoc.seconds / r.seconds:.1f}x" if pandoc else "-"
            name = f"{tool} ({r.failed} failed)" if r.failed else tool
            cores = f"{r.cpu / r.seconds:.2f}"
            rows.append(
                [
                    name,
                    f"{r.seconds:.2f}",
                    f"{r.cpu:.2f}",
                    cores,
                    f"{per * 1000:.1f}",
                    f"{1 / per:.1f}",
                    ratio,
                ]
            )
        if self.calibre:
            sample = files[:: max(1, len(files) // self.args.calibre_sample)][: self.args.calibre_sample]
            r = one_by_one([[self.calibre, str(f), str(self.work / "calibre.epub")] for f in sample])
            per = r.seconds / len(sample)
            ratio = f"{pandoc.seconds / (per * len(files)):.2f}x" if pandoc else "-"
            rows.append(
                [
                    f"calibre, one by one (est. from {len(sample)} of the stories"
                    + (f"; {r.failed} failed)" if r.failed else ")"),
                    f"{per * len(files):.0f}",
                    f"{r.cpu / len(sample) * len(files):.0f}",
                    f"{r.cpu / r.seconds:.2f}",
                    f"{per * 1000:.0f}",
                    f"{1 / per:.2f}",
                    ratio,
                ]
            )
        header = [
            "tool",
            "seconds",
            "CPU s",
            "cores used",
            "ms per story",
            "stories/s",
            "pandoc's time / this",
        ]
        self.table(header, rows)
        self.missing_peers()
        self.say()
        self.say(
            "'cores used' is CPU time over wall time: what the machine gave the tool.  Two CPU-bound "
            f"processes ran {before:.2f}x as fast as one before these runs and {after:.2f}x after (2.0 on an "
            "idle 2-core machine): the ceiling for --jobs 2 over --jobs 1 on this machine at the time."
        )
        capacity = f"{min(before, after):.2f}-{max(before, after):.2f}x"
        for flag in ("", " --no-cover"):
            j1, j2 = runs[f"fic2epub batch --jobs 1{flag}"], runs[f"fic2epub batch --jobs 2{flag}"]
            scaling = j1.seconds / j2.seconds
            self.targets.append(
                (f"batch{flag}: 2 jobs at least 1.8x the throughput of 1",
                 f"{scaling:.2f}x; the 2 jobs had {j2.cpu / j2.seconds:.2f} cores between them "
                 f"(the machine allowed {capacity})", scaling >= 1.8)
            )  # fmt: skip
            if pandoc:
                gain = pandoc.seconds / j2.seconds
                self.targets.append(
                    (f"batch{flag} (2 jobs): cost per story 20x lower than pandoc one by one",
                     f"{gain:.1f}x ({j2.seconds / len(files) * 1000:.1f} ms vs "
                     f"{pandoc.seconds / len(files) * 1000:.0f} ms per story)", gain >= 20)
                )  # fmt: skip

    def growth(self) -> None:
        out = self.work / "ladder.epub"
        self.say()
        self.say("## Growth with story size: fic2epub convert, whole process, best of 3")
        self.say()
        rows: list[tuple[str, int, Run]] = []
        for size in LADDER:
            path = self.work / f"ladder-{size}.txt"
            path.write_text(make_story(self.pool, size, size, random.Random(size)), encoding="utf-8")
            result = best([*self.fic2epub, "convert", str(path), "-o", str(out)], 3)
            rows.append((f"{size / 1000:,.0f} KB", path.stat().st_size, result))
        big = CORPUS / BIG
        rows.append(
            (f"{BIG}", big.stat().st_size, best([*self.fic2epub, "convert", str(big), "-o", str(out)], 3))
        )
        base = rows[0][2]
        table = []
        for label, size, r in rows:
            extra_s, extra_mb = r.seconds - base.seconds, (r.peak_kb - base.peak_kb) / 1024
            big_enough = size >= 200_000
            table.append(
                [
                    label,
                    f"{r.seconds:.2f}",
                    f"{r.cpu:.2f}",
                    f"{r.peak_kb / 1024:.0f} MB",
                    f"{extra_s:+.2f} s",
                    f"{extra_mb:+.0f} MB",
                    f"{extra_mb * 1024 * 1024 / size:.1f}x" if big_enough else "-",
                    f"{extra_s / (size / 1e6):.2f}" if big_enough else "-",
                ]
            )
        header = ["story", "seconds", "CPU s", "peak memory", "time above 1 KB", "memory above 1 KB"]
        self.table([*header, "that / size", "s per MB"], table)
        self.say()
        self.say(
            "The 1 KB row is the cost of starting: the interpreter and libraries.  The columns above it are "
            "what the story itself costs; 's per MB' staying flat means time grows linearly with size."
        )
        label, size, r = rows[-1]
        self.targets.append(
            (
                f"{BIG} ({size / 1e6:.1f} MB) in under 2 s",
                f"{r.seconds:.2f} s (CPU {r.cpu:.2f} s)",
                r.seconds < 2,
            )
        )
        extra = (r.peak_kb - base.peak_kb) * 1024
        self.targets.append(
            (
                f"{BIG}: peak memory under 10x its size",
                f"{r.peak_kb / 1024:.0f} MB in all ({r.peak_kb * 1024 / size:.1f}x); "
                f"{extra / 2**20:.0f} MB above start-up ({extra / size:.1f}x)",
                extra < 10 * size,
            )
        )

    def summary(self) -> None:
        self.say()
        self.say("## The issue's targets")
        self.say()
        self.table(
            ["target", "measured", "met"], [[t, m, "yes" if ok else "**no**"] for t, m, ok in self.targets]
        )


def compile_bytecode() -> str:
    """Compile fic2epub's modules, as `pip install .` does: an editable install under
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module from source in every process."""
    import fic2epub

    folder = Path(fic2epub.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True)
    return str(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=200, help="stories in the batch (default 200)")
    parser.add_argument("--calibre-sample", type=int, default=8, help="stories calibre converts (default 8)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each single conversion (best kept)")
    parser.add_argument("--repeat-batch", type=int, default=2, help="runs of each fic2epub batch (best kept)")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md", help="where the tables go")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"the corpus is not at {CORPUS}: the benchmark builds its stories from it")
    compiled = compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="fic2epub-bench-") as scratch:
        bench = Bench(args, Path(scratch))
        bench.header()
        bench.say(f"fic2epub's bytecode compiled first, as `pip install` does ({compiled}).")
        bench.single()
        bench.batch()
        bench.growth()
        bench.summary()
    args.output.write_text("\n".join(bench.lines) + "\n", encoding="utf-8")
    print(f"\n(written to {args.output})")


if __name__ == "__main__":
    main()
