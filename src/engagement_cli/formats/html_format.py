"""The `html` format: one self-contained page to open, email or attach to a CI run.

Inline CSS, SVG and a small script; a Content-Security-Policy forbids every network
request, so the page works offline and cannot leak. Without scripts it shows everything;
with them, it adds filtering by verdict and finding and a search by name (also driven by
the URL fragment, e.g. `report.html#verdict=co-creation&finding=over-claim&q=lego`).
Colour is never the only signal: every verdict and say level is also written out, and
chart bars carry patterns and labels. Every text from a project file is escaped.
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

from engagement_cli.formats.portfolio import claim_key, claim_matrix
from engagement_cli.formats.safe_text import log_inert, markup_escape, one_line
from engagement_cli.formats.wording import WORK_MARK, confidence_lines, readiness_summary
from engagement_cli.models.result import (
    Assessment,
    ClaimStatus,
    FileResult,
    Finding,
    Readiness,
    Report,
)

_SAY_CLASS = {
    "informed": "i1",
    "consulted": "i2",
    "involved": "i3",
    "shares decisions": "i4",
    "decides": "i5",
}
_PATTERNS = ("dots", "diagonal", "cross", "vertical", "horizontal", "grid", "solid")


def verdict_class(verdict: str, report: Report) -> str:
    """The colour class of a verdict: its place among the chart's bars (approaches in the
    rubric's order, then none, then invalid), so badges and bars agree."""
    keys = [*report.approaches, "none", "invalid"]
    return f"v{keys.index(verdict) % len(_PATTERNS)}" if verdict in keys else "v-other"


def text(value: str) -> str:
    """Project text as safe HTML: one line, controls neutralised, markup escaped."""
    return escape(one_line(value), quote=True)


def render_html(report: Report) -> str:
    """The whole report as one HTML page: a summary, filters and a card per file."""
    single = len(report.files) == 1
    title = (
        f"engage: {text(report.files[0].assessment.project)}"
        if single and report.files[0].assessment
        else f"engage report: {len(report.files)} files"
    )
    parts = [
        PAGE_HEAD.format(title=title, style=asset("report.css")),
        '<header class="page"><h1>Engagement approach report</h1>',
        f"<p>{len(report.files)} file{'s' if len(report.files) != 1 else ''} checked "
        f"against rubric <code>{text(report.rubric)}</code> by engage "
        f"{text(report.tool_version)}.</p></header><main>",
    ]
    if not single:
        parts.append(_summary(report))
        parts.append(_filters(report))
    parts.append('<section aria-labelledby="projects-title"><h2 id="projects-title">Projects</h2>')
    parts.extend(card(result, report, index) for index, result in enumerate(report.files))
    parts.append("</section></main>")
    parts.append(f"<script>{asset('report.js')}</script></body></html>\n")
    # The page printed to a CI log must not act as a workflow command; the style and
    # script have none, so this touches only text, where the entity reads back.
    return log_inert("".join(parts), markup_escape)


def _summary(report: Report) -> str:
    names = {**report.approach_names, "none": "None", "invalid": "Invalid file"}
    counts = report.counts_by_verdict()
    claims = dict.fromkeys(ClaimStatus, 0)
    rag = {"green": 0, "amber": 0, "red": 0, "not-assessed": 0}
    for result in report.files:
        if result.assessment is None:
            continue
        claims[result.assessment.claim.status] += 1
        if result.assessment.readiness:
            rag[result.assessment.readiness[0].status.value] += 1
    rows = "".join(
        f'<tr><th scope="row">{text(names[key])}</th><td>{count}</td></tr>'
        for key, count in counts.items()
    )
    return (
        '<section aria-labelledby="summary-title" class="summary">'
        '<h2 id="summary-title">Summary</h2>'
        f"{_chart(counts, names)}"
        '<div class="stats">'
        f'<table class="counts"><caption>Files per verdict</caption><tbody>{rows}</tbody></table>'
        '<ul class="tallies">'
        f"<li><strong>{claims[ClaimStatus.OVER_CLAIMS]}</strong> over-claim</li>"
        f"<li><strong>{claims[ClaimStatus.MISLABELS]}</strong> mislabel</li>"
        f"<li><strong>{claims[ClaimStatus.UNDER_CLAIMS]}</strong> under-claim</li>"
        f"<li><strong>{counts['invalid']}</strong> invalid file</li>"
        f"<li>Readiness for the verdict: <strong>{rag['green']}</strong> green, "
        f"<strong>{rag['amber']}</strong> amber, <strong>{rag['red']}</strong> red, "
        f"<strong>{rag['not-assessed']}</strong> not assessed</li>"
        "</ul></div>"
        f"{_matrix(report)}</section>"
    )


