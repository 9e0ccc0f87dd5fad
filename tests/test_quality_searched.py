"""The quick look for follow-trading and selling words (quality._Searched): it answers as the
whole lowered pattern's `search` does, for any text, and a match in an ASCII text is always
quoted with some words (which is why `_bot_signals` may read it as a yes or no)."""

from __future__ import annotations

import random
import re

import pytest

from followprune.scoring import quality
from followprune.scoring.quality import _quoted, _Searched, _top_level_alternatives
from tests.test_scoring_properties import BENCH

PATTERNS = [(quality._ASKS_FOLLOW_LOWER, quality._ASKS_SEARCHED),
            (quality._SELLS_LOWER, quality._SELLS_SEARCHED)]


def _runs(searched: _Searched) -> list[str]:
    return sorted({run for entries in searched._by_run.values()
                   for runs, _ in entries for run in runs})


def _texts(count: int, seed: int) -> list[str]:
    """Texts made of the patterns' own runs and the pieces between them (numbers, money,
    spacing, line breaks, Turkish letters), so that many match and many nearly do."""
    runs = sorted({run for _, searched in PATTERNS for run in _runs(searched)})
    pieces = [
        *runs, " ", " ", "\n", "$", "£", "€", "500", "10k", "%", "100", "a", "per", "day", "month",
        "from home", "ask me how", "online", "#", "x", "4", "win rate", "dm me for promo",
        "followers kaufen", "1000x gem", "ı", "ş", "ç", "learning", "signals", "gains",
        "₦", "gh₵", "r$", "ksh", "ngn", "n", "cedis", "=", "por dia", "daily", "minutes", "no",
        "collateral", "go", "shall"]
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pieces) + rnd.choice(["", " ", "  ", "\n"])
                    for _ in range(rnd.randint(1, 8))) for _ in range(count)]


@pytest.mark.parametrize(("pattern", "searched"), PATTERNS)
def test_the_quick_look_answers_as_the_pattern(pattern: object, searched: _Searched) -> None:
    follows = BENCH.generate(3_000, seed=17)
    texts = [f"{a.bio}\n{a.name}".lower() for a in follows.accounts] + _texts(40_000, 5)
    matched = 0
    for text in texts:
        expected = pattern.search(text) is not None  # type: ignore[attr-defined]
        matched += expected
        assert searched(text) is expected, text
    assert matched > 1_000  # the texts did reach the patterns' alternatives


def test_a_match_in_an_ascii_text_is_quoted_with_words() -> None:
    # Unless every match is denied or warned against: the random texts write "no" before a
    # claim as often as anything ("no endulzamientos"), and a denied claim is no claim.
    quoted = 0
    for text in _texts(20_000, 9):
        if text.isascii() and quality._SELLS_LOWER.search(text):
            affirmed = quality._affirmed(quality._SELLS_LOWER, text) is not None
            assert bool(_quoted(text, quality._SELLS_LOWER, quality._SELLS, text)) is affirmed
            quoted += affirmed
    assert quoted > 100  # the texts did reach the claims (a few hundred, by the patterns)


@pytest.mark.parametrize(("pattern", "searched"), PATTERNS)
def test_the_alternatives_are_the_whole_pattern(pattern: object, searched: _Searched) -> None:
    source = pattern.pattern  # type: ignore[attr-defined]
    assert "|".join(_top_level_alternatives(source)) == source


def test_a_pattern_cut_wrongly_is_refused() -> None:
    # A "|" or "(" inside a class is no alternative's end or group.
    assert _top_level_alternatives(r"a[|(]b|c") == ["a[|(]b", "c"]
    # A "]" first in a class is a member, which the cut does not read: checked against the
    # parser's count of alternatives, it is refused rather than cut wrongly.
    with pytest.raises(ValueError, match="cannot split"):
        _top_level_alternatives(r"a[]|]b|c")


@pytest.mark.parametrize("pattern", [quality._ASKS_FOLLOW_LOWER, quality._SELLS_LOWER])
def test_every_text_either_pattern_matches_passes_the_gate(pattern: object) -> None:
    # The gate words are what lets a bio reach the patterns at all: a branch whose words
    # none of them holds would never be looked for.
    for text in _texts(40_000, 11):
        if pattern.search(text) is not None:  # type: ignore[attr-defined]
            assert quality._gates_passed(text) & quality._TOUTS, text


