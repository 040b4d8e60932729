"""English numbers read aloud are normalised to digits (the counterpart of the Mandarin digit-by-digit price 一九九),
so that the price and sales-figure rules read "one sixty-eight" or "twelve thousand orders" like 168 and 12000."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

from training_app.scoring.text import normalize


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        ("one sixty-eight", "168"),
        ("two ninety-eight", "298"),
        ("three ninety", "390"),
        ("a hundred and ninety-nine", "199"),
        ("five hundred yuan", "500 yuan"),
        ("twelve thousand orders", "12000 orders"),
        ("ten k orders", "10000 orders"),
        ("10k orders", "10000 orders"),
        ("2.5k followers", "2500 followers"),
        ("one hundred and twenty thousand", "120000"),
        ("one thousand two hundred", "1200"),
        ("twelve thousand five hundred bags", "12500 bags"),
        ("twenty thousand five-star reviews", "20000 five-star reviews"),
        ("twenty-nine point nine", "29.9"),
        ("two point five million", "2.5 million"),
        ("ninety-nine", "99"),
        ("a hundred percent", "100%"),
        # digit by digit, as Mandarin hosts read 一九九
        ("original price one nine nine", "original price 199"),
        ("only three nine", "only 39"),
        ("only three nine three nine", "only 39 39"),
        ("one two eight, just for show", "128, just for show"),
        # whole and cents
        ("nineteen ninety for two jin", "19.90 for two jin"),
        ("twenty-nine ninety", "29.90"),
        ("forty-nine nine delivered", "49.9 delivered"),
    ],
)
def test_spoken_number_becomes_digits(spoken: str, expected: str) -> None:
    assert normalize(spoken).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "buy one get one free",  # single digit words stay words: rules use them
        "this one ninety-nine",  # "one" as a pronoun is not the hundreds digit
        "a thousand thanks",
        "the point is",
        "at one point nine of us were here",
        "twenty-five-year-old trees",
        "three two one go",  # a countdown
        "one two three",  # counting
        "two three days",  # a range before a count
        "in nineteen ninety we planted",  # a year
        "at two thirty we start",  # a time
    ],
)
def test_words_that_are_not_a_spoken_price(text: str) -> None:
    norm = normalize(text).text
    assert not any(n in norm for n in ("199", "1000", "1.9", "25", "321", "123", "23", "19.9", "230"))


def test_offsets_map_back_to_the_spoken_words() -> None:
    text = "Tag price one sixty-eight, now forty-nine."
    norm = normalize(text)
    start = norm.text.index("168")
    assert text[slice(*norm.span(start, start + 3))] == "one sixty-eight"


@pytest.mark.parametrize(
    ("category", "text"),
    [
        ("price_fraud", "The tag price is one sixty-eight, today in the live room only forty-nine."),
        ("price_fraud", "It used to be a hundred and ninety-nine, today just sixty-nine!"),
        ("price_fraud", "Originally two ninety-eight, now ninety-nine."),
        ("fabricated_data", "We already sold twelve thousand orders today!"),
        ("fabricated_data", "Ten K orders in an hour, folks!"),
        ("fabricated_data", "We have sold two point five million bags of rice."),
        ("price_fraud", "Tag price one two eight, today only four nine."),
        ("price_fraud", "The mall charges a hundred and twenty a jin for this, you pay twenty-nine ninety."),
    ],
)
def test_spoken_figures_reach_the_price_and_data_rules(category: str, text: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(text, "en", catalog)


@pytest.mark.parametrize(
    "text",
    [
        "It costs one sixty-eight, the same as last week.",
        "Each box is two kilos, and shipping takes three days.",
    ],
)
def test_plain_prices_are_not_flagged(text: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(text, "en", catalog) == set()
