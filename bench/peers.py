"""Adapters that give newsledger and each peer extractor one signature: ``fn(html, url) -> text``.

Every adapter receives the page already decoded to ``str`` (by
:func:`bench.common.decode_html`, identically for all) and the page URL, and returns
the main text as plain text.  Settings follow what the public benchmarks use
(e.g. trafilatura without comments), and each adapter's ``description`` says them.
Imports happen in the factories, so a missing peer is reported, not fatal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

ExtractFn = Callable[[str, "str | None"], str]

# Used when a library insists on a URL and the page has none.
PLACEHOLDER_URL = "http://example.invalid/article.html"


@dataclass(frozen=True)
class Extractor:
    """One contender: its name in the tables, its PyPI distribution and how it is called."""

    name: str
    dist: str
    description: str
    factory: Callable[[], ExtractFn]


def _newsledger() -> ExtractFn:
    import newsledger
    from newsledger.errors import NewsledgerError

    def run(html: str, url: str | None) -> str:
        try:
            return newsledger.extract(html, url=url, kind="html").text
        except NewsledgerError:
            # A deliberate "no article here" answer: empty output, not a crash.
            return ""

    return run


def _trafilatura(**options: object) -> Callable[[], ExtractFn]:
    def factory() -> ExtractFn:
        import trafilatura

        def run(html: str, url: str | None) -> str:
            return trafilatura.extract(html, url=url, **options) or ""

        return run

    return factory


def _readability() -> ExtractFn:
    from readability import Document

    def run(html: str, url: str | None) -> str:
        return fragment_text(Document(html, url=url).summary(html_partial=True))

    return run


def _newspaper() -> ExtractFn:
    from newspaper import Article

    def run(html: str, url: str | None) -> str:
        article = Article(url or PLACEHOLDER_URL, fetch_images=False)
        article.download(input_html=html)  # input_html: no network access
        article.parse()
        return article.text

    return run


def _goose() -> ExtractFn:
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False})

    def run(html: str, url: str | None) -> str:
        return goose.extract(raw_html=html).cleaned_text

    return run


def _justext() -> ExtractFn:
    import justext

    stoplist = justext.get_stoplist("English")

    def run(html: str, url: str | None) -> str:
        return "\n".join(p.text for p in justext.justext(html, stoplist) if not p.is_boilerplate)

    return run


def _boilerpy3() -> ExtractFn:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()

    def run(html: str, url: str | None) -> str:
        return extractor.get_content(html)

    return run


def _resiliparse() -> ExtractFn:
    from resiliparse.extract.html2text import extract_plain_text

    def run(html: str, url: str | None) -> str:
        return extract_plain_text(html, main_content=True)

    return run


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor(
        "newsledger",
        "newsledger",
        'newsledger.extract(html, url=url, kind="html").text',
        _newsledger,
    ),
    Extractor(
        "trafilatura",
        "trafilatura",
        "trafilatura.extract(include_comments=False): the setting of both public benchmarks",
        _trafilatura(include_comments=False),
    ),
    Extractor(
        "trafilatura (defaults)",
        "trafilatura",
        "trafilatura.extract() with library defaults (comments included), for reference",
        _trafilatura(),
    ),
    Extractor(
        "readability-lxml",
        "readability-lxml",
        "Document(html).summary(html_partial=True), HTML fragment turned into text",
        _readability,
    ),
    Extractor(
        "newspaper4k",
        "newspaper4k",
        "Article(url, fetch_images=False).download(input_html=html).parse().text",
        _newspaper,
    ),
    Extractor(
        "goose3",
        "goose3",
        'Goose({"enable_image_fetching": False}).extract(raw_html=html).cleaned_text',
        _goose,
    ),
    Extractor(
        "justext",
        "justext",
        "justext.justext(html, English stoplist), non-boilerplate paragraphs",
        _justext,
    ),
    Extractor("boilerpy3", "boilerpy3", "ArticleExtractor().get_content(html)", _boilerpy3),
    Extractor(
        "resiliparse", "resiliparse", "extract_plain_text(html, main_content=True)", _resiliparse
    ),
)

# The peer every ratio is relative to.
BASELINE = "trafilatura"


def by_name(names: list[str] | None = None) -> list[Extractor]:
    """The registered extractors, all or those named (in registry order)."""
    if not names:
        return list(EXTRACTORS)
    unknown = set(names) - {e.name for e in EXTRACTORS}
    if unknown:
        raise KeyError(f"unknown extractor(s): {sorted(unknown)}")
    return [e for e in EXTRACTORS if e.name in names]


# --- HTML fragment to text (for readability's HTML output) ---------------------

# Elements that start a new line of text; inline elements do not.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SKIPPED = frozenset({"script", "style", "noscript"})


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per block, blank line between blocks."""
    if not fragment.strip():
        return ""
    from lxml import html as lxml_html

    text = "".join(_walk(lxml_html.fromstring(fragment)))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")  # a run of empty lines becomes one blank line
    return "\n".join(out).strip()


def _walk(el) -> Iterator[str]:
    tag = el.tag.lower() if isinstance(el.tag, str) else None
    if tag is None or tag in _SKIPPED:
        return  # comments, processing instructions, scripts: no text (their tail is the parent's)
    block = tag in _BLOCKS
    if block:
        yield "\n"
    if el.text:
        yield el.text
    for child in el:
        yield from _walk(child)
        if child.tail:
            yield child.tail
    if tag == "br" or block:
        yield "\n"
