"""Running assessments over files: the one place that reads project files for a report.

It ties the pure pieces together (loading, rubric checks, engine, policy) and turns
every input problem into an error result for that file, so one bad file never loses
the results of the others.
"""

from __future__ import annotations

import contextlib
import multiprocessing.connection
import multiprocessing.process
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import InvalidStateError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from engagement_cli import __version__
from engagement_cli.discovery import Candidate
from engagement_cli.engine.assess import assess
from engagement_cli.engine.policy import RULES, Policy, input_findings, policy_findings
from engagement_cli.engine.readiness import checklist_catalogue, criteria_catalogue
from engagement_cli.exit_codes import WorkerStopped
from engagement_cli.formats.names import OutputFormat
from engagement_cli.formats.streams import render_file
from engagement_cli.loading.limits import Limits
from engagement_cli.loading.problems import InputError
from engagement_cli.loading.project_file import LoadedProject, read_project_file
from engagement_cli.models.project import Project
from engagement_cli.models.result import FileResult, Report, Severity
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.rubric.load import load_rubric
from engagement_cli.rubric.project_check import UNKNOWN_CLAIM, check_against_rubric


@dataclass(frozen=True)
class Settings:
    """Everything that decides how files are assessed."""

    rubric: Rubric
    policy: Policy = field(default_factory=Policy)
    limits: Limits = field(default_factory=Limits)
    explain: bool = True
    """Whether assessments carry their explanation (criteria's evidence, what would change
    the verdict, the participation map, good practice); without it they are the lean ones
    a lean report shows, decided by the rubric's compiled decider alone (see `assess`)."""


def assess_loaded(loaded: LoadedProject, label: str, settings: Settings) -> FileResult:
    """Assess an already-validated project."""
    problems = check_against_rubric(loaded, settings.rubric)
    # A label the rubric does not know is reported, and the project is assessed as making
    # no claim: the facts, not the word, decide the verdict.
    blocking = [problem for problem in problems if problem.id != UNKNOWN_CLAIM]
    if blocking:
        return FileResult.model_construct(
            file=label, assessment=None, findings=input_findings(problems, label)
        )
    positions = loaded.document.values
    assessment = assess(loaded.project, settings.rubric, positions, explain=settings.explain)
    findings = policy_findings(
        assessment, loaded.project, settings.rubric, settings.policy, label, positions, problems
    )
    return FileResult.model_construct(
        file=label, assessment=assessment, claimed=assessment.claim.claimed, findings=findings
    )


def assess_path(path: Path, label: str, settings: Settings) -> FileResult:
    """Read, validate and assess one file; never raises for a problem with the file."""
    return assess_path_and_project(path, label, settings)[0]


def assess_path_and_project(
    path: Path, label: str, settings: Settings
) -> tuple[FileResult, Project | None]:
    """`assess_path`, also giving the validated project (None if the file was invalid)."""
    try:
        loaded = read_project_file(path, settings.limits)
    except InputError as error:
        problems = error.problems
        if error.document is not None:
            # Everything wrong with the file at once: names the rubric does not know too.
            problems = sorted(
                [*problems, *check_against_rubric(error.document, settings.rubric)],
                key=lambda problem: (problem.line or 0, problem.column or 0),
            )
        result = FileResult.model_construct(
            file=label,
            assessment=None,
            findings=input_findings(problems, label, error.omitted),
        )
        return result, None
    return assess_loaded(loaded, label, settings), loaded.project


