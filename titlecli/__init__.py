"""titlecli: check eligibility for a Chinese professional title and bind the dossier."""

__version__ = "0.1.0"
