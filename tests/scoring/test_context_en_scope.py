"""English context scope (issue #4): negation and refusal further from the cue or after it, viewers' questions read
aloud without "if/whether", terms named in order to condemn them, one's own retracted wording, and a speaker or a
public body saying what it does not do — each beside claims that reuse the same words and must stay flagged.
Sentences written for this test from the grammar of negation, refusal and reported speech, not copied from
assessments/eval. Speech-recognition forms (no punctuation, no apostrophes) are included on purpose."""

from __future__ import annotations

import pytest
from support.claims import claim_categories

LAWFUL: list[tuple[str, str | None]] = [
    # refusal after the cue
    ("the sweetest in the country we honestly cant claim that", "gannan-orange"),
    ("zero residue nobody can promise", "luochuan-apple"),
    ("it cures cancer i would never claim", "qinling-honey"),
    ("lowest price on the whole platform i wont say", "zhoukou-eggs"),
    # a refusal verb with a long object
    ("we would never call these honeys organic or anything like that", "qinling-honey"),
    ("please dont ever write on your boxes that the county government stands behind this tea", "meitan-tea"),
    # a negation further than it used to reach (words with apostrophes count once)
    ("the bureau will not count anyone's orders in any appraisal", None),
    # viewers' questions read aloud, then answered
    ("a lady in the comments asks does this honey cure a cough", "qinling-honey"),
    ("somebody wants to know is this the number one tea in china / i really cant tell you that", "meitan-tea"),
    ("my aunt typed is this rice from wuchang", "taojiang-rice"),
    ("viewers asking which of the two is the healthiest choice / both are just ordinary eggs", "zhoukou-eggs"),
    # an unpunctuated yes/no question, answered no
    ("the oranges are sweet this year and um are they organic / no they are not certified", "gannan-orange"),
    # the term named in order to condemn it
    ("calling an apple a miracle cure is false advertising plain and simple", "luochuan-apple"),
    ("special supply for the leadership is a phrase that is banned in our training", "meitan-tea"),
    # one's own former wording, retracted in the same run
    ("our old labels once said pollution-free that was a misprint and we reprinted them", "zhoukou-eggs"),
    ("our old jars used to say organic honey / we took that off this year", "qinling-honey"),
    # a speaker or a public body saying what it does not do
    ("as a township head i cannot personally vouch for any brand", None),
    ("the provincial government does not endorse any single brand of tea", "meitan-tea"),
    # the speaker does not know whether it holds
    ("whether it is the best honey in china i really dont know", "qinling-honey"),
    ("i dont know if this is the best honey you can buy", "qinling-honey"),
    ("im not sure if it is the best honey around", "qinling-honey"),
    # a term answered "no", "number one" counting points, a viewer's label-style question
    ("free range yes. organic, no.", "zhoukou-eggs"),
    ("number one: the rice ships tomorrow. number two: returns are free", "taojiang-rice"),
    ("comment: is this rice from wuchang? / it is from taojiang in hunan", "taojiang-rice"),
    ("a viewer asks is it zero pesticide / we have the test report here", "gannan-orange"),
    # others' mistaken belief, comparison, words or orders told as a case or a warning
    ("apologies to people who assumed these were imported walnuts", "yangbi-walnut"),
    ("some customers compare our rice to wuchang rice / it is a different rice from hunan", "taojiang-rice"),
    ("last spring another township ordered every cadre to buy two boxes / it was stopped", None),
    ("if you hear a seller say this honey cures diabetes report them", "qinling-honey"),
    # denied or refused right after the term, or taught as a banned phrase
    ("the best in china is not something we can claim", "taojiang-rice"),
    ("organic it is not / we have a green food certificate", "gannan-orange"),
    ("in class we avoid words like number one or best in the world", None),
    ("we havent ever claimed this is the number one honey", "qinling-honey"),
    ("im not going to say this is the number one honey in china", "qinling-honey"),
    ("a host can be fined for saying the county government guarantees these oranges", "gannan-orange"),
    ("the best rice in the country sorry i misspoke its a good rice from our county", "taojiang-rice"),
    ("question from li does this tea lower blood pressure / please ask a doctor", "meitan-tea"),
    ("lowers blood sugar is a banned phrase on this platform", "qinling-honey"),
]

