"""The claim model's cached ``char_wb`` featurisation gives exactly sklearn's matrix, and the word cache is not
pickled with the model."""

from __future__ import annotations

import pickle
from dataclasses import replace

import numpy as np

from training_app.scoring.model import SETTINGS, Featurizer

TRAIN = [
    "This honey cures coughs, trust me.",
    "100% organic, no pesticide at all!",
    "Tap the cart below, only 59 today.",
    "a an I x",
]
TEST = [
    *TRAIN,
    "",
    "   ",
    "Cures   COUGHS\tand\ncolds",
    "Ünïcode café — naïve déjà vu",
    "unseenword anotherunseen",
]


def test_cached_char_wb_matches_sklearn():
    featurizer = Featurizer("en", replace(SETTINGS["en"], min_df=1), None)  # four training texts: keep every n-gram
    featurizer.fit_transform(TRAIN, None)
    blocks = [v for v in featurizer.vectorizers if v.analyzer == "char_wb"]
    assert blocks
    for vectorizer in blocks:
        for _ in range(2):  # cold and warm word cache
            ours = featurizer._char_wb(vectorizer, TEST)
            theirs = vectorizer.transform(TEST)
            assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
            assert np.array_equal(ours.toarray(), theirs.toarray())
    assert "_word_cache" in featurizer.__dict__
    assert "_word_cache" not in pickle.loads(pickle.dumps(featurizer)).__dict__


def test_english_number_tags_and_a_pickled_featurizer():
    import pickle
    from dataclasses import replace

    from training_app.scoring.model import SETTINGS, Featurizer, number_tags, number_tokens

    assert number_tags("only $19.99 today, 50% off, 2 jars").split() == [
        "only", "$19.99", "pricetok", "today,", "50%", "pcttok", "off,", "2", "numtok", "jars"
    ]  # fmt: skip
    assert number_tokens("29 dollars or 30 percent").split() == ["pricetok", "or", "pcttok"]
    featurizer = Featurizer("en", replace(SETTINGS["en"], word_numbers="tag", shape=0.3), None)
    texts = ["only 19 dollars today!", "is it 100% natural?", "best in the world", "only 29 dollars, is it?"]
    x = featurizer.fit_transform(texts, None)
    again = pickle.loads(pickle.dumps(featurizer)).transform(texts, None)
    assert (x != again).nnz == 0 and "pricetok" in featurizer.vectorizers[-1].vocabulary_
