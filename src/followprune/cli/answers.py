"""Questions on the terminal, with the end of input (Ctrl-D, a closed pipe) read as "no".

Bare `input()` raises EOFError and click's prompts turn both EOF and Ctrl-C into Abort
("Aborted!", exit 1); here EOF is the cautious answer and Ctrl-C stays an interrupt (130).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from followprune.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console


def answer(console: Console, prompt: str) -> str | None:
    """A line typed at `prompt`; None when the input ended (the caller quits, changing
    nothing)."""
    try:
        return console.input(prompt)
    except EOFError:
        console.print()  # the prompt had no newline of its own
        return None


def confirm(question: str, *, default: bool, err: bool = False) -> bool:
    """click.confirm, but the input ending is a "no": nothing is spent or changed. Yes and
    no are also "sí"/"sim"/"はい"/"ja"/"oui" and "não"/"いいえ"/"nein"/"non", as at the review
    prompt (app.selection.YES_WORDS, NO_WORDS)."""
    from followprune.app.selection import NO_WORDS, YES_WORDS, answer_word

    suffix = " [Y/n]: " if default else " [y/N]: "
    while True:
        try:
            typed: str = click.prompt(question, default="", show_default=False,
                                      prompt_suffix=suffix, err=err)
        except click.exceptions.Abort as exc:
            if isinstance(exc.__context__, EOFError):
                click.echo(err=err)
                return False
            raise KeyboardInterrupt from None
        word = answer_word(typed)
        if not word:
            return default
        if word in YES_WORDS or word in NO_WORDS:
            return word in YES_WORDS
        click.echo("Error: invalid input", err=err)


def prompt(question: str, *, secret: bool = False) -> str:
    """click.prompt; the input ending before an answer is an error naming the question."""
    try:
        text: str = click.prompt(question, err=True, hide_input=secret)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, EOFError):
            raise InputError(f"no answer to {question!r}: the input ended",
                             hint="run it on a terminal, or give the answer on stdin") from None
        raise KeyboardInterrupt from None
    return text
