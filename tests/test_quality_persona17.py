"""Persona round 17 (a Colombian epidemiologist in Bogotá): Spanish and Portuguese spam the
selling patterns missed, the look-alikes of each that must stay ordinary, and bots by their
own word (a bio that says so, or Mastodon's bot flag), through the real scorer."""

from __future__ import annotations

import pytest

from followprune.scoring.blend import CLEAR_BOT, SOUND_QUALITY
from followprune.scoring.quality import bot_score, score_quality
from tests.test_quality import NOW, account, assert_read_as_selling, texts


def signals(**overrides: object) -> dict[str, float]:
    found = score_quality(account(**overrides), NOW).facts["signals"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(("bio", "quoted"), [
    ("💰 Trading de criptomonedas | Señales gratis en Telegram 🚀 | Libertad financiera",
     "Señales gratis"),
    ("Señales VIP BTC/ETH. 95% de acierto. Únete al grupo de Telegram.", "Señales VIP"),
    ("Duplica tu dinero en 30 días 💸 Inversión 100% segura. Escríbeme al DM",
     "Duplica tu dinero"),
    ("Pi Network Colombia. Minería desde tu celular. Usa mi código de invitación.",
     "Minería desde tu celular"),
    ("🎁 SORTEOS todos los días 🎁 Sigue + RT + etiqueta 3 amigos. iPhone 17 gratis",
     "iPhone 17 gratis"),
    ("Millonarios ⭐ + apuestas. Parlays diarios ✅ Green todos los días 💚", "Parlays diarios"),
    ("🎰 Casino online. Bono de bienvenida 200%. Juega responsablemente +18",
     "Bono de bienvenida 200%"),
    ("Préstamos rápidos sin papeleo 💵 Aprobación en 10 minutos. Sin codeudor.",
     "Préstamos rápidos sin papeleo"),
    ("NFT drops, airdrops & whitelist spots. RT + follow = WL 🎟️", "follow = WL"),
    ("🔞 contenido exclusivo 👅 link en bio 👇", "🔞 contenido"),
    ("🔞 Hot content. Link in bio. DM me 😘 Lagos babe", "🔞 Hot content"),
    ("Lecturas de tarot y amarres de amor 💘 WhatsApp", "amarres de amor"),
    ("Coach de vida y mentalidad millonaria 💸 Tu éxito depende de ti. Curso en la bio",
     "mentalidad millonaria"),
    # Portuguese forms of the same kinds.
    ("Sinais VIP de cripto todo dia", "Sinais VIP"),
    ("Dobre seu dinheiro em 7 dias", "Dobre seu dinheiro"),
    ("Empréstimo sem consulta ao SPC, libera hoje", "Empréstimo sem consulta"),
    ("Amarração amorosa em 24h 🔮", "Amarração amorosa"),
    ("Use meu código de convite e ganhe", "Use meu código de convite"),
])
def test_spanish_and_portuguese_spam_is_read_as_selling(bio: str, quoted: str) -> None:
    assert_read_as_selling(bio, f'("{quoted}")')


@pytest.mark.parametrize("bio", [
    "Epidemióloga. Señales de alerta temprana en salud pública",
    "Señales de tránsito y seguridad vial",
    "Investigadora en apuestas y salud mental",
    # A raffle of books is a competition, as a museum's "follow + RT to win a pass" is: only
    # money, coins or phones given away sell.
    "Sorteo de libros en mi club de lectura 📚",
    "Casino Royale fan",
    "Estudio el casino online y la ludopatía",
    "Bono de bienvenida para nuevos socios del club",
    "Préstamos de libros en la biblioteca",
    "Economista. Préstamos a pymes y microcrédito rural",
    "Duplica tu impacto: dona sangre",
    "Inversión en salud pública",
    "Minería ilegal y salud en el Chocó",
    "Usa mi código para 10% de descuento en el congreso",
    "🔞 Horror film reviews, spoilers ahead",
    "Contenido exclusivo para suscriptores en nuestra web",
    "Content creator. Link in bio",
    "Amarre de botes en el muelle",
    "Reseño libros. Hoy: 'mentalidad millonaria', un curso de humo",
    "Birdwatcher 🦉 follow = owl pics",
    "Parlay 2 de la serie de charlas",
])
def test_their_look_alikes_stay_ordinary(bio: str) -> None:
    person = account(bio=bio)
    assert "sells" not in signals(bio=bio)
    assert score_quality(person, NOW).value >= SOUND_QUALITY


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Bot que retuitea todo lo que diga #Bogotá 🤖", "Bot que retuitea"),
    ("Clima de Medellín. Un bot que publica cada mañana", "Un bot que publica"),
    ("I'm a bot", "I'm a bot"),
    ("a bot that posts earthquakes near Bogotá", "a bot that"),
    ("Automated account by @ideam", "Automated account"),
    ("Cuenta automatizada del IDEAM", "Cuenta automatizada"),
    ("Conta automatizada de alertas", "Conta automatizada"),
    ("Compte automatisé de la RATP", "Compte automatisé"),
])
def test_a_bio_that_says_it_is_a_bot_is_read_so(bio: str, quoted: str) -> None:
    assert "says_automated" in signals(bio=bio)
    assert f'says it is automated ("{quoted}")' in texts(account(bio=bio))


@pytest.mark.parametrize("bio", [
    "not a bot", "No soy un bot", "human, not a bot", "bot developer",
    "I'm a bot developer", "Soy un bot builder", "I build bots", "chatbot engineer",
    "Investigo bots que retuitean desinformación", "Hablo del bot que publica mentiras",
])
def test_denying_it_or_making_bots_is_no_bot(bio: str) -> None:
    assert "says_automated" not in signals(bio=bio)


def test_the_bot_flag_is_the_accounts_own_word() -> None:
    flagged = account(automated=True)
    assert "says_automated" in signals(automated=True)
    assert "says it is automated (its profile is flagged as a bot)" in texts(flagged)
    # Said in the bio too, the bio's words are quoted, and it counts once.
    both = account(automated=True, bio="I'm a bot")
    assert 'says it is automated ("I\'m a bot")' in texts(both)
    said = bot_score(score_quality(account(bio="I'm a bot"), NOW))
    assert bot_score(score_quality(flagged, NOW)) == pytest.approx(said)
    assert bot_score(score_quality(both, NOW)) == pytest.approx(said)


def test_an_honest_bot_ranks_no_worse_than_a_hidden_one() -> None:
    # Alone the flag makes an account doubtful, not a clear bot: a weather bot you chose
    # that shares your place stays by its relevance. Beside any trait of a clear bot it is
    # never ranked below the follow trader with the same counts.
    lurking = {"like_count": 0, "listed_count": 0}
    flagged = bot_score(score_quality(account(automated=True), NOW))
    assert flagged < CLEAR_BOT
    assert flagged > bot_score(score_quality(account(), NOW))
    honest = bot_score(score_quality(account(automated=True, **lurking), NOW))
    trader = bot_score(score_quality(account(bio="#TeamFollowBack", **lurking), NOW))
    assert honest <= trader
