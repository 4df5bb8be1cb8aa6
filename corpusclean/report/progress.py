"""A progress bar on the terminal (rich, which typer brings): documents, MB, MB/s and the time left.

Shown only when standard error is a terminal and ``--quiet`` was not given: pre-commit, CI logs and
pipes get no bar. Bytes advance when a file is finished (the total is the size of the inputs).
"""
from __future__ import annotations

from typing import Any, Sequence, TextIO

from corpusclean.io.sources import STDIN, Source, size_of


class ProgressBar:
    needs: frozenset[str] = frozenset()

    def __init__(self, sources: Sequence[Source], stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn,
                                   TransferSpeedColumn)

        total = sum(size_of(s) for s in sources if s.path != STDIN)
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                                 TransferSpeedColumn(), TimeRemainingColumn(), console=Console(file=stream),
                                 transient=True)
        self.task = self.progress.add_task("0 documents", total=total or None)
        self.documents = 0
        self.progress.start()

    def begin(self, source: Source) -> None:
        pass

    def consume(self, entry: dict[str, Any]) -> None:
        if "records" in entry:
            self.documents += 1
            if self.documents % 50 == 0:
                self.progress.update(self.task, description=f"{self.documents:,} documents")

    def end(self, source: Source) -> None:
        if source.path != STDIN:
            self.progress.update(self.task, advance=size_of(source),
                                 description=f"{self.documents:,} documents")

    def close(self) -> None:
        self.progress.stop()


def progress_for(sources: Sequence[Source], stream: TextIO, quiet: bool) -> ProgressBar | None:
    return None if quiet or not getattr(stream, "isatty", lambda: False)() else ProgressBar(sources, stream)
