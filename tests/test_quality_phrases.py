"""Follow-trade, selling and automation phrases the persona review found missed (English,
Spanish, Swahili), and look-alikes of each that must stay ordinary, through the real scorer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followprune.scoring import quality
from followprune.scoring.blend import CLEAR_BOT
from followprune.scoring.quality import bot_score, score_quality
from tests.test_quality import NOW, account, texts


def signals(bio: str, **overrides: str) -> dict[str, float]:
    found = score_quality(account(bio=bio, **overrides), NOW).facts["signals"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(("bio", "quoted"), [
    ("I follow you back", "I follow you back"),
    ("Follow me = I follow you back mate", "I follow you back"),
    ("IFB", "IFB"),
    ("Aussie mate. #IFB 💯", "#IFB"),
    ("Drop your handle and I follow", "Drop your handle and I follow"),
    ("#SDV 🔥 memes", "#SDV"),
    ("Sígueme y te devuelvo el follow", "devuelvo el follow"),
    ("Devuelvo follow ✅", "Devuelvo follow"),
    ("Follow x follow", "Follow x follow"),
    ("#SiguemeYTeSigo", "#SiguemeYTeSigo"),
    ("Nifuate nikufuate 🇰🇪", "Nifuate nikufuate"),
    ("Tufuatane wote", "Tufuatane"),
    ("Nitakufuata ukinifuata", "Nitakufuata ukinifuata"),
    # Arabic (persona round 11)
    ("تابعني وأتابعك فورا 🔁", "تابعني وأتابعك"),
    ("ضيفني واضيفك", "ضيفني واضيفك"),
    ("رتويت = متابعة 🔥", "رتويت = متابعة"),
    # German (persona round 12)
    ("#FolgeZurück 🔁", "#FolgeZurück"),
    ("Ich folge jedem zurück!", "folge jedem zurück"),
    ("Folgst du mir, folge ich dir!", "Folgst du mir, folge ich dir"),
    ("Gegenseitig folgen 🤝", "Gegenseitig folgen"),
    ("Pix premiado, sigo todos que me seguirem", "sigo todos que me seguirem"),
])
def test_trading_follows_is_read_in_english_spanish_and_swahili(bio: str, quoted: str) -> None:
    trader = account(bio=bio)
    component = score_quality(trader, NOW)
    assert "asks_follow" in component.facts["signals"]  # type: ignore[operator]
    assert bot_score(component) > CLEAR_BOT
    assert f'asks for follow-backs in its bio ("{quoted}")' in texts(trader)


def test_a_follow_traders_decorated_name_is_no_persons_decoration() -> None:
    # @ifb_aussie: the name earned "display name decorated by hand" because neither its bio
    # nor its name was read as trading follows; either now is.
    for bio in ("Follow me = I follow you back mate", "Aussie mate"):
        trader = account(handle="ifb_aussie", name="IFB Aussie 🦘", bio=bio)
        found = score_quality(trader, NOW).facts["signals"]
        assert "asks_follow" in found and "name_symbols" not in found  # type: ignore[operator]
    said = texts(account(handle="ifb_aussie", name="IFB Aussie 🦘", bio="Aussie mate"))
    assert 'asks for follow-backs in its name ("IFB")' in said


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Instant delivery followers and likes", "Instant delivery followers"),
    ("Making $10k a month from home, ask me how", "Making $10k a month"),
    ("El panel SMM más barato de México", "panel SMM"),
    ("Aumenta tus seguidores hoy 📈", "Aumenta tus seguidores"),
    ("Publicidad por DM 📩", "Publicidad por DM"),
    ("Nunua wafuasi 📈 bei nafuu", "Nunua wafuasi"),
    ("Nunua followers halisi", "Nunua followers"),
    ("Pata pesa haraka nyumbani! KSh 5,000 kila siku. Jiunge WhatsApp", "Pata pesa haraka"),
    ("Tengeneza pesa nyumbani", "Tengeneza pesa nyumbani"),
    ("زيادة متابعين حقيقيين بأسعار رخيصة", "زيادة متابعين"),
    ("اكسب ٥٠٠ دولار يوميا من البيت", "اكسب ٥٠٠ دولار يوميا"),
    # German (persona round 12)
    ("Verdiene 500€ am Tag von zu Hause", "Verdiene 500€ am Tag"),
    ("Passives Einkommen ab 500€ am Tag", "Einkommen ab 500€ am Tag"),
    ("Geld verdienen im Internet ✅ 1000€ pro Woche", "Geld verdienen im Internet"),
    ("Krypto-Signale 📈 VIP", "Krypto-Signale"),
    # Portuguese (persona round 13)
    ("Renda extra com cripto, lucro garantido", "Renda extra"),
    ("Sinais de cripto grátis! Lucro garantido", "Sinais de cripto"),
    ("Pix premiado todo dia 💸", "Pix premiado"),
])
def test_selling_followers_or_easy_money_in_english_spanish_and_swahili(
    bio: str, quoted: str,
) -> None:
    seller = account(bio=bio, name="Promo 💰")
    component = score_quality(seller, NOW)
    assert bot_score(component) > CLEAR_BOT
    assert f'sells followers or easy money in its bio ("{quoted}")' in texts(seller)
    assert "name_symbols" not in component.facts["signals"]  # type: ignore[operator]


@pytest.mark.parametrize(("bio", "said"), [
    ("Soy un bot", "Soy un bot"),
    ("Esta cuenta es un bot 🤖 de frases", "Esta cuenta es un bot"),
    ("Bot automático. Frases cada 2 horas", "Bot automático"),
    ("Frases de amor cada 2 horas", "cada 2 horas"),
    ("Mimi ni bot", "Mimi ni bot"),
    ("Akaunti ya kiotomatiki: hali ya hewa Nairobi", "Akaunti ya kiotomatiki"),
    ("Ujumbe wa kiotomatiki kila saa", "Ujumbe wa kiotomatiki"),
    # Korean (persona round 10)
    ("스팀 할인 정보 봇 🤖 자동 업로드 | 매시간", "자동 업로드"),
    ("이 계정은 봇입니다", "봇입니다"),
    ("뉴스 봇 계정 🤖", "봇 계정"),
    ("آيات قرآنية كل ساعة | حساب آلي", "حساب آلي"),
    ("서울 날씨 매시간 알림", "매시간 알림"),
    # German (persona round 12)
    ("Ich bin ein Bot. Wetter für München", "Ich bin ein Bot"),
    ("Automatisch generiert: Pegelstände der Isar", "Automatisch generiert"),
])
def test_saying_it_is_a_bot_in_spanish_and_swahili_is_bot_evidence(bio: str, said: str) -> None:
    feed = account(handle="frases", bio=bio)
    component = score_quality(feed, NOW)
    assert 0.2 < bot_score(component) < CLEAR_BOT  # a feed you chose may still be kept
    assert f'says it is automated ("{said}")' in texts(feed)


@pytest.mark.parametrize("bio", [
    # English
    "I follow the news", "Follow your dreams", "I follow your lead", "Follow the money",
    "Life coach. I follow up with every client", "Robotics engineer",
    "IFB Industries, home appliances", "Investitionsbank IFB Hamburg",
    "Drop your kids at school and I follow the bus", "Instant coffee addict, likes cats",
    "Working from home with two cats", "Making music from home",
    "Ask me how I make sourdough", "Making $0 a month from my blog and loving it",
    "Saving $200 a month on groceries, ask me how",
    # Spanish
    "Sigo aprendiendo", "Sigo de cerca el fútbol", "Devuelvo libros a la biblioteca",
    "Seguidores de Cristo", "SDV engineer, software-defined vehicles",
    "Agencia de publicidad en Monterrey", "Licenciada en Publicidad y diseño",
    "Panel solar e instalaciones", "Aumenta tu productividad", "No soy un bot, lo juro",
    "Estudio robótica", "Soy botánica", "Ingeniera en Control Automático",
    # Swahili
    "Mimi ni mwalimu", "Mimi si bot", "Nunua mahindi bei nafuu", "Pata habari haraka",
    "M-Pesa agent, Kisumu", "Wafuasi wa Kristo", "Nifuate kwa habari za kilimo",
    # Korean: robotics, car design, automation engineering, "not a bot"
    "로봇 공학 연구자", "자동차 디자이너", "자동화 엔지니어", "봇 아님 사람임",
    "봇 계정 아님", "봇계정 아닙니다", "스팸/봇 계정은 차단합니다", "봇계정 언팔합니다",
    # Arabic: a sports journalist who follows Al Ahly, "follow me on Instagram", "raising
    # awareness of mental health", "I love computing in maths"
    "صحفي رياضي أتابع الأهلي", "تابعني على انستجرام للمزيد", "زيادة الوعي بالصحة النفسية",
    "أحب الحساب الآلي في الرياضيات",
    # German: no follow-back, a dividend investor, money from cycling, a person not a bot
    "Ich folge nicht zurück", "Ich folge dir überallhin", "Passives Einkommen mit Dividenden",
    "Geld verdienen mit Radsport? Schön wär's", "Einkommen und Steuern, Steuerberaterin",
    "Ich bin kein Bot", "Ich bin ein Botaniker", "Signale und Systeme, TU Wien",
    "Gestora de renda fixa", "Instituto sem fins lucrativos", "Sinais de trânsito e mobilidade",
    "Wir blicken auf viele Erfolge zurück", "Gegenseitig folgende Termine im Kalender",
    "Ich bin ein Bot-Entwickler", "Dieser Kanal ist ein Bot-freier Raum",
    "Erzieherinnen verdienen 100 € am Tag zu wenig", "Wir verdienen , am Tag mehr Ruhe",
])
def test_look_alikes_stay_ordinary(bio: str) -> None:
    found = signals(bio)
    assert not {"asks_follow", "sells", "says_automated"} & found.keys()


_PIECES = ["IFB", "ifb", "#IFB", "xifb", "_ifb", "ifbx", "I follow you back", "i follow u back",
           "hi follow you back", "follow x follow", "Follow por follow", " Industries", " bank",
           "#SDV", "Devuelvo el follow", "Drop your handle and I follow", "i", " ", "\n", ","]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6))
def test_the_lowered_follow_trade_pattern_agrees_on_the_new_phrases(parts: list[str]) -> None:
    text = "".join(parts)
    slow = quality._ASKS_FOLLOW.search(text)
    fast = quality._ASKS_FOLLOW_LOWER.search(text.lower())
    assert (slow and slow.span()) == (fast and fast.span())


@pytest.mark.parametrize("bio", ["I follow back-end trends and distributed systems.",
                                 "I follow backend news so you don't have to.",
                                 "We follow backpackers across South America."])
def test_words_that_start_with_back_are_no_follow_back(bio: str) -> None:
    assert "asks_follow" not in signals(bio)
    assert not quality._ASKS_FOLLOW.search(bio)
    assert not quality._ASKS_FOLLOW_LOWER.search(bio.lower())


# --- persona round 14: Spanish follow trade and easy money, denials, digits people write ----

@pytest.mark.parametrize(("bio", "quoted"), [
    ("Sigo a todos", "Sigo a todos"),
    ("Periodista. Sigo a todos 🔁", "Sigo a todos"),
    ("te sigo si me sigues", "te sigo si me sigues"),
    ("Sígueme y te sigo ✅", "Sígueme y te sigo"),
    ("#SiguemeYTeSigo", "#SiguemeYTeSigo"),
    ("follow back 100%", "follow back"),
])
def test_spanish_follow_trade_is_read(bio: str, quoted: str) -> None:
    trader = account(bio=bio)
    assert bot_score(score_quality(trader, NOW)) > CLEAR_BOT
    assert f'asks for follow-backs in its bio ("{quoted}")' in texts(trader)


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Gana dinero desde casa 💸", "Gana dinero"),
    ("Gana $500 al día", "Gana $500 al día"),
    ("Ingresos pasivos desde casa, pregúntame cómo", "Ingresos pasivos desde casa"),
    ("Ingresos pasivos de $500 al día", "Ingresos pasivos de $500"),
    ("Señales de cripto gratis 🚀", "Señales de cripto"),
])
def test_spanish_easy_money_is_read(bio: str, quoted: str) -> None:
    seller = account(bio=bio)
    assert bot_score(score_quality(seller, NOW)) > CLEAR_BOT
    assert f'sells followers or easy money in its bio ("{quoted}")' in texts(seller)


@pytest.mark.parametrize("bio", [
    # "Sigo a todos" with what it follows after it is a fan's or a reader's
    "Sigo a todos los equipos de la liga", "Los sigo a todos desde niño", "Sigo a todos lados",
    "Consigo a todos los invitados", "Ganar dinero es difícil, el periodismo más",
    "Inversor en dividendos, ingresos pasivos", "Señales de tráfico y movilidad urbana",
])
def test_spanish_look_alikes_stay_ordinary(bio: str) -> None:
    assert not {"asks_follow", "sells", "says_automated"} & signals(bio).keys()


@pytest.mark.parametrize("bio", [
    "Not a bot", "I'm not a bot account", "Human, not a bot account!", "No soy un bot",
    "no soy un bot, soy periodista", "Kein Bot", "Ich bin kein Bot", "Não sou um bot",
    "Esta conta não é um bot", "No follow back", "I don't follow back", "NO F4F please",
    "No hago follow back", "Nunca sigo de vuelta", "Kein Follow back", "Não sigo de volta",
    "Don't buy followers, earn them", "No vendo seguidores",
])
def test_a_denied_claim_is_not_made(bio: str) -> None:
    assert not {"asks_follow", "sells", "says_automated"} & signals(bio).keys()


@pytest.mark.parametrize(("bio", "key"), [
    # A denial counts within its own clause only, and only before the claim.
    ("No DMs. Follow back 100%", "asks_follow"),
    ("Nobody follows back, so I follow you back", "asks_follow"),
    ("Follow back? No problem", "asks_follow"),
    ("Sou um bot de notícias", "says_automated"),
    ("Este perfil é um bot de frases", "says_automated"),
    ("Soy un bot, no una persona", "says_automated"),
])
def test_a_denial_elsewhere_leaves_the_claim(bio: str, key: str) -> None:
    assert key in signals(bio)


@pytest.mark.parametrize(("bio", "key"), [
    # A denial of something else, before the claim: the claim stands (review of round 14;
    # the first denial rule, any denial among the three words before, missed all of these).
    ("100% real no bots follow back", "asks_follow"),
    ("no spam follow back", "asks_follow"),
    ("No DMs follow back instantly", "asks_follow"),
    ("No 1 follow back page", "asks_follow"),
    ("non stop follow back", "asks_follow"),
    ("I never unfollow follow back guaranteed", "asks_follow"),
    ("Don't forget to follow back", "asks_follow"),
    ("sin excusas te sigo si me sigues", "asks_follow"),
    ("ni más ni menos sigo a todos", "asks_follow"),
    ("Sin filtros sigo a todos", "asks_follow"),
    ("sin inversión gana $500 al dia", "sells"),
    ("No fake accounts buy followers cheap", "sells"),
    ("cuenta no oficial soy un bot", "says_automated"),
])
def test_a_denial_of_something_else_leaves_the_claim(bio: str, key: str) -> None:
    assert key in signals(bio)


def test_a_denied_claim_in_the_bio_leaves_one_in_the_name() -> None:
    found = score_quality(account(bio="No follow back", name="Follow back 💯"), NOW)
    assert "asks_follow" in found.facts["signals"]  # type: ignore[operator]
    said = texts(account(bio="No soy un bot", name="Soy un bot"))
    assert 'says it is automated ("Soy un bot")' in said


@pytest.mark.parametrize("name", [
    "Noticias 24/7", "Fútbol 365", "Deportes 24x7", "Mundial 2026", "Class of 1998",
    "Radio 10:30", "Remontada 3-1", "Noticias 24/7 · 2024"])
def test_digits_people_write_in_a_name_are_no_machine_digits(name: str) -> None:
    assert "name_digits" not in signals("Periodista deportivo en Guadalajara", name=name)


@pytest.mark.parametrize("name", ["Jessica48291", "Maria 12", "Noticias 24/7 8812", "user 2024 77"])
def test_other_digits_in_a_name_still_count(name: str) -> None:
    found = signals("Periodista deportivo en Guadalajara", name=name)
    assert found.get("name_digits") == quality._W_NAME_DIGITS


# --- persona round 15 (a Lagos fintech founder): money in any currency, follower sellers,
# loan apps, betting codes, giveaways, Pidgin follow-backs ---------------------------------

@pytest.mark.parametrize(("bio", "quoted"), [
    ("Earn ₦50,000 daily from home", "Earn ₦50,000 daily"),
    ("Earn GH₵500 daily", "Earn GH₵500 daily"),
    ("Earn KSh 5,000 daily", "Earn KSh 5,000 daily"),
    ("Earn N50,000 daily. DM me", "Earn N50,000 daily"),
    ("Earn NGN 20k weekly", "Earn NGN 20k weekly"),
    ("Earn ₱1,000 a day online", "Earn ₱1,000 a day"),
    ("Earn Rs.500 per day", "Earn Rs.500 per day"),
    ("Earn 500 cedis daily", "Earn 500 cedis daily"),
    ("Make R$ 300 por dia", "Make R$ 300 por dia"),
    ("🔥 Make ₦20k daily with your phone", "Make ₦20k daily"),
    ("Earn $500 daily with bitcoin mining", "Earn $500 daily"),
    ("Ganhe R$ 300 por dia", "Ganhe R$ 300 por dia"),
    ("Gana ₡50.000 al día", "Gana ₡50.000 al día"),
    ("Verdiene 500 £ am Tag", "Verdiene 500 £ am Tag"),
    ("Guadagna £200 al giorno", "Guadagna £200 al giorno"),
    ("Buy active Naija followers sharp sharp", "Buy active Naija followers"),
    ("buy real active followers", "buy real active followers"),
    ("Buy Instagram followers and likes", "Buy Instagram followers"),
    ("Buy 1k IG followers", "Buy 1k IG followers"),
    ("Buy real TikTok likes", "Buy real TikTok likes"),
    ("1k followers = ₦5k. DM", "1k followers = ₦5k"),
    ("1000 followers for $5", "1000 followers for $5"),
    ("Get instant loan in 5 minutes! No collateral", "Get instant loan"),
    ("Need a quick loan? DM", "Need a quick loan"),
    ("Instant loans, no collateral, no paperwork", "loans, no collateral"),
    ("We dey give loan sharp sharp", "dey give loan"),
    ("quick loan without BVN", "loan without BVN"),
    ("Loan approved in minutes. Up to ₦500,000", "Loan approved in minutes"),
    ("Loans with no collateral 💸", "Loans with no collateral"),
    ("Sportybet booking codes daily", "Sportybet booking codes"),
    ("Booking codes for Bet9ja every morning", "Booking codes for Bet9ja"),
    ("5 odds loading!! Join Telegram VIP", "5 odds loading"),
    ("Retweet, follow and turn on notifications to win ₦100k", "notifications to win ₦100k"),
    # "Retweet and follow to win ₦100k" is said as a giveaway (persona round 16).
    ("Turn on notifications to win ₦100k", "notifications to win ₦100k"),
])
def test_easy_money_in_any_currency_and_loan_and_betting_spam_is_read(
    bio: str, quoted: str,
) -> None:
    seller = account(bio=bio)
    assert bot_score(score_quality(seller, NOW)) > CLEAR_BOT
    assert f'sells followers or easy money in its bio ("{quoted}")' in texts(seller)


@pytest.mark.parametrize("bio", [
    # followers, loans, money and betting as people write of them
    "I don't buy followers", "Never buy followers", "Followers of Christ",
    "Buy local, support your followers", "I buy books for my followers",
    "Buy side analyst views are my own", "I buy what she likes",
    "Thanks to my 10k followers for everything", "10k followers = 10k friends",
    "Loan officer at First Bank", "Student loan policy researcher",
    "Mortgage and loan analyst", "Instant loan apps research at a Lagos think tank",
    "Reporting on quick loan scams and debt harassment", "Soft loans for SMEs, World Bank",
    "Founder. Building instant loans for African SMEs", "Loans disbursed to 2M Nigerians",
    "Loans without collateral for smallholder farmers", "Fast loans are a trap, save instead",
    "Workers make $2 a day in the informal sector", "Economist. Half of Nigerians earn less",
    "Make your money work", "Earn your stripes daily", "Make time daily",
    "Travel agent. Send your booking code for check-in", "Odds and ends, mostly football",
    "Beat the odds daily", "Arsenal fan. Win or lose",
    "Follow to win hearts, not arguments", "Follow the money to win elections",
    "Submit your art to win $500 in our design contest", "Start to win ₦1m? Study first",
    "NGN/USD rates daily", "Paying N50,000 rent in Yaba, help",
    "Ganhei o dia", "Ganhador do prêmio 2019",
])
def test_money_loan_and_betting_look_alikes_stay_ordinary(bio: str) -> None:
    assert not {"asks_follow", "sells", "says_automated"} & signals(bio).keys()


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Follow me, I go follow you back sharp sharp", "I go follow you back"),
    ("I go follow you back", "I go follow you back"),
    ("I go follow back", "follow back"),
    ("Follow me make I follow you back", "I follow you back"),
    ("Follow me and I shall follow you back", "I shall follow you back"),
])
def test_pidgin_follow_backs_are_read(bio: str, quoted: str) -> None:
    trader = account(bio=bio)
    assert bot_score(score_quality(trader, NOW)) > CLEAR_BOT
    assert f'asks for follow-backs in its bio ("{quoted}")' in texts(trader)


@pytest.mark.parametrize("bio", [
    # the fandom's promise moved rtbust-2019's humans; a denial in Pidgin ("I no go") too
    "I'll follow you back if you like BTS", "I will follow you back on Insta",
    "I no go follow you back", "I go follow you for Instagram",
])
def test_other_follow_back_promises_stay_ordinary(bio: str) -> None:
    assert "asks_follow" not in signals(bio)


def test_every_currency_sign_counts_as_money() -> None:
    import sys
    import unicodedata
    signs = {chr(i) for i in range(sys.maxunicode + 1) if unicodedata.category(chr(i)) == "Sc"}
    assert signs <= set(quality._CURRENCY_SIGNS)
    for sign in signs:
        assert "sells" in signals(f"Earn {sign}500 daily"), sign


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["I", "i", " ", "go", "shall", "'ll", " will", "follow", "you", "u", "back", "\n", "x"]),
    min_size=1, max_size=8))
def test_the_lowered_follow_trade_pattern_agrees_on_pidgin(parts: list[str]) -> None:
    text = " ".join(parts)
    slow = quality._ASKS_FOLLOW.search(text)
    fast = quality._ASKS_FOLLOW_LOWER.search(text.lower())
    assert (slow and slow.span()) == (fast and fast.span())


# crypto and forex hustles without "signals" (persona round 15, Lagos) ---------------------

@pytest.mark.parametrize(("bio", "quoted"), [
    ("Forex & crypto trader. I turn $100 to $1000 weekly. DM for account management.",
     "turn $100 to $1000 weekly"),
    ("DM for account management 💸", "DM for account management"),
    ("Forex account management, 30% monthly", "Forex account management"),
    ("DM me 4 investment plans", "DM me 4 investment plans"),
    ("Guaranteed ROI on every plan", "Guaranteed ROI"),
    ("Invest with us. 20% ROI weekly", "20% ROI weekly"),
    ("Buy & sell USDT, BTC at best rate. Fast payment. DM for rate", "Buy & sell USDT"),
    ("We buy and sell gift cards, DM", "buy and sell gift cards"),
    ("Trusted USDT vendor in Abuja", "USDT vendor"),
    ("P2P merchant. Fast release", "P2P merchant"),
    ("Pi Network pioneer. Mine Pi with your phone. Use my code to join!",
     "Mine Pi with your phone"),
    ("Use my referral code for a bonus", "Use my referral code"),
    ("Use my link to sign up and earn", "Use my link to sign up"),
    ("Free airdrops daily 🪂 Connect wallet, claim tokens", "Free airdrops"),
    ("Airdrop hunter 🪂 | Web3", "Airdrop hunter"),
    ("Retweet + follow for whitelist", "follow for whitelist"),
    # review round 17: hours written short, bare thousands, and other ways to say it
    ("I turn $100 to $1000 in 24hrs. DM", "turn $100 to $1000 in 24hrs"),
    ("Turn $100 into $1000 in 48hrs 🚀", "Turn $100 into $1000 in 48hrs"),
    ("Flip your $500 into $5,000 in 24hrs with my strategy. DM me",
     "Flip your $500 into $5,000 in 24hrs"),
    ("Double your crypto in 24 hours. Trusted. DM 📥", "Double your crypto in 24 hours"),
    ("Invest $100 get $1000 in 7 days. Legit.", "Invest $100 get $1000"),
    ("I turn 50k to 500k weekly 💸", "turn 50k to 500k weekly"),
    ("Bitcoin mining with your phone 📱 earn daily", "Bitcoin mining with your phone"),
    ("Airdrop farmer 🪂 Retweet for WL", "Retweet for WL"),
    ("Buy and sell USDT at the best rate. Fast & reliable. DM 📩", "Buy and sell USDT"),
    ("Buy & sell BTC, DM me for rates", "Buy & sell BTC"),
    ("We buy and sell gift cards. WhatsApp +234 803 000 0000", "buy and sell gift cards"),
    ("DM me for 1:1 forex mentorship 💸 $$$", "DM me for 1:1 forex mentorship 💸 $$$"),
    ("DM for $$$ promo. Crypto projects only.", "DM for $$$"),
    ("Crypto investment ✔ 40% ROI weekly, no scam ✔ WhatsApp", "40% ROI weekly"),
])
def test_crypto_and_forex_hustles_without_signals_are_read(bio: str, quoted: str) -> None:
    seller = account(bio=bio)
    assert bot_score(score_quality(seller, NOW)) > CLEAR_BOT
    assert f'sells followers or easy money in its bio ("{quoted}")' in texts(seller)


@pytest.mark.parametrize("bio", [
    # the trades and their words as the people who work in them write
    "FX analyst at a Lagos bank. Naira, rates, macro. Views mine.",
    "Forex desk, Standard Chartered. Trade finance and FX markets.",
    "Crypto engineer. Smart contracts, wallets, airdrop infra at a wallet company.",
    "Key account management at Zenith Bank", "Account management and client success",
    "Buy and sell bitcoin in Nigeria. Licensed by the SEC.",
    "Helping founders turn $0 into $1M ARR", "I turn coffee into code",
    "Marketing ROI, attribution, analytics", "ROI of solar in 5 years, explained",
    "Use my code SADE10 for 10% off", "Use my name, not my handle",
    "Researching airdrop farming and sybil attacks", "Airdrop hunters ruined my testnet",
    "Mine is a small family. Mine the data with your phone? No",
    "No DM for account management, I am not your broker",
    "I don't sell USDT, stop asking", "Return policy: 30 days", "Android developer",
    "Detroit born. Examine everything.", "Whitelist your domains before sending newsletters",
    # review round 17: exchanges, their support, a bank's FX desk, advisers and teachers
    "Quidax: buy and sell crypto at the best rates in Nigeria. Download the app.",
    "Yellow Card – buy & sell USDT and BTC across Africa. Best rates, instant P2P.",
    "Busha. Buy and sell bitcoin, securely. Support: DM @BushaHelp",
    "Building a P2P payments app. Buy and sell bitcoin with naira, DM for partnerships.",
    "Head of FX account management @Citi EMEA. Runner. Dad of two.",
    "Financial adviser (FCA regulated). DM for investment plans and pensions advice",
    "USDT merchant compliance lead at Binance P2P. Opinions mine.",
    "Teacher, I invite students to use my link to join the class Zoom",
    # ... and those who warn of the pitch
    "Portfolio manager. Guaranteed ROI is a red flag; diversification isn't.",
    "Compliance officer. Warning: anyone who promises guaranteed daily returns is lying.",
    "Fraud analyst. I explain why 'turn $100 into $1000 weekly' is always a scam.",
    "Crypto journalist. Free airdrops are how most people get scammed — read my guide.",
    "Mum of 3, crypto curious. Lost money on a 'guaranteed ROI' scheme once, never again.",
])
def test_crypto_and_forex_look_alikes_stay_ordinary(bio: str) -> None:
    assert not {"asks_follow", "sells", "says_automated"} & signals(bio).keys()


# a follow-back promised to chosen peers (persona round 15, Lagos) -------------------------

@pytest.mark.parametrize("bio", [
    "Founder @ a payments startup in Yaba. DM open. I follow back fellow builders 🤝",
    "I follow back founders", "Happy to follow back other devs",
    "Indie hacker. I follow back other makers building in public",
    "Designer. I'll follow back fellow creatives",
    "Poet. I follow back fellow poets 🌙", "Teacher. I follow back other teachers! #EduTwitter",
])
def test_a_follow_back_for_chosen_peers_is_no_trade(bio: str) -> None:
    assert "asks_follow" not in signals(bio)


@pytest.mark.parametrize(("bio", "quoted"), [
    ("I follow back 100%", "follow back"),
    ("Follow me, I follow back everyone", "follow back"),
    ("I follow back all gooners", "follow back"),
    ("I follow back people who follow me", "follow back"),
    ("I follow back fellow builders #F4F", "#F4F"),
    ("#FollowBack 💯", "#FollowBack"),
    ("Follow back sharp sharp", "Follow back"),
    # review round 17: any "fellow" or "other" is anyone who follows, bar a profession
    ("I follow back fellow patriots 🇺🇸 #MAGA", "follow back"),
    ("I follow back fellow resisters", "follow back"),
    ("Follow back other crypto lovers 🚀", "Follow back"),
    ("I follow back other people who follow me", "follow back"),
    ("Follow me, I follow back fellow gooners", "follow back"),
])
def test_a_follow_back_for_anyone_is_still_the_trade(bio: str, quoted: str) -> None:
    trader = account(bio=bio)
    assert bot_score(score_quality(trader, NOW)) > CLEAR_BOT
    assert f'asks for follow-backs in its bio ("{quoted}")' in texts(trader)


# giveaways, presales and "$$$" coaching (persona round 16, Melbourne) ---------------------

def test_a_giveaway_for_follows_is_read_and_said_as_a_giveaway() -> None:
    for bio, quoted in (("Airdrops & giveaways daily. Follow + repost to win 🎁 #airdrop",
                         "Follow + repost to win"),
                        ("Follow + repost to win an iPhone 17! Winners every week 🎁",
                         "Follow + repost to win"),
                        ("RT & follow to win 0.5 ETH 🚀 Winners daily", "RT & follow to win"),
                        ("Retweet and follow to win ₦100k", "Retweet and follow to win")):
        said = texts(account(bio=bio))
        assert f'a giveaway for follows in its bio ("{quoted}")' in said
        assert not any("sells followers" in s for s in said)


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Own land in the metaverse. Presale live now, early holders get 3x. Link below",
     "early holders get 3x"),
    ("Presale is live. Early investors will get 5X. Join TG.", "Early investors will get 5X"),
    ("Early minters get 10x 🚀 mint opens Friday", "Early minters get 10x"),
    ("Life coach 💫 unlock your potential | DM me for 1:1 coaching | $$$ mindset",
     "DM me for 1:1 coaching | $$$"),
])
def test_presale_multiples_and_dollar_sign_coaching_sell_easy_money(bio: str,
                                                                     quoted: str) -> None:
    assert f'sells followers or easy money in its bio ("{quoted}")' in texts(account(bio=bio))


def test_a_presale_sellers_decorated_name_is_no_persons_decoration() -> None:
    seller = account(name="Metaverse Land Presale 🌐",
                     bio="Own land in the metaverse. Presale live now, early holders get 3x.")
    found = score_quality(seller, NOW).facts["signals"]
    assert "sells" in found and "name_symbols" not in found  # type: ignore[operator]


@pytest.mark.parametrize("bio", [
    "Career coach. 1:1 coaching available, DM for rates.",
    "Indie rock band from Naarm. Presale tickets for our tour live now!",
    "Presale live now for the 2026 tour, 3 x nights in Melbourne",
    "Museum of the city. Win a family pass every month in our newsletter.",
    "Follow and like our page for news", "Fine dining, $$$ but worth it. Reservations online",
    # review round 17: an organisation's competition, whose prize is no money
    "Museum of London. Follow and RT to win tickets to our late opening!",
    "Local bookshop in Leeds. RT and follow to win our monthly book box 📚",
    "Brewery. New IPA drop this Saturday. Like + RT to win a case.",
    "Singer-songwriter. New album out Friday — follow + share to win signed vinyl!",
    "RT & follow to win a signed jersey!",
    # ... and price tiers beside a booking
    "Fine dining in Soho 🍷 Seasonal tasting menu · $$$ · DM for reservations",
    "Wedding photographer. Packages $$-$$$. DM for availability 💍",
    "Life coach & author. $$$ is not the goal, peace is. DM me for a free call.",
    "Strength coach. Online programming from $$ to $$$ — DM for details.",
    "Artist. Minting my first NFT collection; early minters get 1x extra print 🎨",
])
def test_coaching_presale_and_prize_look_alikes_stay_ordinary(bio: str) -> None:
    assert not {"asks_follow", "sells", "says_automated"} & signals(bio).keys()
