"""Read documents from files, folders, glob patterns, gzip files, WARC archives and stdin.

Everything streams: a folder is walked lazily, a WARC is read record by record, and
only one document is held in memory at a time. Anything that cannot be read
becomes a :class:`~newsledger.sources.document.Rejection` and the iteration goes on.
"""

from __future__ import annotations

import glob
import logging
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from newsledger.errors import InputError, UnsupportedInput
from newsledger.model import DocumentKind
from newsledger.sources.decode import binary_reason
from newsledger.sources.detect import HEAD_BYTES, detect_kind, is_warc_head
from newsledger.sources.document import RawDocument, Rejection, document_id
from newsledger.sources.limits import MAX_DECOMPRESSED_BYTES, MAX_DOCUMENT_BYTES, READ_CHUNK_BYTES
from newsledger.sources.warc import PrefixedReader, iter_warc

log = logging.getLogger(__name__)

__all__ = ["KINDS", "MAX_DOCUMENT_BYTES", "iter_documents", "read_document"]

KINDS = ("auto", "html", "text", "warc")
STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _listing(folder: str) -> Iterator[os.DirEntry[str]] | Rejection:
    try:
        with os.scandir(folder) as it:
            return iter(sorted((e for e in it if not _is_hidden(e.name)), key=lambda e: e.name))
    except OSError as exc:
        return Rejection(f"cannot list folder: {exc.strerror or exc}", path=folder)


def _walk(folder: str) -> Iterator[str | Rejection]:
    """Files under ``folder``, depth first in sorted path order, hidden entries skipped.

    Lists one directory at a time (a huge tree is never held in memory), does not
    follow symbolic links to folders (no cycles), uses an explicit stack (no depth
    limit), and turns a folder that cannot be listed into a :class:`Rejection`.
    """
    stack: list[Iterator[os.DirEntry[str]]] = []
    top = _listing(folder)
    if isinstance(top, Rejection):
        yield top
        return
    stack.append(top)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if not is_dir:
            yield entry.path
            continue
        sub = _listing(entry.path)
        if isinstance(sub, Rejection):
            yield sub
        else:
            stack.append(sub)


