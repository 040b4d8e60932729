"""A cheap, exact pre-check for the claim patterns: skip a pattern that cannot match a sentence.

For each compiled pattern we derive, from its parse tree, a set of literal strings of which every match must contain
at least one (``\\b(?:factory|cost) prices?\\b`` → {"price"}; ``(?:a|b)c`` → {"a", "b"} or {"c"}). Each literal is
reduced to one short piece (at most :data:`GRAM` characters; any piece of a literal that occurs also occurs). A
sentence's pieces are all its substrings of 1 to ``GRAM`` characters, so ``need.isdisjoint(sentence_grams(text))``
proves the pattern has no match and ``finditer`` need not run. The check only ever skips patterns that would find
nothing: results are identical with and without it. Patterns we cannot analyse (flags, backreferences, a branch
without a literal) get ``None`` and always run.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # type: ignore[import-not-found,unused-ignore]
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

GRAM = 4
# Rough English letter frequency, most common first: a piece made of rarer letters rules out more sentences.
_COMMON = "etaoinshrdlcumwfgypbvkjxqz"
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", sre_parse.MAX_REPEAT)}

Literals = frozenset[str] | None
Needs = tuple[frozenset[str], ...] | None


def _rarity(piece: str) -> tuple[int, int]:
    return (" " not in piece, sum(_COMMON.find(c) if c in _COMMON else len(_COMMON) for c in piece))


def _piece(literal: str) -> str:
    if len(literal) <= GRAM:
        return literal
    options = [literal[i : i + GRAM] for i in range(len(literal) - GRAM + 1)]
    return max(options, key=_rarity)


def _best(options: list[frozenset[str]]) -> Literals:
    """The most selective of several requirements: the longest shortest literal, then the fewest alternatives."""
    return max(options, key=lambda a: (min(map(len, a)), -len(a)), default=None)


def _all_of(items: Any) -> list[frozenset[str]]:
    """Requirements that every match of this sequence of parse items meets, all of them: for each set, the match
    contains at least one of its literals."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre_parse.LITERAL:
            run.append(chr(av))
            continue
        if run:
            out.append(frozenset(["".join(run)]))
            run = []
        out.extend(_item(op, av))
    if run:
        out.append(frozenset(["".join(run)]))
    return out


def _item(op: Any, av: Any) -> list[frozenset[str]]:
    if op is sre_parse.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return [] if add_flags or del_flags else _all_of(sub)
    if op is sre_parse.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _best(_all_of(branch))
            if not found:
                return []
            union |= found
        return [frozenset(union)]
    if op in _REPEATS:
        low, _high, sub = av
        return _all_of(sub) if low >= 1 else []
    if op is sre_parse.IN and av and all(o is sre_parse.LITERAL for o, _ in av):
        return [frozenset(chr(c) for _, c in av)]
    return []


def required_pieces(pattern: re.Pattern[str]) -> Needs:
    """Sets of pieces such that a text this pattern matches in contains a piece of each set; ``None`` when unknown."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        required = _all_of(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unanalysable pattern simply always runs
        return None
    needs = {frozenset(_piece(lit) for lit in lits) for lits in required if lits and all(lits)}
    # the most selective set first (longest pieces, then fewest): most patterns are ruled out by it alone
    return tuple(sorted(needs, key=lambda n: (-min(map(len, n)), len(n), sorted(n)))) or None


def possible(needs: Needs, grams: AbstractSet[str]) -> bool:
    """Can a pattern with these needs match in a text with these grams? (False only when it certainly cannot.)"""
    return needs is None or not any(need.isdisjoint(grams) for need in needs)


def sentence_grams(text: str) -> set[str]:
    """Every substring of ``text`` of 1 to :data:`GRAM` characters."""
    n = len(text)
    return {text[i : i + k] for k in range(1, GRAM + 1) for i in range(n - k + 1)}


@lru_cache(maxsize=2048)
def grams_of(text: str) -> frozenset[str]:
    """:func:`sentence_grams`, memoised: a transcript's sentences are matched alone and again inside the windows
    (``clear_grams_memo`` empties the memo; ``text.clear_normalize_memo`` calls it)."""
    return frozenset(sentence_grams(text))


def joined_grams(parts: list[str], joiners: list[str]) -> frozenset[str]:
    """The grams of ``parts[0] + joiners[0] + parts[1] + …`` from the parts' memoised grams and the substrings that
    cross each joiner (any such substring lies within ``GRAM - 1`` characters of it): equal to
    ``sentence_grams`` of the joined text, without scanning it again."""
    out: set[str] = set()
    text = ""
    for i, part in enumerate(parts):
        out |= grams_of(part)
        if i:
            left = len(text)
            text += joiners[i - 1]
            right = len(text)
            text += part
            out |= sentence_grams(text[max(0, left - GRAM + 1) : right + GRAM - 1])
        else:
            text = part
    return frozenset(out)


def clear_grams_memo() -> None:
    grams_of.cache_clear()
