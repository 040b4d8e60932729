"""The literal prefilter must only skip patterns that cannot match: it is a speed-up, never a change of results."""

from __future__ import annotations

import re

import pytest

from training_app.scoring.context import passes_requirements
from training_app.scoring.matching import compiled_rules, find_candidates
from training_app.scoring.prefilter import joined_grams, possible, required_pieces, sentence_grams

from .conftest import dev_sentences


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\b(?:factory|cost) prices?\b", [{"price"}, {"factory", "cost"}]),
        (r"(?:a|b)c", [{"a", "b"}, {"c"}]),
        (r"最(?:好|佳)", [{"最"}, {"好", "佳"}]),
    ],
)
def test_required_pieces_are_read_from_the_parse_tree(pattern, literals):
    """One set per required part; each piece is a short substring of one of that part's literals."""
    needs = required_pieces(re.compile(pattern))
    assert needs is not None
    assert len(needs) == len(literals)
    for need in needs:
        part = next(lits for lits in literals if all(any(p in lit for lit in lits) for p in need))
        assert len(need) == len(part)


@pytest.mark.parametrize("pattern", [r"(?i)price", r"\w+", r"(?:price|\d+)", r"(?:price)?", r"(?:x|)", r"[^a]"])
def test_patterns_without_a_required_literal_always_run(pattern):
    assert required_pieces(re.compile(pattern)) is None
    assert possible(None, set())


def test_a_missing_piece_rules_the_pattern_out():
    needs = required_pieces(re.compile(r"\bnever (?:been )?sprayed\b"))
    assert not possible(needs, sentence_grams("we spray them twice"))
    assert possible(needs, sentence_grams("never been sprayed at all"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_prefilter_never_drops_a_match_on_thedev_sentences(catalog, lang):
    """Every pattern hit found by running every pattern is also found with the prefilter on."""
    rules = compiled_rules(catalog, lang)
    sentences = dev_sentences(lang)
    checked = 0
    for text in sentences:
        grams = sentence_grams(text)
        for rule in rules:
            for pattern, needs in zip(rule.patterns, rule.needs, strict=True):
                if pattern.search(text):
                    checked += 1
                    assert possible(needs, grams), (rule.rule.id, pattern.pattern[:80], text)
    assert checked > 50
    found = [(c.rule.rule.id, c.start, c.end) for t in sentences[:200] for c in find_candidates(t, rules)]
    assert found, "the dev sentences contain claims"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_skipping_rules_whose_requires_cannot_match_keeps_every_candidate_that_passes_them(catalog, lang):
    """``with_requires`` only drops candidates that ``passes_requirements`` would reject anyway."""
    rules = compiled_rules(catalog, lang)
    sentences = dev_sentences(lang)
    skipped = 0
    for text in sentences:
        every = find_candidates(text, rules)
        fewer = find_candidates(text, rules, with_requires=True)
        passing = [(c.rule.rule.id, c.start, c.end) for c in every if passes_requirements(text, c)]
        kept = {(c.rule.rule.id, c.start, c.end) for c in fewer}
        assert set(passing) <= kept, text
        skipped += len(every) - len(fewer)
    assert skipped > 0  # the check does skip something on real sentences


def test_a_bare_gi_pattern_becomes_patterns_per_protected_origin(catalog):
    rule = next(r for r in compiled_rules(catalog, "zh") if r.rule.patterns == ["{gi}"])
    assert len(rule.patterns) >= len(catalog.gazetteer.entries) > 1  # each origin's names, each place-and-kind form
    assert all(needs is not None for needs in rule.needs)  # each origin has literal pieces the prefilter can use


@pytest.mark.parametrize(
    ("parts", "joiners"),
    [
        (["原价一百九十九", "今天只要五十九"], [", "]),
        (["was 199.", "now 59 only", "today"], [" ", ", "]),
        (["", "a"], [" "]),
        (["ab", "", "cd"], [", ", " "]),
    ],
)
def test_window_grams_are_the_joined_texts_grams(parts, joiners):
    joined = parts[0] + "".join(j + p for j, p in zip(joiners, parts[1:], strict=True))
    assert joined_grams(parts, joiners) == frozenset(sentence_grams(joined))
