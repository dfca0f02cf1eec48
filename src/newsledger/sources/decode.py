"""Bytes to text: the charset rules browsers follow, made robust to the web's lies.

Order of evidence (first that applies wins):

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. the ``charset`` of the HTTP ``Content-Type`` header;
3. ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` in the first few KB;
4. strict UTF-8;
5. statistical detection (charset-normalizer) on a bounded sample;
6. cp1252 with replacement characters (never fails).

Declared charsets are mapped like browsers do (``iso-8859-1`` means ``windows-1252``,
``gb2312`` means ``gb18030``...).  A declared single-byte charset loses to UTF-8 when
the bytes are valid UTF-8 with multi-byte sequences: that combination is almost
always a wrong declaration, and decoding it as cp1252 would produce mojibake.

Binary data (images, archives, PDFs, random bytes) raises
:class:`~newsledger.errors.DecodeError` instead of becoming garbage text.
"""

from __future__ import annotations

import codecs
import logging
import re

from newsledger.errors import DecodeError

log = logging.getLogger(__name__)

__all__ = ["binary_reason", "decode", "normalize_charset", "sniff_bom"]

# How far into the document <meta charset> is looked for. The WHATWG prescan uses
# 1024 bytes; many real pages put a long <script> first, so look further.
META_SCAN_BYTES = 16 * 1024
# How many bytes the binary check and the charset detector look at: enough for
# a reliable verdict, small enough to stay fast on a 50 MB page.
SAMPLE_BYTES = 64 * 1024
# Control bytes (other than whitespace, ESC and NUL) above this share of the sample
# mean binary data: random bytes have ~10 %, real text pages ~0 %.
MAX_CONTROL_SHARE = 0.03
# Fewer control bytes than this are never enough to call a document binary
# (a stray \x01 in an old page is not a verdict).
MIN_CONTROL_BYTES = 3
# NUL bytes above this share of the sample, when they do not follow the
# every-other-byte pattern of UTF-16, mean binary data.
MAX_NUL_SHARE = 0.30
# In UTF-16 text without a BOM, ASCII characters put NULs on one parity; this
# share of the NULs on one side (with NULs making up a large part) says UTF-16.
UTF16_NUL_PARITY = 0.90
UTF16_MIN_NUL_SHARE = 0.20
# When the declared charset does not fit the bytes, a few replacement characters
# are tolerated (a page with one broken byte); beyond this share of the text,
# the declaration is considered wrong and detection takes over.
MAX_REPLACEMENT_SHARE = 0.005

# How much worse than the detector's best guess windows-1252 may score and still
# be preferred: language-coherence scores on a short sample differ by a few
# hundredths between Latin code pages, while a real Central-European or Baltic
# text scores far apart, and mojibake raises the "chaos" score.
CP1252_CHAOS_MARGIN = 0.01
CP1252_COHERENCE_MARGIN = 0.1

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Leading bytes of common binary formats: (magic, offset, description).
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"PK\x03\x04", 0, "a ZIP archive (or an Office/EPUB document)"),
    (b"PK\x05\x06", 0, "an empty ZIP archive"),
    (b"\x1f\x8b", 0, "gzip-compressed data (decompress it first)"),
    (b"BZh", 0, None),  # checked further below: needs the block magic too
    (b"\xfd7zXZ\x00", 0, "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd-compressed data"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\x7fELF", 0, "an ELF executable"),
    (b"\xca\xfe\xba\xbe", 0, "a Java class or Mach-O binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office document"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"\x00asm", 0, "a WebAssembly module"),
    (b"wOFF", 0, "a WOFF font"),
    (b"wOF2", 0, "a WOFF2 font"),
    (b"OggS", 0, "an Ogg media file"),
    (b"fLaC", 0, "a FLAC audio file"),
    (b"ID3", 0, "an MP3 audio file"),
    (b"\x1aE\xdf\xa3", 0, "a Matroska/WebM video"),
    (b"ftyp", 4, "an MP4/QuickTime/HEIF media file"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"\x00\x00\x01\x00", 0, "an ICO image"),
)

