#!/usr/bin/python3
"""Execute Trendformer's notebooks headless with the Deno kernel, and type-check them.

Run it with Debian's /usr/bin/python3 (it has nbclient and jupyter_client; the pyenv python first on
PATH does not):

    /usr/bin/python3 tools/run_notebooks.py [--out DIR] [--timeout S] [--quiet S] [--html]
                                            [--check | --check-only] [--deno PATH] [NB ...]

With no NB it runs notebooks/*.ipynb, sorted. Each notebook runs in a fresh kernel whose working
directory is the notebook's folder (so `../lib/mod.ts` resolves as it does in an editor). The executed
copy goes to DIR/<name>.ipynb (default data/executed/), written atomically; the source notebook is
never touched, so notebooks kept in git stay output-free. One line per notebook is printed.

Exit status: 0 when every notebook ran (and type-checked) cleanly, 1 when any cell raised, timed out,
killed the kernel or failed the type check (the message names the notebook and the cell), 2 on a
usage error. The executed copy of a failed notebook is still written, with the error in its cell.

Output-ordering trap: the Deno kernel sometimes publishes a cell's stream/execute_result messages a
few ms *after* its `status: idle`; stock nbclient stops reading at idle and drops them silently. Here,
after idle, IOPub is read on until it has been quiet for --quiet seconds (default 0.1), and every
message is routed to its cell by its parent msg_id, so a late output lands in the cell that made it,
even when it arrives while a later cell runs. (Output from a timer that fires while a later cell
runs is tagged by the kernel with that later cell, and lands there.)

The kernel does not type-check. --check joins each notebook's code cells into a temporary .ts file
(relative imports made absolute) and runs `deno check` on them all in one deno process, with the
project's deno.json, reporting errors by notebook and cell.

The kernel is started from a private kernelspec that points at the deno binary given by --deno, else
$DENO, else `deno` on PATH, else .tools/node_modules/deno/deno; so the run does not depend on which
deno `deno jupyter --install` saw. NO_COLOR=1 is set for the kernel.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import (
        CellExecutionComplete,
        CellExecutionError,
        CellTimeoutError,
        DeadKernelError,
    )
    from nbclient.util import ensure_async
except ImportError as e:  # pragma: no cover - environment problem, explained to the user
    sys.stderr.write(
        f"run_notebooks: {e}. Use Debian's /usr/bin/python3 with jupyter-nbconvert and "
        "jupyter-client installed (./dev run-notebooks installs them).\n"
    )
    sys.exit(2)

ROOT = Path(__file__).resolve().parent.parent
KERNEL_NAME = "trendformer-deno"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
REJECTED = re.compile(r"^(?:\x1b\[[0-9;]*m)*Promise \{\s*(?:\x1b\[[0-9;]*m)*<rejected>")
OUTPUT_TYPES = {"stream", "execute_result", "display_data", "error"}


class RejectedPromise(Exception):
    """A cell's value was a rejected promise: the kernel shows it, but does not report an error."""


class NotebookFailure(Exception):
    """A notebook failed; the message names the notebook and the cell."""


