"""Quantified rules as data: load and verify rule files, evaluate scenarios, calculate, compare.

The public API, for the CLI and the GUI dialogs:

- ``RuleBook.load(engine)`` reads ``resources/rules/*.toml`` and the user's
  ``<data dir>/rules/*.toml``, checks them, and verifies each quote in the store.
- ``evaluate(regime, scenario, book=...)`` / ``evaluate_all(book, scenario)`` -> ``Verdict``.
- ``compare(regimes)`` -> ``Comparison``; ``to_csv(comparison, scenario=, verdicts=)``.
- calculators: ``money_transfer``, ``salary_withholding``, ``never_convicted``,
  ``tobacco_exemption``, ``amnesty_window`` -> ``CalculationResult``.
- ``save_user_rule(text)`` writes a validated user rule file (provenance ``manual``).
"""

from lawtracker.services.rules.calculators import (
    GRAVITIES,
    amnesty_window,
    money_transfer,
    never_convicted,
    salary_withholding,
    tobacco_exemption,
)
from lawtracker.services.rules.compare import compare, threshold_rows, to_csv
from lawtracker.services.rules.dates import add_and_flag, describe, flag_date
from lawtracker.services.rules.engine import (
    clause_dict,
    evaluate,
    evaluate_all,
    money,
    thresholds,
)
from lawtracker.services.rules.loading import (
    LoadProblem,
    RuleBook,
    RuleFileError,
    bundled_rules_dir,
    load_regime,
    read_rule_file,
    save_user_rule,
    user_rules_dir,
)
from lawtracker.services.rules.schema import KINDS, SCHEMA_ID, validate

__all__ = [
    "GRAVITIES",
    "KINDS",
    "SCHEMA_ID",
    "LoadProblem",
    "RuleBook",
    "RuleFileError",
    "add_and_flag",
    "amnesty_window",
    "bundled_rules_dir",
    "clause_dict",
    "compare",
    "describe",
    "evaluate",
    "evaluate_all",
    "flag_date",
    "load_regime",
    "money",
    "money_transfer",
    "never_convicted",
    "read_rule_file",
    "salary_withholding",
    "save_user_rule",
    "threshold_rows",
    "thresholds",
    "to_csv",
    "tobacco_exemption",
    "user_rules_dir",
    "validate",
]
