"""Optional semantic relevance (`pip install "followprune[semantic]"`): static word embeddings
(model2vec) that see "calcio" close to "football" and "data engineer" close to "databases",
which no lexicon lists.

The lexicon (scoring/relevance.py) stays the explainable base. This only lifts a bio the
lexicon judged off-topic ("matches none of your interests"; long enough to judge) when it is
clearly close in meaning to the interests:

* the interests are embedded as separate texts, each keyword, the person's own bio and the
  learned words together, and a bio's similarity is its best cosine with any of them (an
  average of "football" and "python" is close to neither);
* the bios long enough to judge (an even sample of DISTRIBUTION_SAMPLE of a long list) set
  the threshold, relative to that list:
  LIFT_SPREADS robust spreads (1.4826 × the median absolute deviation) above the median
  similarity, and never below MIN_SIMILARITY. Models differ in how close unrelated texts sit,
  so an absolute cut-off tuned on one would be wrong for another;
* a lifted bio gets a value just above the lexicon's match floor, in order of similarity
  (MATCH_FLOOR + 0.5 × LIFT_SHARE at most), with its own reason, and the confidence its words
  gave the off-topic verdict. Bios that are empty, too short or unreadable are never lifted:
  a few words close to an interest are not evidence enough.

Deterministic: the same model, profile and list give the same values.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from followprune.errors import ConfigError
from followprune.logs import one_line
from followprune.scoring.components import Component, Reason
from followprune.scoring.relevance import MATCH_FLOOR, MIN_TOKENS, InterestProfile, off_topic

DEFAULT_MODEL = "minishlab/potion-multilingual-128M"
INSTALL_HINT = 'install it with `pip install "followprune[semantic]"`'
OFF_HINT = "or set [interests] semantic = false"

# A bio is clearly close when its similarity is this many robust spreads above the list's
# median. Tuned on the 'tune' split of tests/fixtures/relevance (see scripts/eval_relevance.py).
LIFT_SPREADS = 3.0
# And never when the similarity itself is this low, however tight the list's spread.
MIN_SIMILARITY = 0.3
# A lifted bio's value: MATCH_FLOOR + (1 - MATCH_FLOOR) × LIFT_SHARE × its share among lifted.
LIFT_SHARE = 0.25
SEMANTIC_REASON = "bio is close in meaning to your interests (semantic match)"
# The list's distribution of similarities is read from at most about this many bios.
DISTRIBUTION_SAMPLE = 5000
# Texts are encoded this many at a time: numpy's per-call cost vanishes, memory stays small.
_BATCH = 4096

# A Hugging Face model id: one owner, one name. Anything else is a local folder.
_MODEL_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")
# What a model2vec model folder is made of (its own layout and sentence-transformers' one):
# fetching only these skips the ONNX copies some model repositories also hold.
_MODEL_FILES = ("config.json", "config_sentence_transformers.json", "model.safetensors",
                "tokenizer.json", "modules.json", "README.md", "0_StaticEmbedding/*")

FloatArray = npt.NDArray[np.float32]


class SemanticModel:
    """A loaded static embedding model: texts in, unit vectors out."""

    def __init__(self, model: Any, name: str) -> None:
        self._model = model
        self.name = name
        # model2vec wraps encoding in a tqdm bar even when it is hidden, and tqdm then starts
        # a monitor thread that lives on: with a second thread running, scoring never forks
        # its child (forked.can_fork), so a long list would lose its second core.
        import tqdm  # type: ignore[import-untyped]

        tqdm.tqdm.monitor_interval = 0

    def embed(self, texts: Sequence[str]) -> FloatArray:
        """One unit-length row per text (all zeros for a text with no known token)."""
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        # No worker processes (model2vec would start some above 10,000 texts): scoring may
        # run in a forked child already, and the tokenizer uses both cores on its own.
        vectors = np.asarray(
            self._model.encode(list(texts), use_multiprocessing=False, batch_size=_BATCH),
            dtype=np.float32,
        )
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: FloatArray = np.divide(vectors, norms, out=np.zeros_like(vectors),
                                     where=norms > 0)
        return unit


_LOADED: dict[tuple[str, Path], SemanticModel] = {}


def load_model(
    name: str, cache_dir: Path, notice: Callable[[str], None] | None = None
) -> SemanticModel:
    """The model `name` (a Hugging Face id or a local folder), fetched into `cache_dir` on
    first use; `notice` is told before a download starts. Loaded once per process.

    Raises ConfigError with a hint when the extra is not installed, the folder is missing or
    is not a model, or the model cannot be fetched (offline): a run configured to use it
    stops rather than score differently than configured."""
    key = (name, cache_dir)
    if key in _LOADED:
        return _LOADED[key]
    try:
        from model2vec import StaticModel
    except ImportError:
        raise _not_installed() from None
    folder = _local_folder(name, cache_dir, notice)
    try:
        model = StaticModel.from_pretrained(folder, force_download=False)
    except Exception as exc:  # model2vec raises ValueError, OSError, safetensors' own errors
        raise ConfigError(
            f"interests.semantic_model: {folder} is not a model2vec model folder ({exc})",
            hint=f"point semantic_model at a model2vec model, {OFF_HINT}",
        ) from None
    _LOADED[key] = loaded = SemanticModel(model, name)
    return loaded


def _not_installed() -> ConfigError:
    return ConfigError(
        "interests.semantic is on, but the semantic extra (model2vec) is not installed",
        hint=f"{INSTALL_HINT}, {OFF_HINT}",
    )


def _local_folder(name: str, cache_dir: Path, notice: Callable[[str], None] | None) -> Path:
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    if not _MODEL_ID.fullmatch(name):
        raise ConfigError(
            f"interests.semantic_model: {name!r} is not a folder",
            hint=f"give a model2vec model folder or a Hugging Face model id, {OFF_HINT}",
        )
    folder = cache_dir / name.replace("/", "--")
    if _holds_model(folder):
        # Files land under their final names only once complete, so this is a whole model.
        return folder
    try:
        import huggingface_hub
    except ImportError:
        raise _not_installed() from None
    if notice is not None:
        notice(f"fetching the semantic model {name} into {folder} (once; later runs reuse it)")
    try:
        huggingface_hub.snapshot_download(
            name, local_dir=folder, allow_patterns=list(_MODEL_FILES),
        )
    except Exception as exc:  # offline, unknown id, refused: the hub has many error types
        raise ConfigError(
            f"interests.semantic_model: cannot fetch {name!r} ({one_line(exc, 160)})",
            hint="connect once so it can be fetched, point semantic_model at a local model "
                 f"folder, {OFF_HINT}",
        ) from None
    if not _holds_model(folder):
        # model2vec would take a folder that does not exist for a model id to fetch again.
        raise ConfigError(
            f"interests.semantic_model: {name!r} holds no model2vec model",
            hint=f"choose a model2vec model (e.g. {DEFAULT_MODEL}), {OFF_HINT}",
        )
    return folder


def _holds_model(folder: Path) -> bool:
    return ((folder / "model.safetensors").is_file()
            or (folder / "0_StaticEmbedding" / "model.safetensors").is_file())


def stderr_notice(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def interest_texts(profile: InterestProfile) -> list[str]:
    """The texts the interests are embedded as: each keyword, the own bio, the learned words."""
    texts = [k.strip() for k in profile.keywords if k.strip()]
    if profile.own_bio.strip():
        texts.append(profile.own_bio.strip())
    if profile.learned:
        texts.append(" ".join(profile.learned))
    return texts


def similarities(
    model: SemanticModel, profile: InterestProfile, documents: Sequence[str]
) -> FloatArray:
    """Each document's best cosine similarity with any of the interest texts."""
    interests = model.embed(interest_texts(profile))
    best = np.zeros(len(documents), dtype=np.float32)
    if len(interests) == 0:
        return best
    for start in range(0, len(documents), _BATCH):
        chunk = model.embed(documents[start:start + _BATCH])
        best[start:start + len(chunk)] = (chunk @ interests.T).max(axis=1)
    return best


