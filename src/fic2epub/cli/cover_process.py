"""`fic2epub convert` draws the cover in a second process while this one reads the story and renders it.

A conversion from the command line is a short process, and a drawn cover was a third of it: loading Pillow
and the fonts, then drawing and encoding the picture.  Only the drawing needs the story, and only its
title, authors and fandom.  So where a second core is free, the command forks as it starts: the child loads
Pillow and the cover's modules and draws a small cover to open the fonts while the parent reads the story;
then it draws the cover it is asked for while the parent renders the pages, and sends back the JPEG.

The child runs `generate_cover`, the same code with the same fonts, so the book is byte for byte the one
made without it.  Whenever the child cannot help (it failed to start, died, or its drawing raised), the
parent draws the cover itself, so errors too are the same.  Only the command line forks: the library never
starts a process behind a script's back.  Linux only (see `fic2epub.forking`).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import select
import signal
import sys
from collections.abc import Callable

from ..api import draw_here
from ..forking import fork_is_safe

_DONE = b"fic2epub cover\n"  # the child's answer starts with this: anything else is a failure


class CoverProcess:
    """A forked process that draws one cover: `draw` asks for it, what `draw` returns gives the JPEG."""

    def __init__(self, pid: int, requests: int, answers: int) -> None:
        self.pid, self.requests, self.answers = pid, requests, answers
        self.asked = False

    @classmethod
    def start(cls) -> CoverProcess | None:
        """The process started, or None where it cannot help (one core, not Linux, threads running)."""
        if not usable():
            return None
        requests_in, requests_out = os.pipe()
        answers_in, answers_out = os.pipe()
        sys.stdout.flush()  # what is buffered would otherwise be written twice
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:
            for fd in (requests_in, requests_out, answers_in, answers_out):
                os.close(fd)
            return None
        if pid == 0:  # the child: never returns
            status = 1
            try:
                os.close(requests_out)
                os.close(answers_in)
                _serve(requests_in, answers_out)
                status = 0
            finally:
                os._exit(status)  # no atexit handlers, no stdio flushed twice: they are the parent's
        os.close(requests_in)
        os.close(answers_out)
        return cls(pid, requests_out, answers_in)

    def draw(self, title: str, authors: list[str], fandom: str | None) -> Callable[[], bytes]:
        """Ask the child for this cover; the function returned waits for it (or draws it here)."""
        if self.asked:  # one cover per process
            return draw_here(title, authors, fandom)
        self.asked = True
        try:
            _write_all(self.requests, marshal.dumps((title, list(authors), fandom)))
        except OSError:
            pass  # the child is gone: its answer will be empty, and the cover drawn here
        finally:
            os.close(self.requests)

        def finish() -> bytes:
            answer = self._answer()
            if answer.startswith(_DONE):
                return answer[len(_DONE) :]
            return draw_here(title, authors, fandom)()

        return finish

    def close(self) -> None:
        """Done with the process: one whose cover was not collected (never asked for, or the conversion
        failed) is stopped rather than waited for; it has nothing to leave behind."""
        if not self.asked:
            self.asked = True
            os.close(self.requests)
        if self.answers >= 0:
            _stop(self.pid)
            os.close(self.answers)
            self.answers = -1

    def _answer(self) -> bytes:
        if self.answers < 0:
            return b""
        chunks = []
        try:
            while chunk := os.read(self.answers, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self.answers)
            self.answers = -1
            _reap(self.pid)
        return b"".join(chunks)


def usable() -> bool:
    """Whether a second process can help: forking is safe here, and there is a second core for it."""
    return fork_is_safe() and len(os.sched_getaffinity(0)) >= 2


def _serve(requests: int, answers: int) -> None:
    """The child: load what drawing needs, wait for the request, draw, answer."""
    from ..render.cover import MIN_SIZE, generate_cover

    if not select.select([requests], [], [], 0)[0]:  # while the parent still reads the story:
        generate_cover("Aa", ["Bb"], "Cc", size=MIN_SIZE)  # open the fonts, wake Pillow's encoder
    request = b""
    while chunk := os.read(requests, 1 << 16):
        request += chunk
    if not request:  # the parent needs no cover
        return
    title, authors, fandom = marshal.loads(request)
    _write_all(answers, _DONE + generate_cover(title, authors, fandom))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _stop(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    _reap(pid)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
