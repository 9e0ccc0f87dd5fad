"""Mastodon entities → our models: HTML bios stripped, a location read from the profile
fields, `last_status_at` as the last activity, the account's condition as its state."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

from followprune.models import Account, AccountState
from followprune.networks.shapes import count

# Profile field names people use for where they are (lower-cased, compared without a colon),
# in the languages of the big instances: English, German ("Heimat", "Wo" are as common as
# "Wohnort"), French, Spanish, Portuguese, Italian, Dutch, Polish, Turkish, Japanese.
# Not "home" (nor "Zuhause", "Home"'s German): as often a homepage as a place.
LOCATION_FIELDS = frozenset({
    "location", "based in", "lives in", "city", "country", "where", "place",
    "located in", "region", "ort", "wohnort", "standort", "heimat", "wo", "lieu", "ville",
    "localisation", "ubicación", "ubicacion", "ciudad", "localização", "localizacao",
    "cidade", "luogo", "città", "locatie", "woonplaats", "lokalizacja", "miasto", "konum",
    "所在地", "居住地", "📍",
    # "I live in" / "based in" as labels (persona round 17: a Colombian's "Vivo en" had been
    # passed over), in the same languages.
    "living in", "live in", "lebe in", "wohnhaft in", "lebt in", "j'habite à", "habite à",
    "basé à", "basée à", "vivo en", "resido en", "basado en", "basada en", "residencia",
    "moro em", "vivo em", "morando em", "baseado em", "baseada em", "vivo a", "abito a",
    "residenza", "woon in", "woont in", "mieszkam w", "yaşadığım yer",
})
# Before Mastodon's first code (early 2016; mastodon.social opened that March): no account
# was made, and no post written, earlier. Servers fill a date they lack with a placeholder
# (0001-01-01, the Unix epoch), which had been read as an age of 2,026 years.
MASTODON_BEGAN = datetime(2016, 1, 1, tzinfo=UTC)
MASTODON_LAUNCH = datetime(2016, 10, 5, tzinfo=UTC)  # 1.0: no follow can be older
# Hops of a moved account's chain followed (A moved to B, B to C, ...): each is nested in
# the one before, as the instance sent them.
MAX_MOVES = 8
# Elements whose text is never shown, so never part of a bio.
_HIDDEN = frozenset({"script", "style", "template", "head", "title"})
_BREAKS = frozenset({"br", "p", "div", "li"})


class _Text(HTMLParser):
    """Text of an HTML fragment, as a reader sees it: tags gone, entities decoded, line
    breaks for <br> and paragraphs, hidden elements dropped. html.parser never fetches or
    runs anything, so a hostile bio is only text here."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        # Mastodon wraps the tail of long links in <span class="invisible">.
        self._invisible: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        if tag in _BREAKS and self.parts:
            self.parts.append("\n")
        if tag == "span":
            classes = (dict(attrs).get("class") or "").split()
            self._invisible.append("invisible" in classes)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS and self.parts:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1
        if tag == "span" and self._invisible:
            self._invisible.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden and not any(self._invisible):
            self.parts.append(data)


def strip_html(fragment: str | None) -> str:
    if not fragment:
        return ""
    parser = _Text()
    try:
        parser.feed(fragment)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: the entities decoded, no tags
        return html.unescape(fragment).strip()
    lines = ("".join(parser.parts)).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def location_from_fields(fields: Any) -> str:
    if not isinstance(fields, list):
        return ""
    for field in fields:
        if not isinstance(field, Mapping):
            continue
        name = strip_html(str(field.get("name") or "")).rstrip(":").strip().lower()
        if name in LOCATION_FIELDS:
            return strip_html(str(field.get("value") or ""))[:200]
    return ""


def has_verified_link(fields: Any) -> bool:
    """Whether the instance verified one of the profile's links (its `verified_at`: the page
    links back to the profile with rel="me"), the green tick Mastodon shows: what
    `keep_verified` keeps there, as it keeps X's checks and Bluesky's blue ticks."""
    return isinstance(fields, list) and any(
        isinstance(field, Mapping) and bool(field.get("verified_at")) for field in fields)


