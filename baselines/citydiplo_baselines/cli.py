"""``bench train-transformer``: a command the baselines contribute to ``bench`` through the
``citydiplo.commands`` entry point, so that the core CLI never imports them."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("train-transformer")
@click.argument("checkpoint")
@click.option("--out", "out", type=click.Path(file_okay=False), required=True,
              help="Directory for cv_predictions.jsonl, run.json and (with --final) model/.")
@click.option("--epochs", type=click.IntRange(1), default=10, show_default=True, help="Passes over the training folds.")
@click.option("--lr", "learning_rate", type=float, default=5e-5, show_default=True, help="Peak learning rate (AdamW).")
@click.option("--batch-size", type=click.IntRange(1), default=8, show_default=True, help="Sentences per step.")
@click.option("--max-length", type=click.IntRange(8), default=256, show_default=True, help="Sub-tokens per sentence.")
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of the initialisation and the shuffling.")
@click.option("--device", type=click.Choice(["cpu", "cuda"]), default=None, help="Default: cuda when available.")
@click.option("--final", is_flag=True, help="Also fine-tune on all documents and save DIR/model (safetensors).")
@click.option("--root", type=click.Path(file_okay=False), default=None,
              help="Project directory (default: this checkout, $CITYDIPLO_ROOT, or the installed copy).")
def train_transformer(checkpoint: str, out: str, epochs: int, learning_rate: float, batch_size: int,
                      max_length: int, seed: int, device: str | None, final: bool, root: str | None) -> None:
    """Fine-tune a local Hugging Face CHECKPOINT with leave-one-document-out cross-validation."""
    from citydiplo.corpus.benchmark import load_benchmark

    from .transformer import TrainConfig
    from .transformer import train_transformer as run

    gold = load_benchmark(Path(root) if root else None)
    config = TrainConfig(epochs=epochs, learning_rate=learning_rate, batch_size=batch_size,
                         max_length=max_length, seed=seed, device=device)
    summary = run(checkpoint, Path(out), gold.documents, gold.inventory.ner_types, config, final)
    click.echo(f"{summary['predictions']}: cross-validated predictions ({summary['seconds']} s); "
               f"score them with: bench evaluate {summary['predictions']}")
    if final:
        click.echo(f"{summary['model']}: the model fine-tuned on all documents")
