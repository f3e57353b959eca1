"""The `junit` format: one testcase per file, for Jenkins, GitLab and other CI systems.

A file passes when none of its findings reaches the run's failure threshold; one that
does is a <failure>; one that could not be assessed is an <error>. Validates against the
Apache Ant JUnit schema, the strictest one CI systems read.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from engagement_cli.formats.options import RenderOptions
from engagement_cli.formats.safe_text import log_inert, markup_escape, one_line, plain_escape
from engagement_cli.formats.text_format import finding_line, verdict_line
from engagement_cli.models.result import Report

# Characters XML 1.0 cannot hold at all, not even as a character reference.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(report: Report, options: RenderOptions) -> str:
    """The report as a JUnit XML document."""
    failures = sum(1 for result in report.files if result.is_valid and report.failing(result))
    errors = sum(1 for result in report.files if not result.is_valid)
    suite = ElementTree.Element(
        "testsuite",
        {
            "name": "engage",
            "timestamp": options.timestamp,
            "hostname": one_line(options.hostname),
            "tests": str(len(report.files)),
            "failures": str(failures),
            "errors": str(errors),
            "skipped": "0",
            "time": "0",
        },
    )
    properties = ElementTree.SubElement(suite, "properties")
    for name, value in (
        ("engage.version", report.tool_version),
        ("engage.rubric", report.rubric),
        ("engage.fail-on", report.fail_on.value),
        ("engage.require", report.require or ""),
    ):
        ElementTree.SubElement(properties, "property", {"name": name, "value": one_line(value)})
    for result in report.files:
        verdict = result.assessment.verdict if result.assessment else "invalid"
        case = ElementTree.SubElement(
            suite,
            "testcase",
            {"name": one_line(result.file), "classname": f"engage.{verdict}", "time": "0"},
        )
        details = "\n".join(finding_line(finding) for finding in result.findings)
        if not result.is_valid:
            first = result.findings[0] if result.findings else None
            error = ElementTree.SubElement(
                case,
                "error",
                {
                    "message": one_line(first.message) if first else "could not be assessed",
                    "type": first.id if first else "invalid",
                },
            )
            error.text = details
            continue
        failing = report.failing(result)
        if failing:
            failure = ElementTree.SubElement(
                case, "failure", {"message": one_line(failing[0].message), "type": failing[0].id}
            )
            failure.text = details
    ElementTree.SubElement(suite, "system-out").text = "\n".join(
        verdict_line(result) for result in report.files if result.is_valid
    )
    ElementTree.SubElement(suite, "system-err").text = ""
    ElementTree.indent(suite)
    # Every text from a file has been through one_line, which escapes these; this keeps
    # the document well-formed whatever a future field lets through.
    body = _NOT_XML.sub(
        lambda match: plain_escape(match.group()), ElementTree.tostring(suite, encoding="unicode")
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{log_inert(body, markup_escape)}\n'