def build_report(
    results: Iterable[FileResult],
    rubric: Rubric,
    policy: Policy | None = None,
    fail_on: Severity = Severity.ERROR,
    *,
    evidence: bool = False,
) -> Report:
    """Gather file results into a report; `evidence` makes its JSON the full one."""
    return Report.model_construct(
        evidence=evidence,
        fail_on=fail_on,
        require=policy.require if policy else None,
        tool_version=__version__,
        rubric=rubric.label,
        approaches=[approach.id for approach in rubric.approaches],
        order={
            approach.id: [
                lower.id for lower in rubric.approaches if lower.id in rubric.below[approach.id]
            ]
            for approach in rubric.approaches
        },
        approach_names={approach.id: approach.name for approach in rubric.approaches},
        files=list(results),
        rules=list(RULES.values()),
        criteria=criteria_catalogue(rubric),
        checklist=checklist_catalogue(rubric),
    )


# --- batches ---------------------------------------------------------------------------

Item = TypeVar("Item")

_worker_settings: Settings | None = None
"""The settings in a worker process, set once by `_start_worker`."""

_parent_settings: Settings | None = None
"""The settings of the batch being started: a forked worker finds them here, rubric
compiled, instead of loading the rubric again."""


def _start_worker(rubric_path: str, policy: Policy, limits: Limits, explain: bool) -> None:
    # The parent handles Ctrl-C and termination and stops the pool; workers ignoring
    # Ctrl-C keeps their tracebacks out of the user's terminal, and a termination signal
    # ends a worker quietly (forked, it would otherwise inherit the parent's handler).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with_parent()
    global _worker_settings
    inherited = _parent_settings
    rubric = (
        inherited.rubric
        if inherited is not None and inherited.rubric.origin == rubric_path
        else load_rubric(Path(rubric_path))  # not forked (spawn, forkserver): load it
    )
    _worker_settings = Settings(rubric, policy, limits, explain)


def _assess_in_worker(candidate: Candidate) -> FileResult:
    assert _worker_settings is not None
    return assess_candidate(candidate, _worker_settings)


def _render_in_worker(
    formats: tuple[OutputFormat, ...], full_json: bool, candidate: Candidate
) -> RenderedFile:
    assert _worker_settings is not None
    return render_candidate(candidate, _worker_settings, formats, full_json=full_json)


def assess_candidate(candidate: Candidate, settings: Settings) -> FileResult:
    """One discovered path's result: its problem if discovery found one, else its assessment."""
    if candidate.problem is not None:
        return FileResult.model_construct(
            file=candidate.label,
            assessment=None,
            findings=input_findings([candidate.problem], candidate.label),
        )
    result = assess_path(candidate.path, candidate.label, settings)
    if any(finding.message == "file not found" for finding in result.findings):
        # It was there when the folder was walked.
        findings = [
            finding.model_copy(update={"message": "file not found (removed during the run?)"})
            if finding.message == "file not found"
            else finding
            for finding in result.findings
        ]
        return result.model_copy(update={"findings": findings})
    return result


@dataclass(frozen=True)
class RenderedFile:
    """A file's parts of the streaming formats, and the counts a summary needs.

    This is all a worker sends back when output is streamed: strings and a few
    severities, which cost far less to pass between processes than a whole result.
    """

    verdict: str
    """The verdict, or "invalid"."""
    active: tuple[Severity, ...]
    """The severities of the file's active findings."""
    parts: tuple[str, ...]
    """The file's part of each requested format, in the order requested."""


def render_candidate(
    candidate: Candidate,
    settings: Settings,
    formats: tuple[OutputFormat, ...],
    *,
    full_json: bool = False,
) -> RenderedFile:
    """Assess one candidate and render its part of each streaming format (JSON's the
    full one when `full_json`)."""
    result = assess_candidate(candidate, settings)
    return RenderedFile(
        verdict=result.assessment.verdict if result.assessment else "invalid",
        active=tuple(finding.severity for finding in result.active_findings),
        parts=tuple(
            render_file(output_format, result, full_json=full_json) for output_format in formats
        ),
    )


