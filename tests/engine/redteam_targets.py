"""The red-team targets of the engine issue, checked on a list of (row, verdict) pairs: leak <= 10 %,
false block <= 5 %, category match >= 70 % of the rejected violations ("abuse_writer" counts for a
row labelled "abuse_person")."""


def assert_red_team_targets(verdicts, leak=0.10, false_block=0.05, category_match=0.70):
    bad = [(r, v) for r, v in verdicts if r["label"] == "1"]
    clean = [(r, v) for r, v in verdicts if r["label"] == "0"]
    leaks = [r["text"] for r, v in bad if v.decision == "approve"]
    blocks = [(r["text"], v.reasons) for r, v in clean if v.decision in ("reject", "spam")]
    rejected = [(r, v) for r, v in bad if v.decision == "reject"]
    matched = [1 for r, v in rejected if v.categories and (
        v.categories[0] == r["category"]
        or (r["category"] == "abuse_person" and v.categories[0] == "abuse_writer"))]
    assert len(leaks) / len(bad) <= leak, leaks
    assert len(blocks) / len(clean) <= false_block, blocks
    assert len(matched) / len(rejected) >= category_match
