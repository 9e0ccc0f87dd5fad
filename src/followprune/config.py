"""Settings: TOML file < FOLLOWPRUNE_* environment < command-line flags, validated by pydantic.

Every leaf setting has an environment name derived from its key path
(`proposals.threshold` → `FOLLOWPRUNE_PROPOSALS_THRESHOLD`, `x.api_base_url` →
`FOLLOWPRUNE_X_API_BASE_URL`), and `load_settings` remembers where each value came from so
`prune config show` can say it.
"""

from __future__ import annotations

import copy
import json
import os
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from followprune.components import component_specs
from followprune.errors import ConfigError
from followprune.paths import Paths

ENV_PREFIX = "FOLLOWPRUNE_"
# Environment variables that are about where things are, not settings.
_NON_SETTING_ENV = {"FOLLOWPRUNE_HOME", "FOLLOWPRUNE_CONFIG", "FOLLOWPRUNE_DEBUG"}
# Names X's own tools use; accepted as aliases of our settings.
_ENV_ALIASES = {"X_CLIENT_ID": ("x", "client_id"), "X_CLIENT_SECRET": ("x", "client_secret")}

ActionName = Literal["unfollow", "mute"]

# Every number has a range: an unbounded one let `delay_seconds = inf` sleep forever mid-run
# and 1e308 overflow a date. The bounds are generous (a human would never want more), and
# documented in the README under "Configuration".
DAYS_MAX = 36_500  # a hundred years: "never" in any period a follow list lives
HOURS_MAX = 8_760  # a year
PRICE_MAX = 10.0  # US dollars per resource; X's prices are cents
MAX_COST_MAX = 10_000.0  # US dollars per sync


def _web_address(value: str) -> str:
    """An http(s) address with a host: a typo here otherwise surfaced only at the first
    call, deep in the HTTP library, as an error about a URL the person never typed."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - parsing the port is what rejects `host:99999`
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname \
            or any(c.isspace() for c in value.strip()):
        raise ValueError("not a web address; expected one like https://host.example")
    return value.strip()


def is_loopback(host: str) -> bool:
    """This machine: 127.0.0.0/8, ::1 or `localhost` (a test server or an SSH tunnel)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _service_address(value: str) -> str:
    """Where a login is sent (Bluesky's app password goes in the first call): https only, as
    for a Mastodon instance, except on loopback, since a password sent in clear to a real
    server could be read on the way. The server's root, nothing after it: a profile address
    (https://bsky.app/profile/…) pasted here was called as a server and reported unreachable."""
    from urllib.parse import urlsplit

    value = _web_address(value)
    parts = urlsplit(value)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise ValueError(f"plain http would send the app password unencrypted; use"
                         f" https://{parts.netloc} (http only on this machine)")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"expected the server's address alone, like {parts.scheme}://"
                         f"{parts.netloc}, with nothing after the host")
    return value


def _place_name(value: str) -> str:
    """No place is named with a control character. Caught here, a NUL is an error naming
    the file and the key; left to the run, it was refused there without saying where it came
    from (and `config show` called the file fine)."""
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValueError("a place name cannot hold control characters")
    return value


PlaceName = Annotated[str, AfterValidator(_place_name)]


class _Section(BaseModel):
    # No inf or nan anywhere: they pass every `ge=` check and then break sleeps and sums.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


class InterestSettings(_Section):
    keywords: list[str] = Field(default_factory=list)
    use_own_bio: bool = True
    use_own_posts: bool = True
    # The optional semantic backend (`pip install "followprune[semantic]"`): lifts bios close
    # in meaning to the interests that the lexicon matched nothing in. Off by default: the
    # default model is a ~500 MB download on first use.
    semantic: bool = False
    # A Hugging Face model id (fetched once into followprune's cache) or a local folder.
    semantic_model: str = Field("minishlab/potion-multilingual-128M", min_length=1)


