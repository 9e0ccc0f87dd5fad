"""Settings: file < environment < flags, one clear message for every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from followprune.config import env_name, load_settings, setting_paths
from followprune.errors import ConfigError
from followprune.paths import resolve_paths
from tests.conftest import Invoke


def write(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(isolated_env: Path) -> None:
    loaded = load_settings(resolve_paths())
    assert loaded.file is None
    assert loaded.settings.proposals.threshold == 0.3
    assert loaded.source_of(("proposals", "threshold")) == "default"


def test_precedence_flag_over_env_over_file(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(isolated_env, "[proposals]\nlimit = 5\nthreshold = 0.3\n")
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_LIMIT", "7")
    loaded = load_settings(resolve_paths(), flags={("proposals", "threshold"): ("--t", 0.2)})
    assert loaded.settings.proposals.limit == 7
    assert loaded.settings.proposals.threshold == 0.2
    assert loaded.source_of(("proposals", "limit")) == "env FOLLOWPRUNE_PROPOSALS_LIMIT"
    assert loaded.source_of(("proposals", "threshold")) == "flag --t"
    assert loaded.file == path


def test_env_lists_and_x_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_INTERESTS_KEYWORDS", "rust, open source")
    monkeypatch.setenv("FOLLOWPRUNE_X_API_BASE_URL", "http://127.0.0.1:9")
    settings = load_settings(resolve_paths()).settings
    assert settings.interests.keywords == ["rust", "open source"]
    assert settings.x.api_base_url == "http://127.0.0.1:9"


def test_every_setting_has_an_environment_name() -> None:
    names = [env_name(p) for p in setting_paths()]
    assert len(names) == len(set(names))
    assert "FOLLOWPRUNE_X_API_BASE_URL" in names


def test_broken_toml(invoke: Invoke, isolated_env: Path) -> None:
    path = write(isolated_env, "[proposals\nlimit = 5\n")
    result = invoke("config", "show")
    assert result.exit_code == 2
    assert f"{path}: not valid TOML" in result.stderr
    assert "line 1" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_key_names_file_key_and_allowed(invoke: Invoke, isolated_env: Path) -> None:
    path = write(isolated_env, "[proposals]\nthreshhold = 0.3\n")
    result = invoke("--demo", "--dry-run")
    assert result.exit_code == 2
    assert f"{path}: proposals.threshhold: unknown key (expected one of: threshold," in (
        result.stderr
    )


def test_wrong_type_names_key_and_expectation(invoke: Invoke, isolated_env: Path) -> None:
    path = write(isolated_env, '[proposals]\nlimit = "many"\n[weights]\nrelevance = -1\n')
    result = invoke("config", "show")
    assert result.exit_code == 2
    assert f"{path}: proposals.limit: Input should be a valid integer" in result.stderr
    assert "(got 'many')" in result.stderr
    assert f"{path}: weights.relevance: Input should be greater than or equal to 0" in (
        result.stderr
    )


def test_bad_env_value_names_the_variable(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_ACTION", "block")
    result = invoke("config", "show")
    assert result.exit_code == 2
    assert "environment variable FOLLOWPRUNE_PROPOSALS_ACTION: proposals.action" in result.stderr


def test_unknown_env_setting(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSAL_LIMIT", "3")
    result = invoke("config", "show")
    assert result.exit_code == 2
    assert "FOLLOWPRUNE_PROPOSAL_LIMIT is not a setting" in result.stderr


def test_missing_named_config(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("--config", str(tmp_path / "nope.toml"), "config", "show")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_config_init_then_show(invoke: Invoke, isolated_env: Path) -> None:
    result = invoke("config", "init")
    assert result.exit_code == 0, result.output
    path = isolated_env / "config.toml"
    assert path.read_text(encoding="utf-8") == (
        Path(__file__).parents[1] / "config.example.toml"
    ).read_text(encoding="utf-8")
    shown = invoke("config", "show")
    assert shown.exit_code == 0
    assert f"threshold = 0.3  # file {path}" in shown.stdout
    assert "per_day = 150  # file" in shown.stdout


def test_config_init_never_overwrites_silently(invoke: Invoke, isolated_env: Path) -> None:
    path = write(isolated_env, "network = 'demo'\n")
    refused = invoke("config", "init")
    assert refused.exit_code == 2
    assert "already exists; nothing was changed" in refused.stderr
    assert path.read_text() == "network = 'demo'\n"
    forced = invoke("config", "init", "--force")
    assert forced.exit_code == 0
    assert (isolated_env / "config.toml.bak").read_text() == "network = 'demo'\n"


def test_config_show_redacts_secrets(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_CLIENT_SECRET", "s3cr3t-value")
    monkeypatch.setenv("X_CLIENT_ID", "client-123")
    result = invoke("config", "show")
    assert result.exit_code == 0
    assert "s3cr3t-value" not in result.output
    assert 'client_secret = "********"  # env X_CLIENT_SECRET' in result.stdout
    assert 'client_id = "client-123"  # env X_CLIENT_ID' in result.stdout


def test_a_client_secret_in_the_file_is_refused_not_read(isolated_env: Path,
                                                         invoke: Invoke) -> None:
    write(isolated_env, '[x]\nclient_secret = "s3cr3t-value"\n')
    result = invoke("--demo", "--dry-run")
    assert result.exit_code == 2
    assert "[x] client_secret does not belong in the config file" in result.output
    assert "X_CLIENT_SECRET" in result.output and "s3cr3t-value" not in result.output


def test_example_config_is_valid_and_complete(tmp_path: Path) -> None:
    example = Path(__file__).parents[1] / "config.example.toml"
    loaded = load_settings(resolve_paths(), explicit_file=example)
    # Every setting appears in the example, except the secret (it belongs in the environment)
    # and automatic rules (shown there as a commented example).
    undocumented = set(setting_paths()) - set(loaded.sources)
    assert undocumented <= {("x", "client_secret"), ("auto", "rules")}


def test_config_error_type() -> None:
    with pytest.raises(ConfigError):
        load_settings(resolve_paths(), explicit_file=Path("/nonexistent/config.toml"))


def test_config_init_writes_through_a_link_and_refuses_a_dangling_one(
        isolated_env: Path, invoke: Invoke, tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "followprune.toml"
    real.parent.mkdir()
    real.write_text("network = 'demo'\n", encoding="utf-8")
    isolated_env.mkdir(parents=True, exist_ok=True)
    link = isolated_env / "config.toml"
    link.symlink_to(real)
    assert invoke("config", "init", "--force").exit_code == 0
    assert link.is_symlink() and link.resolve() == real  # the person's link stays
    assert "[proposals]" in real.read_text() and real.with_suffix(".toml.bak").exists()
    dangling = tmp_path / "dangling.toml"
    dangling.symlink_to(tmp_path / "nowhere.toml")
    result = invoke("config", "init", "--path", str(dangling))
    assert result.exit_code == 2 and "which does not exist; nothing was changed" in result.output
    assert dangling.is_symlink() and not (tmp_path / "nowhere.toml").exists()


def test_a_text_where_a_list_belongs_shows_the_list_it_meant(
    invoke: Invoke, isolated_env: Path
) -> None:
    path = write(isolated_env, '[geography]\nhome = "Berlin"\n[interests]\nkeywords = ""\n')
    result = invoke("config", "show")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert (f"{path}: geography.home: Input should be a valid list (got 'Berlin');"
            ' write a list: home = ["Berlin"]') in said
    assert 'write a list: keywords = []' in said


def test_a_config_link_to_nowhere_is_refused_not_skipped(isolated_env: Path,
                                                         invoke: Invoke) -> None:
    """Running on defaults instead would act on rules the person never wrote (probe round
    10: exit 0, every setting lost without a word)."""
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").symlink_to(isolated_env / "moved-away.toml")
    result = invoke("--demo", "--dry-run")
    assert result.exit_code == 2
    assert "is a link to" in result.stderr and "moved-away.toml" in result.stderr


def test_an_integer_too_long_for_python_is_a_config_error_not_a_bug(
    isolated_env: Path, invoke: Invoke
) -> None:
    write(isolated_env, "[proposals]\nlimit = " + "9" * 5000 + "\n")
    result = invoke("--demo", "--dry-run")
    assert result.exit_code == 2
    assert "not a value followprune can read" in result.stderr
    assert "internal error" not in result.stderr


def test_config_init_under_a_file_names_the_file(tmp_path: Path, invoke: Invoke) -> None:
    """"File exists" had named nothing that exists (probe round 10)."""
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = invoke("config", "init", "--path", str(tmp_path / "afile" / "c.toml"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'afile'} is a file, not a folder; nothing was changed" in result.stderr


def test_an_empty_config_name_is_refused_as_such(invoke: Invoke) -> None:
    result = invoke("--config", "", "--demo", "--dry-run")
    assert result.exit_code == 2
    assert "an empty name is no file" in result.stderr


def test_config_show_says_what_each_place_is_and_refuses_one_it_cannot_read(
    invoke: Invoke, isolated_env: Path
) -> None:
    """`config show` reads the places as a run would: a home of "9ja" had been shown as
    fine here and then stopped the review (persona round 15)."""
    write(isolated_env, '[geography]\nhome = ["Las Gidi"]\nregions = ["Nigeria", "GH"]\n')
    shown = invoke("config", "show")
    assert shown.exit_code == 0, shown.output
    assert "# geography.home: 'Las Gidi' is Lagos, Nigeria" in shown.stdout
    assert "# geography.regions: 'GH' is Ghana" in shown.stdout
    write(isolated_env, '[geography]\nhome = ["9ja"]\n')
    refused = invoke("config", "show")
    assert refused.exit_code == 2
    assert "geography.home: '9ja' is not a place followprune knows" in refused.stderr
    assert "Traceback" not in refused.output