VIOLATIONS: list[tuple[str, str | None, str]] = [
    # urgency or emphasis is not a denial
    ("dont miss it this is the number one rice in china", "taojiang-rice", "absolute_claim"),
    ("Don't miss it, this is the number one rice in China.", "taojiang-rice", "absolute_claim"),
    ("no doubt the best rice in the whole country", "taojiang-rice", "absolute_claim"),
    # claims that are negations themselves
    ("no chemicals at all, totally safe", "luochuan-apple", "absolute_safety"),
    ("we have never had a single complaint from any customer", "qinling-honey", "fabricated_data"),
    ("nobody sells cheaper than us anywhere online", "zhoukou-eggs", "absolute_claim"),
    # rhetorical questions assert
    ("isn't this the best rice in china?", "taojiang-rice", "absolute_claim"),
    ("isnt it the number one rice in china", "taojiang-rice", "absolute_claim"),
    # a question answered yes, then the claim in the host's own voice
    ("someone asks is it the best rice in china / yes it is the best rice in china", "taojiang-rice", "absolute_claim"),
    ("a viewer asks if it lowers blood pressure? yes it lowers blood pressure", "meitan-tea", "health_claim"),
    ("a viewer asks if it lowers blood pressure yes it lowers blood pressure", "meitan-tea", "health_claim"),
    # a refusal with a wink is still a claim
    ("it lowers blood pressure i cant say that word here but you know what i mean", "meitan-tea", "health_claim"),
    # a refusal that a contrast ends
    ("i wont say much but this is the number one tea in china", "meitan-tea", "absolute_claim"),
    # "can't say enough" praises
    ("the best honey in china i cant say enough about it", "qinling-honey", "absolute_claim"),
    # praise after the term is not a refusal or a denial
    ("the best honey in china i dont say that lightly", "qinling-honey", "absolute_claim"),
    ("the best rice in china its not even close", "taojiang-rice", "absolute_claim"),
    ("the best in china is something we can promise", "taojiang-rice", "absolute_claim"),
    # a refusal's reach ends where the speaker's own clause begins
    ("nobody can say a bad word about it this is the number one rice in china", "taojiang-rice", "absolute_claim"),
    # a former wording that is still said now
    ("my grandma used to say this honey cures diabetes", "qinling-honey", "health_claim"),
    ("these jars say organic honey on the front", "qinling-honey", "unverified_certification"),
    # a tag question asks for agreement
    ("this is the number one rice in china, no?", "taojiang-rice", "absolute_claim"),
    ("number one rice in china: that is what we are", "taojiang-rice", "absolute_claim"),
    # a predicted reaction is not a viewer's question
    ("your neighbours will start asking which miracle cure you are taking", "qinling-honey", "health_claim"),
    # our own township giving the order is the violation
    ("this spring our township ordered every cadre to buy two boxes", None, "coerced_purchase"),
    # the same official words without a negation
    ("as a township head i personally vouch for this brand", None, "official_endorsement"),
    ("the provincial government endorses this tea", "meitan-tea", "official_endorsement"),
]


@pytest.mark.parametrize(("text", "product"), LAWFUL)
def test_lawful_speech_is_not_flagged(text: str, product: str | None, catalog) -> None:  # type: ignore[no-untyped-def]
    assert claim_categories(text.split(" / "), "en", catalog, product) == set()


@pytest.mark.parametrize(("text", "product", "category"), VIOLATIONS)
def test_claims_in_the_same_words_stay_flagged(text: str, product: str | None, category: str, catalog) -> None:  # type: ignore[no-untyped-def]
    assert category in claim_categories(text.split(" / "), "en", catalog, product)
