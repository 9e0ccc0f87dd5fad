"""Findings of persona round 20 (Haruka, a UX designer in Setagaya): Tokyo as Tokyoites write
it ("都内", "23区", its neighbourhoods), and the resident's and the nearby's words Japanese
and Korean write after a place without a space ("東京在住", "大阪近郊", "서울 거주")."""

from __future__ import annotations

import pytest

from followprune.scoring.geography import location_of, resolve_location


@pytest.mark.parametrize(("text", "country", "city"), [
    ("都内", "JP", "Tokyo"),
    ("東京23区", "JP", "Tokyo"),
    ("下北沢", "JP", "Tokyo"),
    ("Shimokitazawa", "JP", "Tokyo"),
    ("秋葉原", "JP", "Tokyo"),
    ("池袋", "JP", "Tokyo"),
    ("吉祥寺", "JP", "Tokyo"),
    ("三軒茶屋", "JP", "Tokyo"),
    ("Nakameguro", "JP", "Tokyo"),
    ("東京在住", "JP", "Tokyo"),
    ("都内在住", "JP", "Tokyo"),
    ("東京都内在住です", "JP", "Tokyo"),
    ("東京周辺", "JP", "Tokyo"),
    ("大阪近郊", "JP", "Osaka"),
    ("名古屋在住", "JP", "Nagoya"),
    ("서울 거주", "KR", "Seoul"),
    # Neighbours already read keep their reading.
    ("新宿", "JP", "Shinjuku"),
    ("なんば", "JP", "Osaka"),
    ("東京都世田谷区", "JP", "Tokyo"),
])
def test_tokyo_and_the_residents_words(text: str, country: str, city: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == (country, city)


def test_a_region_said_with_its_residents_word_is_still_the_region() -> None:
    place = resolve_location("関東在住")
    assert place.country == "JP"


@pytest.mark.parametrize("text", ["在住", "周辺", "近郊"])
def test_the_words_alone_are_no_place(text: str) -> None:
    assert resolve_location(text).country is None


@pytest.mark.parametrize(("bio", "said"), [
    ("UXデザイナー（フリーランス）。大阪拠点。", "大阪"),
    ("福岡を拠点に活動するイラストレーター", "福岡"),
    ("東京拠点のデザイナー", "東京"),
    ("大阪在住のエンジニア", "大阪"),  # round 18's reading, unchanged
])
def test_based_in_as_japanese_bios_say_it(bio: str, said: str) -> None:
    assert location_of("", bio) == said


@pytest.mark.parametrize("bio", ["拠点づくりのコンサル", "データ拠点の構築", "開発拠点はベトナム"])
def test_a_base_that_is_no_place_is_no_location(bio: str) -> None:
    assert location_of("", bio) == ""


def test_a_base_in_the_location_field_is_read_too() -> None:
    assert resolve_location("福岡拠点").city == "Fukuoka"
