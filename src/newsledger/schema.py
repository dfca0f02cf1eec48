"""Generate the JSON Schemas of newsledger's output from the models.

``python -m newsledger.schema docs/schema`` writes ``article.json`` and ``analysis.json``.
The files are committed; a test fails when they drift from the models, so a change of the
output format is always a visible, reviewed change (and bumps the schema version).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsledger.model import ANALYSIS_SCHEMA, ARTICLE_SCHEMA, Analysis, Article


def schemas() -> dict[str, dict]:
    """File name -> JSON Schema (draft 2020-12) for each output model."""
    out = {}
    for name, model, version in (
        ("article.json", Article, ARTICLE_SCHEMA),
        ("analysis.json", Analysis, ANALYSIS_SCHEMA),
    ):
        s = model.model_json_schema(by_alias=True, mode="serialization")
        s = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://newsledger.dev/schema/{version.split('/')[1].replace('@', '-')}.json",
            **s,
        }
        s["properties"]["schema"]["const"] = version
        out[name] = s
    return out


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "docs/schema")
    target.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        (target / name).write_text(render(schema), encoding="utf-8")
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
