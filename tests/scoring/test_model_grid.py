"""The add floor × veto grid of the leave-one-source-out table and its pre-declared choice."""

from __future__ import annotations

from training_app.scoring.evaluation import FA_BOUND, GRID_FLOORS, GRID_VETOES, choose_setting, combination_modes


def _m(recall: float, fa: float) -> dict[str, float]:
    return {"precision": 0.9, "recall": recall, "fa_hard": fa, "n_hard": 1000, "n_pos": 1000}


def test_grid_modes_are_every_floor_and_veto():
    modes = combination_modes({"health_claim": 0.7}, grid=True)
    grid = {m for m in modes if m.startswith("grid:")}
    assert len(grid) == len(GRID_FLOORS) * len(GRID_VETOES)
    assert modes["grid:add0.97+veto0.15"] == (0.15, {"health_claim": 0.97})
    assert not any(m.startswith("grid:") for m in combination_modes({"health_claim": 0.7}))


def test_choice_is_the_largest_recall_minus_false_alarms_within_the_bound_when_it_binds():
    result = {
        "fresh": {
            "modes": {
                "rules": _m(0.80, 0.045),
                "grid:add0.7+veto0": _m(0.95, 0.048),  # J 0.902 but above the bound
                "grid:add0.8+veto0": _m(0.97, 0.060),  # more false alarms than the rules' + margin
                "grid:add0.9+veto0.05": _m(0.88, 0.038),  # J 0.842: the best within the bound
                "grid:add0.95+veto0.05": _m(0.86, 0.030),  # J 0.830
                "grid:add0.99+veto0.5": _m(0.79, 0.010),  # loses recall
            }
        }
    }
    choice = choose_setting(result)
    assert choice and choice["setting"] == "add0.9+veto0.05"
    assert choice["within_bound"] and not choice["reached_fa_target"] and choice["fa_bound"] == FA_BOUND == 0.04
    result["fresh"]["modes"]["grid:add0.95+veto0.05"] = _m(0.872, 0.030)  # J 0.842 too: the lower FA wins the tie
    choice = choose_setting(result)
    assert choice and choice["setting"] == "add0.95+veto0.05" and choice["reached_fa_target"]


def test_choice_when_the_bound_does_not_bind_is_the_largest_recall_minus_false_alarms():
    result = {
        "fresh": {
            "modes": {
                "rules": _m(0.80, 0.040),
                "grid:add0.7+veto0": _m(0.93, 0.036),  # J 0.894
                "grid:add0.9+veto0.05": _m(0.88, 0.025),  # J 0.855
                "grid:add0.99+veto0.5": _m(0.79, 0.010),  # loses recall
            }
        }
    }
    choice = choose_setting(result)
    assert choice and choice["setting"] == "add0.7+veto0" and choice["within_bound"]
    assert choose_setting({"fresh": {"modes": {"rules": _m(0.99, 0.0)}}}) is None


def test_choice_when_no_setting_beating_the_rules_is_within_the_bound_is_the_lowest_false_alarm_rate():
    result = {
        "fresh": {
            "modes": {
                "rules": _m(0.70, 0.060),
                "grid:add0.7+veto0.1": _m(0.88, 0.065),  # J 0.815
                "grid:add0.9+veto0.05": _m(0.85, 0.054),
                "grid:add0.99+veto0.5": _m(0.74, 0.045),  # the lowest FA among those beating the rules
                "grid:add0.99+veto0.3": _m(0.73, 0.045),  # same FA, less recall
                "grid:add0.99+veto0.7": _m(0.69, 0.030),  # within the bound but loses recall
            }
        }
    }
    choice = choose_setting(result)
    assert choice and choice["setting"] == "add0.99+veto0.5" and not choice["within_bound"]


def _four_sources() -> dict[str, list]:
    """Four small Mandarin sources (six health claims, six lawful lines each, with different sentence ends)."""
    from training_app.scoring.model import Item

    pos = ["这个蜂蜜能治咳嗽", "喝了降血压", "吃了能防癌", "香菇抗肿瘤", "核桃补脑", "小米养胃治胃病"]
    neg = ["苹果很脆很甜", "今天发顺丰", "冷藏保存", "十斤装一箱", "洛川产的红富士", "欢迎新来的朋友"]
    return {
        name: [Item(f"{name}-p{i}", t + end, None, ("health_claim",), False) for i, t in enumerate(pos)]
        + [Item(f"{name}-n{i}", t + end, None, (), True) for i, t in enumerate(neg)]
        for name, end in (("dev", "。"), ("dev2", "！"), ("dev7", "啊。"), ("dev8", "呢！"))
    }