# Bytes that may appear in text: tab, LF, VT, FF, CR, ESC, and everything printable.
_TEXT_BYTES = bytes([9, 10, 11, 12, 13, 27]) + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
# C0 controls (and DEL) removed from decoded text: they carry nothing for a reader
# and some HTML/XML tooling rejects them. NUL is among them.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Charset labels mapped the way the WHATWG Encoding Standard (i.e. browsers) does,
# onto Python codec names. Labels not listed go through codecs.lookup.
_ALIASES: dict[str, str] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "ansi_x3.4-1968": "cp1252",
    "windows-1252": "cp1252",
    "x-cp1252": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "chinese": "gb18030",
    "big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "korean": "cp949",
    "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman",
    # A page that says UTF-16 in a <meta> was necessarily read as ASCII-compatible,
    # so browsers treat the declaration as UTF-8.
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "unicode": "utf-8",
    "utf8": "utf-8",
    "x-user-defined": "cp1252",
}
_REFUSED_CODECS = frozenset(
    {
        "idna",
        "punycode",
        "unicode-escape",
        "raw-unicode-escape",
        "undefined",
        "utf-7",
        "charmap",
        "mbcs",
        "oem",
        "unicode-internal",
    }
)
# Single-byte charsets: valid multi-byte UTF-8 declared as one of these is UTF-8.
_SINGLE_BYTE_PREFIXES = ("cp12", "cp874", "cp866", "iso8859", "mac-", "koi8", "cp437", "cp850")

# The encodings of the WHATWG Encoding Standard (what browsers can read), as the
# detector's candidates: DOS and mainframe code pages never appear on the web and
# only produce wrong guesses.
_WEB_ENCODINGS = (
    "utf_8",
    "cp1250",
    "cp1251",
    "cp1252",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_5",
    "iso8859_6",
    "iso8859_7",
    "iso8859_8",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
    "koi8_r",
    "koi8_u",
    "cp866",
    "mac_cyrillic",
    "gb18030",
    "big5",
    "euc_jp",
    "iso2022_jp",
    "cp932",
    "euc_kr",
    "cp949",
    "cp874",
)

_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)


def normalize_charset(label: str | None) -> str | None:
    """Map a charset label to a Python codec name as browsers would, or ``None`` if unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if not key:
        return None
    name = _ALIASES.get(key, key)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    except (TypeError, ValueError):  # labels with NULs or odd characters
        return None
    # Never let a page pick a non-text codec (rot13, base64, zlib...) or a codec no
    # browser reads from a page (escape codecs, IDNA, UTF-7: a known XSS vector).
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        return None
    return info.name


def sniff_bom(data: bytes) -> tuple[str, int] | None:
    """The codec named by a leading byte-order mark, and the BOM's length; ``None`` if none."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def _nul_count(sample: bytes) -> int:
    # A membership test is a memchr; counting walks every byte.  Most pages have no NUL.
    return sample.count(0) if b"\x00" in sample else 0


def _utf16_without_bom(sample: bytes, nuls: int | None = None) -> str | None:
    """The UTF-16 byte order whose NUL pattern ``sample`` shows (``nuls``: its NUL
    count, when the caller has it), or ``None``."""
    if nuls is None:
        nuls = _nul_count(sample)
    if len(sample) < 4 or nuls < UTF16_MIN_NUL_SHARE * len(sample):
        return None
    odd = sample[1::2].count(0)
    even = nuls - odd
    if odd >= UTF16_NUL_PARITY * nuls:
        return "utf-16-le"
    if even >= UTF16_NUL_PARITY * nuls:
        return "utf-16-be"
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks like binary data rather than text, or ``None`` if it looks like text.

    Looks at known magic numbers, then at the share of NUL and control bytes in a
    bounded sample. Data with a text BOM, or in the NUL pattern of UTF-16, is text.
    """
    if not data or sniff_bom(data):
        return None
    for magic, offset, what in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            if what is None:  # bzip2: "BZh" + level digit + block magic
                if len(data) >= 10 and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
                    return "bzip2-compressed data"
                continue
            return what
    sample = data[:SAMPLE_BYTES]
    nuls = _nul_count(sample)
    if _utf16_without_bom(sample, nuls):
        return None
    if nuls > MAX_NUL_SHARE * len(sample):
        return f"binary data ({nuls / len(sample):.0%} NUL bytes)"
    controls = len(sample.translate(None, _TEXT_BYTES)) - nuls
    rest = len(sample) - nuls
    if controls >= MIN_CONTROL_BYTES and controls > MAX_CONTROL_SHARE * rest:
        return f"binary data ({controls / rest:.0%} control bytes)"
    return None


def _declared_in_meta(head: bytes) -> str | None:
    for tag in _META_TAG.finditer(head):
        raw = tag.group(0)
        # <meta charset="..."> and <meta http-equiv="Content-Type" content="...; charset=...">
        match = re.search(rb"""\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", raw, re.IGNORECASE)
        if match:
            codec = normalize_charset(match.group(1).decode("ascii", "replace"))
            if codec:
                return codec
    return None


