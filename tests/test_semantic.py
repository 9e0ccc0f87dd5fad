"""The optional semantic relevance backend (scoring/semantic.py), on tiny model2vec models
built here from hand-made vectors: nothing is downloaded."""

from __future__ import annotations

import builtins
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("model2vec")

from model2vec import StaticModel
from tokenizers import Tokenizer
from tokenizers.models import WordLevel
from tokenizers.normalizers import Lowercase
from tokenizers.pre_tokenizers import Whitespace

from followprune.errors import ConfigError
from followprune.networks.demo import load_demo_data
from followprune.scoring import semantic
from followprune.scoring.relevance import (
    MATCH_FLOOR,
    InterestProfile,
    off_topic,
    score_relevance,
)
from tests.conftest import Invoke, proposals_json

DIM = 48
# Topic directions: words of one topic point mostly along its axis.
SPORT, TECH, FOOD = 0, 1, 2
TOPIC_WORDS = {
    SPORT: ["football", "calcio", "soccer", "turnstile", "stadium", "terrace", "scarf", "kit",
            "away", "striker"],
    TECH: ["python", "software", "code", "compiler", "programmer"],
    FOOD: ["recipes", "chef", "baking", "bread", "kitchen"],
}
FILLER = ["my", "dog", "garden", "guitar", "long", "walks", "by", "the", "sea", "and", "of",
          "coffee", "rainy", "days", "mornings", "books", "grandma", "knitting", "sunsets",
          "photos", "cats", "movies", "every", "weekend", "mum", "two", "kids",
          "tea", "lover", "quiet", "village", "life", "jazz", "records", "vinyl", "in", "a",
          "old", "house", "with", "plants", "yoga", "teacher", "on", "sundays", "painting",
          "watercolours", "birds", "river"]


def build_model(folder: Path, words: dict[str, int | None], seed: int = 7) -> Path:
    """A word-level static model: a word of a topic is its axis plus a little noise, any other
    word a random direction away from the topic axes. Saved as model2vec saves it."""
    rng = np.random.default_rng(seed)
    vocab = {"[UNK]": 0}
    rows = [np.zeros(DIM, dtype=np.float32)]
    for word, topic in words.items():
        vocab[word] = len(rows)
        vector = rng.normal(0.0, 1.0, DIM).astype(np.float32)
        vector[:3] = 0.0
        if topic is not None:
            vector = 0.15 * vector / np.linalg.norm(vector)
            vector[topic] = 1.0
        rows.append(vector)
    tokenizer = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = Lowercase()
    tokenizer.pre_tokenizer = Whitespace()
    StaticModel(np.stack(rows), tokenizer, normalize=True).save_pretrained(str(folder))
    return folder


def default_words() -> dict[str, int | None]:
    words: dict[str, int | None] = {w: t for t, ws in TOPIC_WORDS.items() for w in ws}
    words.update({w: None for w in FILLER})
    return words


@pytest.fixture
def tiny_model(tmp_path: Path) -> semantic.SemanticModel:
    folder = build_model(tmp_path / "tiny", default_words())
    return semantic.load_model(str(folder), tmp_path / "cache")


# Long enough to judge (five or more content words), none matched by the lexicon for "football".
OFF_TOPIC = [
    "my dog my garden my guitar and long walks by the sea",
    "coffee rainy days mornings books grandma knitting sunsets",
    "photos of cats movies every weekend mum of two kids",
    "tea lover quiet village life jazz records vinyl",
    "in a old house with plants yoga teacher on sundays",
    "painting watercolours birds river walks coffee mornings",
    "books tea cats quiet rainy sundays knitting grandma",
    "river birds photos sunsets long walks weekend",
]
CLOSE = "turnstile kit stadium terrace scarf every weekend away days"


def test_the_tiny_model_puts_translations_close(tiny_model: semantic.SemanticModel) -> None:
    vectors = tiny_model.embed(["football", "calcio", "soccer", "python", "bread", "guitar"])
    similarity = vectors @ vectors[0]
    assert similarity[1] > 0.9 and similarity[2] > 0.9
    assert max(abs(similarity[3]), abs(similarity[4]), abs(similarity[5])) < 0.3


