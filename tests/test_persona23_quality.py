"""Persona round 23 (Omar, a backend engineer in Cairo): the Arabic hustles and follow trains
of an Egyptian list that the selling, follow-trade and automation patterns missed — forex and
crypto "توصيات", betting codes and sure match tips, "اربح" giveaways, coding sold as dollar
income, exam dumps, a paid tips group, "فولو باك" trains, a hadith feed posted "تلقائيا" —
each with the look-alikes that must stay ordinary; through the real scorer."""

from __future__ import annotations

import pytest

from followprune.scoring.blend import SOUND_QUALITY
from followprune.scoring.quality import score_quality
from tests.test_quality import NOW, account, assert_read_as_selling, texts


def signals(**overrides: object) -> dict[str, float]:
    found = score_quality(account(**overrides), NOW).facts["signals"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(("bio", "quoted"), [
    ("توصيات فوركس وذهب يومية بنسبة نجاح 95% 📈 انضم لقناة التليجرام المجانية", "توصيات فوركس"),
    ("توصيات عملات رقمية 🚀 بيتكوين، سولانا. أرباح مضمونة. الرابط في البايو", "توصيات عملات"),
    ("عملات رقمية | توصيات يومية", "عملات رقمية | توصيات"),
    ("إشارات الذهب بنسبة فوز 90% 💰", "نسبة فوز 90%"),
    ("برومو كود 1xbet 💰 بونص 200% على أول إيداع", "كود 1xbet"),
    ("أفضل مواقع المراهنات العربية. بونص ترحيبي وكاش باك", "مواقع المراهنات"),
    ("كاش باك يومي 🎲 بونص ترحيبي 150% للمشتركين الجدد", "بونص ترحيبي 150%"),
    ("توقعات مباريات مضمونة 💯 رهانات الدوري المصري والإنجليزي", "توقعات مباريات مضمونة"),
    ("توقعات مباريات الأهلي والدوري بنسبة فوز 90% 💰 اشترك في قناة VIP", "توقعات مباريات"),
    ("اربح ايفون 16 🎁 تابع الحساب ورتويت ومنشن 3 أصحاب", "اربح ايفون"),
    ("تعلم البرمجة من الصفر واشتغل فريلانسر واكسب بالدولار 💰 كورس Backend + Go", "اكسب بالدولار"),
    ("💰 Make $1000/day with crypto! Free signals group 🚀", "Make $1000/day"),
    ("100% pass guarantee! Latest AWS, Azure, GCP certification dumps. DM for price list",
     "pass guarantee"),
    ("Egyptian stock market 📊 buy/sell alerts. Join our paid group for 99% accuracy!",
     "Join our paid group"),
])
def test_arabic_and_gulf_hustles_are_read_as_selling(bio: str, quoted: str) -> None:
    assert_read_as_selling(bio, quoted)


@pytest.mark.parametrize("bio", [
    "باحثة في السياسات العامة. توصيات المؤتمر السنوي للتعليم على موقعنا",
    "قارئة. توصيات كتب كل جمعة 📚",
    "Backend engineer. بكتب كود Go كل يوم، ومراجعة كود للفريق",
    "طبيب جراحة. نسبة نجاح العمليات عندنا موضوع دراسة",
    "أخصائي نفسي. علاج إدمان المراهنات والقمار",
    "محلل كروي. توقعات المباريات والتحليل الفني للدوري المصري",
    "اربح وقتك: نصائح إنتاجية للمبرمجين",
    "اكسب ثقة عملائك بجودة الخدمة",
    "SRE. Debugging heap dumps and core dumps for fun",
    "Cloud trainer. No dumps, real labs, honest prep for AWS exams",
    "OCR for Arabic manuscripts with 99% accuracy. Join our team!",
    "Economist. Half the workers here make $2/day; that is the story.",
    "احترام متبادل 🤝 مهندس برمجيات",
])
def test_their_look_alikes_stay_ordinary(bio: str) -> None:
    person = account(bio=bio)
    assert "sells" not in signals(bio=bio)
    assert "asks_follow" not in signals(bio=bio)
    assert score_quality(person, NOW).value >= SOUND_QUALITY


@pytest.mark.parametrize(("bio", "quoted"), [
    ("أهلاوي وأفتخر 🔴 فولو = فولو باك فوري. رتويت لكل الأهلاوية", "فولو باك"),
    ("#تحيا_مصر فلو باك لكل المحترمين", "فلو باك"),
    ("نرتوت لكل من يتابعنا 🔁 #دعم_متبادل #رتويت", "دعم_متبادل"),
    ("حساب دعم 🔁 #دعم_متبادل", "دعم_متبادل"),
])
def test_arabic_follow_trains_are_read_as_trading_follows(bio: str, quoted: str) -> None:
    assert "asks_follow" in signals(bio=bio)
    assert any(quoted in text for text in texts(account(bio=bio))), texts(account(bio=bio))


@pytest.mark.parametrize("bio", [
    "دعم فني لعملاء الشركة من 9 ل 5",
    "تبادل ثقافي بين مصر وألمانيا 🇪🇬🇩🇪",
    "مهندس. فولو لو بتحب Go 🐹",
])
def test_follow_train_look_alikes_stay_ordinary(bio: str) -> None:
    assert "asks_follow" not in signals(bio=bio)


@pytest.mark.parametrize(("bio", "quoted"), [
    ("حديث اليوم. ينشر حديثا كل ساعتين تلقائيا عبر تطبيق زاد", "تلقائيا"),
    ("تغريدات من القرآن الكريم تنشر تلقائياً", "تلقائياً"),
])
def test_arabic_posting_said_automatic_is_automated(bio: str, quoted: str) -> None:
    assert "says_automated" in signals(bio=bio)
    assert any(quoted in text for text in texts(account(bio=bio))), texts(account(bio=bio))


@pytest.mark.parametrize("bio", [
    "باحثة في الترجمة التلقائية ومعالجة اللغة العربية",
    "Arabic NLP. التعرف التلقائي على الكلام",
    "بنشر عن الـ CI اللي بيشتغل تلقائيا على كل PR",
])
def test_automatic_as_a_field_of_work_is_no_bot(bio: str) -> None:
    assert "says_automated" not in signals(bio=bio)
