"""AppTest of the review pages as a trainer: queue, review screen (seek, level change autosaved, dismiss with a
reason, a conflicting edit), false alarms, calibration; and the trainee's read-only feedback component."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest
from support.app_env import APP, prepared_site, session_token
from support.clips import People, make_people
from support.review import make_intake, review_clip, scored_clip

from training_app.config import get_settings
from training_app.db.tables import FlagDecision, FlagDecisionKind, Review
from training_app.services.uow import unit_of_work
from training_app.ui import navigation

PAGES = navigation.PAGES_DIR


@dataclass
class Site:
    engine: Engine
    people: People
    clip_id: int
    tokens: dict[str, str]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    with prepared_site(tmp_path, monkeypatch) as (settings, engine):
        people = make_people(engine, monkeypatch)
        clip_id = scored_clip(engine, people.trainee, make_intake(settings.resolved_media_dir()))
        tokens = {name: session_token(engine, getattr(people, name).username) for name in ("trainer", "trainee")}
        yield Site(engine, people, clip_id, tokens)


def _open(site: Site, page: str, who: str = "trainer", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = site.tokens[who]
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(str(PAGES / page)).run()
    assert not at.exception, at.exception
    return at


def _review(site: Site) -> Review:
    with unit_of_work(site.engine, write=False) as s:
        review = s.exec(select(Review).where(Review.clip_id == site.clip_id)).one()
        return review


def test_review_queue_page_lists_clip_for_trainer(site: Site) -> None:
    at = _open(site, "review_queue_page.py")
    assert not at.error, [e.value for e in at.error]
    assert any(link.proto.page.endswith("review") or "review" in link.proto.page for link in at.get("page_link"))
    assert at.checkbox(key="rq_unreviewed").value is True


def test_review_page_level_change_autosaved_and_override_shown(site: Site) -> None:
    at = _open(site, "review_page.py", clip=str(site.clip_id))
    assert not at.error, [e.value for e in at.error]
    review = _review(site)
    assert review.version == 1 and review.criteria["pacing"]["ai"] == 4
    at.radio(key=f"rv{review.id}v1_level_pacing").set_value(2).run()
    assert not at.exception and not at.error
    saved = _review(site)
    assert saved.version == 2 and saved.criteria["pacing"]["level"] == 2 and saved.criteria["pacing"]["ai"] == 4
    assert any("✏️" in c.value for c in at.caption)
    assert at.radio(key=f"rv{review.id}v2_level_pacing").value == 2


def test_review_page_seek_and_transcript_as_plain_text(site: Site) -> None:
    at = _open(site, "review_page.py", clip=str(site.clip_id))
    assert "这个苹果全网最好吃的，没有之一" in [t.value for t in at.text]
    at.button(key=f"seek_{site.clip_id}_2").click().run()
    assert not at.exception
    assert at.session_state[f"review_seek_{site.clip_id}"] == 9.0


def test_review_page_dismiss_saved_once_reason_chosen(site: Site) -> None:
    at = _open(site, "review_page.py", clip=str(site.clip_id))
    review = _review(site)
    flag_radio = next(r for r in at.radio if r.key and "_flag_ABS-01a" in r.key)
    flag_radio.set_value("dismiss").run()
    assert _review(site).version == 1  # not saved without a reason
    reason = next(s for s in at.selectbox if s.key and "_reason_ABS-01a" in s.key)
    reason.set_value("negated_or_quoted").run()
    assert not at.exception and not at.error
    with unit_of_work(site.engine, write=False) as s:
        decision = s.exec(select(FlagDecision).where(FlagDecision.review_id == review.id)).one()
    assert decision.decision == FlagDecisionKind.DISMISS and decision.reason_code == "negated_or_quoted"


def test_review_page_conflicting_edit_told_and_not_overwritten(site: Site) -> None:
    from support.review import rubrics

    from training_app.services import review_edit

    at = _open(site, "review_page.py", clip=str(site.clip_id))
    review = _review(site)
    with unit_of_work(site.engine) as s:  # the same review saved elsewhere meanwhile (another tab or trainer)
        review_edit.update_review(s, site.people.trainer, review_id=review.id or 0, version=1, rubrics=rubrics(),
                                  levels={"after_sales": 4})  # fmt: skip
    at.radio(key=f"rv{review.id}v1_level_after_sales").set_value(1).run()
    assert not at.exception
    assert any("别人刚刚修改了这份点评" in e.value for e in at.error)
    saved = _review(site)
    assert saved.criteria["after_sales"]["level"] == 4 and saved.version == 2
    assert at.radio(key=f"rv{review.id}v2_level_after_sales").value == 4


def test_review_page_next_clip_opens_next_waiting_clip_with_queue_filters(site: Site) -> None:
    at = _open(site, "review_page.py", clip=str(site.clip_id), critical="1", unreviewed="1")
    at.button(key=f"review_next_{site.clip_id}").click().run()
    assert not at.exception
    assert any("队列里没有其他待点评的录音了" in i.value for i in at.info)
    with unit_of_work(site.engine, write=False) as s:
        trainee = s.merge(site.people.trainee)
    older_id = site.clip_id
    newer_id = scored_clip(site.engine, trainee, make_intake(get_settings().resolved_media_dir()))
    at.button(key=f"review_next_{older_id}").click().run()
    assert not at.exception and not at.error
    with unit_of_work(site.engine, write=False) as s:  # the screen of the newer clip opened (and started a review)
        assert s.exec(select(Review).where(Review.clip_id == newer_id)).one().trainer_id == site.people.trainer.id
    assert at.button(key=f"review_next_{newer_id}") is not None


def test_false_alarms_page_shows_rules_with_csv_for_trainer(site: Site) -> None:
    at = _open(site, "false_alarms_page.py")
    assert not at.error, [e.value for e in at.error]
    assert at.dataframe and at.get("download_button")


def test_calibration_page_says_how_many_more_for_trainer(site: Site) -> None:
    at = _open(site, "calibration_page.py")
    assert not at.error, [e.value for e in at.error]
    assert any("还需要 30 段" in i.value for i in at.info)


def test_trainee_feedback_component_shows_submitted_review_only(site: Site) -> None:
    def script(user_id: int, clip_id: int) -> None:
        from training_app.db.tables import User
        from training_app.services.uow import unit_of_work
        from training_app.ui import context
        from training_app.ui.components import review_feedback

        with unit_of_work(context.engine(), write=False) as s:
            me = s.get(User, user_id)
        review_feedback.render(me, clip_id)

    args = (site.people.trainee.id, site.clip_id)
    review_clip(site.engine, site.people.trainer, site.clip_id, submit=False)
    at = AppTest.from_function(script, args=args, default_timeout=30).run()
    assert not at.exception and not at.error
    assert any("还没有点评" in c.value for c in at.caption)
    with unit_of_work(site.engine) as s:
        review = s.exec(select(Review)).one()
        from support.review import rubrics

        from training_app.services import review_edit

        review_edit.submit_review(s, site.people.trainer, review_id=review.id or 0, version=review.version,
                                  rubrics=rubrics())  # fmt: skip
    at = AppTest.from_function(script, args=args, default_timeout=30).run()
    assert not at.exception and not at.error
    assert at.metric and "治高血压" in [t.value for t in at.text]
