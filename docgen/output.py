"""Writing files so that nothing is lost: a reader sees the old file or the new one.

The data goes to a temporary file beside the target, is flushed to disk, then renamed
over it (atomic on POSIX); a failure on the way leaves the old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from docgen.errors import DocgenError


def write_atomic(target: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Replace `target` with `data` in one step; `exclusive`: only if it does not exist
    (the complete file appears, or nothing)."""
    write_all({target: data}, exclusive=exclusive)


def write_all(files: dict[Path, bytes], *, exclusive: bool = False) -> None:
    """Replace each target with its data, all or none: every file is written in full
    beside its target first (a full disk fails there, before any target changes), then
    each is renamed over its target."""
    staged: list[tuple[str, Path]] = []
    target = Path()
    try:
        for target, data in files.items():
            staged.append((_stage(target, data), _real(target)))
        for tmp, target in staged:
            if exclusive:  # never over a file, even one made since it was looked for
                _claim(tmp, target)
            os.replace(tmp, target)
            Path(tmp).unlink(missing_ok=True)  # left by a rename between two links
    except FileExistsError:
        raise DocgenError(f"{target} exists: not overwritten") from None
    except OSError as exc:
        raise DocgenError(f"{target}: cannot write: {exc.strerror}") from None
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def _real(target: Path) -> Path:
    """The file a target names: through a link (a loop of links is an error)."""
    try:
        return target.resolve(strict=False) if target.is_symlink() else target
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11's word for a link loop
        raise DocgenError(f"{target}: cannot write: a loop of symbolic links") from None


def _stage(target: Path, data: bytes) -> str:
    """`data` written and flushed to a temporary file beside `target`, with the mode
    an existing target has."""
    target = _real(target)
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
    except OSError:
        mode = 0o644
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".docgen-", suffix=".tmp")
    except OSError as exc:
        raise DocgenError(f"{target}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)  # an existing file keeps its permissions
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DocgenError(f"{target}: cannot write: {exc.strerror}") from None
    return tmp


def _claim(tmp: str, target: Path) -> None:
    """Make `target` ours or raise FileExistsError: link the finished file in place,
    or, where the file system has no hard links, create it empty and exclusively for
    the rename to replace."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
