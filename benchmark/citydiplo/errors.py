"""The one exception type for a user's bad input: it names the file, line and problem."""

from __future__ import annotations


class InputError(Exception):
    """Bad input from a user: the CLI prints it as ``file:line: problem`` and exits 2."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem
