"""The exception tree of newsledger.

NewsledgerError
 +-- InputError            bad or unreadable input (empty, binary junk, too large...)
 |    +-- DecodeError      bytes that cannot be turned into text
 |    +-- UnsupportedInput a kind of document newsledger does not read
 +-- ExtractionError       a page was read but no article could be found in it
 +-- AnalysisError         the analysis stage failed on a text
 +-- StoreError            the ledger database refused an operation
 +-- FetchError            a URL could not be fetched (timeout, redirects, HTTP error, robots.txt)
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Root of every error newsledger raises on purpose."""


class InputError(NewsledgerError):
    pass


class DecodeError(InputError):
    pass


class UnsupportedInput(InputError):
    pass


class ExtractionError(NewsledgerError):
    pass


class AnalysisError(NewsledgerError):
    pass


class StoreError(NewsledgerError):
    pass


class FetchError(NewsledgerError):
    pass
