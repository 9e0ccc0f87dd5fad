"""How `prune explain` words its verdict."""

from __future__ import annotations

import json
from pathlib import Path

from followprune.app.explain import _apart
from tests.conftest import Invoke, proposals_json


def test_a_verdict_never_reads_as_a_contradiction() -> None:
    # "keep score 0.30 is below the threshold 0.30" was a 0.2967 rounded.
    assert _apart(0.2967, 0.3) == ("0.297", "0.300")
    assert _apart(0.29999, 0.3) == ("0.29999", "0.30000")
    assert _apart(0.23, 0.3) == ("0.23", "0.30")
    assert _apart(0.3, 0.3) == ("0.30", "0.30")  # equal is kept, and says so


def _file(tmp_path: Path) -> Path:
    users = [
        # A mutual proposed all the same: following 600, more than a quiet person who chose
        # you follows (quality's "knows_you" excuses a mutual following 500 or fewer).
        {"id": "11", "username": "jan_k", "name": "Jan", "description": "",
         "created_at": "2012-03-01T00:00:00Z", "connection_status": ["following", "followed_by"],
         "public_metrics": {"followers_count": 40, "following_count": 600, "tweet_count": 35,
                            "listed_count": 0}},
        {"id": "12", "username": "pydev", "name": "Py Dev",
         "description": "python developer, open source", "location": "Berlin",
         "created_at": "2012-03-01T00:00:00Z",
         "public_metrics": {"followers_count": 400, "following_count": 300,
                            "tweet_count": 3500, "listed_count": 10}},
    ]
    path = tmp_path / "users.jsonl"
    path.write_text("".join(json.dumps(u) + "\n" for u in users))
    return path


def test_explain_reads_a_from_file_as_the_review_scores_it(invoke: Invoke,
                                                            tmp_path: Path) -> None:
    source = _file(tmp_path)
    listed = proposals_json(invoke("--from", str(source), "--as-of", "2020-01-01",
                                   "--dry-run", "--all", "--format", "json"))
    reviewed = {a["handle"]: a for a in listed["accounts"]}
    for handle in ("jan_k", "@PyDev", "12"):
        result = invoke("explain", handle, "--from", str(source), "--as-of", "2020-01-01",
                        "--format", "json")
        assert result.exit_code == 0, result.output
        doc = json.loads(result.stdout)
        same = reviewed[doc["account"]["handle"]]
        assert doc["keep"] == same["keep"]
        assert {n: c["value"] for n, c in doc["components"].items()} == same["components"]
        assert "Scored as of 2020-01-01 00:00 UTC, the moment --as-of gave" in result.stderr
    # Scored as of the capture: 7.8 years from March 2012, not the years up to today.
    table = invoke("explain", "jan_k", "--from", str(source), "--as-of", "2020-01-01")
    assert "only 35 posts in 7½ years" in table.stdout and "follows you: yes" in table.stdout


def test_explain_from_a_file_names_what_is_wrong(invoke: Invoke, tmp_path: Path) -> None:
    source = _file(tmp_path)
    missing = invoke("explain", "nobody", "--from", str(source))
    assert missing.exit_code == 2 and "not among the 2 accounts of the file" in missing.stderr
    assert "does not say when it was captured" not in missing.stderr
    alone = invoke("explain", "jan_k", "--as-of", "2020-01-01")
    assert alone.exit_code == 2 and "--as-of only works with --from" in alone.stderr
    early = invoke("explain", "jan_k", "--from", str(source), "--as-of", "2001-01-01")
    assert early.exit_code == 2 and "before X existed" in early.stderr
    undated = invoke("explain", "jan_k", "--from", str(source))
    assert undated.exit_code == 0 and "does not say when it was captured" in undated.stderr


def test_a_proposed_mutual_says_so_in_the_table_and_html_not_in_json(invoke: Invoke,
                                                                   tmp_path: Path) -> None:
    source = _file(tmp_path)
    table = invoke("--from", str(source), "--as-of", "2020-01-01", "--dry-run",
                   env={"COLUMNS": "100"})
    jan = table.stdout[table.stdout.index("@jan_k"):]
    assert "but follows you back" in " ".join(jan.split())
    html = invoke("--from", str(source), "--as-of", "2020-01-01", "--dry-run", "--format",
                  "html")
    assert "but follows you back" in html.stdout
    # Scripts read follows_you, a field of its own; the reasons stay the case for the verdict.
    listed = proposals_json(invoke("--from", str(source), "--as-of", "2020-01-01", "--dry-run",
                                   "--all", "--format", "json"))
    row = next(a for a in listed["accounts"] if a["handle"] == "jan_k")
    assert row["proposed"] and row["follows_you"] is True
    assert not any("follows you back" in reason for reason in row["reasons"])
