"""File names are data: any name, in any format, keeps the report whole and readable.

Names that are not UTF-8, that hold XML non-characters, controls, bidi overrides or URI
delimiters are generated; every format must still be produced in full (stdout and -o),
parse as its syntax requires, and SARIF locations must be URIs that decode back to the
name shown everywhere else.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.formats.names import OutputFormat
from engagement_cli.formats.sarif_format import artifact_location
from tests.conftest import EXAMPLES

runner = CliRunner()
CLI_PHASES = (Phase.explicit, Phase.reuse, Phase.generate)
PROJECT = (EXAMPLES / "council-newsletter.yaml").read_bytes()

_PIECES = st.sampled_from(
    [
        b"\xff",
        b"\xc3(",
        b"\xed\xa0\x80",  # an encoded surrogate: not UTF-8
        "\ufffe".encode(),
        "\uffff".encode(),
        b"\x1b[31m",
        b"\x07",
        "\u202e".encode(),
        b"#",
        b"?",
        b"%41",
        b"C:\\",
        b"\n",
        b"\r",
        b" ",
        b"&<>\"'",
        "é".encode(),
    ]
)


@st.composite
def file_name(draw: st.DrawFn) -> bytes:
    pieces = draw(st.lists(_PIECES | st.binary(min_size=1, max_size=3), min_size=1, max_size=4))
    name = b"".join(pieces).replace(b"/", b"_").replace(b"\x00", b"_")
    return name[:180] + b".yaml"


def _outputs_parse(output_format: OutputFormat, text: str) -> None:
    if output_format in (OutputFormat.JSON, OutputFormat.SARIF):
        json.loads(text)
    elif output_format is OutputFormat.JUNIT:
        ElementTree.fromstring(text.encode("utf-8"))


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=CLI_PHASES,
)
@given(names=st.lists(file_name(), min_size=1, max_size=3, unique=True))
def test_any_file_name_keeps_every_format_whole(
    tmp_path_factory: pytest.TempPathFactory, names: list[bytes]
) -> None:
    folder = tmp_path_factory.mktemp("names")
    for name in names:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(PROJECT)
    (folder / "plain.yaml").write_bytes(PROJECT)
    expected = len(names) + 1
    for output_format in OutputFormat:
        result = runner.invoke(app, ["check", str(folder), "-f", output_format.value])
        assert result.exit_code == 0, (output_format, result.output)
        _outputs_parse(output_format, result.stdout)
        written = folder.parent / f"{folder.name}.{output_format.value}.out"
        saved = runner.invoke(app, ["check", str(folder), "-f", f"{output_format.value}:{written}"])
        assert saved.exit_code == 0, (output_format, saved.output)
        _outputs_parse(output_format, written.read_text(encoding="utf-8"))
        written.unlink()
    report = json.loads(runner.invoke(app, ["check", str(folder), "-f", "json"]).stdout)
    assert len(report["files"]) == expected
    assert all(file["assessment"] is not None for file in report["files"])
    listed = runner.invoke(app, ["check", str(folder), "--list-files"])
    assert listed.exit_code == 0
    assert len(listed.stdout.splitlines()) == expected


def test_a_name_that_is_not_utf8_is_shown_by_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open(b"bad\xff.yaml", "wb") as handle:
        handle.write(PROJECT)
    report = json.loads(runner.invoke(app, ["check", ".", "-f", "json"]).stdout)
    assert [file["file"] for file in report["files"]] == ["bad\\xff.yaml"]
    shown = runner.invoke(app, ["assess", os.fsdecode(b"bad\xff.yaml")])
    assert shown.exit_code == 0
    assert "bad\\xff.yaml" in shown.stdout


@given(
    name=st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=30).filter(
        lambda text: not text.startswith("/")
    )
)
def test_sarif_uris_are_encoded_and_decode_to_the_name(name: str) -> None:
    location = artifact_location(name)
    uri = location["uri"]
    assert location["uriBaseId"] == "%SRCROOT%"
    # Only unreserved characters, '/' and percent escapes: nothing reads as a scheme,
    # a query or a fragment.
    assert all(char.isascii() and (char.isalnum() or char in "-._~/%") for char in uri)
    assert unquote(uri) == name


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("a#b.yaml", "a%23b.yaml"),
        ("q?x.yaml", "q%3Fx.yaml"),
        ("pct%41.yaml", "pct%2541.yaml"),
        ("C:\\x.yaml", "C%3A%5Cx.yaml"),
        ("dir/ok.yaml", "dir/ok.yaml"),
    ],
)
def test_sarif_uri_delimiters_stay_in_the_name(name: str, uri: str) -> None:
    assert artifact_location(name)["uri"] == uri


def test_a_file_outside_the_run_folder_gets_a_file_uri() -> None:
    assert artifact_location("/srv/x y.yaml") == {"uri": "file:///srv/x%20y.yaml"}
