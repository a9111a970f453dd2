"""Names vulture (run by tests/test_dead_code.py) cannot see used: each is read by a library or
by data, not by a call in titlecli. Keep it short; a name listed here must say who reads it."""

# typer commands and callbacks (by decorator) and condition kinds (by subclassing ConditionBase,
# named by `kind:` in region files) are left out by ignore_decorators / ignore_names in
# pyproject.toml.

# library protocols: the signature is the library's, the argument unused on purpose
objtype  # lazyclass: descriptor __get__(self, obj, objtype)
encryption_key  # dossier.assemble: pypdf's write_to_stream(stream, encryption_key)
apply_transformation  # interview.flow: prompt_toolkit Processor method
YES  # interview.flow: questionary.prompts.confirm.YES/NO, the echoed answer
NO

# attributes set on library objects, which read them when writing
alignment  # openpyxl cell style
number_format  # openpyxl
freeze_panes  # openpyxl sheet
errorTitle  # openpyxl data validation
prompt
promptTitle
showInputMessage
data_type  # openpyxl cell
quotePrefix
created  # openpyxl workbook properties
modified
creator
compress_type  # zipfile.ZipInfo
external_attr
page_mode  # pypdf writer
shapable  # reportlab TTFont (dossier.fontcache sets it as TTFont.__init__ does)
allow_unicode  # ruamel.yaml
preserve_quotes

# fields of the schema: read from profile and region files by pydantic, written down in docs/
duties  # model.Work: 主要工作内容, checked by field_length rules and shown by online
paper_size  # rules.DossierRules
count_until_source  # rules.Region: the citation of count_until
records_since_source  # rules.Region: the citation of records_since

# read by bench/batch.py (peak memory and CPU of batch workers)
worker_peak_kb
worker_cpu_s

# titlecli.helptext: the library calls an exception's show() (its swapping a command's __class__
# in place is seen as used since records compare __class__: titlecli.results)
show

# the interview answered by question key: used by tests/test_interview*.py and bench/interview.py
Scripted  # interview.scripted
asked_keys
unused
answer  # interview.scripted.Asked: what a test looks at

# roster.columns: the model fields a roster column could not be derived for, each saying what to
# add; tests/test_roster_columns.py asserts there are none (a batch must not fail over it)
PROBLEMS

# ---- work in progress: written for a change another engineer has not landed yet. Each line
# says whose; once the code uses it (or the change is dropped), the line goes. Names below this
# line are not held to "vulture would report it" by tests/test_dead_code.py.
for_values  # terms, issue 14
