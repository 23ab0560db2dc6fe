"""Evaluation: automatic metrics, the empathy-factor classifier, safety flags, the rating study (blind codes,
survey import, a simulated rater panel) and the statistics that re-test the study's claims.

The main job calls `tide_core.pipeline.evaluate.evaluation_step(warehouse_path)`; everything it computes is
stored in the warehouse (metric_scores, rater_panels, ratings, stat_results, findings) so the dashboard only
reads. See docs/methods.md for the methods and their assumptions.
"""

# Bumped whenever a score, the simulation or a statistic changes meaning, so stored results name their code.
EVAL_VERSION = "eval-1"