class GeographySettings(_Section):
    home: list[PlaceName] = Field(default_factory=list)
    regions: list[PlaceName] = Field(default_factory=list)


class _WeightBase(_Section):
    @model_validator(mode="after")
    def _not_all_zero(self) -> _WeightBase:
        if sum(self.model_dump().values()) <= 0:
            raise ValueError("at least one weight must be above 0")
        return self


# One weight per registered component (followprune/components.py), with its default.
WeightSettings = create_model(
    "WeightSettings",
    __base__=_WeightBase,
    **{spec.name: (float, Field(spec.weight, ge=0, le=100, allow_inf_nan=False,
                                description=spec.summary))
       for spec in component_specs()},  # type: ignore[call-overload]
)


# The threshold when none is set. A sound account's keep score is floored just above this one,
# not above the threshold chosen (scoring.blend.sound_floor), so a stricter threshold is a
# stricter cut and the keep scores shown do not move with it.
DEFAULT_THRESHOLD = 0.3


class ProposalSettings(_Section):
    threshold: float = Field(DEFAULT_THRESHOLD, ge=0, le=1)
    limit: int = Field(50, ge=1, le=100_000)
    action: ActionName = "unfollow"
    keep: list[str] = Field(default_factory=list)
    # Keep by rule: whole groups that are never proposed.
    keep_mutuals: bool = False
    keep_verified: bool = False
    keep_places: list[PlaceName] = Field(default_factory=list)
    grace_days: int = Field(30, ge=0, le=DAYS_MAX)
    protect_engaged_mutuals_days: int = Field(180, ge=0, le=DAYS_MAX)
    # Posts a day; 0 is off. When set, the proposals are the unfollows that bring the
    # estimated timeline under it giving up the least keep value (`--stream-budget N`).
    stream_budget: float = Field(0, ge=0, le=1_000_000)


class InteractionSettings(_Section):
    half_life_days: float = Field(90.0, gt=0, le=DAYS_MAX)


class ActionSettings(_Section):
    """Pacing and caps for unfollow/mute/follow/unmute calls, on every network."""

    per_run: int = Field(50, ge=1, le=10_000)
    per_day: int = Field(150, ge=1, le=10_000)
    per_15_minutes: int = Field(15, ge=1, le=10_000)
    delay_seconds: float = Field(2.0, ge=0, le=3600)
    jitter_seconds: float = Field(3.0, ge=0, le=3600)


class XPriceSettings(_Section):
    """US dollars per resource, from X's pay-per-use price list (see the README)."""

    user_read: float = Field(0.010, ge=0, le=PRICE_MAX)
    post_read: float = Field(0.005, ge=0, le=PRICE_MAX)
    owned_read: float = Field(0.001, ge=0, le=PRICE_MAX)
    follow_write: float = Field(0.015, ge=0, le=PRICE_MAX)
    unfollow_write: float = Field(0.010, ge=0, le=PRICE_MAX)


class XSettings(_Section):
    api_base_url: str = "https://api.x.com"
    client_id: str = ""
    client_secret: SecretStr | None = None
    redirect_uri: str = "http://127.0.0.1:8723/callback"
    max_cost: float = Field(1.0, ge=0, le=MAX_COST_MAX)
    # Whether the developer app is your own: then reads of your own lists and posts are
    # billed at the "owned read" price (prices.owned_read) instead of the full one.
    owned_reads: bool = True
    freshness_hours: float = Field(24.0, ge=0, le=HOURS_MAX)
    timeout_seconds: float = Field(30.0, gt=0, le=600)
    # Read the home timeline at each full sync to measure who fills it (issue 12): billed
    # as post reads (up to 800 posts), so off unless asked for.
    sample_timeline: bool = False
    prices: XPriceSettings = Field(default_factory=XPriceSettings)

    _api_base_url = field_validator("api_base_url", "redirect_uri")(_web_address)


