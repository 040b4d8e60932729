"""``training-app score``, ``training-app eval`` and ``training-app models train`` (claim model)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = (".txt", ".json")


def register(sub: Any, models_sub: Any) -> None:
    score = sub.add_parser("score", help="score a practice clip or transcript (pacing, claims, engagement …)")
    score.add_argument("input", type=Path, help="audio/video file, .txt transcript or .json transcript")
    product = score.add_mutually_exclusive_group()
    product.add_argument("--product", help="product id from assessments/products")
    product.add_argument("--product-file", type=Path, help="a product fact sheet YAML")
    score.add_argument("--language", choices=("zh", "en"), help="default: detected")
    score.add_argument("--format", choices=("json", "text"), default="json")
    score.set_defaults(handler=_score)

    ev = sub.add_parser("eval", help="precision/recall of the claim detector on the labelled data")
    splits = "heldout (default), dev, retired, augment, augment-check, or any <lang>.<split>.yaml"
    ev.add_argument("--split", type=_split_name, default="heldout", help=splits)
    ev.add_argument("--language", choices=("zh", "en"), help="default: both")
    ev.add_argument("--format", choices=("table", "json"), default="table")
    ev.set_defaults(handler=_eval)

    train = models_sub.add_parser("train", help="rebuild the claim model in models/claims from the dev data")
    train.add_argument("--output", type=Path, help="default: <models_dir>/claims")
    train.add_argument("--review-labels", type=Path, metavar="FILE.jsonl",
                       help="also learn from trainers' flag decisions (training-app review export-labels)")  # fmt: skip
    train.add_argument("--no-loso", action="store_true", help="skip the leave-one-source-out table (faster)")
    fresh_help = "leave out only the files the rules were never tuned on (the decision's folds; faster)"
    train.add_argument("--fresh-only", action="store_true", help=fresh_help)
    train.add_argument("--jobs", type=int, default=1, help="train the languages in parallel processes (same result)")
    asr_help = "also score each left-out file in speech-recogniser style (no punctuation, pauses as breaks)"
    train.add_argument("--asr-check", action="store_true", help=asr_help)
    grid_help = (
        "also score the fresh folds at every add floor x veto and print the declared choice (the largest recall - FA "
        "among the settings beating the rules)"
    )
    train.add_argument("--grid", action="store_true", help=grid_help)
    groups_help = "leave out groups of sources (k per kind, dealt round-robin) instead of one source at a time (faster)"
    train.add_argument("--outer-groups", type=int, default=0, metavar="K", help=groups_help)
    choice_help = "with --grid: save each language's model with the grid's declared choice of add floor and veto"
    train.add_argument("--apply-choice", action="store_true", help=choice_help)
    train.add_argument("--baseline-rules", type=Path, metavar="DIR", help=BASELINE_HELP)
    train.add_argument("--baseline-label", help="where the baseline rules come from, e.g. 'git 645d5a9' (metadata)")
    train.set_defaults(handler=_train)

    evaluate = models_sub.add_parser(
        "evaluate", help="leave-one-source-out: rules alone vs rules + claim model on each development file"
    )
    evaluate.add_argument("--language", choices=("zh", "en"), help="default: both")
    evaluate.add_argument("--format", choices=("table", "json"), default="table")
    evaluate.add_argument("--baseline-rules", type=Path, metavar="DIR", help=BASELINE_HELP)
    evaluate.set_defaults(handler=_models_evaluate)


BASELINE_HELP = (
    "an assessments directory with an older rule set (e.g. `git archive <commit> assessments` unpacked, eval files "
    "left out) that nobody tuned on the newer development files: the leave-one-source-out comparison and the on/off "
    "evidence use its rules; the training data still comes from the configured assessments/eval"
)


def _split_name(value: str) -> str:
    """A split name is a file-name part (``assessments/eval/<lang>.<split>.yaml``), never a path."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,31}", value):
        raise argparse.ArgumentTypeError(f"not a split name: {value!r}")
    return value


def _product(args: argparse.Namespace, catalog: Any) -> Any:
    from training_app.catalog.assessments import load_product_file

    if args.product_file:
        return load_product_file(args.product_file)
    if args.product:
        return catalog.product(args.product)
    return None


def _transcribe(args: argparse.Namespace, settings: Any, product: Any) -> tuple[Any, Any]:
    from training_app.errors import ConfigurationError

    try:
        from training_app.speech.audio import AudioLimits
        from training_app.speech.pipeline import transcribe_path
    except ImportError as exc:
        raise ConfigurationError("scoring.speech_unavailable") from exc
    limits = AudioLimits(max_bytes=settings.max_upload_mb * 1024 * 1024, max_seconds=settings.max_clip_seconds)
    result = transcribe_path(
        args.input,
        language=args.language,
        model_dir=settings.whisper_model_dir,
        hotwords=product.hotwords() if product else (),
        limits=limits,
        cache_dir=settings.resolved_whisper_cache_dir(),
    )
    return result.transcript, result.audio


