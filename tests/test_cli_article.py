"""The per-document commands: extract, analyze, demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import cli

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
SEED = CORPUS / "aljazeera_blinken_netanyahu_2023-11-03.txt"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_extract_one_document_is_one_json_object():
    r = run("extract", str(SEED), "--no-analysis")
    assert r.exit_code == 0, r.output
    obj = json.loads(r.stdout)
    assert obj["schema"] == "newsledger/article@1"
    assert obj["source"]["kind"] == "text"
    assert obj["title"].startswith("Netanyahu resists pressure")
    assert obj["quotes"] == []  # --no-analysis


def test_extract_folder_is_json_lines():
    r = run("extract", str(CORPUS), "--no-analysis")
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
    assert len(lines) == len(list(CORPUS.iterdir()))
    assert {x["source"]["kind"] for x in lines} == {"html", "text"}
    assert all(x["text"] for x in lines)


def test_extract_markdown_and_text_formats():
    md = run("extract", str(SEED), "--no-analysis", "--format", "markdown").stdout
    assert md.startswith("# Netanyahu resists pressure")
    assert "## Embedded posts" in md and "@SecBlinken" in md
    txt = run("extract", str(SEED), "--no-analysis", "--format", "text").stdout
    assert "Keep reading" not in txt


def test_extract_missing_file_fails_with_one_line():
    r = CliRunner().invoke(cli, ["extract", "/nonexistent/page.html"])
    assert r.exit_code != 0
    assert "nonexistent" in r.stderr


def test_extract_reads_stdin():
    r = run(
        "extract",
        "-",
        "--no-analysis",
        input="<html><head><title>T</title></head><body>"
        "<article><p>"
        + "A sentence about the council vote on the budget. " * 8
        + "</p></article></body></html>",
    )
    assert r.exit_code == 0, r.output
    assert "council vote" in json.loads(r.stdout)["text"]


@pytest.mark.slow
def test_analyze_command_offsets_point_into_the_input(tmp_path):
    text = '"We will rebuild the bridge," Mayor Ana Ruiz said on Monday.\n\nThe flood killed more than 40 people.'
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    obj = json.loads(run("analyze", str(f)).stdout)
    assert obj["schema"] == "newsledger/analysis@1"
    for item in obj["quotes"] + obj["claims"]:
        assert text[item["start"] : item["end"]] == item["text"]
    assert any(q["speaker"] and q["speaker"]["name"] == "Ana Ruiz" for q in obj["quotes"])
    assert any(c["value"] == 40 and c["qualifier"] == "more than" for c in obj["claims"])


@pytest.mark.slow
def test_demo_runs_the_main_job(tmp_path):
    r = CliRunner().invoke(
        cli, ["demo", str(CORPUS), "--db", str(tmp_path / "d.db")], catch_exceptions=False
    )
    assert r.exit_code == 0, r.output
    assert "Antony Blinken" in r.stdout
    assert "more than 9,227" in r.stdout
    assert f"{len(list(CORPUS.iterdir()))} documents ingested" in r.stdout
