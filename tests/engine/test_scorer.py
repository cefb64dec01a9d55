"""The shipped scorer: loads offline, ranks obvious abuse above neutral text, is fast."""
import time

import pytest

from moderation.engine.features import extract, normalise, tokens
from moderation.engine.scorer import ModelError, Scorer, default_scorer

NEUTRAL = [
    "شكرا على هذا التقرير المفيد عن أسعار الخضار في الأسواق",
    "أتمنى أن تتحسن حالة الطرق في مدينتنا قبل فصل الشتاء",
    "مباراة جميلة ومستوى رائع من الفريقين، مبروك للفائز",
]
INSULTS = [
    "انت حمار وغبي وما تفهم شي يا كلب",
    "يا حقير يا واطي الله يلعنك ويلعن اشكالك",
    "كلامك زبالة وانت اوسخ واحد شفته يا حيوان",
]


@pytest.fixture(scope="module")
def scorer():
    return default_scorer()


def test_loads_offline_and_is_cached(scorer):
    assert default_scorer() is scorer
    assert scorer.version.startswith("scorer-")
    assert scorer.cat_codes


def test_scores_are_probabilities(scorer):
    for text in NEUTRAL + INSULTS + ["", "   ", "👍", "x" * 10000]:
        p = scorer.score(text)
        assert 0.0 <= p <= 1.0


def test_insults_score_higher_than_neutral(scorer):
    neutral = [scorer.score(t) for t in NEUTRAL]
    insults = [scorer.score(t) for t in INSULTS]
    assert max(neutral) < min(insults), (neutral, insults)
    assert max(neutral) < 0.5 < min(insults)


def test_category_guess_is_a_rule_code(scorer):
    from moderation.engine.types import CATEGORIES

    s = scorer.score_full(INSULTS[0])
    assert s.category in CATEGORIES
    assert 0.0 <= s.category_confidence <= 1.0


def test_normalisation_folds_variants_and_elongation():
    assert normalise("أحمــــد") == normalise("احمد")
    assert normalise("مدرسة") == normalise("مدرسه")
    assert normalise("غبيييييي") == normalise("غبي")
    assert normalise("كَلْبٌ") == normalise("كلب")
    assert tokens(normalise("ك ل ب")) == ["كلب"]


def test_scoring_is_deterministic_and_cache_safe(scorer):
    text = INSULTS[1]
    first = scorer.score(text)
    for _ in range(3):
        assert scorer.score(text) == first
    # the token cache must give the same result as the reference feature extractor
    fresh = Scorer(scorer.path)
    assert fresh.score(text) == pytest.approx(first, abs=1e-9)
    assert len(extract(text)) > 0


def test_missing_model_raises(tmp_path):
    with pytest.raises(ModelError):
        Scorer(str(tmp_path / "nope.npz"))
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError):
        Scorer(str(bad))


def test_fast_enough(scorer):
    text = ("تعليق عادي عن الأخبار الاقتصادية في البلد، والحكومة تقول إن الأسعار ستنخفض "
            "قريبا لكن المواطن لا يرى ذلك في السوق حتى الآن ") * 3
    scorer.score(text)
    t0 = time.perf_counter()
    n = 200
    for _ in range(n):
        scorer.score(text)
    per_call = (time.perf_counter() - t0) / n
    assert per_call < 0.002, per_call  # generous bound for slow CI machines


def test_training_roundtrip(tmp_path):
    """A tiny model trained from (text, label) pairs loads and separates its own classes."""
    from moderation.engine.training import TrainConfig, train

    pairs = [(t, 0) for t in NEUTRAL * 4] + [(t, 1) for t in INSULTS * 4]
    out = tmp_path / "m.npz"
    train(None, str(out), extra=pairs, cfg=TrainConfig(min_df=1), log=lambda m: None)
    s = Scorer(str(out))
    assert s.score(INSULTS[0]) > s.score(NEUTRAL[0])


def test_read_csv_keeps_only_shippable_rows(tmp_path):
    """The shipped model may only learn from rows whose licence allows it (yes / rehost)."""
    import csv

    from moderation.engine.training import read_csv

    path = tmp_path / "rows.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label", "category", "source", "permissive"])
        w.writerow([NEUTRAL[0], 0, "clean", "a", "yes"])
        w.writerow([INSULTS[0], 1, "offensive", "b", "rehost"])
        w.writerow([INSULTS[1], 1, "obscene", "c", "no"])
        w.writerow([NEUTRAL[1], 0, "clean", "c", ""])
    rows = read_csv(str(path))
    assert [r.text for r in rows] == [NEUTRAL[0], INSULTS[0]]
    assert rows[1].category == "abuse_person" and rows[0].category == ""
    assert len(read_csv(str(path), all_rows=True)) == 4


def test_training_weights_balance_sources_and_kinds_of_violation():
    """Every (source, label) cell weighs the same; a rare kind of violation is not drowned."""
    from moderation.engine.training import Example, _weights

    rows = ([Example("x", 0, "", "a")] * 6 + [Example("x", 0, "", "b")] * 2
            + [Example("x", 1, "abuse_person", "a", "offensive")] * 6
            + [Example("x", 1, "racist_incitement", "b", "hate_race")] * 2)
    plain = _weights(rows, 1.0, 1.0)
    assert plain[:6].sum() == pytest.approx(plain[6:8].sum())  # clean cells of a and b
    assert plain.sum() == pytest.approx(len(rows))  # classes balanced, mean weight 1
    # with category weighting the two hate_race rows weigh more than without it
    kinds = _weights(rows, 0.0, 1.0, category_power=1.0)
    assert kinds[14] > kinds[8] and kinds[14:16].sum() == pytest.approx(kinds[8:14].sum())
    assert kinds[:8].sum() == pytest.approx(kinds[8:].sum())