def _in_order(
    candidates: Sequence[Candidate],
    settings: Settings,
    jobs: int,
    work: Callable[[Candidate], Item],
    in_process: Callable[[Candidate], Item],
) -> Iterator[Item]:
    if jobs <= 1 or len(candidates) < 4 * jobs:
        yield from map(in_process, candidates)
        return
    # Chunks amortise the cost of sending work to a process; small ones keep both cores
    # busy to the end (a file takes well under a millisecond).
    chunk = max(1, min(16, len(candidates) // (jobs * 8)))
    global _parent_settings
    _parent_settings = settings
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        initializer=_start_worker,
        initargs=(settings.rubric.origin, settings.policy, settings.limits, settings.explain),
    )
    watch: _Watch | None = None
    with _quiet_pool_thread(pool):
        try:
            # A first, empty task starts the workers, so that they are watched before
            # the chunks are sent (sending thousands takes a while).
            pool.submit(int)
            watch = _Watch(pool)
            results = pool.map(work, candidates, chunksize=chunk)
            yield from results
        except BrokenProcessPool:
            # A worker was killed (by a signal, or by the kernel for lack of memory): the
            # run cannot be completed, which is not a bug in engage; say which signal.
            stopped_by = watch.stop() if watch else None  # before the others are ended
            _stop_workers(pool, broken=True)
            raise WorkerStopped(stopped_by) from None
        except BaseException:
            if watch is not None:
                watch.stop()
            # Interrupted, terminated, or the reader stopped: no worker may outlive the
            # run (one blocked on a full pipe would hold the caller's stdout open for ever).
            _stop_workers(pool)
            raise
        if watch is not None:
            watch.stop()
        pool.shutdown()


def _exit_codes(workers: list[multiprocessing.process.BaseProcess]) -> list[int | None]:
    """Each worker's exit code, waiting a moment for those that have ended to say how.

    A worker that has ended can read as still running for an instant: when the pool's
    own thread reaps it at the same time, the code is only recorded once that thread
    resumes. Reading again, briefly, keeps the signal that killed it from being lost.
    """
    deadline = time.monotonic() + 1.0
    while True:
        codes = [worker.exitcode for worker in workers]
        ended_unread = [
            worker
            for worker, code in zip(workers, codes, strict=True)
            if code is None and multiprocessing.connection.wait([worker.sentinel], timeout=0)
        ]
        if not ended_unread or time.monotonic() > deadline:
            return codes
        time.sleep(0.01)


class _Watch:
    """Makes sure the pool notices at once when one of its workers dies.

    A worker killed while sending its results leaves half a message in the result pipe,
    and the pool's reader then waits for the rest for ever: the other workers, and this
    process itself, hold the pipe's writing end open. So when a worker dies, the others
    are ended and this process's own writing end is closed; the reader then meets the
    end of the pipe and the pool reports itself broken.
    """

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self._pool = pool
        self._first_death: int | None = None
        self._seen: dict[int | None, multiprocessing.process.BaseProcess] = {}
        self._workers()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="engage-watch", daemon=True)
        self._thread.start()

    def _workers(self) -> list[multiprocessing.process.BaseProcess]:
        # Every worker seen is kept: the pool forgets a dead one, whose exit code says
        # which signal ended it.
        for worker in list((getattr(self._pool, "_processes", None) or {}).values()):
            self._seen.setdefault(worker.pid, worker)
        return list(self._seen.values())

    def _run(self) -> None:
        while not self._stopped.is_set():
            # Woken the moment a worker ends (its sentinel), so a death is seen before the
            # pool, noticing it too, ends the others with SIGTERM; the timeout picks up
            # workers started since, and a stop.
            multiprocessing.connection.wait(
                [worker.sentinel for worker in self._workers()], timeout=0.2
            )
            if self._stopped.is_set():
                return
            workers = self._workers()
            # Workers end with 0 only when the pool shuts down; anything else is a death.
            dead = [code for code in _exit_codes(workers) if code not in (None, 0)]
            if dead:
                # The pool itself ends the others with SIGTERM once it breaks: a death
                # by any other signal seen at the same moment is the first one.
                dead.sort(key=lambda code: code == -signal.SIGTERM)
                self._first_death = dead[0]
                for worker in workers:
                    if worker.exitcode is None:
                        worker.kill()
                for worker in workers:
                    worker.join(timeout=5)
                _close_own_result_writer(self._pool)
                return

    def stop(self) -> int | None:
        """Stop watching; the signal that killed the first worker to die, if one did."""
        self._stopped.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=10)
        code = self._first_death
        if code is None:
            # The pool noticed first and has ended the others with SIGTERM: a death by any
            # other signal is the first one.
            codes = _exit_codes(self._workers())
            deaths = sorted(
                (code for code in codes if code is not None and code < 0),
                key=lambda code: code == -signal.SIGTERM,
            )
            code = deaths[0] if deaths else None
        return -code if code is not None and code < 0 else None


