"""The `ekd` command line (DESIGN.md §6): a click group around the Flask app."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup

from engine import guidelines, simulation
from engine.errors import EkdError
from web.app import create_app
from web.config import Config
from web.operations import COMMANDS


@click.group(cls=FlaskGroup, create_app=create_app, add_default_commands=False,
             load_dotenv=False, set_debug_flag=False)
def cli():
    """ekd: één kind, één diagnose."""


for _command in COMMANDS:
    cli.add_command(_command)


def fail(command: str, error: Exception) -> None:
    """Print one clear line on stderr and exit non-zero."""
    message = " ".join(str(error).split())
    click.echo(f"ekd {command}: fout: {message}", err=True)
    sys.exit(1)


@cli.command("validate", with_appcontext=False)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate_command(paths: tuple[Path, ...]) -> None:
    """Check a guideline: BPMN/DMN files or folders, with their forms."""
    config = Config.from_environment()
    try:
        guideline = guidelines.load(paths, config.forms_dir)
        problems = guidelines.check(guideline)
    except EkdError as error:
        fail("validate", error)
    for problem in problems:
        click.echo(f"FOUT {problem}")
    if problems:
        click.echo(f"{len(problems)} probleem/problemen gevonden", err=True)
        sys.exit(1)
    processes = guideline.process_ids()
    tasks = {e.id for p in processes for e in guideline.process(p).elements.values() if e.manual}
    click.echo(f"OK: {len(processes)} proces(sen), {len(tasks)} taken, {len(guideline.forms)} formulieren, "
               f"versie {guideline.version}")


@cli.command("simulate", with_appcontext=False)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--process", "process_id", required=True, help="Id van het proces om te starten.")
@click.option("--answers", "answers_file", required=True, type=click.Path(path_type=Path),
              help="JSON: taak-id → antwoord (object) of lijst van antwoorden.")
def simulate_command(files: tuple[Path, ...], process_id: str, answers_file: Path) -> None:
    """Run a process headless with answers from a file; print one JSON object."""
    config = Config.from_environment()
    try:
        try:
            answers = json.loads(answers_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise simulation.SimulationError(f"antwoordbestand {answers_file}: {error}") from None
        result = simulation.simulate(list(files), process_id, answers, forms_dir=config.forms_dir)
    except EkdError as error:
        fail("simulate", error)
    for warning in result.warnings:
        click.echo(f"ekd simulate: let op: {warning}", err=True)
    click.echo(json.dumps(result.as_json(), ensure_ascii=False))


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Processen.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 256), help="Draden per proces.")
def serve_command(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the web app with gunicorn and run the timer scheduler beside it."""
    from web.serving import serve
    click.echo(f"ekd luistert op http://{host}:{port}")
    serve(current_app._get_current_object(), host, port, workers, threads)


def main() -> None:
    """Entry point of the `ekd` console script."""
    cli(prog_name="ekd")
