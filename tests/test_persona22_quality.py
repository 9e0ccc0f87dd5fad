"""Persona round 22 (Ana, a data journalist in São Paulo): Brazil's hustles the selling
patterns missed — Tigrinho / Fortune Tiger casino promoters and crash-game signals, a bet
house's first-deposit bonus, PIX raffles, loans for people with bad credit, financial freedom
sold by seat or Telegram, Privacy/OnlyFans adult spam, "palpites certeiros" — each with the
look-alikes that must stay ordinary; through the real scorer."""

from __future__ import annotations

import pytest

from followprune.scoring.blend import SOUND_QUALITY
from followprune.scoring.quality import score_quality
from tests.test_quality import NOW, account, assert_read_as_selling, texts


def signals(bio: str) -> dict[str, float]:
    found = score_quality(account(bio=bio), NOW).facts["signals"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Jogo do tigrinho pagando MUITO hoje 🔥 Cadastre-se e ganhe bônus. Plataforma nova",
     "tigrinho"),
    # "no" here is "in the", not a denial.
    ("Mostrando minhas vitórias no Fortune Tiger. Plataforma que paga no link 🔥 Sport 🦁",
     "no"),
    ("Sinais do Aviator e Mines 100% assertivos. Banca de R$ 20 vira R$ 1000.", "Sinais"),
    ("Influencer | Parceira oficial @betxyz | bônus de 100% no primeiro depósito | +18",
     "bônus"),
    ("SORTEIO DE PIX TODO DIA! Siga, curta e comente para participar.", "SORTEIO"),
    ("Vou sortear R$ 1.000 no PIX 🤑 RT + seguir para participar", "sortear"),
    ("Empréstimo para negativado, aprovado na hora! Consignado INSS.", "Empréstimo"),
    ("Curso de investimentos: conquiste sua liberdade financeira. Vagas limitadas!",
     "liberdade"),
    ("Do zero ao primeiro milhão com day trade. Mentoria VIP no Telegram 🚀", "VIP"),
    ("conteúdo exclusivo no privacy 🔞 link na bio 😈 chama na DM", "no"),
    ("OnlyFans e Privacy com desconto hoje 🔥 +18", "OnlyFans"),
    ("Palpites certeiros Sport, Série B e Champions ✅", "Palpites"),
    ("Aprenda a faturar 10k/mês com marketing digital. Link na bio", "faturar"),
    ("Chá que cura diabetes em 7 dias. Os médicos não querem que você saiba!", "cura"),
])
def test_brazilian_hustles_are_read_as_selling(bio: str, quoted: str) -> None:
    assert_read_as_selling(bio, f'("{quoted}')


@pytest.mark.parametrize("bio", [
    "Meu gato Tigrinho manda aqui 🐱 SP",
    "Repórter. Investiguei as bets e o jogo do tigrinho: a série está no link.",
    "Óculos aviator, café e Vila Madalena",
    "RH. Bônus do 13º salário explicado em dados.",
    "Sorteio de livros no clube de leitura todo mês 📚",
    "Chave pix para doações ao projeto na bio",
    "Jornalista de economia: empréstimo consignado, juros e crédito.",
    "Economista. Liberdade financeira das mulheres é política pública.",
    "Privacy engineer. Data protection, LGPD.",
    "Reporter covering OnlyFans creators and platform labour",
    "Não tenho privacy nem onlyfans, só memes kkkk",
    "Sport 🦁 Palpites para o jogo de domingo? Comenta aí",
    "Telegram do grupo de estudos de R: link na bio",
    "Repórter de economia. A Petrobras vai faturar R$ 10 bilhões em 2026?",
    "Oncologista. A cura do câncer ainda está longe; o tratamento, não.",
    "Endocrinologista. Diabetes tem tratamento: consulte-se.",
])
def test_their_look_alikes_stay_ordinary(bio: str) -> None:
    assert "sells" not in signals(bio)
    assert score_quality(account(bio=bio), NOW).value >= SOUND_QUALITY


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Deus, Pátria, Família. Subindo tags todo dia 🇧🇷 #BolsonaroPresidente", "Subindo"),
    ("Lulistas em Ação ⭐ Subindo as tags do dia! Sem anistia!", "Subindo"),
    ("A verdade que a mídia esconde sobre as eleições. Compartilhe antes que apaguem",
     "Compartilhe"),
])
def test_tag_raisers_are_read_as_asking_for_retweets(bio: str, quoted: str) -> None:
    farm = account(bio=bio)
    component = score_quality(farm, NOW)
    assert "sells" in component.facts["signals"]  # type: ignore[operator]
    assert any(f'asks for retweets or trending in its bio ("{quoted}' in text
               for text in texts(farm)), texts(farm)


@pytest.mark.parametrize("bio", [
    "Dados abertos: subindo os dados das eleições no portal toda semana",
    "Compartilhe com quem precisa. Jornalismo de dados sobre eleições.",
    "Arquivista: salvamos páginas do governo antes que apaguem",
])
def test_tag_raising_look_alikes_stay_ordinary(bio: str) -> None:
    assert "sells" not in signals(bio)
    assert score_quality(account(bio=bio), NOW).value >= SOUND_QUALITY
