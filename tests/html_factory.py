"""Proposals documents for the HTML report's tests: plain lists of any size, and accounts
whose every field is hostile text from a stranger."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from followprune.app.review import Review
from followprune.models import Account, AccountState, ActionKind, Relationship
from followprune.render.documents import Proposals
from followprune.scoring.blend import ScoringPolicy, score_all
from followprune.store import Identity

NOW = datetime(2026, 6, 1, tzinfo=UTC)
LONG = "W" * 10_000  # a 10 KB name with no place to break
HOSTILE_NAME = '"><img src=x onerror="document.title=\'pwned\'">'
HOSTILE_BIO = "<script>document.title='pwned';alert(1)</script> bio"
RTL = "\u202eevil\u202c txt.exe"
SAFE_URL = "https://example.invalid/profile"
PLACES = ("Berlin", "Paris, France", "Tokyo", "New York", "Madrid", "", "somewhere nice",
          "München", "Toronto", "Sydney")


def account(n: int, **fields: object) -> Account:
    base: dict[str, object] = {
        "id": str(n),
        "handle": f"user{n}",
        "name": f"User {n}",
        "bio": "posts about python and open source" if n % 3 else "cats and crypto giveaways",
        "location": PLACES[n % len(PLACES)],
        "created_at": NOW - timedelta(days=200 + n % 900),
        "followers_count": 10 + n * 7 % 5000,
        "following_count": 50 + n * 3 % 4000,
        "post_count": n * 37 % 20_000,
        "last_active_at": None if n % 17 == 0 else NOW - timedelta(days=n * 11 % 900),
    }
    base.update(fields)
    return Account.model_validate(base)


def hostile_accounts() -> list[Account]:
    """Suspended, so every one is proposed and shown with its bio and link."""
    return [a.model_copy(update={"state": AccountState.SUSPENDED}) for a in [
        account(1, handle="<script>alert(1)</script>", name=HOSTILE_NAME, bio=HOSTILE_BIO,
                location="<b>Berlin</b>", url="javascript:document.title='pwned'"),
        account(2, name=RTL, bio=RTL * 50, location=RTL, url="data:text/html,<script>x</script>"),
        account(3, name=LONG, bio=LONG, location=LONG, handle="h" + "x" * 500,
                url="https://example.invalid/" + "a" * 400),
        account(4, name="Ok '\"quotes\"' & <tags>", url=SAFE_URL),
        account(5, url="  JAVASCRIPT:alert(1)"),
    ]]


def proposals(accounts: list[Account], *, all_accounts: bool = False,
              threshold: float = 0.45) -> Proposals:
    """Every account scored; every account below the threshold proposed (no --limit)."""
    relationships = [Relationship(account_id=a.id, follows_you=int(a.id) % 4 == 0)
                     for a in accounts]
    policy = ScoringPolicy(
        weights={"relevance": 0.3, "interaction": 0.3, "geography": 0.1, "quality": 0.3},
        threshold=threshold, grace_days=0,
    )
    scores = score_all(accounts, relationships, [], policy, NOW)
    review = Review(run_id=7, identity=Identity(1, "demo", "0", "me"), network="demo",
                    scores=scores, proposals=[s for s in scores if s.proposed],
                    threshold=threshold)
    return Proposals(review, [ActionKind.UNFOLLOW] * len(review.proposals), NOW, all_accounts,
                     {"weights": dict(policy.weights), "home": ["Berlin <script>"],
                      "regions": ["DE", "AT"]})