def when(value: Any) -> datetime | None:
    """A date or time as Mastodon.py gives it (parsed already) or as JSON text."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def plausible(moment: datetime | None, now: datetime) -> datetime | None:
    """A creation or last-post date, None when it cannot be one: before Mastodon, or more
    than a day ahead of now (a wrong clock; a last post in 2099 read as "active this
    week", and kept the account from any inactivity rule for good)."""
    if moment is None or moment < MASTODON_BEGAN or moment > now + timedelta(days=1):
        return None
    return moment


def handle_of(entity: Mapping[str, Any], home_host: str) -> str:
    """`user@host` for everyone: a local account's `acct` is the bare username, but a
    review of several instances side by side must say where each account lives."""
    acct = str(entity.get("acct") or entity.get("username") or entity.get("id"))
    return acct if "@" in acct else f"{acct}@{home_host}"


def state_of(entity: Mapping[str, Any]) -> AccountState:
    """Suspended (by its instance, or by yours: a defederated instance's accounts come back
    suspended) is gone. A memorial account (its owner has died) is its own state, read
    first: even suspended too, it must never be called gone or proposed (it had been read
    as deactivated and offered for unfollowing). Moved accounts stay active: they are
    proposed with their new address."""
    if entity.get("memorial"):
        return AccountState.MEMORIAL
    if entity.get("suspended"):
        return AccountState.SUSPENDED
    return AccountState.ACTIVE


def _move_target(entity: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """Where the account moved to in the end: Mastodon's `moved` (a whole account) holds
    its own `moved` when that one moved on too, and the first hop had been offered ("follow
    @B" when B moved to C). None when there is none to follow instead: the end of the
    chain is suspended (following it fails, and the old one would be unfollowed for
    nothing), or the chain comes back to an account already on it (the account itself
    among them): it has no end to follow. A chain longer than MAX_MOVES ends there."""
    seen = {str(entity.get("id"))}
    current: Mapping[str, Any] = entity
    for _ in range(MAX_MOVES):
        moved = current.get("moved")
        if not isinstance(moved, Mapping):
            break
        if moved.get("id") is not None and str(moved.get("id")) in seen:
            return None
        seen.add(str(moved.get("id")))
        current = moved
    if current is entity or current.get("suspended"):
        return None
    return current


def _moved_handle(entity: Mapping[str, Any], home_host: str) -> str:
    """The new account's user@host, when this one moved (Mastodon's `moved`)."""
    moved = _move_target(entity)
    if moved is not None and (moved.get("acct") or moved.get("username")):
        return handle_of(moved, home_host)
    return ""


def _moved_id(entity: Mapping[str, Any]) -> str:
    """The new account's id on your instance (Mastodon's `moved` is a whole account)."""
    moved = _move_target(entity)
    return str(moved.get("id") or "") if moved is not None else ""


def account_from(entity: Mapping[str, Any], home_host: str,
                 now: datetime | None = None) -> Account:
    now = now or datetime.now(UTC)
    bio = strip_html(entity.get("note"))
    avatar = str(entity.get("avatar") or "")
    return Account(
        id=str(entity["id"]),
        handle=handle_of(entity, home_host),
        name=str(entity.get("display_name") or ""),
        bio=bio,
        location=location_from_fields(entity.get("fields")),
        url=str(entity.get("url") or ""),
        created_at=plausible(when(entity.get("created_at")), now),
        followers_count=count(entity.get("followers_count")),
        following_count=count(entity.get("following_count")),
        post_count=count(entity.get("statuses_count")),
        last_active_at=plausible(when(entity.get("last_status_at")), now),
        verified=has_verified_link(entity.get("fields")),
        protected=bool(entity.get("locked")),
        # Mastodon serves a stock image ("missing.png") to accounts without an avatar.
        default_avatar=not avatar or avatar.endswith("missing.png"),
        state=state_of(entity),
        moved_to=_moved_handle(entity, home_host),
        moved_to_id=_moved_id(entity),
        automated=entity.get("bot") is True,
    )