@contextlib.contextmanager
def _quiet_pool_thread(pool: ProcessPoolExecutor) -> Iterator[None]:
    """Keep a broken pool's own thread from printing a traceback while it winds down.

    When the pool breaks, `map` cancels the futures it has not returned while the pool's
    thread is failing the same futures; the thread then raises `InvalidStateError`, a
    race inside the standard library that changes nothing here.
    """
    previous = threading.excepthook

    def hook(arguments: threading.ExceptHookArgs) -> None:
        if not issubclass(arguments.exc_type, InvalidStateError):
            previous(arguments)

    threading.excepthook = hook
    try:
        yield
    finally:
        # Wait for that thread (private, but the one that raises), so that nothing it
        # raises comes after the hook is gone.
        manager = getattr(pool, "_executor_manager_thread", None)
        if isinstance(manager, threading.Thread):
            manager.join(timeout=10)
        threading.excepthook = previous


def _close_own_result_writer(pool: ProcessPoolExecutor) -> None:
    """Close this process's copy of the pool's result pipe's writing end (a private
    attribute: if a future Python names it otherwise, this does nothing)."""
    queue = getattr(pool, "_result_queue", None)
    writer = getattr(queue, "_writer", None)
    close = getattr(writer, "close", None)
    if callable(close):
        with contextlib.suppress(OSError):
            close()


def _stop_workers(pool: ProcessPoolExecutor, *, broken: bool = False) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.kill()
    # A broken pool fails its own futures; cancelling them too would race with that.
    pool.shutdown(wait=False, cancel_futures=not broken)
    for process in processes:
        process.join(timeout=5)


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker if the parent dies without cleaning up
    (SIGKILL, a crash); elsewhere the pool's own pipes end it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        set_parent_death_signal = 1  # PR_SET_PDEATHSIG
        libc.prctl(set_parent_death_signal, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl: best effort
        pass


def iter_batch(
    candidates: Sequence[Candidate], settings: Settings, jobs: int = 1
) -> Iterator[FileResult]:
    """Assess every candidate and yield the results in the candidates' order.

    With `jobs` > 1 the work runs in that many processes; the results, and their order,
    are the same whatever `jobs` is.
    """
    return _in_order(
        candidates, settings, jobs, _assess_in_worker, partial(assess_candidate, settings=settings)
    )


def iter_rendered(
    candidates: Sequence[Candidate],
    settings: Settings,
    formats: tuple[OutputFormat, ...],
    jobs: int = 1,
    *,
    full_json: bool = False,
) -> Iterator[RenderedFile]:
    """Like `iter_batch`, but each file arrives already rendered in `formats`."""
    return _in_order(
        candidates,
        settings,
        jobs,
        partial(_render_in_worker, formats, full_json),
        partial(render_candidate, settings=settings, formats=formats, full_json=full_json),
    )


def run_batch(
    candidates: Sequence[Candidate], settings: Settings, jobs: int = 1
) -> list[FileResult]:
    """All results of `iter_batch`, as a list."""
    return list(iter_batch(candidates, settings, jobs))