def _matrix(report: Report) -> str:
    """The claims-against-verdicts heat map; each cell links to the cards it counts."""
    matrix = claim_matrix(report)
    peak = max(matrix.counts.values(), default=1)
    head = "".join(f'<th scope="col">{text(matrix.names[key])}</th>' for key in matrix.columns)
    rows = []
    for claimed in matrix.rows:
        cells = []
        for verdict in matrix.columns:
            count = matrix.count(claimed, verdict)
            if not count:
                cells.append('<td class="zero">·</td>')
                continue
            # Heat as opacity of one colour, and the number always written out.
            heat = 0.15 + 0.6 * count / peak
            match = " same" if claimed == verdict else ""
            cells.append(
                f'<td class="hot{match}" style="--heat:{heat:.2f}">'
                f'<a href="#claimed={escape(claimed)}&amp;verdict={escape(verdict)}" '
                f'title="claim {text(matrix.names[claimed])}, verdict '
                f'{text(matrix.names[verdict])}">{count}</a></td>'
            )
        rows.append(
            f'<tr><th scope="row">{text(matrix.names[claimed])}</th>{"".join(cells)}'
            f"<td>{matrix.row_total(claimed)}</td></tr>"
        )
    return (
        '<div class="wide"><table class="matrix"><caption>Claims against verdicts: each row '
        "is what projects call themselves, each column what the evidence shows; select a "
        "number to show those projects</caption>"
        f'<thead><tr><th scope="col">Claimed</th>{head}<th scope="col">Total</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _chart(counts: dict[str, int], names: dict[str, str]) -> str:
    largest = max(counts.values()) or 1
    bar_height, gap, label_width, width = 26, 10, 150, 520
    height = len(counts) * (bar_height + gap) + gap
    defs = "".join(_pattern(index, name) for index, name in enumerate(_PATTERNS))
    bars = []
    for index, (key, count) in enumerate(counts.items()):
        y = gap + index * (bar_height + gap)
        length = round((width - label_width - 60) * count / largest)
        pattern = _PATTERNS[index % len(_PATTERNS)]
        bars.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end">{text(names[key])}</text>'
            f'<rect class="bar bar-{index}" x="{label_width}" y="{y}" width="{max(length, 1)}" '
            f'height="{bar_height}" fill="url(#p-{pattern})"><title>{text(names[key])}: '
            f"{count}</title></rect>"
            f'<text x="{label_width + max(length, 1) + 6}" y="{y + 18}">{count}</text>'
        )
    summary = ", ".join(f"{names[key]}: {count}" for key, count in counts.items())
    return (
        f'<figure class="chart"><svg role="img" aria-labelledby="chart-title chart-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        '<title id="chart-title">Files per verdict</title>'
        f'<desc id="chart-desc">{text(summary)}</desc><defs>{defs}</defs>{"".join(bars)}'
        "</svg><figcaption>Files per verdict</figcaption></figure>"
    )


def _pattern(index: int, name: str) -> str:
    shapes = {
        "dots": '<circle cx="3" cy="3" r="1.6"/>',
        "diagonal": '<path d="M0 6 L6 0" stroke-width="1.6"/>',
        "cross": '<path d="M0 0 L6 6 M6 0 L0 6" stroke-width="1.2"/>',
        "vertical": '<path d="M3 0 L3 6" stroke-width="1.8"/>',
        "horizontal": '<path d="M0 3 L6 3" stroke-width="1.8"/>',
        "grid": '<path d="M0 3 L6 3 M3 0 L3 6" stroke-width="1"/>',
        "solid": "",
    }
    return (
        f'<pattern id="p-{name}" class="fill-{index}" patternUnits="userSpaceOnUse" '
        f'width="6" height="6"><rect width="6" height="6"/>'
        f'<g class="ink">{shapes[name]}</g></pattern>'
    )


def _filters(report: Report) -> str:
    names = {**report.approach_names, "none": "None", "invalid": "Invalid file"}
    verdicts = "".join(
        f'<option value="{escape(key)}">{text(name)}</option>' for key, name in names.items()
    )
    matrix = claim_matrix(report)
    claims = "".join(
        f'<option value="{escape(key)}">{text(matrix.names[key])}</option>' for key in matrix.rows
    )
    found = sorted({finding.id for result in report.files for finding in result.findings})
    findings = "".join(f'<option value="{escape(key)}">{escape(key)}</option>' for key in found)
    return (
        '<section id="filters" class="filters" aria-labelledby="filters-title" hidden>'
        '<h2 id="filters-title">Filter</h2>'
        f'<label>Verdict <select id="filter-verdict"><option value="">any</option>{verdicts}'
        "</select></label>"
        f'<label>Claimed <select id="filter-claimed"><option value="">any</option>{claims}'
        "</select></label>"
        f'<label>Finding <select id="filter-finding"><option value="">any</option>{findings}'
        "</select></label>"
        '<label>Search names <input type="search" id="filter-search"></label>'
        '<p id="filter-count" role="status"></p></section>'
    )