class QuietClient(NotebookClient):
    """An nbclient NotebookClient that keeps reading IOPub after idle until it is quiet.

    nbclient's own poller returns at the cell's `status: idle` and throws away any message whose
    parent is not the running cell. This one records every executed cell by its request msg_id,
    routes each IOPub message to the cell it belongs to, and after idle reads on until no message
    has arrived for `quiet` seconds (at most `max_drain` seconds in all).
    """

    def __init__(self, nb, quiet: float, max_drain: float, **kw):
        super().__init__(nb, **kw)
        self.quiet = quiet
        self.max_drain = max_drain
        # nbclient waits this long for our poller after the shell reply; it must outlast a drain.
        self.iopub_timeout = int(max_drain + 5)
        self.raise_on_iopub_timeout = True
        self.cells_by_msg: dict[str, tuple] = {}
        self.current_index = -1
        self.poll_task: asyncio.Task | None = None
        self.late_outputs = 0  # outputs that arrived after their cell's idle: what stock nbclient drops

    async def async_execute_cell(self, cell, cell_index, *args, **kw):
        self.current_index = cell_index
        try:
            cell = await super().async_execute_cell(cell, cell_index, *args, **kw)
        except BaseException:
            # nbclient leaves the IOPub poller pending after a timeout; stop it before we go.
            if self.poll_task is not None and not self.poll_task.done():
                self.poll_task.cancel()
            raise
        for out in cell.get("outputs", []):
            if out.get("output_type") != "execute_result":
                continue
            text = out.get("data", {}).get("text/plain", "")
            if REJECTED.match(text):
                raise RejectedPromise(ANSI.sub("", text))
        return cell

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        assert self.kc is not None
        self.cells_by_msg[parent_msg_id] = (cell, cell_index)
        self.poll_task = asyncio.current_task()
        drain_deadline = None  # set when this cell's idle arrives
        while True:
            if drain_deadline is None:
                timeout = None
            else:
                timeout = min(self.quiet, drain_deadline - time.monotonic())
                if timeout <= 0:
                    return
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=timeout))
            except Empty:
                return  # quiet for `quiet` seconds after idle
            parent = msg["parent_header"].get("msg_id")
            owner = self.cells_by_msg.get(parent)
            if owner is None:
                continue  # kernel_info, or another client's request: not a cell's output
            owner_cell, owner_index = owner
            is_current = parent == parent_msg_id
            if (not is_current or drain_deadline is not None) and msg["msg_type"] in OUTPUT_TYPES:
                self.late_outputs += 1
            try:
                self.process_message(msg, owner_cell, owner_index)
            except CellExecutionComplete:
                if is_current and drain_deadline is None:
                    drain_deadline = time.monotonic() + self.max_drain


def find_deno(explicit: str | None) -> str:
    candidates = [explicit, os.environ.get("DENO"), shutil.which("deno"),
                  str(ROOT / ".tools/node_modules/deno/deno")]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.abspath(c)
    raise NotebookFailure(
        "cannot find deno: pass --deno PATH, set $DENO, put deno on PATH, or run ./dev once"
    )


def make_kernelspec(deno: str, into: Path) -> None:
    """Write a private kernelspec for `deno` under `into/kernels/` (for JUPYTER_PATH)."""
    spec_dir = into / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
        "display_name": "Deno (Trendformer runner)",
        "language": "typescript",
        "env": {"NO_COLOR": "1"},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual mode
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def source_head(cell, lines: int = 3) -> str:
    src = cell.source.strip().splitlines()
    head = "\n".join("    | " + line for line in src[:lines])
    return head + ("\n    | …" if len(src) > lines else "")


def code_count(nb) -> int:
    return sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip())


def describe_cell(nb, index: int) -> str:
    """'cell 2 of 5 (index 1)': the 1-based position among all cells, and nbformat's 0-based index."""
    return f"cell {index + 1} of {len(nb.cells)} (index {index})"


# The Deno kernel (2.9.6) now and then publishes a message whose HMAC does not verify: when two
# outputs are published at nearly the same moment, their frames can interleave on the IOPub socket.
# jupyter_client then raises "Invalid Signature". That is the transport, not the notebook: the run is
# repeated in a fresh kernel, at most TRANSPORT_RETRIES times, and the retry is reported.
TRANSPORT_RETRIES = 2


def is_transport_error(e: BaseException) -> bool:
    """A garbled kernel message (bad HMAC), as opposed to an error raised by the notebook's code."""
    return isinstance(e, ValueError) and "Invalid Signature" in str(e)


def execute(nb_path: Path, args) -> tuple:
    """Execute one notebook, repeating it after a garbled kernel message (see TRANSPORT_RETRIES).
    Return (executed nb, seconds, late outputs, failure message or None, retries)."""
    for attempt in range(TRANSPORT_RETRIES + 1):
        nb, seconds, late, failure, transport = execute_once(nb_path, args)
        if not transport or attempt == TRANSPORT_RETRIES:
            return nb, seconds, late, failure, attempt
    raise AssertionError("unreachable")


