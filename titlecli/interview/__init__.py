"""`titlecli interview`: the questionnaire that writes or edits a profile (see flow.py).

questions.py derives the questions from the profile model, needs.py picks the ones a region's
rules read, store.py keeps the user's file (comments included) and the draft.
"""