# One hand-written text for each top-level alternative of the two patterns, in their order: a
# branch added without a gate word that lets its text through fails here, where the random
# texts above, made only of the runs outside groups, never write what a group alone holds
# ("early investors get 5x" was missed so: the gate knew "holders" only).
_FOLLOW_TRADE_SAMPLES = [
    "i follow back", "follow for follow", "#fff", "autofollow", "follow train",
    "gain followers", "gain with me", "#teamfollowback", "sigo de vuelta",
    "si me sigues te sigo", "folback", "folbek", "saling follow", "takip edene takip",
    "takipedenitakip", "ricambio follow", "geri takip", "takibe takip", "seguimi e ti seguo",
    "ti seguo se mi segui", "seguo chi mi segue", "sígueme y te sigo", "te sigo de vuelta",
    "sigo a todos los que me siguen", "#sdv", "devuelvo el follow", "te sigo si me sigues",
    "sigo a todos", "sigo todos que me seguem", "drop your handles and i'll follow",
    "nifuate nikufuate", "tufuatane", "nitakufuata ukinifuata", "ukinifuata nitakufuata",
    "相互フォロー", "相互フォロ募集", "相互希望", "フォロバ", "フォロー返し", "互粉", "回关",
    "互关", "맞팔", "تبادل متابعة", "رد المتابعة", "متابعة متبادلة", "फॉलो बैक",
    "взаимная подписка", "obserwuję wszystkich", "obserwacja za obserwację",
    "تابعني وأتابعك", "ضيفني وأضيفك", "رتويت = متابعة", "folge zurück",
    "folgst du mir, folge ich dir", "gegenseitig folgen", "f4f", "ifb", "i follow you back",
    # Persona round 23 (Cairo).
    "فولو باك", "#دعم_متبادل"]