def lift_threshold(similarity: FloatArray) -> float:
    """How close a bio must be to count: LIFT_SPREADS robust spreads above the median of the
    list's similarities, never below MIN_SIMILARITY."""
    if len(similarity) == 0:
        return float("inf")
    median = float(np.median(similarity))
    spread = 1.4826 * float(np.median(np.abs(similarity - median)))
    return max(MIN_SIMILARITY, median + LIFT_SPREADS * spread)


def lift_relevance(
    components: Sequence[Component],
    profile: InterestProfile,
    documents: Sequence[str],
    model: SemanticModel,
) -> list[Component]:
    """`components` (relevance's, one per document) with the off-topic bios that are clearly
    close in meaning to the interests lifted just above the lexicon's match floor."""
    found = list(components)
    if not interest_texts(profile):
        return found
    # Only bios long enough to judge, matched or not, make the distribution; only off-topic
    # ones can be lifted. Encoding is most of the cost (~50 µs a bio), so the distribution is
    # read from an even sample of a long list, and otherwise only the candidates are encoded.
    judged = [i for i, c in enumerate(components) if _tokens(c) >= MIN_TOKENS]
    candidates = [i for i in judged if off_topic(components[i])]
    if not candidates:
        return found
    sample = judged[:: max(1, len(judged) // DISTRIBUTION_SAMPLE)]
    # A list repeats bios (bots, empty templates): each distinct one is embedded once.
    distinct: dict[str, int] = {}
    for i in (*sample, *candidates):
        distinct.setdefault(documents[i], len(distinct))
    similarity = similarities(model, profile, list(distinct))
    threshold = lift_threshold(similarity[[distinct[documents[i]] for i in sample]])
    lifted = [
        (i, s) for i in candidates
        if (s := float(similarity[distinct[documents[i]]])) >= threshold
    ]
    if not lifted:
        return found
    ranked = np.sort(np.array([s for _, s in lifted]))
    for i, s in lifted:
        share = int(np.searchsorted(ranked, s, side="right")) / len(ranked)
        value = round(MATCH_FLOOR + (1.0 - MATCH_FLOOR) * LIFT_SHARE * share, 6)
        old = components[i]
        facts = {**old.facts, "semantic": round(s, 4), "semantic_threshold": round(threshold, 4)}
        found[i] = Component(value, (Reason(SEMANTIC_REASON, round(value - 0.5, 4)),), facts,
                             old.confidence)
    return found


def _tokens(component: Component) -> int:
    tokens = component.facts.get("tokens", 0)
    return tokens if isinstance(tokens, int) else 0
