"""Persona round 20 (Haruka, a UX designer in Tokyo): Japanese and Korean spam the selling
patterns missed (giveaway farms and their entrants, side income sold by the month, LINE
sign-up gifts, FX and crypto yields, adult spam, game accounts traded, betting tips), bots
that post by the clock, and the look-alikes of each that must stay ordinary, through the
real scorer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from followprune.models import Account
from followprune.scoring import quality
from followprune.scoring.blend import DOUBTFUL_QUALITY
from followprune.scoring.quality import bot_score, score_quality
from tests.test_quality import NOW, account, assert_read_as_selling


def signals(bio: str) -> dict[str, float]:
    found = score_quality(account(bio=bio), NOW).facts["signals"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize("bio", [
    "【プレゼント企画】フォロー＆RTでAmazonギフト券1万円分を10名様に🎁 当選はDMで連絡",
    "懸賞垢🎁 当たったものを紹介してます #懸賞 #プレゼント企画",
    "毎日抽選！フォロー&RTで現金10万円プレゼント💴 #現金配布 #お金配り",
    "Webデザインで副業月10万！未経験から3ヶ月でWebデザイナーに｜無料講座受付中",
    "ChatGPTで月5万稼ぐAI副業を発信🤖 初心者OK",
    "せどり・物販で脱サラ🔥 無料note プレゼント中 #副業 #せどり",
    "カフェ開業で年収1000万☕ 開業コンサル・無料相談受付中 #カフェ開業 #副業",
    "UXデザイナーになれる！オンラインスクール 無料説明会 受付中 📣 転職成功率98%",
    "FX自動売買EA 月利20%｜無料配布中｜LINE登録で受け取り📈 #FX #投資",
    "仮想通貨で資産1億円🚀 億り人を目指す方はDMへ #BTC #仮想通貨",
    "코인 시그널 무료 리딩방 📈 수익 인증 · 텔레그램 문의",
    "ピクセルアートNFT🎨 フリーミント開催中！WL配布 #NFT",
    "Crypto airdrop hunter 🪂 100x gems daily. Not financial advice. DYOR",
    "裏垢女子です…🔞 DMで待ってます💕 プロフのリンク見てね",
    "大人の出会い💋 LINE交換しよ🔞 18歳未満閲覧禁止",
    "原神アカウント販売・RMT 最安値 即日対応 安心取引実績500件",
    "ガチャ代行・アカウント売買🎮 引退垢買取 DMで見積もり",
    "競馬予想 的中率90%🐎 有料noteで買い目公開中｜LINEで無料予想配信",
    "プロ野球予想・スポーツベッティング 阪神戦も的中連発⚾ 無料予想はLINEで",
])
def test_persona20_spam_is_read_as_selling(bio: str) -> None:
    assert_read_as_selling(bio)


@pytest.mark.parametrize("bio", [
    "ワンピース好き。懸賞金ランキング予想してます",
    "誕生日プレゼント選びが苦手なUXデザイナー",
    "フォロー・RTありがとうございます！ゲームUI作ってます",
    "副業でイラストを描いています。本業はUIデザイナー",
    "経済記者。日本企業の稼ぐ力について書いています",
    "下北沢の珈琲店。ご予約はLINEで",
    "ゲーム会社に転職しました。UXデザイナー",
    "システムトレードと自動売買の研究をしている大学院生",
    "大人の休日倶楽部で旅する鉄道ファン",
    "🔞 ホラー映画のネタバレ注意。映画レビュー",
    "アカウント販売は規約違反です。運営からのお知らせ",
    "気象予報士。予想気温と天気図の解説",
    "10x engineer, 3x founder",
    "在宅勤務のUXリサーチャー。インタビューとユーザビリティテスト",
    "インディーゲームのグッズ販売中。BOOTHにて",
    "レトロゲーム買取の話をするブログ",
])
def test_persona20_look_alikes_stay_ordinary(bio: str) -> None:
    assert not {"asks_follow", "sells", "says_automated"} & signals(bio).keys()


@pytest.mark.parametrize("bio", [
    "【定期】ことわざbot。1時間ごとに自動でつぶやきます。",
    "今日の天気を30分おきに投稿します",
    "名言を自動でツイートします",
])
def test_a_japanese_bot_posting_by_the_clock_says_it_is_automated(bio: str) -> None:
    assert "says_automated" in signals(bio)


@pytest.mark.parametrize("bio", [
    "2時間おきに授乳中の新米ママ",
    "自動でドアが開くUIの研究",
    "1時間ごとに休憩するのが健康の秘訣",
])
def test_a_clock_or_automation_said_of_life_is_no_bot(bio: str) -> None:
    assert "says_automated" not in signals(bio)


@pytest.mark.parametrize("text", [
    "懸賞垢", "#懸賞", "プレゼント企画", "現金配布", "お金配り", "フォロー＆rtでamazonギフト券",
    "副業月10万", "月5万稼ぐ", "稼ぐ方法", "#副業", "#在宅ワーク", "#不労所得", "line登録で特典",
    "転職成功率98%", "月利20%", "億り人を目指す方はdmへ", "自動売買ea 無料配布", "코인 리딩방",
    "フリーミント", "wl配布", "100x gems", "裏垢女子", "大人の出会い", "line交換しよ",
    "🔞 dmで待ってます", "アカウント販売", "ガチャ代行", "的中率90%", "的中連発", "無料予想",
    "買い目公開"])
def test_each_new_selling_text_passes_the_gate(text: str) -> None:
    assert quality._gates_passed(text) & quality._TOUTS, text
    assert quality._SELLS_SEARCHED(text), text
    assert quality._SELLS_LOWER.search(text) is not None, text


def _parent(following: int, followers: int = 8) -> Account:
    # Persona round 20's mother: a default avatar, no bio, no place, 14 posts in 8 years.
    return Account.model_validate(dict(
        id="5000031", handle="sato_kazuko", name="佐藤和子",
        default_avatar=True, created_at=datetime(2018, 5, 1, tzinfo=UTC), followers_count=followers,
        following_count=following, post_count=14, listed_count=0, like_count=28,
        last_active_at=datetime(2026, 6, 27, tzinfo=UTC)))


def test_a_mutual_following_a_few_dozen_is_of_sound_enough_quality() -> None:
    mutual = score_quality(_parent(20), NOW, follows_you=True)
    assert mutual.value > DOUBTFUL_QUALITY
    assert bot_score(mutual) < 0.5


def test_the_credit_grows_as_the_follows_shrink_and_stays_at_round_17s_above_200() -> None:
    def credit(following: int) -> float:
        # Followers enough that no follow count here reads as seeking follows.
        found = score_quality(_parent(following, 90), NOW, follows_you=True).facts["signals"]
        assert isinstance(found, dict)
        return float(found["knows_you"])

    assert credit(20) == credit(50) == -4.0
    assert credit(50) < credit(120) < credit(200) == credit(300) == -2.0


def test_a_few_follows_alone_say_nothing_without_the_tie() -> None:
    assert score_quality(_parent(20), NOW) == score_quality(_parent(20), NOW, follows_you=False)
