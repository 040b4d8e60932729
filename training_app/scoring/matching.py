"""Compile the YAML claim rules into regular expressions and find candidate matches in normalised sentences.

Pattern syntax (documented in ``assessments/rules/README.md``): Python regular expressions applied to the
normalised sentence (NFKC, lowercase, evasion variants folded, see :mod:`training_app.scoring.text`), with
``{lex:NAME}`` expanding to an alternation of the literal terms of lexicon list ``NAME`` (longest first) and
``{gi}`` / ``{region}`` expanding to the gazetteer's protected names and region names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from training_app.catalog.assessments import AssessmentCatalog, ClaimRule, Gazetteer, GazetteerEntry
from training_app.scoring.prefilter import Needs, grams_of, possible, required_pieces

_LEX = re.compile(r"\{lex:([a-z0-9_]+)\}")
# Patterns run on normalised text, which is already lowercase (rule files and lexicons are written in lowercase;
# tests/scoring/test_claim_window.py checks it), so no IGNORECASE: case-insensitive matching doubles the time.
FLAGS = 0


@dataclass(frozen=True)
class CompiledRule:
    rule: ClaimRule
    patterns: tuple[re.Pattern[str], ...]
    requires: tuple[re.Pattern[str], ...]
    exceptions: tuple[re.Pattern[str], ...]
    sentence_exceptions: tuple[re.Pattern[str], ...]
    # per pattern: pieces one of which a matching sentence must contain (None: always run), see prefilter.py
    needs: tuple[Needs, ...] = ()
    # the same for each ``requires`` pattern: when none of them can match, no candidate of the rule can pass
    requires_needs: tuple[Needs, ...] = ()

    def __post_init__(self) -> None:
        if len(self.needs) != len(self.patterns):
            object.__setattr__(self, "needs", tuple(required_pieces(p) for p in self.patterns))
        if len(self.requires_needs) != len(self.requires):
            object.__setattr__(self, "requires_needs", tuple(required_pieces(p) for p in self.requires))


@dataclass(frozen=True)
class Candidate:
    rule: CompiledRule
    start: int  # offsets in the normalised sentence
    end: int
    match: re.Match[str]


def alternation(terms: list[str]) -> str:
    unique = sorted({t.lower() for t in terms if t}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(t) for t in unique) + ")" if unique else "(?!)"


def gi_terms(entry: GazetteerEntry, lang: str) -> str:
    """Regex for one protected origin: a full name, or a place name followed closely by a product kind."""
    names = entry.names.zh if lang == "zh" else entry.names.en
    places = entry.places.zh if lang == "zh" else entry.places.en
    kinds = entry.kinds.zh if lang == "zh" else entry.kinds.en
    gap = r"[^,.!?;。，！？；]{0,6}?" if lang == "zh" else r"(?:\s+\w+){0,2}?\s*"
    parts = [alternation(names)]
    if lang == "zh":
        kinds = [*kinds, "地标", "地理标志", "产区", "原产地"]
    if places and kinds:
        parts.append(alternation(places) + gap + alternation(kinds))
        if lang == "en":
            parts.append(alternation(kinds) + r"\s+(?:from|grown in|of)\s+" + alternation(places))
    return "|".join(parts)


def _expand(pattern: str, catalog: AssessmentCatalog, lang: str) -> str:
    def lex(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in catalog.lexicons:
            raise KeyError(f"unknown lexicon list {name!r} in pattern {pattern!r}")
        return alternation(catalog.lexicons[name])

    out = _LEX.sub(lex, pattern)
    if "{gi}" in out:
        out = out.replace("{gi}", "(?:" + "|".join(gi_terms(e, lang) for e in catalog.gazetteer.entries) + ")")
    if "{region}" in out:
        names = [n for r in catalog.gazetteer.regions for n in (r.zh if lang == "zh" else r.en)]
        out = out.replace("{region}", alternation(names))
    return out


def _compile_all(patterns: list[str], catalog: AssessmentCatalog, lang: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(_expand(p, catalog, lang), FLAGS) for p in patterns)


def _structure(pattern: str) -> list[tuple[int, str, int]]:
    """The ``(``, ``)`` and ``|`` of ``pattern`` that are syntax (not escaped, not in a character class), each with
    the group depth before it."""
    out: list[tuple[int, str, int]] = []
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 2 if pattern.startswith("[^", i) else 1
            if pattern.startswith("]", i):  # a "]" first in a class is a literal
                i += 1
            continue
        elif c in "(|)":
            depth -= c == ")"
            out.append((i, c, depth))
            depth += c == "("
        i += 1
    return out


def top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at each ``|`` that is outside every group and character class."""
    cuts = [i for i, c, depth in _structure(pattern) if c == "|" and depth == 0]
    return [pattern[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


_EDGE = r"\b"


def _distributed(branch: str) -> list[str]:
    """``\\b(?:x|y)\\b`` → ``\\bx\\b``, ``\\by\\b`` (either ``\\b`` may be absent); any other branch as it is."""
    prefix = _EDGE if branch.startswith(_EDGE + "(?:") else ""
    suffix = _EDGE if branch.endswith(")" + _EDGE) else ""
    body = branch[len(prefix) : len(branch) - len(suffix)]
    if not body.startswith("(?:"):
        return [branch]
    # the group opened first must be the one closed last: nothing else at depth 0 in between
    outer = [(i, c) for i, c, depth in _structure(body) if depth == 0]
    if outer != [(0, "("), (len(body) - 1, ")")]:
        return [branch]
    return [prefix + alt + suffix for alt in top_level_alternatives(body[3:-1])]


_UNSPLITTABLE = re.compile(r"\(\?P|\(\?[aiLmsux]+\)|\\[1-9]")  # named groups, global flags, back-references


def alternatives(pattern: str) -> list[str]:
    """A cue pattern as the alternatives it is made of, to be run as separate patterns: its top-level branches, and in
    a branch that is one edge-anchored group of alternatives (a lexicon list), each alternative, split again. Each
    then has its own prefilter pieces, so a sentence runs only the few alternatives it could match instead of scanning
    every position for every alternative. A pattern with named groups, global flags or back-references stays whole."""
    if _UNSPLITTABLE.search(pattern):
        return [pattern]
    out: list[str] = []
    for branch in top_level_alternatives(pattern):
        parts = _distributed(branch)
        out.extend(parts if parts == [branch] else [alt for part in parts for alt in alternatives(part)])
    return out


def _compile_patterns(patterns: list[str], catalog: AssessmentCatalog, lang: str) -> tuple[re.Pattern[str], ...]:
    """A rule's cue patterns, each split into its :func:`alternatives` (a pattern that is just ``{gi}``, one
    alternation of every protected origin, becomes one pattern per origin and form)."""
    return tuple(re.compile(alt, FLAGS) for p in patterns for alt in alternatives(_expand(p, catalog, lang)))


def compiled_rules(catalog: AssessmentCatalog, lang: str) -> list[CompiledRule]:
    """The rules for ``lang``, compiled once per catalog."""
    key = f"compiled:{lang}"
    if key not in catalog.cache:
        catalog.cache[key] = [
            CompiledRule(
                rule=r,
                patterns=_compile_patterns(r.patterns, catalog, lang),
                requires=_compile_all(r.requires, catalog, lang),
                exceptions=_compile_all(r.exceptions, catalog, lang),
                sentence_exceptions=_compile_all(r.sentence_exceptions, catalog, lang),
            )
            for r in catalog.rules
            if lang in r.languages
        ]
    rules: list[CompiledRule] = catalog.cache[key]
    return rules


@dataclass(frozen=True)
class PatternIndex:
    """Which patterns of a rule list may match, looked up by the pieces of the sentence: each pattern is filed under
    the pieces of its first (most selective) need; patterns without needs always run."""

    rules: list[CompiledRule]
    size: int
    always: tuple[tuple[int, int], ...]  # (rule index, pattern index)
    by_piece: dict[str, tuple[tuple[int, int], ...]]
    pieces: frozenset[str]
    # per rule, per pattern: its needs after the first (the lookup by piece already met the first)
    rest: tuple[tuple[tuple[frozenset[str], ...], ...], ...] = ()


_INDEXES: dict[int, PatternIndex] = {}


def pattern_index(rules: list[CompiledRule]) -> PatternIndex:
    """The index of a rule list, built once per list (the lists come from the catalog cache)."""
    cached = _INDEXES.get(id(rules))
    if cached is not None and cached.rules is rules and cached.size == len(rules):
        return cached
    always: list[tuple[int, int]] = []
    by_piece: dict[str, list[tuple[int, int]]] = {}
    for ri, rule in enumerate(rules):
        for pi, needs in enumerate(rule.needs):
            if needs is None:
                always.append((ri, pi))
                continue
            for piece in needs[0]:
                by_piece.setdefault(piece, []).append((ri, pi))
    if len(_INDEXES) > 64:  # callers building rule lists on the fly: don't grow without bound
        _INDEXES.clear()
    rest = tuple(tuple(tuple(needs[1:]) if needs else () for needs in rule.needs) for rule in rules)
    index = PatternIndex(
        rules, len(rules), tuple(always), {k: tuple(v) for k, v in by_piece.items()}, frozenset(by_piece), rest
    )
    _INDEXES[id(rules)] = index
    return index


def find_candidates(
    sentence: str, rules: list[CompiledRule], *, with_requires: bool = False, grams: frozenset[str] | None = None
) -> list[Candidate]:
    """Every pattern hit, one per rule and span. Overlapping hits of different patterns are all kept: the first may be
    rejected in context (negated, excepted) while a wider cue of the same rule still holds.

    Only patterns whose required pieces all occur in the sentence run (see :mod:`training_app.scoring.prefilter`);
    the others cannot match. Hits come in rule order, then pattern order, as if every pattern had run. With
    ``with_requires`` (for callers that drop candidates failing ``requires``, see ``context.passes_requirements``),
    a rule none of whose ``requires`` patterns can match the sentence is skipped as well. ``grams``: the sentence's
    grams when the caller has them (``prefilter.joined_grams`` for a window)."""
    index = pattern_index(rules)
    grams = grams if grams is not None else grams_of(sentence)
    slots = set(index.always)
    for piece in grams & index.pieces:
        slots.update(index.by_piece[piece])
    found: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    current, unmet = -1, False
    for ri, pi in sorted(slots):
        rule = rules[ri]
        if ri != current:
            current, seen = ri, set()
            unmet = with_requires and bool(rule.requires) and not any(possible(n, grams) for n in rule.requires_needs)
        if unmet:
            continue
        rest = index.rest[ri][pi]
        if rest and any(need.isdisjoint(grams) for need in rest):
            continue  # a literal every match contains does not occur: no match
        for m in rule.patterns[pi].finditer(sentence):
            if m.end() == m.start() or (m.start(), m.end()) in seen:
                continue
            seen.add((m.start(), m.end()))
            found.append(Candidate(rule, m.start(), m.end(), m))
    return found


_GI_CACHE: dict[tuple[int, str], list[tuple[GazetteerEntry, re.Pattern[str]]]] = {}


def _gi_patterns(gazetteer: Gazetteer, lang: str) -> list[tuple[GazetteerEntry, re.Pattern[str]]]:
    key = (id(gazetteer), lang)
    cached = _GI_CACHE.get(key)
    if cached is None or (cached and cached[0][0] is not gazetteer.entries[0]):
        cached = [(e, re.compile(gi_terms(e, lang), FLAGS)) for e in gazetteer.entries]
        _GI_CACHE[key] = cached
    return cached


def gazetteer_hits(sentence: str, gazetteer: Gazetteer, lang: str) -> list[tuple[GazetteerEntry, int, int]]:
    hits = []
    for entry, pattern in _gi_patterns(gazetteer, lang):
        for m in pattern.finditer(sentence):
            hits.append((entry, m.start(), m.end()))
    return hits
