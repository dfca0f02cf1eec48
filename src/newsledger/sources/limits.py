"""Size limits shared by the readers of ``sources`` (files, WARC records, URLs)."""

from __future__ import annotations

# The largest single document read into memory. News pages are rarely above 2 MB;
# 100 MB leaves room for pathological but real pages (inline images, giant
# scripts) while keeping a run's memory bounded.
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024

# The most bytes a compressed document (.gz file, gzip HTTP body) may expand to;
# above this the input is treated as a decompression bomb.
MAX_DECOMPRESSED_BYTES = MAX_DOCUMENT_BYTES

# Read size for streaming copies and scans: large enough for throughput,
# small enough to keep memory flat.
READ_CHUNK_BYTES = 1024 * 1024
