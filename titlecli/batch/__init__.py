"""`titlecli batch`: verdicts and dossiers for a whole roster, resumable and in parallel.

The library half, one module per job: `attachments` (matching each applicant's folder and
sorting its files into document kinds), `plan` (the roster read, one task per applicant whose
inputs changed), `worker` (running the tasks in worker processes), `state` (the resume journal
and what titlecli owns in OUTDIR), `summary` (report.json and the 汇总表, merging shards) and
`run` (the whole batch).  They pass typed results (`results`).  The command in
`titlecli/commands/batch.py` only parses options and shows progress.

Every output is written to a temp file in OUTDIR and renamed; temp files (`.titlecli-tmp-*`,
`.*.tmp`) left by a killed run are removed at start.
"""

from __future__ import annotations

from .attachments import Attachment, kind_of, list_attachments, match_folders
from .plan import Options, Plan, plan
from .results import LevelOutcome, Outcome, Row
from .run import run
from .state import REPORT_FILE, STATE_FILE, SUMMARY_FILES, clean_temp, load_state, output_name, owned, summary_name
from .summary import STATUS_NAMES, BatchResult, merge, summary_table, verdict_cell, write_outputs

__all__ = [
    "Attachment",
    "BatchResult",
    "LevelOutcome",
    "Options",
    "Outcome",
    "Plan",
    "REPORT_FILE",
    "Row",
    "STATE_FILE",
    "STATUS_NAMES",
    "SUMMARY_FILES",
    "clean_temp",
    "kind_of",
    "list_attachments",
    "load_state",
    "match_folders",
    "merge",
    "output_name",
    "owned",
    "plan",
    "run",
    "summary_name",
    "summary_table",
    "verdict_cell",
    "write_outputs",
]