def card(result: FileResult, report: Report, index: int) -> str:
    """One file's card: the verdict and everything that explains it."""
    findings = " ".join(sorted({finding.id for finding in result.findings}))
    assessment = result.assessment
    verdict = assessment.verdict if assessment else "invalid"
    name = assessment.project if assessment else result.file
    opening = (
        f'<article class="card" id="file-{index}" data-verdict="{escape(verdict)}" '
        f'data-claimed="{escape(claim_key(result.claimed))}" '
        f'data-findings="{escape(findings)}" '
        f'data-name="{text((name + " " + result.file).lower())}" '
        f'aria-labelledby="file-{index}-title">'
        f'<header><h3 id="file-{index}-title">{text(name)}</h3>'
        f'<p class="file">{text(result.file)}</p></header>'
    )
    if assessment is None:
        problems = "".join(_finding(finding) for finding in result.findings)
        return (
            f'{opening}<p class="badge invalid">Could not be assessed</p>'
            f'<ul class="findings">{problems}</ul></article>'
        )
    return "".join(
        [
            opening,
            _facts(result, assessment, report),
            _map(assessment),
            _changes(assessment, report),
            _practice(assessment, report),
            _criteria(assessment, report),
            _readiness(assessment.readiness, report),
            _findings(result),
            "</article>",
        ]
    )


def _facts(result: FileResult, assessment: Assessment, report: Report) -> str:
    names = report.approach_names
    claimed = text(names.get(result.claimed, result.claimed)) if result.claimed else "no claim"
    runner_up = (
        f" · runner-up {text(names.get(assessment.runner_up, assessment.runner_up))}"
        if assessment.runner_up
        else ""
    )
    claim_class = {"over-claims": "bad", "mislabels": "warn", "under-claims": "warn"}.get(
        assessment.claim.status, "ok"
    )
    confidence = "".join(f"<li>{text(line)}</li>" for line in confidence_lines(assessment, report))
    readiness = (
        f"{text(readiness_summary(assessment.readiness[0]))} for "
        f"{text(assessment.readiness[0].approach_name)}"
        if assessment.readiness
        else "no checklist"
    )
    return (
        '<dl class="facts">'
        f'<dt>Verdict</dt><dd><span class="badge verdict '
        f'{verdict_class(assessment.verdict, report)}">'
        f"{text(assessment.verdict_name)}</span> "
        f"confidence {assessment.confidence:.0%} ({text(assessment.confidence_label)})"
        f"{runner_up}</dd>"
        f"<dt>Why</dt><dd>{text(assessment.verdict_reason)}"
        f"{'<ul>' + confidence + '</ul>' if confidence else ''}</dd>"
        f"<dt>Claimed</dt><dd>{claimed}</dd>"
        f'<dt>Claim check</dt><dd class="{claim_class}">{text(assessment.claim.message)}</dd>'
        f"<dt>Readiness</dt><dd>{readiness}</dd></dl>"
    )


