"""Policy: which findings a file gets, at what severity, and which the project silences.

Findings are the stable, machine-readable part of a report. Every id that can appear is
listed in `RULES`, so SARIF and JUnit can describe them and users can suppress them.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from engagement_cli.loading.problems import MAX_PROBLEMS, FieldPath, Problem, echo, format_path
from engagement_cli.models.project import Project, Role
from engagement_cli.models.result import (
    NO_VERDICT,
    Assessment,
    ClaimStatus,
    Finding,
    RuleInfo,
    Severity,
)
from engagement_cli.rubric.compiled import Relation, Rubric

Positions = Mapping[FieldPath, tuple[int, int]]


def _rule(
    rule_id: str, summary: str, help_text: str, severity: Severity = Severity.ERROR
) -> RuleInfo:
    return RuleInfo.model_construct(
        id=rule_id, summary=summary, help=help_text, default_severity=severity
    )


_INPUT_HELP = "Fix the file as the message says; `engage schema` describes every field."

RULES: dict[str, RuleInfo] = {
    rule.id: rule
    for rule in [
        _rule(
            "over-claim",
            "The project claims more shared power than the evidence shows",
            "Either change the claimed_approach to the verdict, or make the changes listed under "
            "'what would change the verdict' (`engage assess FILE`).",
        ),
        _rule(
            "mislabel",
            "The project claims a different kind of approach from the one the evidence shows",
            "The claimed approach shares neither more nor less power than the verdict: it is a "
            "different kind. Change the claimed_approach, or make the changes listed under "
            "'what would change the verdict' (`engage assess FILE`).",
            Severity.WARNING,
        ),
        _rule(
            "under-claim",
            "The project claims less shared power than the evidence shows",
            "Consider claiming the approach the evidence supports.",
            Severity.NOTE,
        ),
        _rule(
            "below-required",
            "The project does not reach the approach the policy requires",
            "Make the changes listed under 'what would change the verdict' "
            "(`engage assess FILE`), or lower --require.",
        ),
        _rule(
            "no-work-recorded",
            "No group is recorded as doing work at any stage",
            "Add `does_work: true` to the stages where a group's own work goes in (format 1 "
            "files could not say so); without it, nobody is known to build or deliver anything.",
            Severity.NOTE,
        ),
        _rule(
            "empty-stage",
            "A stage is listed with neither say nor work",
            "Give the group's say there, add does_work: true, or leave the stage out; engage "
            "reads it as taking no part.",
            Severity.NOTE,
        ),
        _rule(
            "no-stages",
            "A group is listed with no stages",
            "Add the stages where the group has a say or does work, or remove the group; "
            "engage reads a group without stages as taking no part.",
            Severity.NOTE,
        ),
        _rule(
            "no-provider",
            "No group is marked as the provider",
            "Add the organisation or team that owns the offering as a group with role: provider; "
            "without one, engage can only call the project user-led.",
            Severity.WARNING,
        ),
        _rule(
            "unknown-suppression",
            "A suppression names a finding id that does not exist",
            "Use one of the ids listed by `engage check --help` or remove the suppression.",
            Severity.WARNING,
        ),
        _rule(
            "unreadable", "The file cannot be read", "Check that the file exists and can be read."
        ),
        _rule("not-a-file", "The path is a directory, not a file", "Point engage at YAML files."),
        _rule(
            "file-too-large",
            "The file is over the size limit",
            "Split the file, or raise the limit with --max-file-size.",
        ),
        _rule("not-text", "The file is not UTF-8 text", "Save the file as UTF-8 YAML."),
        _rule("empty-file", "The file has no content", "Describe a project; see `engage init`."),
        _rule(
            "yaml-syntax",
            "The file is not valid YAML",
            "Fix the YAML syntax at the location given.",
        ),
        _rule(
            "multiple-documents",
            "The file holds several YAML documents",
            "Put one project in each file.",
        ),
        _rule(
            "duplicate-key",
            "A key appears twice in one mapping",
            "Remove or merge the repeated key; YAML would silently keep only one.",
        ),
        _rule(
            "unsafe-tag",
            "The file uses a YAML tag engage does not allow",
            "Write plain YAML: mappings, lists, text, numbers, true/false and null.",
        ),
        _rule(
            "merge-key", "The file uses a YAML merge key ('<<')", "Write the fields out in full."
        ),
        _rule(
            "complex-key", "A mapping key is a list, mapping or alias", "Use plain names as keys."
        ),
        _rule(
            "duplicate-anchor",
            "An anchor name is defined twice",
            "Give each anchor its own name; an alias would otherwise be ambiguous.",
        ),
        _rule(
            "bad-alias",
            "An alias refers to an undefined or enclosing anchor",
            "Define each anchor before its aliases, and never inside itself.",
        ),
        _rule(
            "too-many-nodes",
            "The document expands to too many values",
            "Remove repeated anchors and aliases; a project needs few values.",
        ),
        _rule("too-deep", "The document nests too deeply", "Flatten the structure."),
        _rule(
            "too-many-groups",
            "The project lists more groups than the limit",
            "Merge similar groups, or raise the limit with --max-groups.",
        ),
        _rule(
            "not-a-mapping",
            "The document is not a mapping of fields",
            "Start the file with fields such as 'name:' and 'groups:'.",
        ),
        _rule("unknown-field", "The file has a field engage does not know", _INPUT_HELP),
        _rule("missing-field", "A required field is missing", _INPUT_HELP),
        _rule("invalid-value", "A field has a value that is not allowed", _INPUT_HELP),
        _rule(
            "more-findings",
            "The file has more findings than engage lists for one file",
            "Fix the findings listed first; engage lists at most 100 per file and counts the rest.",
        ),
        _rule(
            "unknown-approach",
            "claimed_approach is not an approach in the rubric",
            "Use one of the rubric's approaches or its aliases (`engage explain APPROACH`), "
            "or leave the claim out; the project is assessed as making no claim.",
            Severity.WARNING,
        ),
        _rule(
            "unknown-readiness-item",
            "A readiness answer names no checklist item",
            "Use the item ids listed by `engage checklist APPROACH`.",
        ),
    ]
}


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {echo(close[0])}?)" if close else ""


@dataclass(frozen=True)
class Policy:
    """What a run treats as a problem."""

    require: str | None = None
    """An approach id every project must reach: that approach or one above it."""


def input_findings(problems: list[Problem], file: str, omitted: int = 0) -> list[Finding]:
    """Findings for a file that could not be read or validated.

    `omitted` counts problems found but not described; they are reported as errors,
    which every input problem is, in one `more-findings` finding.
    """
    findings = [
        Finding.model_construct(
            id=problem.id,
            severity=RULES[problem.id].default_severity if problem.id in RULES else Severity.ERROR,
            message=problem.message,
            file=file,
            field=problem.field,
            line=problem.line,
            column=problem.column,
        )
        for problem in problems
    ]
    return capped(findings, file, omitted)


def capped(
    findings: list[Finding], file: str, omitted: int = 0, limit: int = MAX_PROBLEMS
) -> list[Finding]:
    """At most `limit` findings, then one `more-findings` finding that counts the rest.

    The count finding takes the severity of the worst finding it stands for, so the cap
    never changes whether a run fails.
    """
    if len(findings) <= limit and not omitted:
        return findings
    kept, dropped = findings[:limit], findings[limit:]
    count = len(dropped) + omitted
    severities = [finding.severity for finding in dropped if finding.suppressed is None]
    if omitted:
        severities.append(Severity.ERROR)
    worst = max(severities, key=lambda severity: severity.weight, default=Severity.NOTE)
    first_line = dropped[0].line if dropped else None
    summary = Finding.model_construct(
        id="more-findings",
        severity=worst,
        message=f"and {count:,} more finding{'s' if count != 1 else ''} in this file, not "
        f"listed: engage lists at most {limit} per file",
        file=file,
        line=first_line,
        column=dropped[0].column if dropped else None,
    )
    return [*kept, summary]


RUNNER_POLICY = frozenset({"below-required"})
"""Findings that the runner's settings create, which a project's own suppressions cannot
silence."""


def policy_findings(
    assessment: Assessment,
    project: Project,
    rubric: Rubric,
    policy: Policy,
    file: str,
    positions: Positions,
    problems: Sequence[Problem] = (),
) -> list[Finding]:
    """The findings an assessed project gets, with the project's suppressions applied.

    `problems` are input problems that did not stop the assessment (an unknown claimed
    approach): they are reported first, and can be suppressed like any finding.
    """

    def at(rule_id: str, message: str, path: FieldPath) -> Finding:
        line, column = positions.get(path, (None, None))
        return Finding.model_construct(
            id=rule_id,
            severity=RULES[rule_id].default_severity,
            message=message,
            file=file,
            field=format_path(path) or None,
            line=line,
            column=column,
        )

    findings: list[Finding] = input_findings(list(problems), file) if problems else []
    claim = assessment.claim
    claim_findings = {
        ClaimStatus.OVER_CLAIMS: "over-claim",
        ClaimStatus.MISLABELS: "mislabel",
        ClaimStatus.UNDER_CLAIMS: "under-claim",
    }
    if claim.status in claim_findings:
        findings.append(at(claim_findings[claim.status], claim.message, ("claimed_approach",)))
    if policy.require is not None and not rubric.at_least(assessment.verdict, policy.require):
        required = rubric.approach(policy.require).name
        # "Below" is not always true: the verdict can be another kind at about the same
        # level, which a funder must read as such.
        if (
            assessment.verdict != NO_VERDICT
            and rubric.relation(assessment.verdict, policy.require) is Relation.UNORDERED
        ):
            shown = (
                f"the evidence shows {assessment.verdict_name}, a different kind of approach "
                f"(neither above nor below {required})"
            )
        else:
            shown = f"the evidence shows {assessment.verdict_name}"
        findings.append(
            at(
                "below-required",
                f"The policy requires {required} or an approach above it; {shown}.",
                ("name",),
            )
        )
    if not any(part.does_work for group in project.groups for part in group.stages.values()):
        findings.append(
            at(
                "no-work-recorded",
                "no group is recorded as doing work at any stage; add does_work: true where a "
                "group's own work goes into a stage",
                ("groups",),
            )
        )
    for index, group in enumerate(project.groups):
        if not group.stages:
            findings.append(
                at(
                    "no-stages",
                    f"group {echo(group.name)} has no stages; engage reads it as taking no part",
                    ("groups", index),
                )
            )
        for stage, part in group.stages.items():
            if part.is_empty:
                findings.append(
                    at(
                        "empty-stage",
                        f"{stage.value} is listed with neither a say nor does_work: true; "
                        "engage reads it as taking no part there",
                        ("groups", index, "stages", stage.value),
                    )
                )
    if not any(group.role is Role.PROVIDER for group in project.groups):
        findings.append(
            at(
                "no-provider",
                "no group has role: provider; mark the organisation or team that owns the "
                "offering, or the project can only be read as user-led",
                ("groups",),
            )
        )
    # The runner's policy (--require) is not the project's to silence: a file cannot
    # exempt itself from the requirement it is judged by.
    reasons = {
        suppression.finding: suppression.reason
        for suppression in project.suppress
        if suppression.finding not in RUNNER_POLICY
    }
    findings = [
        finding.model_copy(update={"suppressed": reasons[finding.id]})
        if finding.id in reasons
        else finding
        for finding in findings
    ]
    for index, suppression in enumerate(project.suppress):
        if suppression.finding in RUNNER_POLICY:
            findings.append(
                at(
                    "unknown-suppression",
                    f"{echo(suppression.finding)} is the runner's policy (--require), which a "
                    "project file cannot suppress; the suppression is ignored",
                    ("suppress", index, "finding"),
                )
            )
        elif suppression.finding not in RULES:
            findings.append(
                at(
                    "unknown-suppression",
                    f"suppression names unknown finding {echo(suppression.finding)}"
                    f"{_suggest(suppression.finding, list(RULES))}",
                    ("suppress", index, "finding"),
                )
            )
    return capped(findings, file)
