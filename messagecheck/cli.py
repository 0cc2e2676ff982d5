"""Command line: `python -m messagecheck check [--json]` reads one message from stdin.

Also `vectors` (the shared test vectors for the page's JavaScript, from the corpus) and `export` (the JSON
the build writes for the page). Exit codes: 0 done, 2 bad input or usage (one line on stderr), 1 the signal
data is wrong (its file:line on stderr).
"""
from __future__ import annotations

import argparse
import json
import sys

from messagecheck.analysis import analyse
from messagecheck.signals import SignalDataError, default_signals
from messagecheck.text import MAX_CHARS, normalise


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line on stderr, exit 2
        self.exit(2, f"messagecheck: {message}\n")


def _read_message(stream) -> str:
    raw = stream.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"the message is not UTF-8 text (byte {error.start + 1}); save or paste it as UTF-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not normalise(text):
        raise ValueError("the message is empty; pipe the message text on stdin")
    if len(text) > MAX_CHARS:
        raise ValueError(f"the message has {len(text)} characters; at most {MAX_CHARS} are checked")
    return text


def _human(analysis, signals) -> str:
    verdict = signals.verdict(analysis.verdict)
    lines = [f"结论：{verdict.title}（{verdict.id}）", verdict.sentence]
    if analysis.found:
        lines.append("")
        lines.append("发现的迹象：")
    for found in analysis.found:
        signal = found.signal
        lines.append(f"- {signal.label}（{signal.id}）：“{analysis.evidence(found)}”")
        lines.append(f"  规则：{signal.rule}")
        lines.append(f"  怎么做：{signal.todo}")
        lines.append(f"  详见：docs/{signal.link}")
    return "\n".join(lines)


def main(argv=None, stdin=None, stdout=None, stderr=None) -> int:
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = _Parser(prog="python -m messagecheck", description="消息自查: check one message read from stdin")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help="analyse the message on stdin")
    check.add_argument("--json", action="store_true", help="print JSON")
    vectors = commands.add_parser("vectors", help="test vectors for the page's JavaScript, as JSON")
    vectors.add_argument("--corpus", help="corpus YAML (default tests/messagecheck_corpus.yml)")
    commands.add_parser("export", help="the JSON the build writes for the page")
    args = parser.parse_args(argv)
    try:
        signals = default_signals()
    except SignalDataError as error:
        stderr.write(f"{error}\n")
        return 1
    if args.command == "export":
        from messagecheck.export import page_data

        stdout.write(json.dumps(page_data(signals), ensure_ascii=False) + "\n")
        return 0
    if args.command == "vectors":
        from pathlib import Path

        from messagecheck.corpus import CORPUS_FILE, load_corpus
        from messagecheck.export import vectors as make_vectors

        corpus = load_corpus(Path(args.corpus) if args.corpus else CORPUS_FILE)
        stdout.write(json.dumps(make_vectors(signals, corpus), ensure_ascii=False) + "\n")
        return 0
    try:
        text = _read_message(stdin)
    except ValueError as error:
        stderr.write(f"messagecheck: {error}\n")
        return 2
    analysis = analyse(text, signals)
    if args.json:
        stdout.write(json.dumps(analysis.as_json(), ensure_ascii=False) + "\n")
    else:
        stdout.write(_human(analysis, signals) + "\n")
    return 0
