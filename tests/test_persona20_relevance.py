"""Persona round 20 (Haruka, a UX designer in Tokyo: UX/UI and game design, indie games,
pixel art, typography, Figma, accessibility, the Hanshin Tigers, bird photography, cafés and
kissaten), relevance: the Tigers as their fans write them, cafés and coffee as Japanese,
Chinese and Korean bios write them, and Nintendo in Japanese and Korean."""

from __future__ import annotations

import pytest

from tests.test_relevance_round15 import _named

PERSONA = ("UXデザイン", "UX design", "UIデザイン", "UI design", "ゲームデザイン", "game design",
           "インディーゲーム", "indie games", "ドット絵", "pixel art", "タイポグラフィ",
           "typography", "Figma", "アクセシビリティ", "accessibility", "阪神タイガース",
           "Hanshin Tigers", "野鳥撮影", "bird photography", "カフェ", "喫茶店")


@pytest.mark.parametrize("bio", [
    "虎党歴25年。甲子園ライトスタンド。六甲おろし🐯",
    "トラ党です。今年こそアレ",
    "阪神ファンの会社員",
    "Hanshin Tigers fan living in Tokyo",
])
def test_the_tigers_as_their_fans_write_them(bio: str) -> None:
    assert {"阪神タイガース", "Hanshin Tigers"} & set(_named(PERSONA, bio)), bio


@pytest.mark.parametrize("bio", [
    "阪神電車で通勤しています",
    "阪神・淡路大震災の記録を残す",
    "デトロイト・タイガースの記事を翻訳",
    "高校野球と甲子園の記録",
])
def test_hanshin_the_railway_and_other_tigers_are_not_the_club(bio: str) -> None:
    named = _named(PERSONA, bio)
    assert "阪神タイガース" not in named and "Hanshin Tigers" not in named


@pytest.mark.parametrize("bio", [
    "京都の純喫茶。創業1958年。自家製プリンあります。",
    "下北沢の小さな自家焙煎珈琲店",
    "コーヒーとパンが好き",
    "서울 카페 투어 ☕",
    "台北咖啡店巡禮",
])
def test_cafes_and_coffee_as_east_asian_bios_write_them(bio: str) -> None:
    assert {"カフェ", "喫茶店", "cafés"} & set(_named(PERSONA, bio)), bio


@pytest.mark.parametrize("bio", ["任天堂株式会社の公式アカウントです。", "닌텐도 스위치 게임 리뷰"])
def test_nintendo_in_japanese_and_korean_is_gaming(bio: str) -> None:
    assert "gaming" in _named(("game design",), bio) or "game design" in _named(
        ("game design",), bio), bio
