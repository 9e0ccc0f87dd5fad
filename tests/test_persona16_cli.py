"""Persona round 16 (Aiko, Melbourne, Bluesky and an old X list): the CLI and review findings."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Invoke, proposals_json

# Sound people, active, none of whom shares an interest with a user who named none: nothing
# is wrong with any of them, so the default threshold proposes none.
_SOUND = [
    ("chefmarcus", "Chef. Restaurants, recipes and the odd cookbook."),
    ("naarmnightlife", "Gigs, bars and clubs around town every weekend."),
    ("stellavance", "Actor and podcaster. Opinions are my own."),
    ("sydneyrdbarber", "Barber on Sydney Road. Walk-ins welcome."),
]


def _sound_file(tmp_path: Path) -> Path:
    lines = []
    for i, (handle, bio) in enumerate(_SOUND):
        lines.append(json.dumps({
            "id": str(9000 + i), "username": handle, "name": handle.title(), "description": bio,
            "location": "Lima, Peru", "created_at": "2015-03-10T05:00:00.000Z",
            "verified": False, "protected": False,
            "profile_image_url": "https://pbs.twimg.com/profile_images/0/p_normal.jpg",
            "public_metrics": {"followers_count": 900, "following_count": 600,
                               "tweet_count": 6000, "listed_count": 12, "like_count": 3000},
            "connection_status": ["following"],
            "most_recent_tweet_id": "2126934181278646272"}))
    path = tmp_path / "follows.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_default_threshold_proposes_no_sound_account_and_says_why(invoke: Invoke,
                                                                  tmp_path: Path) -> None:
    result = invoke("--from", str(_sound_file(tmp_path)), "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    note = " ".join(result.stderr.split())
    assert "every account you follow scores at or above the threshold (0.30)" in note
    assert "floored just above the default threshold (0.30)" in note
    assert "a higher threshold (proposals.threshold) proposes" in note


def test_a_raised_threshold_proposes_sound_accounts_and_keep_scores_stay(
        invoke: Invoke, tmp_path: Path) -> None:
    path = _sound_file(tmp_path)
    keeps = {}
    for threshold in ("0.3", "0.45", "0.9"):
        data = proposals_json(invoke("--from", str(path), "--as-of", "2026-12-01",
                                     "--format", "json", "--all",
                                     env={"FOLLOWPRUNE_PROPOSALS_THRESHOLD": threshold}))
        keeps[threshold] = {a["handle"]: a["keep"] for a in data["accounts"]}
        if threshold == "0.3":
            assert data["proposed"] == 0
        if threshold == "0.9":
            # Every one of them scores below 0.9: a stricter cut is what was asked for.
            assert data["proposed"] == len(_SOUND), data
    assert keeps["0.3"] == keeps["0.45"] == keeps["0.9"]
