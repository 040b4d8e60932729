"""The add floor × veto grid of the leave-one-source-out table and its pre-declared choice."""

from __future__ import annotations

from training_app.scoring.evaluation import GRID_FLOORS, GRID_VETOES, choose_setting, combination_modes


def _m(recall: float, fa: float) -> dict[str, float]:
    return {"precision": 0.9, "recall": recall, "fa_hard": fa, "n_hard": 1000, "n_pos": 1000}


def test_grid_modes_are_every_floor_and_veto():
    modes = combination_modes({"health_claim": 0.7}, grid=True)
    grid = {m for m in modes if m.startswith("grid:")}
    assert len(grid) == len(GRID_FLOORS) * len(GRID_VETOES)
    assert modes["grid:add0.97+veto0.15"] == (0.15, {"health_claim": 0.97})
    assert not any(m.startswith("grid:") for m in combination_modes({"health_claim": 0.7}))


def test_choice_is_the_best_recall_at_the_fa_target_else_the_lowest_fa():
    result = {
        "fresh": {
            "modes": {
                "rules": _m(0.80, 0.040),
                "grid:add0.9+veto0": _m(0.90, 0.050),  # more false alarms than the rules' + margin
                "grid:add0.95+veto0.05": _m(0.86, 0.030),
                "grid:add0.98+veto0.15": _m(0.84, 0.025),
                "grid:add0.99+veto0.5": _m(0.79, 0.010),  # loses recall
            }
        }
    }
    choice = choose_setting(result)
    assert choice and choice["setting"] == "add0.95+veto0.05" and choice["reached_fa_target"]
    result["fresh"]["modes"]["rules"] = _m(0.80, 0.060)
    result["fresh"]["modes"]["grid:add0.95+veto0.05"] = _m(0.86, 0.040)
    result["fresh"]["modes"]["grid:add0.98+veto0.15"] = _m(0.84, 0.035)
    choice = choose_setting(result)
    assert choice and choice["setting"] == "add0.98+veto0.15" and not choice["reached_fa_target"]
    assert choose_setting({"fresh": {"modes": {"rules": _m(0.99, 0.0)}}}) is None
