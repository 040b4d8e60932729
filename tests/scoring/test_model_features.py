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