def _charset_of_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _CHARSET_PARAM.search(content_type.encode("latin-1", "replace"))
    if not match:
        return None
    return normalize_charset(match.group(1).decode("ascii", "replace"))


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(_SINGLE_BYTE_PREFIXES)


def _is_wide(codec: str) -> bool:
    # UTF-16/32 (and UTF-7) spell control characters without control bytes.
    return codec.startswith(("utf_16", "utf_32", "utf-16", "utf-32", "utf_7", "utf-7"))


def _try(data: bytes, codec: str) -> str | None:
    """Decode with ``codec``; accept a few broken bytes, refuse a wrong declaration."""
    try:
        return data.decode(codec)
    except UnicodeError:
        pass
    except (LookupError, ValueError, TypeError):
        return None
    try:
        text = data.decode(codec, errors="replace")
    except (UnicodeError, LookupError, ValueError, TypeError):
        # A codec that fails even with replacement (none of the web ones does).
        return None
    if text.count("\ufffd") <= MAX_REPLACEMENT_SHARE * max(len(text), 1):
        return text
    return None


def _valid_multibyte_utf8(data: bytes) -> str | None:
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:SAMPLE_BYTES], cp_isolation=list(_WEB_ENCODINGS))
    best = matches.best()
    if best is None:
        return None
    # On short Western texts several code pages fit almost equally well; browsers
    # default to windows-1252, and so do we when it scores about as well as the best.
    for match in matches:
        if (
            "cp1252" in match.could_be_from_charset
            and match.chaos <= best.chaos + CP1252_CHAOS_MARGIN
            and match.coherence >= best.coherence - CP1252_COHERENCE_MARGIN
        ):
            return "cp1252"
    return normalize_charset(best.encoding)


def _clean(text: str, raw: bytes | None = None) -> str:
    """Drop a leading BOM and C0 controls; ``raw`` (ASCII-compatible source bytes) lets
    the common case skip the regex: no control byte in ``raw``, no control character."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if raw is not None and not raw.translate(None, _TEXT_BYTES):
        return text
    return _CONTROL_CHARS.sub("", text)


def decode(data: bytes, content_type: str | None = None) -> str:
    """Turn the raw bytes of a page into text.

    ``content_type`` is the HTTP ``Content-Type`` header, if known. NUL and other
    C0 control characters (except tab, newlines, form feed) are removed.
    Raises :class:`DecodeError` for binary data; never raises anything else.
    """
    if not data:
        return ""
    data = bytes(data)
    bom = sniff_bom(data)
    if bom:
        codec, skip = bom
        return _clean(data[skip:].decode(codec, errors="replace"))
    reason = binary_reason(data)
    if reason:
        raise DecodeError(f"not a text document: {reason}")
    utf16 = _utf16_without_bom(data[:SAMPLE_BYTES])
    if utf16:
        return _clean(data.decode(utf16, errors="replace"))
    if b"\x00" in data:
        # NULs inside ASCII-compatible text are noise (a broken save, a padded dump).
        data = data.replace(b"\x00", b"")

    declared = _charset_of_content_type(content_type) or _declared_in_meta(data[:META_SCAN_BYTES])
    if declared:
        if _is_single_byte(declared):
            as_utf8 = _valid_multibyte_utf8(data)
            if as_utf8 is not None:
                log.debug("declared %s but the bytes are UTF-8: using UTF-8", declared)
                return _clean(as_utf8, data)
        text = _try(data, declared)
        if text is not None:
            return _clean(text, None if _is_wide(declared) else data)
        log.debug("declared charset %s does not fit the bytes: detecting", declared)
    if declared != "utf-8":
        try:
            return _clean(data.decode("utf-8"), data)
        except UnicodeDecodeError:
            pass
    detected = _detect(data)
    if detected and detected != declared:
        text = _try(data, detected)
        if text is not None:
            return _clean(text, None if _is_wide(detected) else data)
    return _clean(data.decode("cp1252", errors="replace"), data)
