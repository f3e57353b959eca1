"""The HTML report in a real browser: headless Chromium renders, filters, stays offline."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engagement_cli.cli import app
from tests.conftest import EXAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOTAL = len(list(EXAMPLES.glob("*.yaml")))
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium; .ci/run installs it)",
)

# Flags for a sandboxed, offline, deterministic headless run.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["check", str(EXAMPLES), "-f", "html", "-o", str(path)])
    assert result.exit_code == 1  # the examples include over-claims
    return path


def _chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM is not None
    completed = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def test_cards_and_chart_render_and_a_screenshot_is_taken(report: Path, tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", report.as_uri())
    assert dom.count('<article class="card"') == TOTAL
    assert '<svg role="img"' in dom
    assert f"{TOTAL} of {TOTAL} shown" in dom, "the script ran and found every card"
    screenshot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1280,1600", report.as_uri())
    assert screenshot.stat().st_size > 10_000


def test_filtering_by_verdict_finding_and_name(report: Path, tmp_path: Path) -> None:
    co_creation = sum(verdict == "co-creation" for verdict in _example_verdicts().values())
    dom = _chromium(tmp_path, "--dump-dom", report.as_uri() + "#verdict=co-creation")
    assert f"{co_creation} of {TOTAL} shown" in dom
    cards = re.findall(r"<article [^>]*>", dom)
    assert sum(' hidden=""' in card for card in cards) == TOTAL - co_creation
    dom = _chromium(tmp_path, "--dump-dom", report.as_uri() + "#finding=over-claim")
    assert f"1 of {TOTAL} shown" in dom
    dom = _chromium(tmp_path, "--dump-dom", report.as_uri() + "#q=lego")
    assert f"1 of {TOTAL} shown" in dom


def _example_verdicts() -> dict[str, str]:
    result = CliRunner().invoke(app, ["check", str(EXAMPLES), "-f", "json"])
    return {
        file["file"]: file["assessment"]["verdict"] for file in json.loads(result.stdout)["files"]
    }


def _page_requests(tmp_path: Path, url: str) -> list[str]:
    """URLs the page itself asked for (not Chromium's own background requests)."""
    log = tmp_path / "netlog.json"
    _chromium(tmp_path, f"--log-net-log={log}", "--dump-dom", url)
    text = log.read_text(encoding="utf-8", errors="replace").rstrip()
    # Chromium may stop before closing the log's JSON; close it ourselves.
    data = json.loads(text if text.endswith("}") else text.rstrip(",") + "]}")
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requests = [event.get("params", {}) for event in data["events"] if event["type"] == start_job]
    return sorted(
        params["url"]
        for params in requests
        # The browser's own requests (time, accounts) have no page origin.
        if params.get("initiator") != "not an origin"
        and not str(params.get("url", "file:")).startswith("file:")
    )


def test_no_network_request_is_made(report: Path, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text('<img src="http://127.0.0.1:9/pixel.png">')
    assert _page_requests(tmp_path, control.as_uri()) == ["http://127.0.0.1:9/pixel.png"], (
        "the check must be able to see a page's request"
    )
    assert _page_requests(tmp_path, report.as_uri()) == []


_PROBE = """<script>
window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const beyond = [...document.querySelectorAll("body *")]
    .filter((element) => !element.closest(".wide"))
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .map((element) => element.tagName + "." + element.getAttribute("class"));
  // Ids such as shared-define must not break at their hyphen onto two lines.
  const broken = [...document.querySelectorAll("code")]
    .filter((element) => element.getClientRects().length > 1)
    .map((element) => element.textContent);
  const ink = getComputedStyle(document.body).color;
  const badges = [...document.querySelectorAll(".badge.verdict")]
    .map((element) => getComputedStyle(element).color)
    .filter((color) => color === ink);
  document.body.setAttribute("data-probe", JSON.stringify({
    scroll: document.documentElement.scrollWidth, client: width,
    beyond: beyond.slice(0, 10), broken: broken.slice(0, 10), plainBadges: badges.length,
  }));
});
</script></body>"""
_FRAME = """<!doctype html><html><body style="margin:0">
<iframe id="page" src="probed.html" style="width:{width}px;height:900px;border:0"></iframe>
<script>
document.getElementById("page").addEventListener("load", () => setTimeout(() => {{
  const inner = document.getElementById("page").contentDocument.body;
  document.body.setAttribute("data-result", inner.getAttribute("data-probe"));
}}, 300));
</script></body></html>"""


@pytest.mark.parametrize("width", [375, 1280])
def test_no_horizontal_overflow_on_a_phone_or_a_desktop(
    report: Path, tmp_path: Path, width: int
) -> None:
    measured = _measure(report, tmp_path, width)
    assert measured["client"] == width
    assert measured["scroll"] <= width, measured
    assert measured["beyond"] == [], measured
    assert measured["broken"] == [], "criterion ids broken across lines"
    assert measured["plainBadges"] == 0, "verdict badges take their approach's colour"


@pytest.fixture(scope="module")
def compare_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("compare")
    plan, after = folder / "plan", folder / "report"
    plan.mkdir()
    after.mkdir()
    shutil.copy(EXAMPLES / "exercise-programme-co-produced.yaml", plan / "exercise.yaml")
    shutil.copy(EXAMPLES / "exercise-programme-collaborative.yaml", after / "exercise.yaml")
    shutil.copy(EXAMPLES / "library-opening-hours-survey.yaml", plan / "library.yaml")
    shutil.copy(EXAMPLES / "outpatient-booking-co-design.yaml", after / "library.yaml")
    shutil.copy(EXAMPLES / "lego-ideas.yaml", plan / "only-planned.yaml")
    path = folder / "compare.html"
    result = CliRunner().invoke(
        app, ["compare", str(plan), str(after), "-o", str(path), "-f", "html"]
    )
    assert result.exit_code == 1, result.output
    return path


@pytest.fixture(scope="module")
def long_names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report whose file and project names are long words, as real proposals have."""
    folder = tmp_path_factory.mktemp("long")
    text = (EXAMPLES / "lego-ideas.yaml").read_text(encoding="utf-8")
    long_name = "Community_health_co_production_pilot_" * 3
    renamed = re.sub(r"^name: .*$", f"name: {long_name}", text, count=1, flags=re.M)
    stem = "community_health_co_production_pilot_final_version_2_" * 2
    (folder / f"{stem}.yaml").write_text(renamed, encoding="utf-8")
    path = folder / "report.html"
    CliRunner().invoke(app, ["check", str(folder), "-f", "html", "-o", str(path)])
    return path


@pytest.mark.parametrize("width", [375, 1280])
def test_long_names_wrap_rather_than_overflow(long_names: Path, tmp_path: Path, width: int) -> None:
    measured = _measure(long_names, tmp_path, width)
    assert measured["scroll"] <= width, measured
    assert measured["beyond"] == [], measured


def _measure(page: Path, tmp_path: Path, width: int) -> dict:  # type: ignore[type-arg]
    """The page's layout at `width`, measured by a probe added to a copy of it.

    Headless Chromium will not make a window narrower than 500 px, so the page is
    measured inside a frame of the width wanted.
    """
    (tmp_path / "probed.html").write_text(
        page.read_text(encoding="utf-8").replace("</body>", _PROBE), encoding="utf-8"
    )
    frame = tmp_path / "frame.html"
    frame.write_text(_FRAME.format(width=width), encoding="utf-8")
    dom = _chromium(
        tmp_path,
        "--allow-file-access-from-files",
        "--window-size=1400,900",
        "--virtual-time-budget=3000",
        "--dump-dom",
        frame.as_uri(),
    )
    found = re.search(r'data-result="([^"]*)"', dom)
    assert found, "the probe did not run"
    return json.loads(html.unescape(found.group(1)))  # type: ignore[no-any-return]


@pytest.mark.parametrize("width", [375, 1280])
def test_the_compare_page_fits_a_phone_and_a_desktop(
    compare_page: Path, tmp_path: Path, width: int
) -> None:
    measured = _measure(compare_page, tmp_path, width)
    assert measured["client"] == width
    assert measured["scroll"] <= width, measured
    assert measured["beyond"] == [], measured


def test_the_compare_page_marks_changed_cells_side_by_side(
    compare_page: Path, tmp_path: Path
) -> None:
    dom = _chromium(tmp_path, "--dump-dom", compare_page.as_uri())
    assert dom.count('<div class="pair">') == 3
    assert dom.count('<table class="map">') == 5  # two pairs, and the unreported plan's map
    assert re.search(r'<td class="[^"]* changed"', dom)
    # A removed group is outlined on the plan's map; lost responsibility on the report's.
    assert '<th scope="row" class="changed">potential class members' in dom
    assert '<td class="changed">' in dom


def test_matrix_cells_filter_the_cards(report: Path, tmp_path: Path) -> None:
    page = report.read_text(encoding="utf-8")
    links = re.findall(r'href="#(claimed=[^"]+)"', page)
    assert links, "the matrix links its cells"
    dom = _chromium(
        tmp_path, "--dump-dom", report.as_uri() + "#claimed=co-production&verdict=consultation"
    )
    assert f"1 of {TOTAL} shown" in dom
    dom = _chromium(tmp_path, "--dump-dom", report.as_uri() + "#claimed=no-claim")
    no_claim = sum(1 for verdict in _example_claims() if verdict is None)
    assert f"{no_claim} of {TOTAL} shown" in dom


def _example_claims() -> list[str | None]:
    import yaml

    return [
        yaml.safe_load(path.read_text(encoding="utf-8")).get("claimed_approach")
        for path in sorted(EXAMPLES.glob("*.yaml"))
    ]
