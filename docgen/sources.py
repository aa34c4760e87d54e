"""Which content files a build is given: paths → ``Job`` (a file and where under the
output folder its files go).

A module of its own, light to import (no YAML, no pydantic), so that a build can say
what is up to date (``record.py``) before it loads anything heavy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import ContentError

CONTENT_SUFFIXES = (".yaml", ".yml")


def content_files(folder: Path) -> list[Path]:
    """The content files under a folder, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix in CONTENT_SUFFIXES)


def is_file(path: Path) -> bool:
    """Whether a path names a file; a name too long for the file system, or a loop of
    links, names none (pathlib raises for those)."""
    try:
        return path.is_file()
    except OSError:
        return False


@dataclass(frozen=True)
class Job:
    source: Path
    relative: Path  # where under the output folder, without suffix


def find_sources(paths: Iterable[Path], content_root: Path | None = None) -> Iterator[Job]:
    """Content files named or found under the given folders, in a stable order. Under
    the workspace's content folder, their outputs mirror their places there."""
    from docgen import workspace

    content_root = (content_root or workspace.current().content).resolve()
    for path in paths:
        try:
            path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: Python 3.11's word for a link loop
            raise ContentError("a loop of symbolic links", path, expected="a file") from None
        if not path.exists() and path.suffix not in CONTENT_SUFFIXES:  # load says of a file
            raise ContentError("no such file or folder", path, expected="YAML files or folders")
        if path.is_dir():
            # Under content/, output mirrors content/; elsewhere, the folder given.
            base = content_root if path.resolve().is_relative_to(content_root) else path.resolve()
            for source in content_files(path):
                yield Job(source, source.resolve().relative_to(base).with_suffix(""))
        elif path.resolve().is_relative_to(content_root):
            yield Job(path, path.resolve().relative_to(content_root).with_suffix(""))
        else:
            yield Job(path, Path(path.stem))


def unique(jobs: Iterable[Job]) -> list[Job]:
    """Each file once, at its first place: a file named twice builds once."""
    first: dict[Path, Job] = {}
    for job in jobs:
        first.setdefault(job.source.resolve(), job)
    return list(first.values())