def _read_folder(folder: str, kind: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    for entry in _walk(folder):
        if isinstance(entry, Rejection):
            yield entry
        else:
            yield from read_document(entry, kind=kind, max_bytes=max_bytes)


def _gunzip_stream(stream: BinaryIO, limit: int) -> bytes:
    """Decompress a whole (multi-member) gzip stream, refusing more than ``limit`` bytes."""
    out = bytearray()
    d = zlib.decompressobj(wbits=31)
    while True:
        chunk = stream.read(READ_CHUNK_BYTES)
        if not chunk:
            break
        while chunk:
            out += d.decompress(chunk, limit + 1 - len(out))
            if len(out) > limit:
                raise InputError(f"decompresses to more than {limit} bytes (a gzip bomb?)")
            if d.eof:
                # Concatenated gzip members: start a new decompressor on the rest.
                chunk = d.unused_data
                d = zlib.decompressobj(wbits=31)
            else:
                chunk = d.unconsumed_tail
    return bytes(out)


def _document(data: bytes, kind: str, path: str | None) -> RawDocument | Rejection:
    if not data.strip():
        return Rejection("empty document", path=path, id=document_id(data) if data else None)
    reason = binary_reason(data)
    if reason:
        return Rejection(f"not a web page or text: {reason}", path=path, id=document_id(data))
    if kind == "auto":
        try:
            dkind = detect_kind(data, path)
        except UnsupportedInput as exc:
            return Rejection(str(exc), path=path, id=document_id(data))
        if dkind is DocumentKind.WARC:
            return Rejection(
                "a WARC archive inside a compressed document is not read",
                path=path,
                id=document_id(data),
            )
    else:
        dkind = DocumentKind(kind)
    return RawDocument(data=data, kind=dkind, path=path)


def read_document(
    path: str, *, kind: str = "auto", max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[RawDocument | Rejection]:
    """Read one file: a page, a text dump, a ``.gz`` of either, or a WARC (many documents)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        yield Rejection("no such file or folder", path=path)
        return
    except OSError as exc:
        yield Rejection(f"cannot read: {exc.strerror or exc}", path=path)
        return
    if not stat.S_ISREG(st.st_mode):
        yield Rejection("not a regular file", path=path)
        return
    if st.st_size == 0:
        yield Rejection("empty file", path=path)
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115  (closed in finally, generator)
    except OSError as exc:
        yield Rejection(f"cannot read: {exc.strerror or exc}", path=path)
        return
    try:
        try:
            head = stream.read(HEAD_BYTES)
            stream.seek(0)
        except OSError as exc:
            yield Rejection(f"cannot read: {exc.strerror or exc}", path=path)
            return
        if kind == "warc" or (kind == "auto" and is_warc_head(head)):
            # The WARC reader streams the file record by record: no size cap applies
            # to the archive, only to each record.
            yield from iter_warc(stream, source_path=path, max_bytes=max_bytes)
            return
        if not head.startswith(b"\x1f\x8b") and st.st_size > max_bytes:
            yield Rejection(
                f"file of {st.st_size} bytes exceeds the {max_bytes}-byte limit", path=path
            )
            return
        try:
            data = _read_payload(stream, head, max_bytes, "cannot read")
        except InputError as exc:
            yield Rejection(str(exc), path=path)
            return
    finally:
        stream.close()
    if len(data) > max_bytes:  # the file grew while being read
        yield Rejection(f"document exceeds the {max_bytes}-byte limit", path=path)
        return
    yield _document(data, kind, path)


def _read_payload(stream, head: bytes, max_bytes: int, cannot_read: str) -> bytes:
    """The document bytes of ``stream`` (gunzipped when ``head`` is gzip), at most
    ``max_bytes + 1`` of them; every read failure as an :class:`InputError` whose
    message starts with ``cannot_read`` for I/O errors."""
    try:
        if head.startswith(b"\x1f\x8b"):
            return _gunzip_stream(stream, min(max_bytes, MAX_DECOMPRESSED_BYTES))
        return stream.read(max_bytes + 1)
    except zlib.error as exc:
        raise InputError(f"broken gzip data: {exc}") from exc
    except OSError as exc:
        raise InputError(f"{cannot_read}: {exc.strerror or exc}") from exc


def _read_stdin(kind: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    stream = sys.stdin.buffer
    try:
        head = stream.read(HEAD_BYTES)
    except OSError as exc:
        yield Rejection(f"cannot read standard input: {exc.strerror or exc}", path=STDIN)
        return
    if kind == "warc" or (kind == "auto" and is_warc_head(head)):
        yield from iter_warc(PrefixedReader(stream, head), source_path=STDIN, max_bytes=max_bytes)
        return
    try:
        data = _read_payload(
            PrefixedReader(stream, head), head, max_bytes, "cannot read standard input"
        )
    except InputError as exc:
        yield Rejection(str(exc), path=STDIN)
        return
    if len(data) > max_bytes:
        yield Rejection(f"standard input exceeds the {max_bytes}-byte limit", path=STDIN)
        return
    if not data:
        yield Rejection("empty standard input", path=STDIN)
        return
    yield _document(data, kind, STDIN)


def _expand(path: str) -> Iterator[str] | None:
    """Files named by a glob pattern, sorted; ``None`` when ``path`` is not a pattern."""
    if os.path.exists(path) or not (_GLOB_CHARS & set(path)):
        return None
    return iter(sorted(glob.iglob(path, recursive=True)))


def _iter_one(path: str, kind: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    if path == STDIN:
        yield from _read_stdin(kind, max_bytes)
        return
    matches = _expand(path)
    if matches is not None:
        found = False
        for match in matches:
            found = True
            if os.path.isdir(match):
                yield from _read_folder(match, kind, max_bytes)
            elif not _is_hidden(os.path.basename(match)):
                yield from read_document(match, kind=kind, max_bytes=max_bytes)
        if not found:
            yield Rejection("no file matches this pattern", path=path)
        return
    if os.path.isdir(path):
        yield from _read_folder(path, kind, max_bytes)
        return
    yield from read_document(path, kind=kind, max_bytes=max_bytes)


def iter_documents(
    paths: Iterable[str],
    *,
    kind: str = "auto",
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[RawDocument | Rejection]:
    """Yield a :class:`RawDocument` (or a :class:`Rejection`) for every document under ``paths``.

    Each path may be a file, a folder (read recursively in sorted order, hidden
    files skipped), a glob pattern, ``"-"`` for standard input, a ``.gz`` file or a
    WARC archive (plain or gzipped; one document per HTML response). ``kind`` forces
    ``"html"``, ``"text"`` or ``"warc"`` instead of detecting it. Documents above
    ``max_bytes`` are rejected. Raises :class:`InputError` only for a bad ``kind``.
    """
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    if isinstance(paths, str):
        paths = [paths]
    return _iter_paths(paths, kind, max_bytes)


def _iter_paths(
    paths: Iterable[str], kind: str, max_bytes: int
) -> Iterator[RawDocument | Rejection]:
    for path in paths:
        path = os.fspath(path)
        log.debug("reading %s", path)
        yield from _iter_one(path, kind, max_bytes)
