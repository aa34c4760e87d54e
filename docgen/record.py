"""A build's record: what each document's files in an output folder were made from, so
that the next build skips the documents nothing has changed for.

``<out>/.docgen-build.json`` holds, for each content file built there: the digest of
every content file its build read (itself, its 附件, the plan of its 对照表, as read),
the environment (``environment``: docgen, its libraries, the templates, the house
profile, the fonts), what was asked (formats, PDF variant, names, place under the
output folder), and the size and time of each file written. A document is up to date
when all of these are as recorded; anything else (no record, a record that cannot be
read or is another docgen's, a file the user deleted or edited) builds it again.

Light to import: deciding that nothing needs building loads neither pydantic nor
Jinja nor WeasyPrint.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen import __version__

if TYPE_CHECKING:
    from docgen.options import Options
    from docgen.sources import Job
    from docgen.workspace import Workspace

RECORD_FILE = ".docgen-build.json"
FORMAT = 1  # bump when the record's shape changes: an older record then means a full build

# The libraries whose code shapes the files docgen writes; an upgrade rebuilds.
LIBRARIES = (
    "weasyprint",
    "pydyf",
    "tinycss2",
    "cssselect2",
    "fontTools",
    "docx",
    "lxml",
    "jinja2",
    "markupsafe",
    "yaml",
    "pydantic",
    "babel",
    "cn2an",
)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# The content files read while one document is built, each with the digest of the
# bytes read: taken as they are read, so that a file edited during the build is seen
# as changed by the next one, never recorded as built.
_reads: ContextVar[dict[str, str] | None] = ContextVar("docgen_reads", default=None)


@contextlib.contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Collect the content files read (``note_read``) in this block: path → digest."""
    reads: dict[str, str] = {}
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def note_read(path: Path, data: bytes) -> None:
    """A content file was read (content/load.py says so for every one)."""
    reads = _reads.get()
    if reads is not None:
        reads[str(path.resolve())] = digest(data)


def environment(ws: Workspace) -> str:
    """One digest of what every document is made with besides its content: docgen (its
    version and its code's files), the libraries it renders with, docgen's templates and
    the workspace's, the house profile and the fonts. Any change rebuilds everything."""
    from docgen import fonts, workspace

    h = hashlib.sha256(f"docgen {__version__}\n".encode())
    package = Path(__file__).parent
    for folder, _, names in sorted(os.walk(package)):
        if "__pycache__" in folder:
            continue
        for name in sorted(names):  # code and data (the title words): an editable
            h.update(_stat_line(Path(folder) / name))  # install changes without a version
    for name in LIBRARIES:  # found, not imported: an upgrade rewrites its __init__.py
        origin = _origin(name)
        h.update(_stat_line(Path(origin)) if origin else f"{name} -\n".encode())
    # Every file of the template folders, by content: a template may include any of them.
    for label, folder in (("docgen", workspace.BUILTIN_TEMPLATES), ("workspace", ws.templates)):
        for path in sorted(folder.rglob("*")) if folder else ():
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                h.update(f"{label} template {name} {_file_digest(path)}\n".encode())
    if ws.root is not None:
        h.update(f"profile {_file_digest(ws.root / workspace.PROFILE_FILE)}\n".encode())
    h.update(f"fonts {fonts.fingerprint()}\n".encode())
    return h.hexdigest()


def _origin(library: str) -> str | None:
    """The file a library is imported from."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(library)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec else None


def _stat_line(path: Path) -> bytes:
    try:
        stat = path.stat()
    except OSError:
        return f"{path} -\n".encode()
    return f"{path} {stat.st_size} {stat.st_mtime_ns}\n".encode()


def _file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def _stat(path: Path) -> list[int] | None:
    """What an output file is recognised by: its size and time (a file the user edited
    or replaced differs in one of them)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def _asked(job: Job, options: Options) -> dict[str, Any]:
    """What a document was built for: the same files only for the same request."""
    return {
        "formats": sorted(options.formats),
        "pdf_variant": options.pdf_variant,
        "names": options.names,
        "relative": job.relative.as_posix(),
    }


class Record:
    """The record of one output folder: read at the start of a build, updated with
    each document built, written (atomically) at its end."""

    def __init__(self, folder: Path, documents: dict[str, Any] | None = None) -> None:
        self.folder = folder
        self.documents: dict[str, Any] = documents or {}
        self._digests: dict[str, str | None] = {}  # each input read once per build

    @classmethod
    def read(cls, folder: Path) -> Record:
        """The folder's record; an empty one (so a full build) if there is none, or it
        cannot be read, or another version of docgen wrote it."""
        try:
            data = json.loads((folder / RECORD_FILE).read_bytes())
        except (OSError, ValueError):
            return cls(folder)
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or data.get("docgen") != __version__
            or not isinstance(data.get("documents"), dict)
        ):
            return cls(folder)
        return cls(folder, data["documents"])

    def up_to_date(self, job: Job, options: Options, environment: str) -> bool:
        """Whether the job's files are as its last build left them, made from the same
        inputs in the same environment, for the same request."""
        entry = self.documents.get(_key(job))
        try:
            return (
                entry["environment"] == environment
                and entry["asked"] == _asked(job, options)
                and bool(entry["inputs"])
                and all(self._digest(path) == d for path, d in entry["inputs"].items())
                and bool(entry["outputs"])
                and all(
                    _stat(self.folder / name) == stat for name, stat in entry["outputs"].items()
                )
            )
        except (TypeError, KeyError, AttributeError, ValueError):  # a damaged entry
            return False

    def outputs(self, job: Job) -> list[Path]:
        """The files an up-to-date job has in the folder, relative to it."""
        return [Path(name) for name in self.documents[_key(job)]["outputs"]]

    def built(
        self,
        job: Job,
        options: Options,
        environment: str,
        inputs: dict[str, str],
        written: list[Path],
    ) -> None:
        """A job built: what from, and its files as written."""
        self.documents[_key(job)] = {
            "environment": environment,
            "asked": _asked(job, options),
            "inputs": inputs,
            "outputs": {path.relative_to(self.folder).as_posix(): _stat(path) for path in written},
        }

    def failed(self, job: Job) -> None:
        """A job that did not build: the next build tries it again."""
        self.documents.pop(_key(job), None)

    def write(self) -> None:
        from docgen.output import write_atomic

        # A content file deleted since: its entry goes (its files stay, as they were).
        documents = {key: entry for key, entry in self.documents.items() if Path(key).exists()}
        data = {"format": FORMAT, "docgen": __version__, "documents": documents}
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.folder / RECORD_FILE, text.encode("utf-8"))

    def _digest(self, path: str) -> str | None:
        if path not in self._digests:
            self._digests[path] = _file_digest(Path(path))
        return self._digests[path]


def _key(job: Job) -> str:
    return str(job.source.resolve())
