"""Statistical scorer: probability that a comment violates the posted rules.

Loads the shipped model file (``model/scorer.npz``) once per process, offline.  Scoring is a
hand-rolled sparse dot product (dict lookup of feature strings + a few numpy ops), so one
300-character comment takes a fraction of a millisecond without scikit-learn at run time.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import threading
from dataclasses import dataclass

import numpy as np

from .features import FEATURES_VERSION, normalise, tokens

CHAR_MARK = "#"  # char n-gram features are stored as "#" + n-gram (see features.char_grams)

MODEL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model")
DEFAULT_MODEL_PATH = os.path.join(MODEL_DIR, "scorer.npz")
# Comments longer than this are scored on their first MAX_CHARS characters (speed bound).
MAX_CHARS = 4000
# The category head only runs when the comment may violate (saves time on clean comments).
CATEGORY_MIN_PROBABILITY = 0.5
_CACHE_SIZE = 200_000  # tokens -> cached contributions
_EMPTY = (0.0, 0.0, ())


@dataclass(frozen=True, slots=True)
class Score:
    probability: float  # 0..1, probability of violating
    category: str  # best rule-code guess ("" when the model has no category head)
    category_confidence: float  # 0..1 (softmax over the category head)


class ModelError(RuntimeError):
    """The model file is missing, corrupt or made for another feature extractor."""


class Scorer:
    def __init__(self, path: str = DEFAULT_MODEL_PATH):
        self.path = path
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
            with np.load(_BytesIO(raw), allow_pickle=False) as z:
                header = json.loads(bytes(z["header"]).decode("utf-8"))
                vocab = bytes(z["vocab"]).decode("utf-8").split("\n")
                self._idf = z["idf"].astype(np.float64)
                self._coef = z["coef"].astype(np.float64)
                self._cat_coef = z["cat_coef"].astype(np.float32)
                self._cat_bias = z["cat_bias"].astype(np.float32)
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot load scorer model {os.path.basename(path)}: {exc}") from exc
        if header.get("features_version") != FEATURES_VERSION:
            raise ModelError(
                f"model built for features {header.get('features_version')}, code has "
                f"{FEATURES_VERSION}: retrain (python -m moderation.engine.training)")
        if not (len(vocab) == len(self._idf) == len(self._coef) == len(self._cat_coef)):
            raise ModelError("model arrays have inconsistent sizes")
        if header.get("params", {}).get("word_max", 2) > 2:
            raise ModelError("this scorer supports word n-grams up to 2")
        self.header = header
        self._bias = float(header["bias"])
        self._params = header.get("params", {})
        self.cat_codes: tuple[str, ...] = tuple(header.get("cat_codes", ()))
        self._has_cats = bool(self.cat_codes) and bool(np.any(self._cat_coef))
        if header.get("format") != 2:
            raise ModelError(f"model format {header.get('format')} is not supported (need 2): retrain")
        self._word2 = self._params.get("word_max", 2) >= 2
        self._wc = self._idf * self._coef  # per-occurrence numerator
        self._idf2 = self._idf * self._idf  # per-occurrence norm term
        self._wc_list = self._wc.tolist()
        self._idf2_list = self._idf2.tolist()
        self._wcat = (self._cat_coef.astype(np.float64) * self._idf[:, None]
                      if self._has_cats else None)
        self._index = {f: i for i, f in enumerate(vocab)}
        self._word_index = self._index
        self._char_min = int(self._params.get("char_min", 2))
        self._char_max = int(self._params.get("char_max", 5))
        self._cache: dict[str, tuple] = {}
        self.digest = hashlib.sha256(raw).hexdigest()[:10]
        self.version = f"scorer-{self.digest}"

    # -- scoring ---------------------------------------------------------------------------
    def _token(self, tok: str):
        """(numerator, norm term, feature indices) of one token's unigram + char n-grams.

        Cached per process: the features are additive (see training.additive_tfidf), so a
        comment's score is a sum over its tokens and word pairs.
        """
        entry = self._cache.get(tok)
        if entry is None:
            ix = [i for i in map(self._word_index.get, self._grams(tok)) if i is not None]
            if ix:
                entry = (sum(map(self._wc_list.__getitem__, ix)),
                         sum(map(self._idf2_list.__getitem__, ix)), ix)
            else:
                entry = _EMPTY
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[tok] = entry
        return entry

    def _grams(self, tok: str) -> list[str]:
        """The token itself plus its char n-grams, as keys of ``_word_index`` (see loader)."""
        out = [tok]
        if len(tok) > 1:
            w = " " + tok + " "
            lw = len(w)
            for n in range(self._char_min, min(self._char_max, lw) + 1):
                out.extend([CHAR_MARK + w[j:j + n] for j in range(lw - n + 1)])
        return out

    def _parts(self, text: str):
        toks = tokens(normalise(text[:MAX_CHARS]))
        cached, token = self._cache.get, self._token
        entries = [cached(t) or token(t) for t in toks]  # (an entry is a non-empty tuple)
        pairs = []
        if self._word2 and len(toks) > 1:
            pairs = [j for j in map(self._index.get, [a + " " + b for a, b in zip(toks, toks[1:])])
                     if j is not None]
        return entries, pairs

    def score(self, text: str) -> float:
        """Probability (0..1) that ``text`` violates the posted rules."""
        return self.score_full(text).probability

    def score_full(self, text: str, with_category: bool = True) -> Score:
        entries, pairs = self._parts(text)
        num = sum(e[0] for e in entries)
        den = sum(e[1] for e in entries)
        if pairs:
            num += sum(self._wc_list[j] for j in pairs)
            den += sum(self._idf2_list[j] for j in pairs)
        if den <= 0.0:
            return Score(_sigmoid(self._bias), "", 0.0)
        norm = math.sqrt(den)
        p = _sigmoid(num / norm + self._bias)
        cat, conf = "", 0.0
        if with_category and self._has_cats and p >= CATEGORY_MIN_PROBABILITY:
            ix: list[int] = list(pairs)
            for e in entries:
                ix.extend(e[2])
            z = self._wcat[np.asarray(ix, dtype=np.int64)].sum(axis=0) / norm + self._cat_bias
            k = int(np.argmax(z))
            ez = np.exp(z - z[k])
            cat, conf = self.cat_codes[k], float(1.0 / ez.sum())
        return Score(p, cat, conf)

    def score_many(self, texts) -> list[float]:
        return [self.score(t) for t in texts]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _BytesIO(raw: bytes):
    import io

    return io.BytesIO(raw)


_default: Scorer | None = None
_lock = threading.Lock()


def default_scorer() -> Scorer:
    """The shipped scorer, loaded once per process (thread-safe)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Scorer(os.environ.get("MODERATION_SCORER_MODEL") or DEFAULT_MODEL_PATH)
    return _default