def execute_once(nb_path: Path, args) -> tuple:
    """Execute one notebook once; return (nb, seconds, late outputs, failure or None, transport)."""
    nb = nbformat.read(nb_path, as_version=4)
    transport = False
    client = QuietClient(
        nb,
        quiet=args.quiet,
        max_drain=args.max_drain,
        kernel_name=KERNEL_NAME,
        timeout=args.timeout,
        startup_timeout=120,
        resources={"metadata": {"path": str(nb_path.parent)}},
        record_timing=False,
    )
    t0 = time.monotonic()
    failure = None
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as kernel_log:
        try:
            client.execute(stderr=kernel_log)
        except CellExecutionError as e:
            i = client.current_index
            failure = (f"{nb_path}: {describe_cell(nb, i)} raised {e.ename}: "
                       f"{ANSI.sub('', e.evalue)}\n{source_head(nb.cells[i])}")
        except RejectedPromise as e:
            i = client.current_index
            failure = (f"{nb_path}: {describe_cell(nb, i)} evaluated to a rejected promise "
                       f"(await it):\n{e}\n{source_head(nb.cells[i])}")
        except CellTimeoutError:
            i = client.current_index
            failure = (f"{nb_path}: {describe_cell(nb, i)} timed out after {args.timeout} s "
                       f"(--timeout)\n{source_head(nb.cells[i])}")
        except DeadKernelError:
            i = client.current_index
            failure = (f"{nb_path}: the kernel died during {describe_cell(nb, i)} "
                       f"(Deno.exit() or a crash)\n{source_head(nb.cells[i])}")
        except Exception as e:  # the kernel failed to start, a garbled message, and the like
            transport = is_transport_error(e)
            failure = f"{nb_path}: {type(e).__name__}: {ANSI.sub('', str(e)).strip()}"
        finally:
            if client.km is None:  # already cleaned up; nbclient's exit hook would fail on it
                atexit.unregister(client._cleanup_kernel)
        if failure:
            kernel_log.seek(0)
            lines = [ln for ln in ANSI.sub("", kernel_log.read()).splitlines()
                     if ln.strip() and "is unstable and might change" not in ln]
            if lines:
                failure += "\n  kernel stderr (last lines):\n" + "\n".join(
                    "    " + ln for ln in lines[-15:])
    seconds = time.monotonic() - t0
    return nb, seconds, client.late_outputs, failure, transport


def strip_ansi_outputs(nb) -> None:
    """Remove ANSI colour codes from text outputs (NO_COLOR covers the kernel; not every library)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                out["text"] = ANSI.sub("", out["text"])
            elif out.get("output_type") == "error":
                out["traceback"] = [ANSI.sub("", t) for t in out.get("traceback", [])]
                out["evalue"] = ANSI.sub("", out.get("evalue", ""))


def to_html(nb) -> str:
    from nbconvert import HTMLExporter  # imported lazily: only --html needs it

    body, _ = HTMLExporter().from_notebook_node(nb)
    return body


RELATIVE_IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}/[^"'\n]*)\2""")


def joined_code(nb_path: Path) -> tuple[str, list[tuple[int, int]]]:
    """A notebook's code cells as one module, relative imports made absolute (file URLs, as the
    kernel resolves them from the notebook's folder); and the first line of each cell in it."""
    nb = nbformat.read(nb_path, as_version=4)
    base = nb_path.resolve().parent

    def absolute(m: re.Match) -> str:
        return f"{m.group(1)}{m.group(2)}{(base / m.group(3)).resolve().as_uri()}{m.group(2)}"

    parts = [f"// Type-check of {nb_path}: its code cells joined in order.\n"]
    starts, line = [], 2
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        src = RELATIVE_IMPORT.sub(absolute, cell.source.rstrip()) + "\n;\n"
        parts.append(f"// --- cell index {i} ---\n")
        starts.append((line + 1, i))
        parts.append(src)
        line += 1 + src.count("\n")
    parts.append("export {};\n")
    return "".join(parts), starts


