"""The supervision quality indicator: the share of ratings of 7/10 or more.

The commitment of the supervision service is that every rating reaches 7 out of
10; a lower rating opens a follow-up task (analyse the causes, propose
improvements). The indicator is computed from the submissions themselves: the
"evaluate" events, the rating in the answers and the tasks of the state the
evaluation led to.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, render_template

from ...services import get_services
from ...store import NotFound
from ...workflow import Submission, Task, Workflow
from .blueprint import bp
from .scope import visible_workflows

EVALUATION_FORM = "supervision_evaluation"
RATING_FIELD = "rating"
COMMITMENT = 7


@dataclass(frozen=True)
class FollowUp:
    """A rating below the commitment and the tasks it opened."""

    reference: str
    rating: int
    state: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Quality:
    """The figures of one workflow whose submitters rate the service."""

    workflow: Workflow
    ratings: tuple[int, ...]
    follow_ups: tuple[FollowUp, ...]

    @property
    def met(self) -> int:
        """Return how many ratings reach the commitment."""
        return sum(rating >= COMMITMENT for rating in self.ratings)

    @property
    def share(self) -> float | None:
        """Return the share of ratings reaching the commitment (None: no ratings)."""
        return self.met / len(self.ratings) if self.ratings else None


def quality_of(workflow: Workflow, submissions: list[Submission], lang: str) -> Quality:
    """Compute the indicator over *submissions* of *workflow*."""
    ratings: list[int] = []
    follow_ups: list[FollowUp] = []
    for submission in submissions:
        rating = submission.answers.get(RATING_FIELD)
        evaluation = next(
            (event for event in submission.events if event.action == "evaluate"),
            None,
        )
        if evaluation is None or not isinstance(rating, int):
            continue
        ratings.append(rating)
        if rating >= COMMITMENT or evaluation.to_state is None:
            continue
        opened = tuple(
            task
            for task in submission.tasks
            if task.state == evaluation.to_state and task.visit == evaluation.visit + 1
        )
        state = workflow.states.get(submission.state)
        label = (state.label.get(lang) or state.label["ca"]) if state else ""
        follow_ups.append(FollowUp(submission.reference, rating, label, opened))
    return Quality(workflow, tuple(ratings), tuple(follow_ups))


@bp.get("/quality")
def quality(lang: str) -> str:
    """Show the quality indicator of each rated workflow the administrator sees."""
    services = get_services()
    rated = [
        workflow
        for workflow in visible_workflows(services.registry, g.admin)
        if any(state.form == EVALUATION_FORM for state in workflow.states.values())
    ]
    index = services.store.submissions.index()
    figures = []
    for workflow in rated:
        submissions = []
        for entry in index:
            if entry.workflow_id != workflow.id:
                continue
            try:
                submissions.append(services.store.submissions.get(entry.reference))
            except NotFound:
                continue  # removed at the end of its retention period
        figures.append(quality_of(workflow, submissions, lang))
    return render_template("admin/quality.html", figures=figures, commitment=COMMITMENT)
