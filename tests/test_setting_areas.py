"""Areas named as one that are several regions or countries ("Midwest", "関西", "the
Nordics") are read, in the home, regions and keep_places settings, as all their parts. Persona
rounds 20 and 21: a Midwesterner's regions = ["Midwest"] and an Osakan's ["関西"] had been
refused as all of the United States and all of Japan, so neither could say where they care
about. In profiles nothing changes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from followprune.app.review import place_settings
from followprune.cli.main import cli
from followprune.config import Settings
from followprune.scoring.geography import located_in, resolve_location, setting_area


@pytest.mark.parametrize(("text", "parts"), [
    ("Midwest", 12), ("the Midwest", 12), ("MIDWEST", 12), ("New England", 6), ("PNW", 3),
    ("関西", 6), ("Kansai", 6), ("関東", 7), ("Nordeste", 9), ("the Nordics", 5),
    ("Scandinavia", 3), ("Benelux", 3), ("DACH", 3), ("GCC", 6),
])
def test_an_area_names_its_parts(text: str, parts: int) -> None:
    assert len(setting_area(text)) == parts


@pytest.mark.parametrize("text", ["Chicago", "Midwestern", "England", "the West", ""])
def test_other_texts_name_no_area(text: str) -> None:
    assert setting_area(text) == ()


def _read(**geography: list[str]) -> dict[str, list[str]]:
    settings = Settings.model_validate({"geography": geography})
    found: dict[str, list[str]] = {}
    for key, text, place in place_settings(settings):
        found.setdefault(f"{key}:{text}", []).append(place.region or place.country or "")
    return found


def test_regions_read_an_area_as_each_of_its_parts() -> None:
    found = _read(home=["Evanston, IL"], regions=["Midwest", "the Nordics"])
    assert found["geography.regions:Midwest"][:3] == ["US-IL", "US-IN", "US-IA"]
    assert len(found["geography.regions:Midwest"]) == 12
    assert found["geography.regions:the Nordics"] == ["DK", "NO", "SE", "FI", "IS"]


@pytest.mark.parametrize(("area", "inside", "outside"), [
    ("Midwest", ["Peoria, IL", "Milwaukee, WI", "Columbus, Ohio", "Minneapolis"],
     ["Nashville, TN", "Denver, CO", "Toronto"]),
    ("関西", ["大阪市", "Kobe", "京都", "奈良"], ["東京", "Nagoya", "Fukuoka"]),
    ("Nordeste", ["Recife - PE", "Salvador, BA", "Fortaleza"], ["São Paulo", "Curitiba"]),
])
def test_an_account_in_one_of_the_parts_is_in_the_area(
    area: str, inside: list[str], outside: list[str]
) -> None:
    regions = [place for _, _, place in place_settings(
        Settings.model_validate({"geography": {"regions": [area]}}))]
    for text in inside:
        assert any(located_in(resolve_location(text), r) for r in regions), text
    for text in outside:
        assert not any(located_in(resolve_location(text), r) for r in regions), text


def test_a_profile_saying_midwest_still_says_the_country() -> None:
    place = resolve_location("Midwest")
    assert place.country == "US"
    assert place.region is None


def test_config_show_and_a_review_take_an_area(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"FOLLOWPRUNE_GEOGRAPHY_REGIONS": '["Midwest", "関西"]',
           "FOLLOWPRUNE_PROPOSALS_KEEP_PLACES": "New England"}
    shown = CliRunner().invoke(cli, ["config", "show"], env=env)
    assert shown.exit_code == 0, shown.output
    assert "# geography.regions: 'Midwest' is 12 places: Illinois, the United States;" \
        in shown.stdout
    assert "# proposals.keep_places: 'New England' is 6 places:" in shown.stdout
    review = CliRunner().invoke(cli, ["--demo", "--dry-run"], env=env)
    assert review.exit_code == 0, review.output