def test_loso_shares_inner_fits_between_outer_folds_with_the_same_result(catalog, monkeypatch):
    from training_app.scoring import evaluation
    from training_app.scoring.model import SETTINGS, PairCache

    sources = _four_sources()
    prepared = evaluation.prepare_sources(sources, "zh", catalog)
    fits: list[int] = []
    real_put = PairCache.put

    def counting_put(self, inner, model, cat):  # type: ignore[no-untyped-def]
        fits.append(1)
        real_put(self, inner, model, cat)

    monkeypatch.setattr(PairCache, "put", counting_put)
    shared = evaluation.loso(prepared, "zh", catalog, SETTINGS["zh"], test_sources=["dev7", "dev8"])
    monkeypatch.setattr(PairCache, "take", lambda self, inner: None)
    monkeypatch.setattr(PairCache, "put", lambda self, inner, model, cat: None)
    alone = evaluation.loso(prepared, "zh", catalog, SETTINGS["zh"], test_sources=["dev7", "dev8"])
    assert shared == alone and len(fits) == 3 + 2  # outer dev8 reuses the fit without dev7 and dev8


def test_inner_folds_group_the_sources_for_calibration(monkeypatch):
    from dataclasses import replace

    from training_app.scoring import model as model_module
    from training_app.scoring.model import SETTINGS, LangModel, fit_language

    sources = _four_sources()
    sizes: list[int] = []
    real_fit = LangModel.fit

    def counting_fit(self, items, catalog):  # type: ignore[no-untyped-def]
        sizes.append(len(items))
        return real_fit(self, items, catalog)

    monkeypatch.setattr(model_module.LangModel, "fit", counting_fit)
    model, _ = fit_language(sources, "zh", None, {}, replace(SETTINGS["zh"], inner_folds=2))
    assert sizes == [48, 24, 24] and set(model.thresholds) == {"health_claim"}  # all, then {dev2, dev8}, {dev, dev7}
    sizes.clear()
    fit_language(sources, "zh", None, {}, replace(SETTINGS["zh"], inner_folds=0))
    assert sizes == [48, 36, 36, 36, 36]


def test_loso_outer_groups_leave_groups_of_sources_out(catalog):
    from training_app.scoring import evaluation
    from training_app.scoring.model import SETTINGS

    prepared = evaluation.prepare_sources(_four_sources(), "zh", catalog)
    grouped = evaluation.loso(prepared, "zh", catalog, SETTINGS["zh"], outer_groups=1)
    assert set(grouped["folds"]) == {"dev7+dev8", "dev+dev2"}  # fresh and rule-tuned sources never share a fold
    assert grouped["fresh"]["sources"] == ["dev7", "dev8"] and grouped["fresh"]["folds"] == ["dev7+dev8"]
    assert evaluation.decide(grouped)["per_fold [rules, model]"].keys() == {"dev7+dev8"}
    two = evaluation.loso(prepared, "zh", catalog, SETTINGS["zh"], test_sources=["dev7", "dev8"], outer_groups=2)
    one = evaluation.loso(prepared, "zh", catalog, SETTINGS["zh"], test_sources=["dev7", "dev8"])
    assert two["folds"] == one["folds"]  # a group of one source is that source's fold


def test_apply_choice_sets_floor_and_veto_and_the_deployed_mode():
    from training_app.scoring.model import SETTINGS, _apply_choice

    modes = {"rules": _m(0.7, 0.06), "deployed": _m(0.8, 0.05), "grid:add0.95+veto0.2": _m(0.79, 0.039)}
    table = {
        "folds": {"dev8": {"modes": dict(modes), "asr": {"modes": dict(modes)}}},
        "fresh": {"modes": dict(modes)},
    }
    got = _apply_choice(table, SETTINGS["en"], {"setting": "add0.95+veto0.2"})
    assert (got.add_floor, got.veto) == (0.95, 0.2) and got.context == SETTINGS["en"].context
    assert table["fresh"]["modes"]["deployed"] == _m(0.79, 0.039)
    assert table["folds"]["dev8"]["asr"]["modes"]["deployed"] == _m(0.79, 0.039)
