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

from .features import FEATURES_VERSION, char_grams, normalise, tokens

MODEL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model")
DEFAULT_MODEL_PATH = os.path.join(MODEL_DIR, "scorer.npz")
# Comments longer than this are scored on their first MAX_CHARS characters (speed bound).
MAX_CHARS = 4000
_CACHE_SIZE = 200_000  # tokens -> feature indices


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
        self._index = {f: i for i, f in enumerate(vocab)}
        self._cache: dict[str, np.ndarray] = {}
        self.digest = hashlib.sha256(raw).hexdigest()[:10]
        self.version = f"scorer-{self.digest}"

    # -- scoring ---------------------------------------------------------------------------
    def _token_feats(self, tok: str) -> np.ndarray:
        """Vocabulary indices of a token's unigram and char n-grams (cached per process)."""
        feats = self._cache.get(tok)
        if feats is None:
            get = self._index.get
            p = self._params
            grams = char_grams(tok, p.get("char_min", 2), p.get("char_max", 5))
            grams.append(tok)
            feats = np.array([i for i in map(get, grams) if i is not None], dtype=np.int64)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[tok] = feats
        return feats

    def _vector(self, text: str):
        toks = tokens(normalise(text[:MAX_CHARS]))
        get = self._index.get
        word2 = self._params.get("word_max", 2) >= 2
        parts = []
        big: list[int] = []
        n_tok = len(toks)
        feats = self._token_feats
        for i, t in enumerate(toks):
            parts.append(feats(t))
            if word2 and i + 1 < n_tok:
                j = get(t + " " + toks[i + 1])
                if j is not None:
                    big.append(j)
        if big:
            parts.append(np.array(big, dtype=np.int64))
        if not parts:
            return None, None
        a = np.concatenate(parts)
        if not len(a):
            return None, None
        a.sort()
        first = np.empty(len(a), dtype=bool)
        first[0] = True
        np.not_equal(a[1:], a[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        ix = a[starts]
        counts = np.diff(np.append(starts, len(a)))
        tf = np.where(counts > 1, 1.0 + np.log(counts), 1.0)
        v = tf * self._idf[ix]
        v /= math.sqrt(float(v @ v))
        return ix, v

    def score(self, text: str) -> float:
        """Probability (0..1) that ``text`` violates the posted rules."""
        return self.score_full(text).probability

    def score_full(self, text: str) -> Score:
        ix, v = self._vector(text)
        if ix is None:
            logit = self._bias
            return Score(_sigmoid(logit), "", 0.0)
        logit = float(v @ self._coef[ix]) + self._bias
        cat, conf = "", 0.0
        if self._has_cats:
            z = v.astype(np.float32) @ self._cat_coef[ix] + self._cat_bias
            k = int(np.argmax(z))
            e = np.exp(z - z[k])
            cat, conf = self.cat_codes[k], float(1.0 / e.sum())
        return Score(_sigmoid(logit), cat, conf)

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
