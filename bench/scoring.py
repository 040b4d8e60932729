"""Time to score a realistic 5-minute transcript (Mandarin ~1,200 characters, or English ~750 words with
``--language en``; word timings), text only.

Run: .venv/bin/python bench/scoring.py [--runs N] [--language zh|en]. Prints the median wall time of N runs (target
≤ 50 ms on 2 cores), the median CPU time (the figure to trust on a loaded machine) and the load average. Scores as
deployed: with the claim model (models/claims/) where ``claims.use_model`` turns it on for the language. The
normalisation memo is cleared before each run, so every run times a transcript the scorer has not seen.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from pathlib import Path

from training_app.scoring.text import clear_normalize_memo
from training_app.services.scoring import load_assessment_catalog, load_claim_model, score_transcript
from training_app.speech.transcript import Segment, Transcript, Word

ROOT = Path(__file__).resolve().parent.parent
LINES = [
    "家人们晚上好，欢迎来到我们的直播间，新来的朋友点个关注。",
    "今天给大家带来的是陕西洛川的红富士苹果，黄土高原上种出来的。",
    "我们洛川海拔一千米左右，昼夜温差大，所以苹果特别脆甜。",
    "有朋友问能放多久，收到以后放冰箱冷藏，能放一两个月没问题。",
    "这一箱是十斤装，果径八十到八十五毫米，今天直播间价格五十九块九。",
    "坏果包赔，拍照联系客服就行，快递是顺丰，一般两三天就到。",
    "喜欢脆一点的还是面一点的？喜欢脆的扣1，喜欢面的扣2。",
    "这是我们家今年最甜的一批，糖度测了十五度左右。",
    "原价一百九十九，今天只要三十九，全网最低价，家人们冲！",
    "我们不说它能治病，它就是普通水果，大家正常吃就好。",
    "点击下方小黄车一号链接，库存还有，后台显示已经下单三百多单了。",
    "嗯，那个，洗干净连皮吃最好，皮里也有膳食纤维。",
]

# ~150 words per minute: a 5-minute English stream is about 750 words.
EN_LINES = [
    "Hello everyone and welcome to the live room, new friends please tap follow.",
    "Today we have Luochuan apples from Shaanxi, grown on the Loess Plateau at about a thousand meters.",
    "Big day and night temperature differences make them crisp and sweet, you can hear the crunch.",
    "Someone asked how long they keep: in the fridge they stay fresh for a month or two.",
    "This box is five kilos, eighty to eighty-five millimeters, and today's price on stream is fifty-nine ninety.",
    "If any arrive damaged, send a photo to customer service and we replace them, shipping takes two or three days.",
    "Do you like them crisp or soft? Type one for crisp and two for soft in the chat.",
    "This is the sweetest batch we have picked this year, we measured about fifteen degrees Brix.",
    "Was one hundred ninety-nine, today only thirty-nine, lowest price on the internet, go go go!",
    "We never say it cures anything, it is just ordinary fruit, eat it like normal fruit.",
    "Click the yellow cart below, link number one, the back end shows over three hundred orders already.",
    "Um, you know, wash them and eat them with the skin, there is fibre in the skin too.",
]


def build_transcript(target_chars: int = 1200, seconds: float = 300.0, language: str = "zh") -> Transcript:
    lines, unit = (LINES, len) if language == "zh" else (EN_LINES, lambda t: len(t.split()))
    target = target_chars if language == "zh" else 750
    texts: list[str] = []
    while sum(unit(t) for t in texts) < target:
        texts.append(lines[len(texts) % len(lines)])
    per_char = seconds / sum(len(t) for t in texts)
    segments, clock = [], 0.0
    for text in texts:
        if language == "zh":  # one Word per character, as Whisper gives for Mandarin
            spans = [(i, i + 1) for i in range(len(text))]
        else:  # one Word per English word
            spans = [m.span() for m in re.finditer(r"\S+", text)]
        words = tuple(Word(clock + a * per_char, clock + b * per_char * 0.98, text[a:b]) for a, b in spans)
        segments.append(Segment(clock, clock + len(text) * per_char, text, words))
        clock += len(text) * per_char
    return Transcript(language, clock, tuple(segments))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--language", choices=["zh", "en"], default="zh")
    args = parser.parse_args()
    catalog = load_assessment_catalog(ROOT / "assessments")
    product = catalog.products["luochuan-apple"]
    transcript = build_transcript(language=args.language)
    chars = sum(len(s.text) for s in transcript.segments)
    model, version = load_claim_model(ROOT / "models" / "claims")
    on = model is not None and catalog.scoring.claims.use_model.get(args.language, False)
    score_transcript(transcript, product=product, catalog=catalog, claim_model=model)  # warm-up: compile rules
    times, cpu = [], []
    for _ in range(args.runs):
        clear_normalize_memo()
        start, start_cpu = time.perf_counter(), time.process_time()
        score_transcript(transcript, product=product, catalog=catalog, claim_model=model)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    print(f"transcript: {chars} characters, {transcript.duration_s:.0f} s, {len(transcript.segments)} segments")
    print(f"claim model: {version if on else 'off for ' + args.language} (rule set {catalog.rule_set_version})")
    print(
        f"score_transcript (text only): median {statistics.median(times):.1f} ms over {args.runs} runs "
        f"(min {min(times):.1f}, max {max(times):.1f}); CPU time median {statistics.median(cpu):.1f} ms"
    )
    print(f"load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
