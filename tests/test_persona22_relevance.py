"""Persona round 22 (Ana, a data journalist in São Paulo): Portuguese "Ative as notificações"
(turn on notifications), a farm's bio, had read as politics, since Snowball stems "ativista"
as the imperative "ative"; activists still read as politics, in any bio."""

from __future__ import annotations

import pytest

from tests.test_relevance_round15 import _named


@pytest.mark.parametrize("bio", [
    "Frases motivacionais para o seu dia ✨ Deus no controle. Ative as notificações",
    "Ative as notificações 🔔",
    "Ativem o sininho e compartilhem",
])
def test_turning_on_notifications_is_no_politics(bio: str) -> None:
    assert "politics" not in _named(("politics",), bio)


@pytest.mark.parametrize("bio", [
    "Ativista pelo clima e pela moradia em São Paulo",
    "Somos ativistas do transporte público na cidade",
    "Ativista LGBT+ e professora",
])
def test_activists_still_read_as_politics(bio: str) -> None:
    assert "politics" in _named(("politics",), bio)