def _map(assessment: Assessment) -> str:
    if not assessment.participation:
        return ""  # a lean assessment (see `names.explains`) has no map
    stages = [cell.stage for cell in assessment.participation[0].stages]
    head = "".join(f'<th scope="col">{escape(stage.capitalize())}</th>' for stage in stages)
    rows = []
    for row in assessment.participation:
        cells = "".join(map_cell(cell.say, cell.does_work) for cell in row.stages)
        responsibility = (
            f"★ {escape(', '.join(row.shares_responsibility_for))}"
            if row.shares_responsibility_for
            else "—"
        )
        rows.append(
            f'<tr><th scope="row">{text(row.group)}<br><small>{escape(row.role)}, '
            f"{escape(row.relationship)}</small></th>{cells}<td>{responsibility}</td></tr>"
        )
    return (
        '<div class="wide"><table class="map"><caption>Participation map: each group\'s say '
        f"at each stage; {escape(WORK_MARK)} marks the group's own work there; ★ marks shared "
        "responsibility</caption>"
        f'<thead><tr><th scope="col">Group</th>{head}'
        f'<th scope="col">Shares responsibility for</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def map_cell(say: str | None, does_work: bool, changed: bool = False) -> str:
    """One participation-map cell: the say, the work mark, and `changed` for compare."""
    mark = " changed" if changed else ""
    if say is None and not does_work:
        return f'<td class="none{mark}"><span aria-label="no part">·</span></td>'
    work = f"<br><small>{escape(WORK_MARK)}</small>" if does_work else ""
    label = escape(say) if say else '<span aria-label="no say">—</span>'
    css = _SAY_CLASS.get(say or "", "work")
    return f'<td class="{css}{mark}">{label}{work}</td>'


def _changes(assessment: Assessment, report: Report) -> str:
    if not assessment.changes:
        return (
            "<h4>What would change the verdict</h4><p>This approach shares the most power of "
            "the rubric's approaches.</p>"
        )
    parts = ["<h4>What would change the verdict</h4>"]
    for target in assessment.changes:
        name = text(report.approach_names.get(target.approach, target.approach))
        heading = f"To be {name} (as claimed)" if target.reason == "claimed" else f"To reach {name}"
        items = "".join(
            f"<li>{text(change.text)} <code>{escape(change.criterion)}</code></li>"
            for change in target.changes
        )
        parts.append(f"<p><b>{heading}</b></p><ul>{items}</ul>")
    return "".join(parts)


def _practice(assessment: Assessment, report: Report) -> str:
    if not assessment.practice:
        return ""
    items = []
    for item in assessment.practice:
        info = report.criterion(item.criterion)
        title = text(info.title) if info else escape(item.criterion)
        state = '<span class="ok">done</span>' if item.met else '<span class="warn">to do</span>'
        advice = f" — {text(item.change)}" if item.change else ""
        items.append(f"<li>{state}: {title}{advice}</li>")
    return (
        f"<h4>Good practice for {text(assessment.verdict_name)} "
        f"<small>(never changes the verdict)</small></h4><ul>{''.join(items)}</ul>"
    )


def _criteria(assessment: Assessment, report: Report) -> str:
    met = sum(criterion.met for criterion in assessment.criteria)
    rows = []
    for criterion in assessment.criteria:
        info = report.criterion(criterion.id)
        title = text(info.title) if info else escape(criterion.id)
        sources = "".join(
            f"<li><b>[{text(cite.source)}]</b> “{text(cite.quote)}”</li>"
            for cite in (info.citations if info else [])
        )
        evidence = "".join(
            f"<li>{'line ' + str(item.line) + ': ' if item.line else ''}"
            f"{text(item.group) + ': ' if item.group else ''}{text(item.test)} = "
            f"{text(item.value)}</li>"
            for item in criterion.evidence[:6]
        )
        mark = (
            '<span class="ok">met</span>' if criterion.met else '<span class="bad">not met</span>'
        )
        rows.append(
            f"<tr><td>{mark}</td><td>{title}<br><code>{escape(criterion.id)}</code></td>"
            f"<td><ul>{evidence or '<li>—</li>'}</ul></td><td><ul>{sources}</ul></td></tr>"
        )
    return (
        f"<details><summary>Criteria: {met} met, {len(assessment.criteria) - met} not met"
        '</summary><div class="wide"><table class="criteria"><thead><tr><th scope="col">Met'
        '</th><th scope="col">Criterion</th><th scope="col">Evidence</th>'
        f'<th scope="col">Source</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        "</details>"
    )


def _readiness(readiness: list[Readiness], report: Report) -> str:
    parts = []
    for checklist in readiness:
        items = []
        for item in checklist.items:
            info = report.checklist_item(item.id)
            items.append(
                f"<li><b>{escape(item.answer)}</b>: "
                f"{text(info.text) if info else escape(item.id)}</li>"
            )
        parts.append(
            f"<details><summary>Readiness for {text(checklist.approach_name)}: "
            f'<span class="rag {checklist.status.value}">'
            f"{text(readiness_summary(checklist))}</span></summary>"
            f"<ul>{''.join(items)}</ul></details>"
        )
    return "".join(parts)


def _findings(result: FileResult) -> str:
    if not result.findings:
        return ""
    return (
        f'<h4>Findings</h4><ul class="findings">'
        f"{''.join(_finding(finding) for finding in result.findings)}</ul>"
    )


def _finding(finding: Finding) -> str:
    where = f"line {finding.line}: " if finding.line else ""
    field = f"<code>{text(finding.field)}</code> " if finding.field else ""
    suppressed = (
        f" <em>suppressed: {text(finding.suppressed)}</em>"
        if finding.suppressed is not None
        else ""
    )
    return (
        f'<li class="sev-{escape(finding.severity.value)}"><b>{escape(finding.severity.value)}'
        f"</b> <code>{escape(finding.id)}</code> {where}{field}{text(finding.message)}"
        f"{suppressed}</li>"
    )


_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
PAGE_HEAD = (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
    "<title>{title}</title><style>{style}</style></head><body>\n"
)
_ASSETS = Path(__file__).with_name("assets")


@cache
def asset(name: str) -> str:
    """A file from the page assets (style sheet, script), read once."""
    return (_ASSETS / name).read_text(encoding="utf-8")
