"""The proposals view fits the terminal: a full table when wide, two lines an account when not."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from followprune.app.context import App
from followprune.app.review import prepare_review
from followprune.config import load_settings
from followprune.models import ActionKind
from followprune.networks.demo import DemoNetwork
from followprune.paths import resolve_paths
from followprune.render.tables import proposals_view


@pytest.mark.parametrize("plain", [False, True], ids=["terminal", "pipe"])
@pytest.mark.parametrize("width", [80, 100, 200])
def test_every_row_has_number_handle_action_and_reasons(width: int, plain: bool) -> None:
    paths = resolve_paths()
    app = App(paths, load_settings(paths))
    review = prepare_review(app, DemoNetwork(app.store, now=app.now), mode="dry-run", limit=5)
    actions = [ActionKind.UNFOLLOW] * 4 + [ActionKind.MUTE]
    console = Console(file=io.StringIO(), width=width, no_color=True)
    console.print(proposals_view(review, actions, app.now, width=width, plain=plain))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(len(line) for line in text.splitlines()) <= width
    for row, score in enumerate(review.proposals, start=1):
        assert f"@{score.account.handle}" in text
        assert score.reasons()[0][:20] in text.replace("\n", " ")
        assert any(line.lstrip().startswith(f"{row} ") for line in text.splitlines())
    assert "mute" in text and "unfollow" in text
    app.close()


def test_the_summary_counts_each_kind_of_protection() -> None:
    from followprune.render.tables import guard_kind
    from followprune.scoring.blend import MUTED_GUARD

    assert guard_kind(MUTED_GUARD) == "muted"
    assert guard_kind("followed today (grace period of 30 days)") == "in their grace period"
    assert guard_kind("mutual who engaged with you yesterday") == "engaged mutuals"
    assert guard_kind("verified (keep_verified)") == "kept by your keep rules"
    assert guard_kind("restored by undo of run 4") == "on your keep-list"


@pytest.mark.parametrize("width", [160, 200])
def test_a_long_mastodon_handle_never_squeezes_the_reasons(width: int) -> None:
    """A handle that names its server ("@someone@a.long.instance.example") needs a column as
    wide: the table is drawn only when the reasons still fit beside it, else two lines an
    account (persona review: at 160 columns the reasons were 6 characters wide)."""
    from dataclasses import replace

    paths = resolve_paths()
    app = App(paths, load_settings(paths))
    review = prepare_review(app, DemoNetwork(app.store, now=app.now), mode="dry-run", limit=3)
    long = "someverylongusername@mastodon.social.example.org"
    first = review.proposals[0]
    review.proposals[0] = replace(first, account=first.account.model_copy(update={"handle": long}))
    console = Console(file=io.StringIO(), width=width, no_color=True)
    console.print(proposals_view(review, [ActionKind.UNFOLLOW] * 3, app.now, width=width,
                                 plain=False))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    if width >= 200:
        assert f"@{long}" in text
    else:
        # Folded within its column, so the columns after it stay in line (persona 16).
        lines = text.splitlines()
        start, end = lines[0].index("handle"), lines[0].index("name")
        assert "".join(line[start:end].strip() for line in lines[2:4]) == f"@{long}", text
    for score in review.proposals:
        # Each account's first reason is shown whole, not cut to a sliver of a column.
        assert score.reasons()[0] in text.replace("\n", " ") or \
            score.reasons()[0][:40] in text.replace("\n", " ")
    assert max(len(line) for line in text.splitlines()) <= width
    app.close()


def test_right_to_left_profile_text_ends_with_a_left_to_right_mark() -> None:
    """An Arabic name or location had carried the row's next cells into its run in a
    terminal that lays out bidirectional text (persona round 11); Latin text is untouched."""
    from followprune.render.tables import ltr_after

    assert ltr_after("أحمد سامي") == "أحمد سامي\u200e"
    assert ltr_after("Cairo · القاهرة") == "Cairo · القاهرة\u200e"
    assert ltr_after("שלום") == "שלום\u200e"
    for text in ("", "Ana López", "東京", "Москва"):
        assert ltr_after(text) == text