def test_a_bio_close_in_meaning_is_lifted_with_its_own_reason(
    tiny_model: semantic.SemanticModel,
) -> None:
    profile = InterestProfile(keywords=("football",))
    documents = [*OFF_TOPIC, CLOSE, "football every weekend"]
    before = score_relevance(profile, documents)
    # The lexicon does not see it: the semantic model is what finds it.
    assert off_topic(before[len(OFF_TOPIC)])
    after = semantic.lift_relevance(before, profile, documents, tiny_model)
    lifted = after[len(OFF_TOPIC)]
    assert lifted.value > MATCH_FLOOR
    assert lifted.reasons[0].text == semantic.SEMANTIC_REASON
    assert lifted.reasons[0].push > 0
    assert lifted.facts["semantic"] >= lifted.facts["semantic_threshold"]
    assert lifted.confidence == before[len(OFF_TOPIC)].confidence
    # Below every lexicon match: the lexicon stays the base.
    assert lifted.value < after[-1].value
    # Bios close to nothing still say so.
    for component in after[: len(OFF_TOPIC)]:
        assert component.reasons[0].text == "bio matches none of your interests"
        assert component.value == before[0].value


def test_empty_short_and_matched_bios_are_never_lifted(
    tiny_model: semantic.SemanticModel,
) -> None:
    profile = InterestProfile(keywords=("football",))
    documents = [*OFF_TOPIC, CLOSE, "", "turnstile stadium", "soccer striker kit every weekend"]
    before = score_relevance(profile, documents)
    after = semantic.lift_relevance(before, profile, documents, tiny_model)
    for old, new in zip(before[-3:], after[-3:], strict=True):
        assert new is old
    # Absence never beats evidence: a lifted bio stays above every empty or short one.
    assert after[len(OFF_TOPIC)].value > max(c.value for c in after[-3:-1])


def test_the_lift_is_deterministic_and_ordered_by_similarity(
    tiny_model: semantic.SemanticModel,
) -> None:
    profile = InterestProfile(keywords=("football",))
    closer = "turnstile stadium terrace scarf kit striker away"
    documents = [*OFF_TOPIC, CLOSE, closer]
    before = score_relevance(profile, documents)
    first = semantic.lift_relevance(before, profile, documents, tiny_model)
    again = semantic.lift_relevance(before, profile, documents, tiny_model)
    assert [c.value for c in first] == [c.value for c in again]
    assert first[-1].value > first[-2].value > MATCH_FLOOR


def test_a_list_where_nothing_stands_out_lifts_nothing(
    tiny_model: semantic.SemanticModel,
) -> None:
    profile = InterestProfile(keywords=("python",))
    before = score_relevance(profile, OFF_TOPIC)
    after = semantic.lift_relevance(before, profile, OFF_TOPIC, tiny_model)
    assert all(new is old for new, old in zip(after, before, strict=True))


def test_a_missing_model_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        semantic.load_model(str(tmp_path / "no" / "such" / "model"), tmp_path / "cache")
    assert "is not a folder" in caught.value.message
    assert "semantic = false" in (caught.value.hint or "")


def test_a_folder_that_is_no_model_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError) as caught:
        semantic.load_model(str(tmp_path / "empty"), tmp_path / "cache")
    assert "is not a model2vec model folder" in caught.value.message


