"""Verdicts left wrong by review round 17 (review round 18): a DAO's voting multiple, a gym's
referral code and a club fan's follow-back read as spam or a clear bot, and a forex "account
manager" promising a weekly return not read at all; each beside a look-alike that keeps its
verdict."""

from __future__ import annotations

import pytest

from followprune.scoring.blend import CLEAR_BOT
from followprune.scoring.quality import bot_score, score_quality
from tests.test_quality import NOW, account, texts
from tests.test_quality_phrases import signals

_SPAM = {"asks_follow", "sells", "says_automated"}


@pytest.mark.parametrize("bio", [
    "DAO member. Early holders get 2x voting weight on proposals.",
    "Early holders get 3x votes in the treasury DAO",
    "Governance nerd: early investors receive 2x governance power",
    "Climber 🧗 Use my referral code at the climbing gym, we both get a free session",
    "Use my invite code at my gym for a free week",
    "Risk manager at a forex bank", "Forex account manager at IG Markets. Views mine.",
    "Account manager for crypto exchange clients, Lagos", "Savings that earn 5% a year",
    "Staking explained: earn 5% APY, not 5% weekly — the scams promise that",
])
def test_look_alikes_of_presales_referrals_and_forex_stay_ordinary(bio: str) -> None:
    assert not _SPAM & signals(bio).keys()


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Presale live, early holders get 2x", "early holders get 2x"),
    ("Presale live now, early holders get 2x more tokens", "early holders get 2x"),
    ("Use my referral code", "Use my referral code"),
    ("Use my referral code at the exchange, bonus on signup", "Use my referral code"),
    ("Use my referral link at the Binance app", "Use my referral link"),
    ("Account manager for forex & crypto. Send a DM, earn 30% weekly",
     "Account manager for forex"),
    ("Forex account manager 💸 10% ROI weekly, DM", "Forex account manager"),
    ("Crypto account managers. 40% monthly profit guaranteed", "Crypto account managers"),
    ("Invest now and earn up to 20% daily", "earn up to 20% daily"),
    ("Earn 30% weekly on your USDT", "Earn 30% weekly"),
])
def test_presales_referrals_and_forex_account_managers_still_sell(bio: str, quoted: str) -> None:
    seller = account(bio=bio)
    assert bot_score(score_quality(seller, NOW)) > CLEAR_BOT
    assert f'sells followers or easy money in its bio ("{quoted}")' in texts(seller)


@pytest.mark.parametrize("bio", [
    "Follow back Arsenal fans only",
    "Gooner since '98. Arsenal fans only, I follow back 🔴⚪",
    "Only Kaizer Chiefs supporters, follow back",
])
def test_a_follow_back_kept_for_one_sides_fans_is_no_clear_bot(bio: str) -> None:
    fan = account(bio=bio)
    found = score_quality(fan, NOW)
    # Still said and still a touting bio, but alone no proposal.
    assert 0 < found.facts["signals"]["asks_follow"] < 4.0  # type: ignore[index]
    assert bot_score(found) < CLEAR_BOT
    # With a farm's counts it is a clear bot all the same.
    farm = account(bio=bio, following_count=9_000, followers_count=8_500, listed_count=0)
    assert bot_score(score_quality(farm, NOW)) > CLEAR_BOT


@pytest.mark.parametrize("bio", [
    "I follow back all gooners", "I follow back all Arsenal fans", "Follow back 100%",
    "Follow back Arsenal fans only #F4F", "#FollowBack Arsenal fans only",
    "Arsenal fans only, follow train 🚂",
])
def test_a_follow_back_for_all_fans_or_with_the_trades_tags_stays_the_trade(bio: str) -> None:
    assert bot_score(score_quality(account(bio=bio), NOW)) > CLEAR_BOT
