"""The public Python API is a contract: pin it."""

from __future__ import annotations

import inspect

import newsledger


def test_public_names():
    for name in (
        "extract",
        "process",
        "analyze",
        "Article",
        "Analysis",
        "Quote",
        "Claim",
        "Entity",
        "NewsledgerError",
        "InputError",
        "__version__",
    ):
        assert name in newsledger.__all__
        assert hasattr(newsledger, name)


def test_extract_signature():
    sig = inspect.signature(newsledger.extract)
    assert list(sig.parameters) == ["data", "url", "kind"]
    assert sig.parameters["kind"].default == "auto"
    assert sig.parameters["url"].kind is inspect.Parameter.KEYWORD_ONLY


def test_errors_share_one_root():
    for name in (
        "InputError",
        "DecodeError",
        "UnsupportedInput",
        "ExtractionError",
        "AnalysisError",
        "StoreError",
        "FetchError",
    ):
        assert issubclass(getattr(newsledger, name), newsledger.NewsledgerError)


def test_unknown_kind_is_a_clear_error():
    import pytest

    with pytest.raises(newsledger.InputError):
        newsledger.extract(b"<html></html>", kind="pdf")
