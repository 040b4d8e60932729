"""A cue pattern runs as the alternatives it is made of (``matching.alternatives``): a speed-up that must find a match
wherever the whole pattern finds one, and only there."""

from __future__ import annotations

import re

import pytest

from training_app.scoring.matching import _expand, alternatives, compiled_rules, top_level_alternatives

from .conftest import dev_sentences


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        (r"a|b", ["a", "b"]),
        (r"a(?:b|c)|d", ["a(?:b|c)", "d"]),
        (r"[|]x|y", ["[|]x", "y"]),
        (r"[]|]x|y", ["[]|]x", "y"]),
        (r"[^]|]x|y", ["[^]|]x", "y"]),
        (r"\|x|y", [r"\|x", "y"]),
        (r"a\\|b", [r"a\\", "b"]),
        (r"(?<!not )x|(?=y)z", ["(?<!not )x", "(?=y)z"]),
        (r"abc", ["abc"]),
    ],
)
def test_a_pattern_splits_only_at_a_bar_outside_groups_and_classes(pattern, parts):
    assert top_level_alternatives(pattern) == parts


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        (r"\b(?:full of pesticides|sprayed)\b", [r"\bfull of pesticides\b", r"\bsprayed\b"]),
        (r"\b(?:best|top)|lowest price", [r"\bbest", r"\btop", "lowest price"]),
        (r"(?:a|b)\b", [r"a\b", r"b\b"]),
        # a group that closes before the end, a repeated group, a named group, a back-reference stay whole
        (r"\b(?:x|y)\b[^.]{0,3}(?:p|q)", [r"\b(?:x|y)\b[^.]{0,3}(?:p|q)"]),
        (r"\b(?:x|y)+\b", [r"\b(?:x|y)+\b"]),
        (r"(?P<ref>\d+)|b", [r"(?P<ref>\d+)|b"]),
        (r"(a)\1|b", [r"(a)\1|b"]),
        (r"(?i)x|y", [r"(?i)x|y"]),
    ],
)
def test_an_edge_anchored_list_becomes_one_pattern_per_entry(pattern, parts):
    assert alternatives(pattern) == parts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_alternatives_match_exactly_where_the_whole_pattern_does(catalog, lang):
    """On real sentences: a sentence contains a match of the whole pattern iff it contains one of an alternative."""
    lines = dev_sentences(lang)[:250]
    split = 0
    for rule in compiled_rules(catalog, lang):
        for raw in rule.rule.patterns:
            whole = _expand(raw, catalog, lang)
            parts = [re.compile(p) for p in alternatives(whole)]
            split += len(parts) > 1
            compiled = re.compile(whole)
            for line in lines:
                assert bool(compiled.search(line)) == any(p.search(line) for p in parts), (rule.rule.id, line)
    assert split > 50  # most rules are lists of alternatives


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rule_runs_its_patterns_alternatives(catalog, lang):
    rules = compiled_rules(catalog, lang)
    assert sum(len(r.patterns) for r in rules) > 2 * sum(len(r.rule.patterns) for r in rules)
