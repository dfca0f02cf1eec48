from __future__ import annotations

import json
from pathlib import Path

from newsledger.model import ARTICLE_SCHEMA, Article, DocumentKind, Source, paragraphs_of
from newsledger.schema import render, schemas

DOCS = Path(__file__).resolve().parents[1] / "docs" / "schema"


def test_committed_schema_matches_models():
    for name, schema in schemas().items():
        committed = (DOCS / name).read_text(encoding="utf-8")
        assert committed == render(schema), f"docs/schema/{name} is stale: run `make schema`"


def test_article_json_uses_contract_field_names():
    a = Article(
        id="x" * 64,
        source=Source(kind=DocumentKind.TEXT),
        text="A.\n\nB.",
        paragraphs=[(0, 2), (4, 6)],
    )
    d = a.to_json_dict()
    assert d["schema"] == ARTICLE_SCHEMA
    for field in (
        "id",
        "source",
        "url",
        "site_name",
        "language",
        "title",
        "description",
        "authors",
        "published",
        "modified",
        "section",
        "text",
        "paragraphs",
        "captions",
        "embedded_posts",
        "related",
        "credits",
        "provenance",
        "version",
        "entities",
        "quotes",
        "claims",
    ):
        assert field in d, field
    assert d["source"] == {"path": None, "url": None, "kind": "text"}
    again = Article.model_validate_json(json.dumps(d))
    assert again == a


def test_paragraph_offsets():
    text = "First one.\n\nSecond.\n\nThird para."
    spans = paragraphs_of(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second.", "Third para."]