def _score(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.errors import InvalidInput
    from training_app.services.scoring import (
        load_assessment_catalog,
        load_claim_model,
        read_transcript_file,
        score_transcript,
    )

    settings = get_settings()
    catalog = load_assessment_catalog(settings.assessments_dir)
    product = _product(args, catalog)
    if not args.input.is_file():
        raise InvalidInput("scoring.input_missing", path=str(args.input))
    audio = None
    if args.input.suffix.lower() in TEXT_SUFFIXES:
        transcript = read_transcript_file(args.input, language=args.language)
    else:
        transcript, audio = _transcribe(args, settings, product)
    model, version = load_claim_model(settings.models_dir / "claims")
    report = score_transcript(
        transcript, product=product, audio=audio, catalog=catalog, claim_model=model, model_version=version
    )
    data = report.to_dict()
    if args.format == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_text_report(data))
    return 0


def _text_report(data: dict[str, Any]) -> str:
    lines = [f"status: {data['status']}  language: {data['language']}  overall: {data['overall']}"]
    for claim in data["claims"]:
        lines.append(f"- [{claim['severity']}] {claim['category']} {claim['rule_id']}: {claim['text']}")
    lines += [f"* {tip}" for tip in data["tips"]]
    return "\n".join(lines) + "\n"


def _eval(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.scoring.evaluation import evaluate, format_table
    from training_app.services.scoring import load_assessment_catalog, load_claim_model

    settings = get_settings()
    catalog = load_assessment_catalog(settings.assessments_dir)
    model, _ = load_claim_model(settings.models_dir / "claims")
    languages = [args.language] if args.language else ["zh", "en"]
    results = evaluate(catalog, settings.assessments_dir / "eval", split=args.split, languages=languages, model=model)
    if args.format == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_table(results))
    return 0


def _train(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.errors import InvalidInput
    from training_app.scoring.model import train_and_save
    from training_app.services.scoring import load_assessment_catalog

    if args.apply_choice and not args.grid:
        raise InvalidInput("scoring.apply_choice_needs_grid")
    if args.outer_groups < 0:
        raise InvalidInput("scoring.outer_groups_negative")
    settings = get_settings()
    catalog = load_assessment_catalog(settings.assessments_dir)
    out = args.output or settings.models_dir / "claims"
    baseline = load_assessment_catalog(args.baseline_rules) if args.baseline_rules else None
    meta = train_and_save(
        catalog,
        settings.assessments_dir / "eval",
        out,
        review_labels=args.review_labels,
        loso=not args.no_loso,
        baseline=baseline,
        baseline_label=args.baseline_label,
        fresh_only=args.fresh_only,
        jobs=args.jobs,
        asr_check=args.asr_check,
        grid=args.grid,
        outer_groups=args.outer_groups,
        apply_choice=args.apply_choice,
    )
    summary = {"output": str(out), "version": meta["version"], "thresholds": meta["thresholds"]}
    summary["decision"] = {lang: d.get("use_model") for lang, d in meta.get("decision", {}).items()}
    sys.stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
    if meta.get("loso"):
        from training_app.scoring.evaluation import format_loso

        # the on/off decision is printed under the table it came from: the current rules' when it has fresh folds
        def decided(lang: str, current: bool) -> Any:
            return meta["decision"].get(lang) if ("fresh" in meta["loso"].get(lang, {})) == current else None

        tables = {lang: {**v, "decision": decided(lang, True)} for lang, v in meta["loso"].items()}
        sys.stdout.write(f"rules {meta['rule_set_version']}:" + format_loso(tables))
    if meta.get("loso_baseline"):
        base = meta["loso_baseline"]
        tables = {k: {**v, "decision": decided(k, False)} for k, v in base.items() if k in meta["loso"]}
        sys.stdout.write(f"\nbaseline rules {meta['loso_baseline']['rule_set_version']}:" + format_loso(tables))
    return 0


def _models_evaluate(args: argparse.Namespace) -> int:
    """Leave-one-source-out table (no model is written): the honest estimate across authors."""
    from training_app.config import get_settings
    from training_app.scoring.evaluation import BASELINE_TUNED_SOURCES, decide, format_loso, loso, prepare_sources
    from training_app.scoring.model import SETTINGS, data_files, source_items
    from training_app.services.scoring import load_assessment_catalog

    settings = get_settings()
    catalog = load_assessment_catalog(settings.assessments_dir)
    eval_dir = settings.assessments_dir / "eval"
    if args.baseline_rules:
        catalog = load_assessment_catalog(args.baseline_rules)
    results = {}
    for lang, paths in data_files(eval_dir).items():
        if args.language and lang != args.language:
            continue
        prepared = prepare_sources(source_items(paths), lang, catalog)
        tuned = BASELINE_TUNED_SOURCES if args.baseline_rules else None
        results[lang] = loso(prepared, lang, catalog, SETTINGS[lang], eval_dir=eval_dir, tuned=tuned)
        results[lang]["decision"] = decide(results[lang])
    if args.format == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_loso(results))
    return 0