def type_check(paths: list[Path], deno: str) -> dict[Path, str]:
    """Type-check the code of each notebook with one `deno check`; return failures by notebook.

    The joined files go to a temporary folder (not next to the notebooks, where `deno check` or
    `deno fmt` of the repo would see them); deno takes the compiler options and import map from the
    project's deno.json, found from the working directory.
    """
    with tempfile.TemporaryDirectory(prefix="trendformer-nbcheck-") as tmp_dir:
        files: dict[Path, tuple[Path, list[tuple[int, int]]]] = {}
        for k, nb_path in enumerate(paths):
            code, starts = joined_code(nb_path)
            tmp = Path(tmp_dir) / f"{k:02d}_{nb_path.stem}.ts"
            tmp.write_text(code, encoding="utf-8")
            files[nb_path] = (tmp, starts)
        proc = subprocess.run(
            [deno, "check", "--quiet", *[str(f) for f, _ in files.values()]],
            cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "NO_COLOR": "1", "RUST_BACKTRACE": "0"},
        )
        if proc.returncode == 0:
            return {}
        text = ANSI.sub("", proc.stdout + proc.stderr)
        failures: dict[Path, str] = {}
        for nb_path, (tmp, starts) in files.items():
            uri = tmp.resolve().as_uri()
            if uri not in text:
                continue

            def relabel(m: re.Match) -> str:
                ln, col = int(m.group(1)), m.group(2)
                owner = max((s for s in starts if s[0] <= ln), default=(1, -1))
                return f"{nb_path} cell {owner[1] + 1} (index {owner[1]}), line {ln - owner[0] + 1}:{col}"

            failures[nb_path] = re.sub(re.escape(uri) + r":(\d+):(\d+)", relabel, text).strip()
        if not failures:  # deno failed without naming a notebook (e.g. a broken import map)
            failures[paths[0]] = text.strip()
        return failures


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog="run_notebooks.py",
        description="Execute notebooks headless with the Deno kernel (see the module docstring).",
    )
    p.add_argument("notebooks", nargs="*", metavar="NB", help="notebooks (default notebooks/*.ipynb)")
    p.add_argument("--out", default=str(ROOT / "data" / "executed"),
                   help="folder for the executed copies (default data/executed/)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    p.add_argument("--quiet", type=float, default=0.1,
                   help="seconds of IOPub quiet after a cell's idle before moving on (default 0.1)")
    p.add_argument("--max-drain", type=float, default=5.0,
                   help="at most this many seconds of reading after a cell's idle (default 5)")
    p.add_argument("--html", action="store_true", help="also export DIR/<name>.html with nbconvert")
    p.add_argument("--check", action="store_true", help="type-check the notebooks' code first")
    p.add_argument("--check-only", action="store_true", help="type-check only; execute nothing")
    p.add_argument("--deno", help="deno binary for the kernel and the type check")
    args = p.parse_args(argv)
    if args.timeout <= 0 or args.quiet < 0 or args.max_drain < args.quiet:
        p.error("--timeout must be > 0, --quiet >= 0, --max-drain >= --quiet")

    paths = [Path(n) for n in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            p.error(f"not a notebook file: {path}")
    names = [path.name for path in paths]
    if len(set(names)) != len(names):
        p.error("two notebooks share a file name; their executed copies would collide")
    if not paths:
        print("run_notebooks: no notebooks to run")
        return 0

    try:
        deno = find_deno(args.deno)
    except NotebookFailure as e:
        sys.stderr.write(f"run_notebooks: {e}\n")
        return 1
    failed = 0

    if args.check or args.check_only:
        t0 = time.monotonic()
        failures = type_check(paths, deno)
        for path, message in failures.items():
            sys.stderr.write(f"FAILED type check: {path}\n{message}\n")
        failed += len(failures)
        print(f"type-checked {len(paths)} notebook(s) in {time.monotonic() - t0:.1f} s"
              + (f": {len(failures)} failed" if failures else ": ok"), flush=True)
        if args.check_only or failures:
            return 1 if failed else 0

    out_dir = Path(args.out)
    os.environ["NO_COLOR"] = "1"
    with tempfile.TemporaryDirectory(prefix="trendformer-kernel-") as spec_root:
        make_kernelspec(deno, Path(spec_root))
        os.environ["JUPYTER_PATH"] = os.pathsep.join(
            [spec_root] + ([os.environ["JUPYTER_PATH"]] if os.environ.get("JUPYTER_PATH") else [])
        )
        for path in paths:
            nb, seconds, late, failure, retries = execute(path, args)
            strip_ansi_outputs(nb)
            target = out_dir / path.name
            write_atomic(target, nbformat.writes(nb))
            if args.html:
                write_atomic(target.with_suffix(".html"), to_html(nb))
            status = "FAILED" if failure else "ok"
            late_note = f", {late} late output(s) kept" if late else ""
            if retries:
                late_note += f", repeated {retries}× after a garbled kernel message"
            n = code_count(nb)
            print(f"{status:6} {path}  {n} code cell{'' if n == 1 else 's'}  {seconds:.1f} s"
                  f"{late_note}  -> {target}", flush=True)
            if failure:
                failed += 1
                sys.stderr.write(f"FAILED {failure}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