class BlueskySettings(_Section):
    # The PDS that hosts the account (a self-hosted one, or bsky.social's entryway).
    service: str = "https://bsky.social"
    # Who logs in when BLUESKY_HANDLE is not set; the stored session says who it was.
    handle: str = ""
    timeout_seconds: float = Field(30.0, gt=0, le=600)
    # Attempts for a 5xx, a timeout or a dropped connection before giving up (exit 6).
    retries: int = Field(3, ge=1, le=10)
    # Pages (100 posts each) of your home timeline read at each sync, down to a week back:
    # who fills it, and the latest post of everyone in it. 0 reads none.
    timeline_pages: int = Field(8, ge=0, le=100)
    # At most this many author-feed calls a sync (one each) for followed accounts whose last
    # post neither the timeline nor your notifications show within 60 days. 0 makes none.
    activity_lookups: int = Field(200, ge=0, le=50_000)

    _service = field_validator("service")(_service_address)


class MastodonSettings(_Section):
    # The instance `MASTODON_ACCESS_TOKEN` belongs to, and where `prune auth login` goes
    # when --instance is not given (e.g. https://mastodon.social).
    instance: str = ""
    # Which stored login (user@instance) a run uses when there are several and --account
    # is not given.
    account: str = ""
    timeout_seconds: float = Field(30.0, gt=0, le=600)
    # Attempts for a 5xx, a timeout or a dropped connection before giving up (exit 6).
    retries: int = Field(3, ge=1, le=10)


# The conditions a rule may have, in the order `rules check` explains them.
RULE_CONDITIONS = (
    "dead", "blocked", "inactive_days", "no_engagement_days", "follows_you", "keep_below",
    "quality_below", "bot_score_above", "country_not_in", "posts_per_day_above",
    "stream_share_above",
)


class AutoRule(_Section):
    """One `[[auto.rules]]` entry: every condition given must hold (AND) for the rule to match.

    Conditions left out are not checked; a rule needs at least one, so an empty rule can never
    match every account by accident.
    """

    name: str = Field(min_length=1, max_length=60)
    action: ActionName = "unfollow"
    dead: bool | None = None
    # A block stands between you: the account blocks you, or you block it (Bluesky, Mastodon).
    blocked: bool | None = None
    inactive_days: int | None = Field(None, ge=1, le=DAYS_MAX)
    no_engagement_days: int | None = Field(None, ge=1, le=DAYS_MAX)
    follows_you: bool | None = None
    keep_below: float | None = Field(None, gt=0, le=1)
    quality_below: float | None = Field(None, gt=0, le=1)
    bot_score_above: float | None = Field(None, ge=0, lt=1)
    country_not_in: list[str] | None = None
    # Issue 12: the account's estimated posts a day, and its share of your timeline (0..1).
    posts_per_day_above: float | None = Field(None, ge=0, le=1_000_000)
    stream_share_above: float | None = Field(None, ge=0, lt=1)

    @model_validator(mode="after")
    def _has_condition(self) -> AutoRule:
        if not self.conditions():
            raise ValueError(
                "a rule needs at least one condition (one of: " + ", ".join(RULE_CONDITIONS) + ")"
            )
        return self

    @field_validator("country_not_in")
    @classmethod
    def _country_codes(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        # "UK" is what most people write for GB, and geography reads it so everywhere; the
        # rule compares ISO codes, so it holds GB (probe round 10: "UK" matched nobody as
        # inside, and the rule unfollowed every British account).
        codes = ["GB" if code == "UK" else code for code in (c.strip().upper() for c in value)]
        bad = [code for code in codes if len(code) != 2 or not code.isalpha()]
        if bad or not codes:
            raise ValueError(
                "expected a non-empty list of two-letter country codes such as \"DE\""
            )
        return codes

    def conditions(self) -> dict[str, object]:
        """The conditions this rule sets, by name."""
        return {
            name: getattr(self, name)
            for name in RULE_CONDITIONS
            if getattr(self, name) is not None
        }

    def __str__(self) -> str:
        # `config show` prints list items with str(); show the rule, not the pydantic repr.
        parts = [f"{key}={value!r}" for key, value in self.conditions().items()]
        return f"{self.name}: {self.action} when " + " and ".join(parts)


class AutoSettings(_Section):
    cooling_off_hours: float = Field(20.0, ge=0, le=HOURS_MAX)
    rules: list[AutoRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_names(self) -> AutoSettings:
        seen: dict[str, int] = {}
        for index, rule in enumerate(self.rules):
            key = rule.name.casefold()
            if key in seen:
                raise ValueError(
                    f"rule name {rule.name!r} is used twice (rules[{seen[key]}] and"
                    f" rules[{index}]); names must be unique, history and undo use them"
                )
            seen[key] = index
        return self


class SuggestSettings(_Section):
    """`prune suggest` (issue 16): how many candidates it shows and how much it may follow."""

    limit: int = Field(30, ge=1, le=100_000)
    # Follows confirmed from `prune suggest` in any 24 hours, on top of the [actions] caps.
    # Far below what networks allow (X: 400 a day): a burst of follows looks like spam.
    follows_per_day: int = Field(20, ge=1, le=400)
    # On X, the following lists of this many of your most-engaged mutuals are read (priced,
    # only within max_cost); 0 reads none.
    mutuals_read: int = Field(3, ge=0, le=50)


class StoreSettings(_Section):
    """How much per-run detail the local store keeps (issue 17)."""

    # A run's proposals are dropped once the run is older than keep_days AND not among the
    # latest keep_runs of its account; the run itself (history) and the journal never are.
    keep_runs: int = Field(60, ge=1, le=100_000)
    keep_days: int = Field(30, ge=1, le=3650)


class Settings(_Section):
    # One of the registered networks (networks/registry.py); the app checks it on load, since
    # the registry sits above this module.
    network: str = "x"
    interests: InterestSettings = Field(default_factory=InterestSettings)
    geography: GeographySettings = Field(default_factory=GeographySettings)
    weights: WeightSettings = Field(default_factory=WeightSettings)
    proposals: ProposalSettings = Field(default_factory=ProposalSettings)
    interaction: InteractionSettings = Field(default_factory=InteractionSettings)
    actions: ActionSettings = Field(default_factory=ActionSettings)
    x: XSettings = Field(default_factory=XSettings)
    bluesky: BlueskySettings = Field(default_factory=BlueskySettings)
    mastodon: MastodonSettings = Field(default_factory=MastodonSettings)
    auto: AutoSettings = Field(default_factory=AutoSettings)
    suggest: SuggestSettings = Field(default_factory=SuggestSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)


KeyPath = tuple[str, ...]


@dataclass
class LoadedSettings:
    settings: Settings
    file: Path | None  # the config file read, if any
    sources: dict[KeyPath, str] = field(default_factory=dict)

    def source_of(self, path: KeyPath) -> str:
        return self.sources.get(path, "default")


def config_file_path(paths: Paths, explicit: Path | None) -> tuple[Path, bool]:
    """The config file to read and whether the user named it (then it must exist)."""
    if explicit is not None:
        return explicit, True
    from_env = os.environ.get("FOLLOWPRUNE_CONFIG")
    if from_env:
        return Path(from_env).expanduser(), True
    return paths.default_config_file, False


def load_settings(
    paths: Paths,
    explicit_file: Path | None = None,
    flags: Mapping[KeyPath, tuple[str, Any]] | None = None,
) -> LoadedSettings:
    """Read, overlay and validate. `flags` maps key paths to (flag name, value)."""
    path, required = config_file_path(paths, explicit_file)
    raw: dict[str, Any] = {}
    from_file: dict[str, Any] = {}
    sources: dict[KeyPath, str] = {}
    file_used: Path | None = None
    try:
        path.exists()
    except OSError as exc:  # a name too long for the file system, a folder not searchable
        raise ConfigError(f"config file {_short_repr(str(path), 120)}: cannot be read:"
                          f" {exc.strerror or exc}",
                          hint="fix --config / FOLLOWPRUNE_CONFIG") from None
    if path.is_file():
        raw = _read_toml(path)
        file_used = path
        from_file = copy.deepcopy(raw)  # `raw` gets the environment and flags laid over it
        section = raw.get("x")
        if isinstance(section, dict) and "client_secret" in section:
            # Config files get copied, shared and backed up; the README promises the secret
            # lives only in the environment, so one written here is refused, not read.
            raise ConfigError(
                f"{path}: [x] client_secret does not belong in the config file",
                hint="delete the line and set the X_CLIENT_SECRET environment variable instead",
            )
        for key_path, _ in _leaves(raw):
            sources[key_path] = f"file {path}"
    elif path.is_dir():
        # Never skipped silently, not even at the default place: the person meant a file
        # there, and running on defaults instead would act on rules they never wrote.
        raise ConfigError(
            f"config file {path} is a directory, not a file",
            hint="point --config / FOLLOWPRUNE_CONFIG at the config.toml inside it, or move"
                 " the folder aside",
        )
    elif path.exists():
        raise ConfigError(f"config file {path} is not a regular file (a pipe or a device?)")
    elif path.is_symlink():
        # A link whose target is gone (or a loop): the person keeps their config elsewhere,
        # and running on defaults instead would act on rules they never wrote.
        raise ConfigError(f"config file {path} is a link to {_link_target(path)}, which"
                          " cannot be read (missing, or a loop of links)",
                          hint="fix the link, or fix --config / FOLLOWPRUNE_CONFIG")
    elif required:
        raise ConfigError(
            f"config file {path} does not exist",
            hint="create one with `prune config init`, or fix --config / FOLLOWPRUNE_CONFIG",
        )

    env_sources: dict[KeyPath, str] = {}
    for env_name, key_path, value in _environment_overrides():
        _set(raw, key_path, value)
        sources[key_path] = f"env {env_name}"
        env_sources[key_path] = env_name
    for key_path, (flag, value) in (flags or {}).items():
        _set(raw, key_path, value)
        sources[key_path] = f"flag {flag}"

    flag_sources = {key_path: flag for key_path, (flag, _) in (flags or {}).items()}
    converted = _converted_in_file(_without(from_file, [*env_sources, *flag_sources]))
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        reported = {tuple(error["loc"]) for error in exc.errors()}
        errors = [*exc.errors(), *(e for e in converted if tuple(e["loc"]) not in reported)]
        raise ConfigError(_describe(errors, file_used, env_sources, raw, flag_sources)) from None
    if converted:
        raise ConfigError(_describe(converted, file_used, env_sources, raw, flag_sources))
    return LoadedSettings(settings=settings, file=file_used, sources=sources)


# What lax validation turns into the type a setting wants: true into 1, 1 into true, "0.3"
# into 0.3. Wanted for the environment, where every value is a string; in a TOML file,
# which has types, it hides a mistake (README: a wrong type stops, naming the key).
_CONVERTED_TYPES = {"bool_type", "int_type", "float_type", "string_type"}


def _converted_in_file(from_file: dict[str, Any]) -> list[ErrorDetails]:
    """The file's values of the wrong TOML type for their setting (an integer where a float
    is wanted is right): validated strictly, keeping only the type errors, since anything
    else wrong is found by the full validation anyway."""
    if not from_file:
        return []
    try:
        Settings.model_validate(from_file, strict=True)
    except ValidationError as exc:
        return [error for error in exc.errors() if error["type"] in _CONVERTED_TYPES]
    return []


def _without(data: dict[str, Any], key_paths: Iterable[KeyPath]) -> dict[str, Any]:
    """`data` less the values at `key_paths`: the file's values that the environment or a
    flag replaced are not the ones in force, so not checked."""
    for key_path in key_paths:
        node: Any = data
        for key in key_path[:-1]:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(key_path[-1], None)
    return data


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        # Where, never what: the bytes of a binary file would make a screenful of noise.
        raise ConfigError(
            f"{path}: not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line},"
            f" column {column} (offset {exc.start})",
            hint="save the config file as UTF-8 (TOML files must be UTF-8)",
        ) from None
    try:
        # A byte-order mark, which Windows editors add, is not a reason to refuse the file.
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except ValueError as exc:
        # tomllib turns digits into an int before any setting is checked: Python refuses
        # one of more than 4,300 digits (a ValueError that is no TOMLDecodeError).
        raise ConfigError(f"{path}: not a value followprune can read: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: arrays or tables nested too deeply"
                          ) from None


def _link_target(path: Path) -> str:
    try:
        return str(path.readlink())
    except OSError:
        return "a place that cannot be read"


def _leaves(data: Mapping[str, Any], prefix: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _leaves(value, (*prefix, key))
        else:
            yield (*prefix, key), value


def _set(data: dict[str, Any], key_path: KeyPath, value: Any) -> None:
    node = data
    for key in key_path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[key_path[-1]] = value


def setting_paths(model: type[BaseModel] = Settings, prefix: KeyPath = ()) -> Iterator[KeyPath]:
    """Every leaf key path of the settings schema, in declaration order."""
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from setting_paths(annotation, (*prefix, name))
        else:
            yield (*prefix, name)


def env_name(key_path: KeyPath) -> str:
    return ENV_PREFIX + "_".join(key_path).upper()


def _environment_overrides() -> Iterator[tuple[str, KeyPath, Any]]:
    known = {env_name(p): p for p in setting_paths()}
    for alias, key_path in _ENV_ALIASES.items():
        if os.environ.get(alias) and not os.environ.get(env_name(key_path)):
            yield alias, key_path, os.environ[alias]
    for name, value in os.environ.items():
        if not name.startswith(ENV_PREFIX) or name in _NON_SETTING_ENV:
            continue
        setting = known.get(name)
        if setting is None:
            raise ConfigError(
                f"environment variable {name} is not a setting",
                hint="settings are named FOLLOWPRUNE_<SECTION>_<KEY>; see `prune config show`",
            )
        yield name, setting, _parse_env_value(value, setting)


def _parse_env_value(value: str, key_path: KeyPath) -> Any:
    if _is_list_setting(key_path):
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                raise ConfigError(
                    f"environment variable {env_name(key_path)}: not a valid JSON list"
                ) from None
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


def _is_list_setting(key_path: KeyPath) -> bool:
    model: type[BaseModel] = Settings
    for key in key_path[:-1]:
        annotation = model.model_fields[key].annotation
        assert isinstance(annotation, type)
        model = annotation
    annotation = model.model_fields[key_path[-1]].annotation
    return getattr(annotation, "__origin__", None) is list


def _describe(
    errors: Sequence[ErrorDetails],
    file: Path | None,
    env_sources: Mapping[KeyPath, str],
    raw: Mapping[str, Any] | None = None,
    flag_sources: Mapping[KeyPath, str] | None = None,
) -> str:
    """One message naming where, which key, and what was expected, for every problem."""
    lines = []
    for error in errors:
        loc = tuple(str(part) for part in error["loc"])
        key = _format_loc(error["loc"], raw or {})
        env = next((env_sources[p] for p in env_sources if loc[: len(p)] == p), None)
        flag = (flag_sources or {}).get(loc)
        where = (f"option {flag}" if flag else f"environment variable {env}" if env
                 else str(file or "settings"))
        if error["type"] == "extra_forbidden":
            lines.append(f"{where}: {key}: unknown key{_allowed_keys(loc)}")
            continue
        message = error["msg"].removeprefix("Value error, ")
        got = error.get("input")
        shown = "" if isinstance(got, dict) else f" (got {_short_repr(got)})"
        expected = _range_text(loc) if error["type"] in _NUMBER_ERRORS else ""
        if error["type"] == "list_type" and isinstance(got, str) and not env and not flag:
            # `home = "Berlin"` is the mistake everyone makes once: show the list it meant.
            items = [got] if got.strip() else []
            expected = f"; write a list: {loc[-1]} = {json.dumps(items, ensure_ascii=False)}"
        lines.append(f"{where}: {key}: {message}{shown}{expected}")
    return "invalid configuration:\n  " + "\n  ".join(lines)


_NUMBER_ERRORS = {
    "finite_number", "greater_than", "greater_than_equal", "less_than", "less_than_equal",
    "float_parsing", "float_type", "int_parsing", "int_parsing_size", "int_type",
    "int_from_float",
}


def _short_repr(value: Any, limit: int = 60) -> str:
    """A pasted binary blob or a 4 KB string would bury the message; its start is enough."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _range_text(loc: tuple[str, ...]) -> str:
    """`; expected a number from 0 to 3600` for a number setting with bounds."""
    model: type[BaseModel] = Settings
    info = None
    for index, key in enumerate(loc):
        if key.isdigit():
            continue
        info = model.model_fields.get(key)
        if info is None:
            return ""
        annotation = info.annotation
        if getattr(annotation, "__origin__", None) is list:
            annotation = annotation.__args__[0]  # type: ignore[union-attr]
        if index < len(loc) - 1:
            if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
                return ""
            model = annotation
    if info is None:
        return ""
    bounds: dict[str, str] = {}
    for constraint in info.metadata:
        for attr in ("ge", "gt", "le", "lt"):
            value = getattr(constraint, attr, None)
            if value is not None:
                bounds[attr] = str(int(value)) if float(value).is_integer() else str(value)
    if not bounds:
        return ""
    kind = "a whole number" if "int" in str(info.annotation) else "a number"
    if "ge" in bounds and "le" in bounds:
        return f"; expected {kind} from {bounds['ge']} to {bounds['le']}"
    words = {"ge": "at least", "gt": "above", "le": "at most", "lt": "below"}
    return f"; expected {kind} " + " and ".join(f"{words[k]} {v}" for k, v in bounds.items())


def _format_loc(loc: tuple[int | str, ...], raw: Mapping[str, Any]) -> str:
    """`auto.rules[1] ("stale"): inactive_days` — a rule is named, not only numbered, because
    people find their rules by name."""
    text = ""
    node: Any = raw
    for index, part in enumerate(loc):
        node = _child(node, part)
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        if loc[:2] == ("auto", "rules") and index == 2 and isinstance(node, dict):
            name = node.get("name")
            if isinstance(name, str) and name:
                text += f' ("{name}")'
            rest = ".".join(str(p) for p in loc[3:])
            return f"{text}: {rest}" if rest else text
    return text or "(top level)"


def _child(node: Any, part: int | str) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _allowed_keys(loc: tuple[str, ...]) -> str:
    model: type[BaseModel] = Settings
    for key in loc[:-1]:
        if key.isdigit():  # an index into a list of models, e.g. auto.rules[0]
            continue
        info = model.model_fields.get(key)
        annotation = info.annotation if info else None
        if getattr(annotation, "__origin__", None) is list:
            annotation = annotation.__args__[0]  # type: ignore[union-attr]
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return ""
        model = annotation
    return " (expected one of: " + ", ".join(model.model_fields) + ")"


def redacted_value(settings: Settings, key_path: KeyPath) -> Any:
    value: Any = settings
    for key in key_path:
        value = getattr(value, key)
    if isinstance(value, SecretStr):
        return "********" if value.get_secret_value() else ""
    return value