_SELLING_SAMPLES = [
    "smm panel", "buy active followers", "buy real likes", "1k followers = ₦5k",
    "get 500 real followers", "gain 1k followers", "cheapest smm", "followers fast",
    "instant delivery of followers", "making $10k a month from home", "earn money online",
    "make money online", "earn $500 daily", "make $300 daily", "guaranteed profits",
    "daily profit", "100% profit", "forex signals", "crypto signals", "pump signals",
    "stock signals", "options signals", "90% win rate", "1000x gems", "100x gem",
    "dm for account management", "dm me for investment plans", "forex account management",
    "account manager for forex, 30% weekly", "earn 30% weekly",
    "turn $100 to $1000 weekly", "double your crypto in 24 hours", "invest $100 get $1000",
    "guaranteed roi", "30% roi weekly", "buy & sell usdt, dm", "usdt vendor",
    "use my referral code", "use my link to join", "mine pi with your phone",
    "bitcoin mining with your phone", "free airdrops",
    "airdrop hunter", "follow for whitelist", "whatsapp now", "free iphone", "win an iphone",
    "gana dinero", "compra seguidores", "seguidores reales", "dm for promo",
    "achetez des abonnés", "followers kaufen", "jual followers", "ganhe dinheiro",
    "guadagna online", "get instant loans", "loan approved in 5 minutes",
    "loans with no collateral", "we dey give loan", "sportybet booking codes",
    "booking codes for bet9ja", "5 odds loading", "follow to win ₦50k",
    "follow + rt to win $500 in eth",
    "early investors get 5x", "dm for $$$ promo", "dm me for 1:1 coaching $$$",
    "$$$ dm me for coaching",
    "ganhe r$ 300 por dia", "副業で月10万", "稼げる", "ربح 500", "أرباح يومية",
    "घर बैठे कमाएं", "रोज कमाएं", "زيادة متابعين", "اكسب 500 دولار يوميا", "takipçi satın al",
    "ucuz takipçi", "beğeni satın al", "kup obserwujących", "fixed matches", "sure odds",
    "betting tips", "vip tips", "casino bonus", "deneme bonusu", "banko kupon", "canlı bahis",
    "iddaa tahmin", "%100 kazanç", "apuestas seguras", "pronósticos vip", "apostas certas",
    "palpites vip", "compra follower", "pannello smm", "vendo seguidores",
    "guadagna 500€ al giorno", "gana $500 diarios", "segnali crypto", "señales de trading",
    "ingresos garantizados", "ingresos pasivos de $500", "panel de smm",
    "aumenta tus seguidores", "publicidad por dm", "nunua wafuasi", "pata pesa haraka",
    "tengeneza pesa online", "フォロワー購入", "仮想通貨シグナル", "シグナル配信",
    "verdiene 500€ am tag", "einkommen ab 500€ am tag", "geld verdienen online",
    "krypto-signale", "renda extra", "lucro garantido", "sinais de cripto", "pix premiado",
    "señales vip", "señales en telegram", "sinais vip", "duplica tu dinero",
    "dobre seu dinheiro", "inversión 100% segura", "rentabilidad garantizada",
    "investimento 100% seguro", "minería desde tu celular", "mineração pelo celular",
    "usa mi código de invitación", "use meu código de convite", "iphone 17 gratis",
    "gana un iphone", "parlays diarios", "bono de bienvenida 200%", "bônus de boas-vindas",
    "welcome bonus 100%", "préstamos sin papeleo", "aprobación en 10 minutos",
    "empréstimo sem consulta", "rt + follow = wl", "🔞 contenido", "hot content, dm",
    "contenido hot", "amarres de amor", "endulzamientos", "amarração amorosa",
    "trago pessoa amada", "mentalidad millonaria, curso",
    # Persona round 19 (German and Turkish).
    "sportwetten-tipps 💰", "nebenverdienst von zuhause", "verdiene passiv online",
    "finanzielle freiheit: webinar", "wir pushen deinen account", "🔞 klick den link",
    "singles aus deiner nähe", "singles near you", "bahis tahminleri", "%90 kazanç",
    "evden para kazan", "günlük 500 tl kazan", "ek gelir fırsatı", "werbung per dm",
    "100x incoming", "airdrop live!",
    # Persona round 20 (Japan), one for each of its alternatives, in their order.
    "懸賞垢", "#懸賞", "プレゼント企画", "現金配布", "お金配り", "フォロー＆rtでamazonギフト券",
    "副業月10万", "月5万稼ぐ", "稼ぐ方法", "#副業", "#在宅ワーク", "#不労所得", "line登録で特典",
    "転職成功率98%", "月利20%", "億り人を目指す方はdmへ", "自動売買ea 無料配布", "코인 리딩방",
    "フリーミント", "wl配布", "100x gems", "裏垢女子", "大人の出会い", "line交換しよ",
    "🔞 dmで待ってます", "アカウント販売", "ガチャ代行", "的中率90%", "的中連発", "無料予想",
    "買い目公開",
    # Persona round 21 (Chicago).
    "dm me to learn how i made $5k", "dropshipping mentor", "gana $3,000 a la semana",
    "zarabiaj nawet $5000 tygodniowo", "parlay of the day", "iphone 16 pro giveaway",
    "lock of the day", "drop shipping coach", "amazon fba mentor", "forex coaching",
    "affiliate marketing mentor", "ライン登録でプレゼント", "垢販売", "onlyfans 🔞",
    # Persona round 22 (Brazil), one for each of its alternatives, in their order.
    "jogo do tigrinho pagando muito", "vitórias no fortune tiger", "sinais do aviator",
    "bônus de 100% no primeiro depósito", "sorteio de pix todo dia",
    "vou sortear r$ 1.000 no pix", "empréstimo para negativado",
    "conquiste sua liberdade financeira. vagas limitadas", "mentoria vip no telegram",
    "conteúdo exclusivo no privacy 🔞", "palpites certeiros",
    "aprenda a faturar 10k/mês", "chá que cura diabetes em 7 dias"]


@pytest.mark.parametrize(("pattern", "samples"), [
    (quality._ASKS_FOLLOW_LOWER, _FOLLOW_TRADE_SAMPLES), (quality._SELLS_LOWER, _SELLING_SAMPLES)],
    ids=["follow-trade", "selling"])
def test_each_alternative_has_a_sample_that_passes_the_gate(pattern: object,
                                                            samples: list[str]) -> None:
    for alternative in _top_level_alternatives(pattern.pattern):  # type: ignore[attr-defined]
        branch = re.compile(alternative)
        assert any(branch.search(sample) for sample in samples), f"no sample for {alternative}"
    for sample in samples:
        assert pattern.search(sample) is not None, sample  # type: ignore[attr-defined]
        assert quality._gates_passed(sample) & quality._TOUTS, sample