def test_a_missing_extra_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def without_model2vec(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "model2vec" or name.startswith("model2vec."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_model2vec)
    with pytest.raises(ConfigError) as caught:
        semantic.load_model(str(tmp_path), tmp_path / "cache")
    assert "not installed" in caught.value.message
    assert 'pip install "followprune[semantic]"' in (caught.value.hint or "")


def test_an_unreachable_hub_is_a_config_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Offline: the hub library refuses at once, without any connection.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    notes: list[str] = []
    with pytest.raises(ConfigError) as caught:
        semantic.load_model("someone/not-cached-model", tmp_path / "cache", notes.append)
    assert "cannot fetch 'someone/not-cached-model'" in caught.value.message
    assert "semantic = false" in (caught.value.hint or "")
    # The person was told before the fetch was tried, and where it goes.
    assert notes and str(tmp_path / "cache") in notes[0]


def test_a_fetched_model_is_reused_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build_model(cache / "owner--tiny", default_words())
    notes: list[str] = []
    model = semantic.load_model("owner/tiny", cache, notes.append)
    assert notes == []  # nothing fetched
    assert model.embed(["football"]).shape == (1, DIM)


# --- end to end, on the demo network -------------------------------------------------------


def _demo_target() -> tuple[str, list[str]]:
    """A demo account whose bio the lexicon judges off-topic for "football", and the words
    of its bio that no other demo bio uses."""
    accounts = load_demo_data()["accounts"]
    bios = [a["bio"] if a["profile_known"] else "" for a in accounts]
    components = score_relevance(InterestProfile(keywords=("football",)), bios)
    users: dict[str, set[int]] = {}
    for n, bio in enumerate(bios):
        for word in re.findall(r"\w+", bio.lower()):
            users.setdefault(word, set()).add(n)
    for n, (account, component) in enumerate(zip(accounts, components, strict=True)):
        own = sorted({w for w in re.findall(r"\w+", bios[n].lower()) if users[w] == {n}})
        if off_topic(component) and len(own) >= 3 and not account["pinned_text"]:
            return account["handle"], own
    raise AssertionError("the demo has no long off-topic bio with words of its own")


def _write_config(home: Path, model: Path | None) -> None:
    home.mkdir(parents=True, exist_ok=True)
    lines = ["[interests]", 'keywords = ["football"]', "use_own_bio = false",
             "use_own_posts = false"]
    if model is not None:
        lines += ["semantic = true", f"semantic_model = {json.dumps(str(model))}"]
    (home / "config.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _relevance_by_handle(invoke: Invoke) -> dict[str, float]:
    data = proposals_json(invoke("--demo", "--dry-run", "--format", "json", "--all"))
    return {row["handle"]: row["components"]["relevance"] for row in data["accounts"]}


def test_prune_demo_with_the_semantic_backend(
    invoke: Invoke, isolated_env: Path, tmp_path: Path
) -> None:
    handle, own_words = _demo_target()
    # The target's own words, and only those, mean football to this model.
    words: dict[str, int | None] = {"football": SPORT, **dict.fromkeys(own_words, SPORT)}
    for account in load_demo_data()["accounts"]:
        for word in re.findall(r"\w+", account["bio"].lower()):
            words.setdefault(word, None)
    model = build_model(tmp_path / "demo-model", words)

    _write_config(isolated_env, None)
    lexicon_only = _relevance_by_handle(invoke)
    _write_config(isolated_env, model)
    with_semantic = _relevance_by_handle(invoke)

    assert lexicon_only[handle] < MATCH_FLOOR < with_semantic[handle]
    changed = {h for h in lexicon_only if lexicon_only[h] != with_semantic[h]}
    assert handle in changed
    # Only bios the lexicon judged off-topic can move, and only upwards.
    assert all(with_semantic[h] > MATCH_FLOOR > lexicon_only[h] for h in changed)


def test_prune_stops_when_the_configured_model_is_missing(
    invoke: Invoke, isolated_env: Path, tmp_path: Path
) -> None:
    _write_config(isolated_env, tmp_path / "nowhere")
    result = invoke("--demo", "--dry-run", "--format", "json")
    assert result.exit_code == 2
    assert "interests.semantic_model" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_eval_relevance_runs_with_the_semantic_backend(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    script_path = Path(__file__).parents[1] / "scripts" / "eval_relevance.py"
    spec = importlib.util.spec_from_file_location("eval_relevance_semantic", script_path)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up while they are made.
    monkeypatch.setitem(sys.modules, spec.name, script)
    spec.loader.exec_module(script)
    model = build_model(tmp_path / "tiny", default_words())
    assert script.main(["--split", "tune", "--semantic", str(model)]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    personas = script.read_personas(script.FIXTURES / "personas.toml")
    assert sorted(row[0] for row in rows) == sorted(personas)
    assert all(0.5 <= float(row[3]) <= 1.0 for row in rows)  # an AUC for each
    assert script.main(["--semantic", str(tmp_path / "missing")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_a_first_use_fetches_into_the_cache_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub

    fetched: list[tuple[str, Path]] = []

    def snapshot_download(repo_id: str, *, local_dir: Path, allow_patterns: list[str]) -> str:
        # Stands in for the hub: writes what a fetch of a model2vec repository leaves.
        assert "model.safetensors" in allow_patterns and "tokenizer.json" in allow_patterns
        fetched.append((repo_id, local_dir))
        build_model(local_dir, default_words())
        return str(local_dir)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    cache = tmp_path / "cache"
    notes: list[str] = []
    model = semantic.load_model("owner/fetched", cache, notes.append)
    assert fetched == [("owner/fetched", cache / "owner--fetched")]
    assert len(notes) == 1 and "owner/fetched" in notes[0]
    assert model.embed(["calcio"]).shape == (1, DIM)
    # A later process finds it in the cache and fetches nothing.
    semantic._LOADED.clear()
    semantic.load_model("owner/fetched", cache, notes.append)
    assert len(fetched) == 1 and len(notes) == 1


def test_a_repository_without_a_model_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub

    def snapshot_download(repo_id: str, *, local_dir: Path, allow_patterns: list[str]) -> str:
        local_dir.mkdir(parents=True)
        (local_dir / "README.md").write_text("not a static model\n")
        return str(local_dir)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    with pytest.raises(ConfigError) as caught:
        semantic.load_model("owner/not-static", tmp_path / "cache")
    assert "holds no model2vec model" in caught.value.message
